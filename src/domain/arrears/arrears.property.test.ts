import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rules } from '../../rules/load.ts'
import { pence } from '../shared/pence.ts'
import { Temporal } from '../shared/plain-date.ts'
import { proposeMatches, reconcile, type Dated } from './index.ts'

const book = rules()
const BASE = Temporal.PlainDate.from('2024-01-01')
const day = fc.integer({ min: 0, max: 500 })
const amount = fc.oneof(fc.constantFrom(21303, 17749, 61200, 1000), fc.integer({ min: 1, max: 100_000 }))
const entries = (prefix: string, max: number) =>
  fc
    .array(fc.record({ day, amount }), { maxLength: max })
    .map((xs): Dated[] =>
      xs.map((x, i) => ({ id: `${prefix}${i}`, date: BASE.add({ days: x.day }), amount: pence(x.amount) })),
    )

describe('arrears properties', () => {
  it('the ledger adds up month by month and in total, and the parts add up to the difference', () => {
    fc.assert(
      fc.property(
        entries('s', 30),
        entries('p', 30),
        entries('c', 30),
        day,
        fc.integer({ min: -100_000, max: 300_000 }),
        fc.integer({ min: 0, max: 14 }),
        (schedule, payments, cmsAll, asOfDay, cmsArrears, window) => {
          const asOf = BASE.add({ days: asOfDay })
          const first = [...schedule, ...payments].reduce(
            (a, x) => (Temporal.PlainDate.compare(x.date, a) < 0 ? x.date : a),
            asOf,
          )
          // Receipts inside the months the ledger shows (they run from the first schedule entry or payment).
          const cmsReceived = cmsAll.filter(
            (c) =>
              Temporal.PlainDate.compare(
                c.date.toPlainYearMonth().toPlainDate({ day: 1 }),
                first.toPlainYearMonth().toPlainDate({ day: 1 }),
              ) >= 0,
          )
          const r = reconcile(book, {
            asOf,
            schedule,
            payments,
            cmsReceived,
            cmsArrears: pence(cmsArrears),
            matchWindowDays: window,
          }).value
          const total = (f: (m: (typeof r.months)[number]) => number) =>
            r.months.reduce((a, m) => a + f(m), 0)
          expect(total((m) => m.scheduledDue)).toBe(r.scheduledDue)
          expect(total((m) => m.paid)).toBe(r.paid)
          expect(total((m) => m.cmsRecorded ?? 0)).toBe(r.cmsRecorded)
          for (let i = 0; i < r.months.length; i++) {
            const m = r.months[i]!
            const prev = i === 0 ? 0 : r.months[i - 1]!.balanceOnEvidence
            expect(m.balanceOnEvidence).toBe(prev + m.scheduledDue - m.paid)
          }
          if (r.months.length > 0) expect(r.months.at(-1)!.balanceOnEvidence).toBe(r.arrearsOnEvidence)
          expect(r.arrearsOnEvidence).toBe(r.scheduledDue - r.paid)
          expect(r.parts.reduce((a, p) => a + p.amount, 0)).toBe(r.difference)
          expect(r.difference).toBe(cmsArrears - r.arrearsOnEvidence)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('no entry and no payment is matched twice; every match is the same amount within the window', () => {
    fc.assert(
      fc.property(
        entries('p', 40),
        entries('c', 40),
        fc.integer({ min: 0, max: 14 }),
        (payments, cms, window) => {
          const r = proposeMatches(payments, cms, window)
          const entryIds = r.matches.map((m) => m.entryId)
          const paymentIds = r.matches.map((m) => m.paymentId)
          expect(new Set(entryIds).size).toBe(entryIds.length)
          expect(new Set(paymentIds).size).toBe(paymentIds.length)
          const byId = new Map([...payments, ...cms].map((x) => [x.id, x]))
          for (const m of r.matches) {
            expect(byId.get(m.paymentId)!.amount).toBe(byId.get(m.entryId)!.amount)
            expect(Math.abs(m.days)).toBeLessThanOrEqual(window)
          }
          expect(r.matches.length + r.unmatchedPayments.length).toBe(payments.length)
          expect(r.matches.length + r.unmatchedEntries.length).toBe(cms.length)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('an unmatched payment never had an unused entry of its amount within the window (greedy rule is maximal)', () => {
    fc.assert(
      fc.property(entries('p', 30), entries('c', 30), (payments, cms) => {
        const r = proposeMatches(payments, cms, 7)
        for (const p of r.unmatchedPayments)
          for (const e of r.unmatchedEntries)
            if (e.amount === p.amount) expect(Math.abs(p.date.until(e.date).days)).toBeGreaterThan(7)
      }),
      { numRuns: 300 },
    )
  })
})
