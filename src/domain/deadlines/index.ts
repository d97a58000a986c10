/** The deadline engine's public API. Pure: takes a RuleBook and Calendars, returns dates with their reasons. */
export type {
  DeadlineKind,
  DeadlineNature,
  DeadlineReading,
  DeadlineRequest,
  DeadlineResult,
  MustBe,
  Nation,
  ReadingStatus,
} from './types.ts'
export { computeDeadline } from './compute-deadline.ts'
export {
  MAX_RANGE_DAYS,
  aboutAgo,
  between,
  computeDeadlineForUncertainStart,
  onDate,
  someTimeIn,
  type Roughly,
  type StartRange,
  type UncertainDeadlineRequest,
  type UncertainDeadlineResult,
} from './uncertain-start.ts'
export { DEADLINE_KINDS, NATIONS, deadlineRuleIds, isDeadlineKind, ruleIdFor } from './kinds.ts'
export {
  addWorkingDays,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  makeCalendar,
  nextWorkingDayOnOrAfter,
  type Calendar,
  type Calendars,
  type Holiday,
  type HolidayYear,
} from './calendar.ts'
export { addCalendarMonths, addDays, parsePeriod, type Period } from './date-arithmetic.ts'
export {
  dateOfNotification,
  deemedPostalDelivery,
  type NotificationFacts,
  type PostClass,
  type PostedLetter,
} from './notification.ts'
export { anyTimeRevisionGrounds, type RevisionGround } from './revision-grounds.ts'
export {
  deadlineEvents,
  deadlinesToICalendar,
  escapeText,
  foldLine,
  renderICalendar,
  stableUid,
  type AllDayEvent,
  type ICalendarOptions,
} from './icalendar.ts'
