import { InvalidInput, domainProblem } from '../shared/errors.ts'
import {
  compareDates,
  formatDate,
  formatLongDate,
  isAfter,
  isBefore,
  parseDate,
  type PlainDate,
} from '../shared/plain-date.ts'
import { message, type Message } from '../shared/message.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { step } from '../shared/traced.ts'
import type { Calendars } from './calendar.ts'
import { computeDeadline } from './compute-deadline.ts'
import type { DeadlineRequest, DeadlineResult } from './types.ts'

/** A start date known only to lie between two dates (inclusive), with how the user put it. */
export interface StartRange {
  readonly earliest: PlainDate
  readonly latest: PlainDate
  /** In words, e.g. "some time in March 2025" or "about 2 weeks before 20 March 2025". */
  readonly description: Message
}

export interface UncertainDeadlineRequest extends Omit<DeadlineRequest, 'from'> {
  readonly from: StartRange
}

/** A deadline for an uncertain start: the earliest any start in the range could give, and how late it could be. */
export interface UncertainDeadlineResult extends DeadlineResult {
  readonly startRange: StartRange
  /** The latest deadline a start in the range could give (shown, never relied on). */
  readonly latestDeadline: PlainDate
  /** Why these dates were chosen. */
  readonly why: Message
}

/** The widest range we will search day by day (a little over a year). */
export const MAX_RANGE_DAYS = 400

/** A range between two dates; `latest` before `earliest` or a range over MAX_RANGE_DAYS is refused. */
const M = (key: string, params?: Parameters<typeof message>[1]): Message =>
  message(`deadlinesDomain.uncertain.${key}`, params)

export function between(earliest: PlainDate, latest: PlainDate, description?: Message): StartRange {
  if (isBefore(latest, earliest))
    throw new InvalidInput(
      'from',
      domainProblem('deadlineInput.rangeBackwards', {
        latest: latest.toString(),
        earliest: earliest.toString(),
      }),
    )
  const days = earliest.until(latest, { largestUnit: 'days' }).days
  if (days > MAX_RANGE_DAYS)
    throw new InvalidInput('from', domainProblem('deadlineInput.rangeTooLong', { days, max: MAX_RANGE_DAYS }))
  return {
    earliest,
    latest,
    description: description ?? M('between', { earliest: formatDate(earliest), latest: formatDate(latest) }),
  }
}

/** A date known exactly, as a range of one day. */
export const onDate = (date: PlainDate): StartRange =>
  between(date, date, M('on', { date: formatDate(date) }))

/** "Some time in March 2025": the whole month. */
export function someTimeIn(year: number, month: number): StartRange {
  if (!Number.isInteger(year) || year < 1 || year > 9999)
    throw new InvalidInput('from', domainProblem('deadlineInput.notAYear', { year }))
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new InvalidInput('from', domainProblem('deadlineInput.notAMonth', { month }))
  const start = parseDate(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`, 'from')
  const monthName = formatDate(start).replace(/^1 /, '')
  return between(start, start.with({ day: start.daysInMonth }), M('someTimeIn', { month: monthName }))
}

/** How long ago, roughly: "about 2 weeks ago" is { weeks: 2 }. */
export interface Roughly {
  readonly days?: number
  readonly weeks?: number
  readonly months?: number
}

/**
 * "About two weeks ago", relative to `today`: centred on today minus the amount, give or take half of it (at
 * least a day), never after today. About 2 weeks before 20 March 2025 = 27 February to 13 March 2025.
 */
export function aboutAgo(today: PlainDate, amount: Roughly): StartRange {
  const { days = 0, weeks = 0, months = 0 } = amount
  for (const [name, n] of Object.entries({ days, weeks, months })) {
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidInput(`from.about.${name}`, domainProblem('deadlineInput.notWhole', { n }))
  }
  const approxDays = days + 7 * weeks + 30 * months
  if (approxDays === 0) throw new InvalidInput('from.about', domainProblem('deadlineInput.howLongAgo'))
  const slack = Math.max(1, Math.ceil(approxDays / 2))
  const centre = today.subtract({ months, weeks, days })
  const latest = centre.add({ days: slack })
  const words = Object.entries({ months, weeks, days })
    .filter(([, n]) => n > 0)
    .map(([unit, n]) => M(`amount.${unit}.${n === 1 ? 'one' : 'other'}`, { count: n }))
  // "2 months and 1 week", "1 month and 2 weeks and 3 days"
  const howLong = words.reduce((first, second) => M('and', { first, second }))
  return between(
    centre.subtract({ days: slack }),
    isAfter(latest, today) ? today : latest,
    M('about', { amount: howLong, today: formatDate(today) }),
  )
}

/**
 * Works out a deadline when the trigger date is uncertain. Every possible start in the range is tried; the
 * answer is the one giving the earliest deadline (so it is safe whichever day it really was), with the earliest
 * act-by date of any start, and the latest deadline shown for information.
 */
export function computeDeadlineForUncertainStart(
  book: RuleBook,
  calendars: Calendars,
  request: UncertainDeadlineRequest,
): UncertainDeadlineResult {
  const range = between(request.from.earliest, request.from.latest, request.from.description)
  let earliestResult: DeadlineResult | undefined
  let earliestActBy: DeadlineResult | undefined
  let latestDeadline: PlainDate | undefined
  for (let d = range.earliest; !isAfter(d, range.latest); d = d.add({ days: 1 })) {
    const r = computeDeadline(book, calendars, { ...request, from: d })
    if (!earliestResult || isBefore(r.deadline, earliestResult.deadline)) earliestResult = r
    if (!earliestActBy || isBefore(r.actBy, earliestActBy.actBy)) earliestActBy = r
    if (!latestDeadline || isAfter(r.deadline, latestDeadline)) latestDeadline = r.deadline
  }
  // The loop runs at least once: `between` guarantees earliest <= latest.
  const best = earliestResult!
  const actBy = earliestActBy!.actBy
  const exact = compareDates(range.earliest, range.latest) === 0
  const why = exact
    ? M('known', { date: formatLongDate(range.earliest) })
    : M('why', {
        description: range.description,
        earliest: formatLongDate(range.earliest),
        latest: formatLongDate(range.latest),
        start: formatLongDate(best.from),
        latestDeadline: formatLongDate(latestDeadline!),
      })
  const steps = [step('uncertain-start', why, { date: best.from }), ...best.steps]
  if (compareDates(actBy, best.actBy) !== 0) {
    steps.push(
      step('act-by-uncertain', M('earlierActBy', { date: formatLongDate(actBy) }), {
        date: actBy,
      }),
    )
  }
  return {
    ...best,
    actBy,
    steps,
    assumptions: exact
      ? best.assumptions
      : [M('assumption', { description: range.description }), ...best.assumptions],
    startRange: range,
    latestDeadline: latestDeadline!,
    why,
  }
}
