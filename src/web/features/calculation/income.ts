import {
  INCOME_PERIODS,
  weeklyIncome as toWeekly,
  type IncomePeriod,
} from '../../../domain/calculation/income-period.ts'
import { formatPounds, type Pence } from '../../../domain/shared/pence.ts'
import type { PlainDate } from '../../../domain/shared/plain-date.ts'
import { ratioToDecimal } from '../../../domain/shared/ratio.ts'
import type { RuleBook } from '../../../domain/shared/rule-book.ts'
import type { Citation } from '../../../domain/shared/traced.ts'
import { translate } from '../../i18n.ts'

/** How often the income figure the user has is paid or counted (the domain's list). */
export const FREQUENCIES = INCOME_PERIODS
export type Frequency = IncomePeriod

/** An income figure turned into the weekly one the calculation needs, and how. */
export interface WeeklyIncome {
  readonly weekly: Pence
  /** One line saying how the weekly figure was found ("£45,000.00 a year ÷ 365 × 7 = £863.01 a week"). */
  readonly how: string
  /** A working step for the conversion (none when the figure was weekly already). */
  readonly step?: {
    readonly key: string
    readonly text: string
    readonly amount: Pence
    readonly unrounded?: string
    readonly cite: Citation
  }
  /** Where the conversion rests on a point of law we have not confirmed, in plain English. */
  readonly assumption?: string
}

const t = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(`calculation.incomeHelper.${key}`, params))

/**
 * The domain's conversion of a yearly, monthly or four-weekly income figure to a weekly one
 * (src/domain/calculation/income-period.ts, with its factors in rules/), put in words for the
 * page: how it was found, the working step, and, where the conversion is not confirmed, the
 * assumption it rests on.
 */
export function weeklyIncome(
  book: RuleBook,
  on: PlainDate,
  amount: Pence,
  frequency: Frequency,
): WeeklyIncome {
  const w = toWeekly(book, on, amount, frequency)
  if (frequency === 'week' || !w.cite)
    return { weekly: w.weekly, how: t('how.week', { amount: formatPounds(amount) }) }
  const params = {
    amount: formatPounds(amount),
    weekly: formatPounds(w.weekly),
    yearly: formatPounds(w.yearly ?? amount),
    days: String(w.yearToWeek.den),
    week: String(w.yearToWeek.num),
    months: w.monthsInYear ? ratioToDecimal(w.monthsInYear) : '',
    weeks: w.weeksInPeriod ? ratioToDecimal(w.weeksInPeriod) : '',
  }
  return {
    weekly: w.weekly,
    how: t(`how.${frequency}`, params),
    step: {
      key: 'income.converted',
      text: t(`step.${frequency}`, params),
      amount: w.weekly,
      ...(w.unrounded === undefined ? {} : { unrounded: w.unrounded }),
      cite: w.cite,
    },
    ...(w.confirmed ? {} : { assumption: t(`assumption.${frequency}`, params) }),
  }
}
