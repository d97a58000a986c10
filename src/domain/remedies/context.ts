import type { RuleBook } from '../shared/rule-book.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { Contacts } from './contacts.ts'
import type { DeadlineFn } from './route.ts'

/** What the advisor needs besides the facts: rules, the deadline engine, today's date and contact facts. */
export interface AdvisorContext {
  readonly book: RuleBook
  readonly deadline: DeadlineFn
  /** Today's civil date in Europe/London (the caller's clock; the domain has none). */
  readonly today: PlainDate
  readonly contacts: Contacts
}
