import { InvalidInput } from '../shared/errors.ts'
import { compareDates, formatLongDate, isAfter, type PlainDate } from '../shared/plain-date.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { step, traced, type Step, type Traced } from '../shared/traced.ts'
import { NATION_NAMES, addWorkingDays, citeCalendar, type Calendars } from './calendar.ts'
import { formatPeriod } from './date-arithmetic.ts'
import { deemedDeliveryParser } from './rule-value.ts'
import type { Nation } from './types.ts'

export type PostClass = 'first' | 'second'

export interface PostedLetter {
  readonly posted: PlainDate
  readonly postClass: PostClass
  readonly nation: Nation
}

/**
 * When a posted letter is treated as delivered under the Interpretation Act and the 1985 Practice Direction:
 * the 2nd working day after posting (first class) or the 4th (second class). An estimate of arrival only:
 * child support notices count from posting (see dateOfNotification), so never use this to make a deadline later.
 */
export function deemedPostalDelivery(
  book: RuleBook,
  calendars: Calendars,
  letter: PostedLetter,
): Traced<PlainDate> {
  const id = 'deadlines.deemed-postal-delivery'
  const rule = book.at(id, letter.posted, deemedDeliveryParser(id))
  const period = letter.postClass === 'first' ? rule.value.firstClass : rule.value.secondClass
  const calendar = calendars[letter.nation]
  const moved = addWorkingDays(letter.posted, period.count, calendar)
  const steps: Step[] = [
    step('posted', `Posted ${letter.postClass} class on ${formatLongDate(letter.posted)}.`, {
      date: letter.posted,
      cite: rule.cite(),
    }),
    step(
      'delivered',
      `A ${letter.postClass} class letter is treated as delivered ${formatPeriod(period)} after posting, leaving out weekends and bank holidays in ${NATION_NAMES[letter.nation]}: ${formatLongDate(moved.date)}.`,
      { date: moved.date, cite: rule.cite() },
    ),
  ]
  if (moved.skipped.some((s) => s.reason !== 'weekend')) {
    steps.push(
      step(
        'bank-holidays',
        `Bank holidays in ${NATION_NAMES[letter.nation]} are taken from GOV.UK's published list.`,
        {
          cite: citeCalendar(calendar, letter.posted, moved.date),
        },
      ),
    )
  }
  return traced(moved.date, steps, [
    'This is when a letter is presumed to arrive. Child support letters to parents count as sent on the day they are posted, so time limits run from the posting date.',
  ])
}

export interface NotificationFacts {
  /** The date printed on the letter. */
  readonly letterDated?: PlainDate
  /** The date it was posted, if known (e.g. from a postmark). */
  readonly postedOn?: PlainDate
  /** The date it arrived. Recorded, never used to make the date later. */
  readonly receivedOn?: PlainDate
}

/**
 * The date a decision counts as notified: the posting date, taken as the earlier of the date on the letter and
 * any known posting date (the conservative reading). The date it arrived does not count.
 */
export function dateOfNotification(book: RuleBook, facts: NotificationFacts): Traced<PlainDate> {
  const known = [facts.letterDated, facts.postedOn].filter((d): d is PlainDate => d !== undefined)
  if (known.length === 0)
    throw new InvalidInput('letterDated', 'give the date on the letter or the date it was posted')
  const notified = known.reduce((a, b) => (compareDates(b, a) < 0 ? b : a))
  const rule = book.at('deadlines.date-of-notification', notified)
  const steps: Step[] = []
  if (facts.letterDated)
    steps.push(
      step('letter-dated', `The letter is dated ${formatLongDate(facts.letterDated)}.`, {
        date: facts.letterDated,
      }),
    )
  if (facts.postedOn)
    steps.push(
      step('posted', `It was posted on ${formatLongDate(facts.postedOn)}.`, { date: facts.postedOn }),
    )
  steps.push(
    step(
      'notified',
      `A decision counts as notified when it is posted, so it was notified on ${formatLongDate(notified)}.`,
      {
        date: notified,
        cite: rule.cite(),
      },
    ),
  )
  const assumptions: string[] = []
  if (facts.letterDated && facts.postedOn && isAfter(facts.postedOn, facts.letterDated)) {
    assumptions.push(
      `The letter was posted after the date printed on it; Redress still counts from ${formatLongDate(facts.letterDated)}, the safer date.`,
    )
  }
  if (facts.receivedOn) {
    steps.push(
      step(
        'received',
        `It arrived on ${formatLongDate(facts.receivedOn)}; the time limit does not run from that date.`,
        {
          date: facts.receivedOn,
          cite: rule.cite(),
        },
      ),
    )
  }
  return traced(notified, steps, assumptions)
}
