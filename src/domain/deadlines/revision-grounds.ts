import { InvalidInput, domainProblem } from '../shared/errors.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { step, traced, type Traced } from '../shared/traced.ts'
import { nationName } from './calendar.ts'
import { revisionGroundsParser, type RevisionGround } from './rule-value.ts'
import type { Nation } from './types.ts'

export type { RevisionGround }

/**
 * The grounds on which a decision dated `on` can be revised at any time (no 30-day limit): misrepresentation,
 * an in-time appeal pending, CMS action within 30 days, official error, an amended HMRC figure, not a parent.
 */
export function anyTimeRevisionGrounds(
  book: RuleBook,
  on: PlainDate,
  nation: Nation,
): Traced<readonly RevisionGround[]> {
  const id = 'deadlines.any-time-revision-grounds'
  const rule = book.at(id, on, revisionGroundsParser(id))
  if (!rule.value.nations.includes(nation))
    throw new InvalidInput(
      'nation',
      domainProblem('deadlineInput.groundsNotRecorded', {
        title: rule.rule.title,
        nation: nationName(nation),
      }),
    )
  const steps = rule.value.grounds.map((g) => step(g.key, g.text, { cite: rule.cite(g.provision) }))
  return traced(rule.value.grounds, steps)
}
