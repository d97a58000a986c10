import { describe, expect, it } from 'vitest'
import { text } from '../../copy/translate.ts'
import { rules } from '../../rules/load.ts'
import { parsePounds, toDecimal } from '../shared/pence.ts'
import { parseDate } from '../shared/plain-date.ts'
import { jordanArrears } from './fixtures.ts'
import {
  instalment,
  liabilityFromDecisions,
  proposeMatches,
  reconcile,
  weeklyLiability,
  type Dated,
} from './index.ts'
import { refusal } from '../../../test/helpers/refusal.ts'

const book = rules()
const d = (s: string) => parseDate(s)
const p = (s: string) => parsePounds(s)
const dated = (id: string, date: string, amount: string): Dated => ({ id, date: d(date), amount: p(amount) })

describe('liability week by week', () => {
  it('runs seven-day periods and sums those that began on or before asOf (the CLI example)', () => {
    const t = weeklyLiability(
      book,
      [
        { from: d('2025-01-06'), weekly: p('49.16') },
        { from: d('2025-04-07'), weekly: p('40.96') },
      ],
      d('2025-06-30'),
    )
    expect(t.value.periods).toHaveLength(26)
    expect(toDecimal(t.value.due)).toBe('1171.56') // 13 × 49.16 + 13 × 40.96
    expect(t.steps.map((s) => text(s.text))).toContain(
      '13 periods from 6 January 2025 to 6 April 2025 at £49.16: £639.08.',
    )
    expect(t.steps[0]!.cite?.ruleId).toBe('arrears.maintenance-period')
  })

  it('applies a mid-period change from the start of its period and says so', () => {
    const t = weeklyLiability(
      book,
      [
        { from: d('2025-01-06'), weekly: p('49.16') },
        { from: d('2025-01-15'), weekly: p('40.96') },
      ],
      d('2025-01-19'),
    )
    expect(t.value.periods.map((x) => toDecimal(x.weekly))).toEqual(['49.16', '40.96'])
    expect(t.assumptions.map((a) => text(a)).join(' ')).toContain(
      'part-way through the maintenance period that began on 13 January 2025',
    )
  })

  it('adds the Collect and Pay fee on top for the paying parent', () => {
    const t = weeklyLiability(
      book,
      [{ from: d('2025-01-06'), weekly: p('50.00') }],
      d('2025-01-06'),
      'collect-and-pay',
    )
    expect(toDecimal(t.value.due)).toBe('60.00')
    expect(toDecimal(t.value.fees)).toBe('10.00')
  })

  it('shows what a wrong decision over-charged over the whole period', () => {
    const t = weeklyLiability(
      book,
      [{ from: d('2025-01-06'), weekly: p('49.16'), correctWeekly: p('40.96') }],
      d('2025-06-30'),
    )
    expect(toDecimal(t.value.overCharged!)).toBe('213.20') // 26 × 8.20
  })

  it('a revision replaces the decision it revises from that decision’s effective date', () => {
    const t = liabilityFromDecisions([
      { id: 'a', kind: 'calculation', effectiveDate: d('2025-01-06'), weekly: p('49.16') },
      { id: 'b', kind: 'annual-review', effectiveDate: d('2025-04-07'), weekly: p('45.00') },
      { id: 'c', kind: 'revision', effectiveDate: d('2025-05-01'), weekly: p('40.96'), revises: 'a' },
    ])
    expect(t.value.map((c) => [c.from.toString(), toDecimal(c.weekly)])).toEqual([
      ['2025-01-06', '40.96'],
      ['2025-04-07', '45.00'],
    ])
  })

  it('refuses a revision of a decision that is not there, naming the field', () => {
    expect(
      refusal(() =>
        liabilityFromDecisions([
          { id: 'c', kind: 'revision', effectiveDate: d('2025-05-01'), weekly: p('40.96'), revises: 'x' },
        ]),
      ),
    ).toMatch(/decisions.c.revises/)
  })
})

