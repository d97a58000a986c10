import { InvalidInput, domainProblem } from '../shared/errors.ts'
import { compareDates, formatLongDate, isAfter, type PlainDate } from '../shared/plain-date.ts'
import { message, type Message } from '../shared/message.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { step, traced, type Step, type Traced } from '../shared/traced.ts'
import { addWorkingDays, citeCalendar, nationName, type Calendars } from './calendar.ts'
import { periodWords } from './date-arithmetic.ts'
import { deemedDeliveryParser } from './rule-value.ts'
import type { Nation } from './types.ts'

export type PostClass = 'first' | 'second'

const M = (key: string, params?: Parameters<typeof message>[1]): Message =>
  message(`deadlinesDomain.notification.${key}`, params)

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
): Traced<PlainDate, Message, Message> {
  const id = 'deadlines.deemed-postal-delivery'
  const rule = book.at(id, letter.posted, deemedDeliveryParser(id))
  const period = letter.postClass === 'first' ? rule.value.firstClass : rule.value.secondClass
  const calendar = calendars[letter.nation]
  const moved = addWorkingDays(letter.posted, period.count, calendar)
  const steps: Step<Message>[] = [
    step('posted', M('posted', { postClass: letter.postClass, date: formatLongDate(letter.posted) }), {
      date: letter.posted,
      cite: rule.cite(),
    }),
    step(
      'delivered',
      M('delivered', {
        postClass: letter.postClass,
        period: periodWords(period),
        nation: nationName(letter.nation),
        date: formatLongDate(moved.date),
      }),
      { date: moved.date, cite: rule.cite() },
    ),
  ]
  if (moved.skipped.some((s) => s.holiday !== null)) {
    steps.push(
      step(
        'bank-holidays',
        message('deadlinesDomain.holidaysFromGovUk', { nation: nationName(letter.nation) }),
        {
          cite: citeCalendar(calendar, letter.posted, moved.date),
        },
      ),
    )
  }
  return traced(moved.date, steps, [M('presumed')])
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
export function dateOfNotification(
  book: RuleBook,
  facts: NotificationFacts,
): Traced<PlainDate, Message, Message> {
  const known = [facts.letterDated, facts.postedOn].filter((d): d is PlainDate => d !== undefined)
  if (known.length === 0)
    throw new InvalidInput('letterDated', domainProblem('deadlineInput.letterDatedOrPosted'))
  const notified = known.reduce((a, b) => (compareDates(b, a) < 0 ? b : a))
  const rule = book.at('deadlines.date-of-notification', notified)
  const steps: Step<Message>[] = []
  if (facts.letterDated)
    steps.push(
      step('letter-dated', M('letterDated', { date: formatLongDate(facts.letterDated) }), {
        date: facts.letterDated,
      }),
    )
  if (facts.postedOn)
    steps.push(
      step('posted', M('postedOn', { date: formatLongDate(facts.postedOn) }), { date: facts.postedOn }),
    )
  steps.push(
    step('notified', M('notified', { date: formatLongDate(notified) }), {
      date: notified,
      cite: rule.cite(),
    }),
  )
  const assumptions: Message[] = []
  if (facts.letterDated && facts.postedOn && isAfter(facts.postedOn, facts.letterDated)) {
    assumptions.push(M('postedAfterDate', { date: formatLongDate(facts.letterDated) }))
  }
  if (facts.receivedOn) {
    steps.push(
      step('received', M('received', { date: formatLongDate(facts.receivedOn) }), {
        date: facts.receivedOn,
        cite: rule.cite(),
      }),
    )
  }
  return traced(notified, steps, assumptions)
}
