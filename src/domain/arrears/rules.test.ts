/** Runs the worked cases in rules/arrears/arrears.cases.yaml, and checks every arrears rule id the code names exists. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { fromRoot } from '../../root.ts'
import { rules } from '../../rules/load.ts'
import { parsePounds, toDecimal } from '../shared/pence.ts'
import { parseDate } from '../shared/plain-date.ts'
import {
  ARREARS_RULE,
  instalment,
  reconcile,
  smallDebtMayBeWrittenOff,
  weeklyLiability,
  openingBalanceNotes,
  type Frequency,
} from './index.ts'

const book = rules()
interface Case {
  name: string
  input: Record<string, unknown> & { rule: string }
  expected: Record<string, unknown>
  source: string
}
const cases = parse(readFileSync(fromRoot('rules/arrears/arrears.cases.yaml'), 'utf8')) as Case[]
const s = (v: unknown): string => String(v)

describe('arrears rules', () => {
  it('every rule the arrears code names exists, with a checked date in its note', () => {
    for (const id of Object.values(ARREARS_RULE)) {
      expect(book.has(id)).toBe(true)
      if (id.startsWith('arrears.'))
        expect(book.rule(id).periods.at(-1)!.note).toMatch(/Checked \d{4}-\d{2}-\d{2}/)
    }
  })

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const i = c.input
    switch (i.rule) {
      case 'arrears.instalments':
        expect(
          toDecimal(
            instalment(book, parsePounds(s(i.weekly)), i.frequency as Frequency, parseDate(s(i.on))).value,
          ),
        ).toBe(c.expected.instalment)
        break
      case 'arrears.maintenance-period': {
        const list = i.liability as { from: string; weekly: string }[]
        const t = weeklyLiability(
          book,
          list.map((l) => ({ from: parseDate(s(l.from)), weekly: parsePounds(l.weekly) })),
          parseDate(s(i.asOf)),
        )
        expect({ periods: t.value.periods.length, due: toDecimal(t.value.due) }).toEqual(c.expected)
        break
      }
      case 'arrears.small-debt-write-off':
        expect(
          smallDebtMayBeWrittenOff(book, {
            amount: parsePounds(s(i.balance)),
            date: parseDate(s(i.on)),
            scheme: 2012,
            calculationEnded: Boolean(i.calculationEnded),
          }),
        ).toBe(c.expected.mayBeWrittenOff)
        break
      case 'arrears.csa-write-off-2018': {
        const notes = openingBalanceNotes(book, {
          amount: parsePounds('100.00'),
          date: parseDate(s(i.on)),
          scheme: 2003,
          source: 'test',
        })
        expect(notes.some((n) => n.cite?.ruleId === 'arrears.csa-write-off-2018')).toBe(c.expected.applies)
        break
      }
      case 'arrears.overpayments': {
        const on = parseDate(s(i.on))
        const r = reconcile(book, {
          asOf: on,
          schedule: [{ id: 's', date: on, amount: parsePounds(s(i.scheduledDue)) }],
          payments: [{ id: 'p', date: on, amount: parsePounds(s(i.paid)) }],
        }).value
        expect({ overpaid: toDecimal(r.overpayment!.amount), routes: r.overpayment!.routes.length }).toEqual(
          c.expected,
        )
        break
      }
      default:
        throw new Error(`no driver for ${i.rule}`)
    }
  })
})