describe('instalments', () => {
  it('monthly is weekly × 52 ÷ 12 to the nearest penny, with the figure before rounding', () => {
    const t = instalment(book, p('49.16'), 'monthly', d('2025-01-06'))
    expect(toDecimal(t.value)).toBe('213.03')
    expect(t.steps[0]!.unrounded).toBe('213.026666')
    expect(t.assumptions).toHaveLength(1)
  })
})

describe('default matching rule', () => {
  it('matches the same amount within the window, earliest unused entry first, each entry once', () => {
    const r = proposeMatches(
      [
        dated('p1', '2025-01-30', '10.00'),
        dated('p2', '2025-01-30', '10.00'),
        dated('p3', '2025-03-01', '10.00'),
      ],
      [
        dated('c1', '2025-02-03', '10.00'),
        dated('c2', '2025-02-01', '10.00'),
        dated('c3', '2025-02-20', '10.00'),
      ],
      7,
    )
    expect(r.matches.map((m) => [m.paymentId, m.entryId, m.days])).toEqual([
      ['p1', 'c2', 2],
      ['p2', 'c1', 4],
    ])
    expect(r.unmatchedPayments.map((x) => x.id)).toEqual(['p3'])
    expect(r.unmatchedEntries.map((x) => x.id)).toEqual(['c3'])
  })

  it('two genuine payments of the same amount on the same day stay two', () => {
    const r = proposeMatches(
      [dated('p1', '2025-01-30', '10.00'), dated('p2', '2025-01-30', '10.00')],
      [dated('c1', '2025-01-30', '10.00')],
      7,
    )
    expect(r.matches).toHaveLength(1)
    expect(r.unmatchedPayments).toHaveLength(1)
  })

  it('honours the parent: a rejected pair is not proposed again, a confirmed one is kept', () => {
    const payments = [dated('p1', '2025-01-30', '10.00')]
    const entries = [dated('c1', '2025-01-31', '10.00'), dated('c2', '2025-02-02', '10.00')]
    const r = proposeMatches(payments, entries, 7, [{ paymentId: 'p1', entryId: 'c1', status: 'rejected' }])
    expect(r.matches.map((m) => m.entryId)).toEqual(['c2'])
    const c = proposeMatches(payments, entries, 7, [{ paymentId: 'p1', entryId: 'c2', status: 'confirmed' }])
    expect(c.matches).toEqual([{ paymentId: 'p1', entryId: 'c2', days: 3, status: 'confirmed' }])
  })
})

describe('persona Jordan: the £612 the CMS did not record', () => {
  const t = reconcile(book, jordanArrears())
  const r = t.value

  it('finds the unrecorded payment and nothing else missing', () => {
    expect(r.unrecordedPayments!.map((x) => [x.date.toString(), toDecimal(x.amount)])).toEqual([
      ['2025-03-28', '612.00'],
    ])
    expect(toDecimal(r.arrearsOnEvidence)).toBe('0.00')
    expect(toDecimal(r.difference!)).toBe('612.00')
  })

  it('explains the whole difference as that payment, linked to its evidence', () => {
    expect(r.parts).toEqual([
      expect.objectContaining({ kind: 'not-recorded', amount: p('612.00'), evidence: ['p:p-lump'] }),
    ])
    expect(text(r.headline)).toBe(
      'The CMS says you owe £612.00 on 30 June 2025. Your evidence shows £0.00. The difference, £612.00, is made of: £612.00: A payment the CMS did not record: £612.00 on 28 March 2025.',
    )
  })

  it('shows the month the CMS thinks was missed, and what the 78-night decision over-charged', () => {
    const march = r.months.find((m) => m.month === '2025-03')!
    expect(toDecimal(march.balanceOnEvidence)).toBe('0.00')
    expect(toDecimal(march.balanceOnCmsRecords!)).toBe('825.03') // 213.03 + 612.00 not recorded by 31 March
    expect(toDecimal(r.liability!.overCharged!)).toBe('213.20')
  })
})

