import { Temporal } from 'temporal-polyfill'
import { InvalidInput, domainProblem } from './errors.ts'

export { Temporal }
export type PlainDate = Temporal.PlainDate

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Parses "2025-02-03" strictly (no rollover of 31 February), naming `field` when it fails. The
 * digits are read here and the date built with the constructor: the polyfill's own string parser
 * costs more on its first use than a whole short command.
 */
export function parseDate(text: string, field = 'date'): PlainDate {
  const m = ISO.exec(text)
  if (!m) throw new InvalidInput(field, domainProblem('shared.notADate', { text }))
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw new InvalidInput(field, domainProblem('shared.notRealDate', { text }))
  return new Temporal.PlainDate(year, month, day)
}

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31

export const compareDates = (a: PlainDate, b: PlainDate): number => Temporal.PlainDate.compare(a, b)
export const isBefore = (a: PlainDate, b: PlainDate): boolean => compareDates(a, b) < 0
export const isAfter = (a: PlainDate, b: PlainDate): boolean => compareDates(a, b) > 0

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** "Wednesday 5 March 2025" */
export function formatLongDate(d: PlainDate): string {
  return `${DAYS[d.dayOfWeek - 1]} ${d.day} ${MONTHS[d.month - 1]} ${d.year}`
}

/** "5 March 2025" */
export function formatDate(d: PlainDate): string {
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`
}

/** "2025-03" → "March 2025" */
export function formatYearMonth(ym: string): string {
  const [year, month] = ym.split('-')
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`
}
