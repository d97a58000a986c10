import { OutsideRuleCoverage, domainProblem } from '../shared/errors.ts'
import { compareDates, formatLongDate, type PlainDate } from '../shared/plain-date.ts'
import { message, type Message } from '../shared/message.ts'
import type { Citation, Confidence, Source } from '../shared/traced.ts'
import type { Nation } from './types.ts'

/** A bank holiday: a weekday people get off (a holiday falling at a weekend appears as its substitute). */
export interface Holiday {
  readonly date: PlainDate
  readonly name: string
}

/** Where one year's holiday list came from: GOV.UK's published list, or computed from the usual pattern. */
export type HolidayOrigin = 'gov.uk' | 'computed'

export interface HolidayYear {
  readonly year: number
  readonly origin: HolidayOrigin
  readonly confidence: Confidence
  readonly holidays: readonly Holiday[]
}

/** The bank holidays of one nation for the years it covers. Plain data: built outside the domain. */
export interface Calendar {
  readonly nation: Nation
  readonly source: Source
  readonly years: ReadonlyMap<number, HolidayYear>
  /** Holidays by ISO date ("2025-12-25"). */
  readonly holidays: ReadonlyMap<string, Holiday>
}

export type Calendars = Readonly<Record<Nation, Calendar>>

/** The nation's name, as words to put in a sentence ("bank holidays in {nation}"). */
export const nationName = (nation: Nation): Message => message(`deadlinesDomain.nation.${nation}`)

/** Builds a calendar from per-year holiday lists; a holiday outside its year or a duplicate year is a bug. */
export function makeCalendar(nation: Nation, source: Source, years: readonly HolidayYear[]): Calendar {
  const byYear = new Map<number, HolidayYear>()
  const holidays = new Map<string, Holiday>()
  for (const y of years) {
    if (byYear.has(y.year)) throw new Error(`Calendar ${nation}: year ${y.year} given twice`)
    byYear.set(y.year, y)
    for (const h of y.holidays) {
      if (h.date.year !== y.year)
        throw new Error(`Calendar ${nation}: ${h.date.toString()} filed under ${y.year}`)
      holidays.set(h.date.toString(), h)
    }
  }
  return { nation, source, years: byYear, holidays }
}

export const calendarRuleId = (nation: Nation): string => `calendars.${nation}`

function covered(calendar: Calendar, date: PlainDate): HolidayYear {
  const year = calendar.years.get(date.year)
  if (!year) {
    const known = [...calendar.years.keys()].sort((a, b) => a - b)
    const span =
      known.length > 0 ? `${known[0]}–${known[known.length - 1]}` : domainProblem('deadlineInput.noYears')
    throw new OutsideRuleCoverage(
      calendarRuleId(calendar.nation),
      date.toString(),
      domainProblem('deadlineInput.calendarNotCovered', {
        nation: nationName(calendar.nation),
        span,
        date: date.toString(),
      }),
    )
  }
  return year
}

export const isWeekend = (date: PlainDate): boolean => date.dayOfWeek >= 6

/** The bank holiday on `date`, if any; throws OutsideRuleCoverage if the calendar does not cover its year. */
export function holidayOn(calendar: Calendar, date: PlainDate): Holiday | undefined {
  covered(calendar, date)
  return calendar.holidays.get(date.toString())
}

/** Why a day is not a working day: a weekend, or a bank holiday in one of the calendars' nations. */
export type NotWorking =
  | { readonly weekend: true; readonly holiday: null }
  | { readonly weekend: false; readonly holiday: Holiday & { readonly nation: Nation } }

/** Why a day is not a working day (a weekend, or which bank holiday where), or null if it is one. */
export function whyNotWorking(date: PlainDate, ...calendars: readonly Calendar[]): NotWorking | null {
  const holidays = calendars.map((c) => [c, holidayOn(c, date)] as const)
  if (isWeekend(date)) return { weekend: true, holiday: null }
  for (const [c, h] of holidays) if (h) return { weekend: false, holiday: { ...h, nation: c.nation } }
  return null
}