describe('reconcile', () => {
  it('recorded late across the date of the CMS figure is its own part, and the parts add up', () => {
    const t = reconcile(book, {
      asOf: d('2025-06-30'),
      schedule: [dated('s1', '2025-06-30', '100.00')],
      payments: [dated('p1', '2025-06-29', '100.00')],
      cmsReceived: [dated('c1', '2025-07-02', '100.00'), dated('c2', '2025-06-10', '5.00')],
      cmsArrears: p('100.00'),
    })
    const parts = t.value.parts
    expect(parts.map((x) => [x.kind, toDecimal(x.amount)])).toEqual([
      ['recorded-after-date', '100.00'],
      ['no-bank-evidence', '-5.00'],
      ['cms-own-figures', '5.00'],
    ])
    expect(parts.reduce((a, x) => a + x.amount, 0)).toBe(t.value.difference)
  })

  it('an overpayment shows with its routes and no appeal', () => {
    const t = reconcile(book, {
      asOf: d('2025-06-30'),
      schedule: [dated('s1', '2025-06-01', '100.00')],
      payments: [dated('p1', '2025-06-01', '150.00')],
    })
    expect(toDecimal(t.value.overpayment!.amount)).toBe('50.00')
    expect(t.value.overpayment!.routes).toHaveLength(2)
    expect(text(t.steps.find((s) => s.key === 'overpayment')!.text)).toContain('no appeal')
  })

  it('finds a change not applied to the schedule', () => {
    const t = reconcile(book, {
      asOf: d('2025-06-30'),
      liability: [
        { from: d('2025-01-06'), weekly: p('49.16') },
        { from: d('2025-04-07'), weekly: p('40.96') },
      ],
      schedule: ['01-31', '02-28', '03-31', '04-30', '05-30', '06-30'].map((m, i) =>
        dated(`s${i}`, `2025-${m}`, '213.03'),
      ),
      payments: [],
    })
    expect(t.value.dueFindings.map((f) => f.kind)).toEqual(['change-not-applied'])
  })

  it('finds a late effective date on the schedule', () => {
    const amounts = ['213.03', '213.03', '213.03', '213.03', '177.49', '177.49']
    const t = reconcile(book, {
      asOf: d('2025-06-30'),
      liability: [
        { from: d('2025-01-06'), weekly: p('49.16') },
        { from: d('2025-04-07'), weekly: p('40.96') },
      ],
      schedule: ['01-31', '02-28', '03-31', '04-30', '05-30', '06-30'].map((m, i) =>
        dated(`s${i}`, `2025-${m}`, amounts[i]!),
      ),
      payments: [],
    })
    expect(t.value.dueFindings.map((f) => [f.kind, toDecimal(f.amount)])).toEqual([
      ['wrong-effective-date', '35.54'],
    ])
  })

  it('refuses a negative schedule amount and a duplicate id, naming the field', () => {
    expect(
      refusal(() =>
        reconcile(book, {
          asOf: d('2025-06-30'),
          schedule: [dated('s1', '2025-06-01', '1.00')].map((x) => ({ ...x, amount: -100 as never })),
          payments: [],
        }),
      ),
    ).toMatch(/schedule.0.amount: must not be negative/)
  })

  it('an old CSA opening balance is carried in with what can be done about it', () => {
    const t = reconcile(book, {
      asOf: d('2025-06-30'),
      schedule: [],
      payments: [],
      openingBalance: {
        amount: p('1200.00'),
        date: d('2025-01-06'),
        scheme: 2003,
        source: 'CMS letter of 6 January 2025',
      },
    })
    expect(toDecimal(t.value.arrearsOnEvidence)).toBe('1200.00')
    expect(t.value.openingNotes.map((n) => n.kind)).toEqual(['breakdown', 'no-appeal', 'csa-write-off'])
    expect(t.value.openingNotes[2]!.cite!.ruleId).toBe('arrears.csa-write-off-2018')
  })
})

describe('decisions register on the same date', () => {
  it('the later decision in the register replaces an earlier one with the same effective date', () => {
    const t = liabilityFromDecisions([
      { id: 'a', kind: 'calculation', effectiveDate: d('2025-01-06'), weekly: p('49.16') },
      { id: 'b', kind: 'supersession', effectiveDate: d('2025-01-06'), weekly: p('40.96') },
    ])
    expect(t.value.map((c) => toDecimal(c.weekly))).toEqual(['40.96'])
    expect(t.steps.some((s) => s.key === 'liability.same-date')).toBe(true)
  })
})
