import { InvalidInput, domainProblem } from '../shared/errors.ts'
import { message, type Message } from '../shared/message.ts'
import type { PlainDate } from '../shared/plain-date.ts'

/** `date` plus `n` calendar days ("within n days after date": the day itself is not counted). */
export const addDays = (date: PlainDate, n: number): PlainDate => date.add({ days: n })

/** The result of adding calendar months, saying whether the month-end clamp was needed. */
export interface MonthsAdded {
  readonly date: PlainDate
  /** True when the later month has no day with the same number, so the period ends on its last day. */
  readonly clamped: boolean
}

/**
 * `n` calendar months after `date` by the corresponding-date rule (Dodds v Walker): the same day of the month
 * `n` months later, or the last day of that month when it is shorter (31 January + 1 month = 28/29 February).
 */
export function addCalendarMonths(date: PlainDate, n: number): MonthsAdded {
  if (!Number.isInteger(n)) throw new Error(`addCalendarMonths: ${n} is not a whole number of months`)
  const firstOfMonth = date.with({ day: 1 }).add({ months: n })
  const day = Math.min(date.day, firstOfMonth.daysInMonth)
  return { date: firstOfMonth.with({ day }), clamped: day !== date.day }
}

export type PeriodUnit = 'days' | 'months' | 'working days'

/** A time limit as the law writes it: "30 days", "1 month", "15 working days". */
export interface Period {
  readonly count: number
  readonly unit: PeriodUnit
  /** The words as written in the rule. */
  readonly text: string
}

const PERIOD = /^(\d+) (day|days|month|months|working day|working days)$/

/** Parses "30 days", "1 month", "13 months", "2 working days". */
export function parsePeriod(text: string, field = 'period'): Period {
  const m = PERIOD.exec(text.trim())
  if (!m) throw new InvalidInput(field, domainProblem('deadlineInput.notAPeriod', { text }))
  const count = Number(m[1])
  const word = m[2]!
  const unit: PeriodUnit = word.startsWith('working')
    ? 'working days'
    : word.startsWith('month')
      ? 'months'
      : 'days'
  return { count, unit, text: text.trim() }
}

/** "1 month", "13 months", "1 day", "15 working days", as words to put in a sentence. */
export const periodWords = (p: Period): Message =>
  message(`deadlinesDomain.period.${p.unit}.${p.count === 1 ? 'one' : 'other'}`, { count: p.count })

/** "1 month", "13 months", "1 day", "15 working days" (English, for errors and tests). */
export function formatPeriod(p: Period): string {
  const singular = { days: 'day', months: 'month', 'working days': 'working day' }[p.unit]
  return `${p.count} ${p.count === 1 ? singular : p.unit}`
}
