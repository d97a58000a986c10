import { paramsAt } from '../../../domain/calculation/params.ts'
import { round } from '../../../domain/calculation/workings.ts'
import { formatPounds, pence, type Pence } from '../../../domain/shared/pence.ts'
import type { PlainDate } from '../../../domain/shared/plain-date.ts'
import { mul, ratio, type Ratio } from '../../../domain/shared/ratio.ts'
import type { RuleBook } from '../../../domain/shared/rule-book.ts'
import type { Citation } from '../../../domain/shared/traced.ts'
import { translate } from '../../i18n.ts'

/** How often the income figure the user has is paid or counted. */
export const FREQUENCIES = ['week', 'fourWeeks', 'month', 'year'] as const
export type Frequency = (typeof FREQUENCIES)[number]

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
 * Turns a yearly, monthly or four-weekly income figure into a weekly one, to the penny (half a
 * penny up). A year uses the law's own conversion from the rule book (÷365×7, reg 35(1)); a month
 * is first made a year (×12); four weeks are divided by 4. The monthly and four-weekly
 * conversions for current income (regs 37 to 39) are not confirmed, so they carry an assumption
 * and their working is marked unverified.
 */
export function weeklyIncome(
  book: RuleBook,
  on: PlainDate,
  amount: Pence,
  frequency: Frequency,
): WeeklyIncome {
  if (frequency === 'week') return { weekly: amount, how: t('how.week', { amount: formatPounds(amount) }) }
  const rule = paramsAt(book, on).income
  const yearToWeek: Ratio = rule.value.annualToWeekly
  const factor: Ratio =
    frequency === 'year' ? yearToWeek : frequency === 'month' ? mul(ratio(12n), yearToWeek) : ratio(1n, 4n)
  const exact = mul(ratio(BigInt(amount)), factor)
  const rounded = round(exact)
  const params = {
    amount: formatPounds(amount),
    weekly: formatPounds(rounded.value),
    yearly: formatPounds(pence(amount * 12)),
    days: String(yearToWeek.den),
    week: String(yearToWeek.num),
  }
  const how = t(`how.${frequency}`, params)
  const verified = frequency === 'year'
  const base = rule.cite(verified ? 'reg 35(1)' : 'regs 37 to 39')
  return {
    weekly: rounded.value,
    how,
    step: {
      key: 'income.converted',
      text: t(`step.${frequency}`, params),
      amount: rounded.value,
      ...(rounded.unrounded === undefined ? {} : { unrounded: rounded.unrounded }),
      cite: verified ? base : { ...base, confidence: 'unverified' },
    },
    ...(verified ? {} : { assumption: t(`assumption.${frequency}`, params) }),
  }
}
