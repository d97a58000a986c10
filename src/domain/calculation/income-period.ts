import { pence, type Pence } from '../shared/pence.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import { mul, parseFraction, ratio, type Ratio } from '../shared/ratio.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import type { Citation } from '../shared/traced.ts'
import { paramsAt } from './params.ts'
import { RULE } from './rule-ids.ts'
import { round } from './workings.ts'

/** How often an income figure is paid or counted. */
export const INCOME_PERIODS = ['week', 'fourWeeks', 'month', 'year'] as const
export type IncomePeriod = (typeof INCOME_PERIODS)[number]

/** The rule that says how a monthly or four-weekly figure becomes a weekly one. */
export const INCOME_PERIODS_RULE = RULE.incomePeriods

/** The value of calculation.income-periods, as written in the rule file. */
export interface IncomePeriodsValue {
  readonly 'months-in-year': string
  readonly 'four-weekly-to-weekly': string
}

/** Reads (and checks) a value of calculation.income-periods; throws naming the field when it is wrong. */
export function parseIncomePeriods(value: unknown): { monthsInYear: Ratio; fourWeeklyToWeekly: Ratio } {
  const v = (value ?? {}) as Partial<IncomePeriodsValue>
  const read = (field: keyof IncomePeriodsValue): Ratio => {
    const text = v[field]
    if (typeof text !== 'string') throw new Error(`${field}: must be a number or fraction like "12" or "1/4"`)
    return parseFraction(text)
  }
  return { monthsInYear: read('months-in-year'), fourWeeklyToWeekly: read('four-weekly-to-weekly') }
}

/** An income figure as the weekly one the calculation needs, and how it was found. */
export interface WeeklyIncome {
  readonly weekly: Pence
  /** The exact weekly figure in pounds where rounding changed it ("863.013698…"). */
  readonly unrounded?: string
  /** For a monthly figure: the yearly figure it was made into first. */
  readonly yearly?: Pence
  /** The year-to-week fraction used (reg 35(1): 7/365), for a yearly or monthly figure. */
  readonly yearToWeek: Ratio
  /** For a monthly figure: the months in a year it was multiplied by (12). */
  readonly monthsInYear?: Ratio
  /** For a four-weekly figure: the weeks it was divided by (4). */
  readonly weeksInPeriod?: Ratio
  /** The rule the conversion rests on (none for a weekly figure, which is used as it is). */
  readonly cite?: Citation
  /** False where the conversion rests on a rule not confirmed against the legislation. */
  readonly confirmed: boolean
}

/**
 * Turns a yearly, monthly or four-weekly income figure into a weekly one, to the penny (half a
 * penny up). A year uses the law's own conversion (calculation.gross-weekly-income: ÷365×7, reg
 * 35(1)); a month is first made a year and four weeks are divided, by calculation.income-periods
 * (regs 37 to 39, not yet confirmed: the rule's confidence says so and is carried in the citation).
 */
export function weeklyIncome(
  book: RuleBook,
  on: PlainDate,
  amount: Pence,
  period: IncomePeriod,
): WeeklyIncome {
  const income = paramsAt(book, on).income
  const yearToWeek = income.value.annualToWeekly
  if (period === 'week') return { weekly: amount, yearToWeek, confirmed: true }
  if (period === 'year') {
    const r = round(mul(ratio(BigInt(amount)), yearToWeek))
    const cite = income.cite('reg 35(1)')
    return {
      weekly: r.value,
      ...(r.unrounded === undefined ? {} : { unrounded: r.unrounded }),
      yearToWeek,
      cite,
      confirmed: cite.confidence === 'verified',
    }
  }
  const rule = book.at(INCOME_PERIODS_RULE, on, parseIncomePeriods)
  const { monthsInYear, fourWeeklyToWeekly } = rule.value
  const factor = period === 'month' ? mul(monthsInYear, yearToWeek) : fourWeeklyToWeekly
  const r = round(mul(ratio(BigInt(amount)), factor))
  const cite = rule.cite()
  return {
    weekly: r.value,
    ...(r.unrounded === undefined ? {} : { unrounded: r.unrounded }),
    ...(period === 'month'
      ? { yearly: yearly(amount, monthsInYear), monthsInYear }
      : { weeksInPeriod: ratio(fourWeeklyToWeekly.den, fourWeeklyToWeekly.num) }),
    yearToWeek,
    cite,
    confirmed: cite.confidence === 'verified',
  }
}

/** A monthly figure made yearly (exact when the months in a year are a whole number, as they are). */
function yearly(amount: Pence, monthsInYear: Ratio): Pence {
  return pence(Number((BigInt(amount) * monthsInYear.num) / monthsInYear.den))
}
