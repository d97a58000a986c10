import { Temporal } from 'temporal-polyfill'
import { InvalidInput } from './errors.ts'

export { Temporal }
export type PlainDate = Temporal.PlainDate

const ISO = /^\d{4}-\d{2}-\d{2}$/

/** Parses "2025-02-03" strictly (no rollover of 31 February), naming `field` when it fails. */
export function parseDate(text: string, field = 'date'): PlainDate {
  if (!ISO.test(text)) throw new InvalidInput(field, `"${text}" is not a date in the form YYYY-MM-DD`)
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' })
  } catch {
    throw new InvalidInput(field, `"${text}" is not a real calendar date`)
  }
}

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