/** Monday to Friday and not a bank holiday in any of `calendars`. */
export const isWorkingDay = (date: PlainDate, ...calendars: readonly Calendar[]): boolean =>
  whyNotWorking(date, ...calendars) === null

/** A day passed over while counting or rolling, with the reason (a weekend, or the bank holiday). */
export type SkippedDay = NotWorking & { readonly date: PlainDate }

/** Why a day was passed over, in words: "weekend", "bank holiday in Scotland: 2nd January". */
export const skippedReason = (s: NotWorking): Message =>
  s.holiday === null
    ? message('deadlinesDomain.skipped.weekend')
    : message('deadlinesDomain.skipped.holiday', {
        nation: nationName(s.holiday.nation),
        holiday: s.holiday.name,
      })

/** "Saturday 12 July 2025 (weekend)" */
export const describeSkippedDay = (s: SkippedDay): Message =>
  message('deadlinesDomain.skipped.day', { date: formatLongDate(s.date), reason: skippedReason(s) })

export interface Moved {
  readonly date: PlainDate
  readonly skipped: readonly SkippedDay[]
}

/** `date` itself if it is a working day, otherwise the first working day after it. */
export function nextWorkingDayOnOrAfter(date: PlainDate, ...calendars: readonly Calendar[]): Moved {
  const skipped: SkippedDay[] = []
  let d = date
  for (;;) {
    const reason = whyNotWorking(d, ...calendars)
    if (reason === null) return { date: d, skipped }
    skipped.push({ ...reason, date: d })
    d = d.add({ days: 1 })
  }
}

/** `date` itself if it is a working day, otherwise the last working day before it. */
export function lastWorkingDayOnOrBefore(date: PlainDate, ...calendars: readonly Calendar[]): Moved {
  const skipped: SkippedDay[] = []
  let d = date
  for (;;) {
    const reason = whyNotWorking(d, ...calendars)
    if (reason === null) return { date: d, skipped }
    skipped.push({ ...reason, date: d })
    d = d.subtract({ days: 1 })
  }
}

/** Counts `n` working days after `date` (the day itself is not counted); returns the day the count ends. */
export function addWorkingDays(date: PlainDate, n: number, ...calendars: readonly Calendar[]): Moved {
  if (!Number.isInteger(n) || n < 0) throw new Error(`addWorkingDays: ${n} is not a whole number of days`)
  const skipped: SkippedDay[] = []
  let d = date
  let counted = 0
  while (counted < n) {
    d = d.add({ days: 1 })
    const reason = whyNotWorking(d, ...calendars)
    if (reason === null) counted++
    else skipped.push({ ...reason, date: d })
  }
  return { date: d, skipped }
}

/** How sure we are of the holidays between two dates: the lowest confidence of the years touched. */
export function calendarConfidence(calendar: Calendar, from: PlainDate, to: PlainDate): Confidence {
  const [a, b] = compareDates(from, to) <= 0 ? [from, to] : [to, from]
  let lowest: Confidence = 'verified'
  for (let y = a.year; y <= b.year; y++) {
    const year = calendar.years.get(y)
    if (!year) continue
    lowest = lowerConfidence(lowest, year.confidence)
  }
  return lowest
}

/** Years between two dates whose holidays were computed rather than taken from GOV.UK's list. */
export function computedYears(calendar: Calendar, from: PlainDate, to: PlainDate): number[] {
  const [a, b] = compareDates(from, to) <= 0 ? [from, to] : [to, from]
  const years: number[] = []
  for (let y = a.year; y <= b.year; y++) if (calendar.years.get(y)?.origin === 'computed') years.push(y)
  return years
}

/** A citation of a calendar, for steps that skip or land on bank holidays. */
export function citeCalendar(calendar: Calendar, from: PlainDate, to: PlainDate): Citation {
  return {
    ruleId: calendarRuleId(calendar.nation),
    ...calendar.source,
    confidence: calendarConfidence(calendar, from, to),
  }
}

const RANK: Readonly<Record<Confidence, number>> = { verified: 2, secondary: 1, unverified: 0 }

export function lowerConfidence(a: Confidence, b: Confidence): Confidence {
  return RANK[a] <= RANK[b] ? a : b
}
