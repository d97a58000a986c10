import { InvalidInput, rawProblem } from '../shared/errors.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { step, traced, type Traced } from '../shared/traced.ts'
import { NATION_NAMES } from './calendar.ts'
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
      rawProblem(`${rule.rule.title} are not recorded for ${NATION_NAMES[nation]}`),
    )
  const steps = rule.value.grounds.map((g) => step(g.key, g.text, { cite: rule.cite(g.provision) }))
  return traced(rule.value.grounds, steps)
}
