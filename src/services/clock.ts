import { parseDate, Temporal, type PlainDate } from '../domain/shared/plain-date.ts'

/**
 * The one clock. The domain has none: services, pages and commands ask this for "today" and "now"
 * and pass the answer in. The composition root (`createServices`) is given one clock and hands the
 * same one to everything it builds, so a fixed date in a test or a demo holds everywhere at once.
 */
export interface Clock {
  /** Today's civil date in the UK (Europe/London). */
  today(): PlainDate
  /** This instant (for times of day, e.g. "called at 14:05"). */
  now(): Temporal.Instant
}

/** The real clock: the computer's time, with the date as it is in the UK. */
export const systemClock: Clock = {
  today: () => Temporal.Now.plainDateISO('Europe/London'),
  now: () => Temporal.Now.instant(),
}

/**
 * A clock stopped on one day (tests and demos). `now` is that day at noon UK time unless given, so
 * "now" and "today" agree.
 */
export function fixedClock(today: PlainDate | string, now?: Temporal.Instant): Clock {
  const day = typeof today === 'string' ? parseDate(today, 'today') : today
  const instant = now ?? day.toZonedDateTime({ timeZone: 'Europe/London', plainTime: '12:00' }).toInstant()
  return { today: () => day, now: () => instant }
}

/**
 * The clock for a run: the real one, or a fixed day when `today` is set (REDRESS_TODAY, read by
 * `loadConfig`, which refuses it in production).
 */
export const clockFor = (today: PlainDate | null | undefined): Clock =>
  today ? fixedClock(today) : systemClock
