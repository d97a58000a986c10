import { describe, expect, it } from 'vitest'
import { parsePounds } from '../shared/pence.ts'
import { parseDate } from '../shared/plain-date.ts'
import { RuleBook } from '../shared/rule-book.ts'
import { rules } from '../../rules/load.ts'
import { parseIncomePeriods, weeklyIncome } from './income-period.ts'

const book = rules()
const on = parseDate('2025-02-03')
const weekly = (amount: string, period: Parameters<typeof weeklyIncome>[3], b: RuleBook = book) =>
  weeklyIncome(b, on, parsePounds(amount), period)

describe('income to weekly (statutory arithmetic, factors from rules/)', () => {
  it('uses a weekly figure as it is, citing nothing', () => {
    expect(weekly('863.01', 'week')).toMatchObject({ weekly: 86301, confirmed: true })
    expect(weekly('863.01', 'week').cite).toBeUndefined()
  })

  it('turns a year into a week by reg 35(1), confirmed', () => {
    const w = weekly('45000', 'year')
    expect(w).toMatchObject({ weekly: 86301, unrounded: '863.013698…', confirmed: true })
    expect(w.cite).toMatchObject({ ruleId: 'calculation.gross-weekly-income', provision: 'reg 35(1)' })
  })

  it('makes a month a year first and four weeks a week, citing the unconfirmed rule', () => {
    const m = weekly('3750', 'month')
    expect(m).toMatchObject({ weekly: 86301, yearly: 4500000, confirmed: false })
    expect(m.cite).toMatchObject({ ruleId: 'calculation.income-periods', confidence: 'unverified' })
    expect(m.monthsInYear).toEqual({ num: 12n, den: 1n })
    const f = weekly('3451.22', 'fourWeeks')
    expect(f).toMatchObject({ weekly: 86281, unrounded: '862.805', confirmed: false })
    expect(f.weeksInPeriod).toEqual({ num: 4n, den: 1n })
  })

  it('takes its factors from the rule book, not from the code', () => {
    const rule = book.rule('calculation.income-periods')
    const changed = new RuleBook(
      book.ids().map((id) =>
        id !== rule.id
          ? book.rule(id)
          : {
              ...rule,
              periods: rule.periods.map((p) => ({
                ...p,
                value: { 'months-in-year': '13', 'four-weekly-to-weekly': '1/2' },
              })),
            },
      ),
    )
    expect(weekly('3650', 'month', changed).weekly).toBe(91000) // 3650 × 13 ÷ 365 × 7 = 910.00
    expect(weekly('100', 'fourWeeks', changed).weekly).toBe(5000)
  })

  it('refuses a malformed rule value, naming the field', () => {
    expect(() => parseIncomePeriods({ 'months-in-year': 12 })).toThrow(/months-in-year/)
    expect(() => parseIncomePeriods({ 'months-in-year': '12' })).toThrow(/four-weekly-to-weekly/)
  })
})
