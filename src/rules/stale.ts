import type { PlainDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'

/** How long a rule may go without being compared with its sources before `redress rules --stale` lists it. */
export const STALE_AFTER = { months: 12 } as const

/** The day from which a check still counts as current: twelve months before `today`. */
export const staleBefore = (today: PlainDate): PlainDate => today.subtract(STALE_AFTER)

/** The ids of rules last checked more than twelve months before `today` (checked before `staleBefore(today)`). */
export function staleRuleIds(book: RuleBook, today: PlainDate): string[] {
  const limit = staleBefore(today)
  return book.ids().filter((id) => book.rule(id).checked.until(limit).sign > 0)
}
