import type { CaseRecord, DecisionRecord, EventRecord } from '../domain/case/index.ts'
import { text } from '../copy/translate.ts'
import { adviseRoutes } from '../domain/remedies/advisor.ts'
import type { CallRecord, Problem, ProblemFacts } from '../domain/remedies/facts.ts'
import { parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import type { LetterKind } from '../documents/index.ts'
import { contacts } from './contacts.ts'
import { documentKindsFor } from './letter-kinds.ts'
import { realDeadlineFn } from './route.service.ts'

/**
 * "Letters you may need" in a case file, from the route advisor: the case file's decisions, letters and
 * calls become the advisor's facts, and each route's letter (in the advisor's order) is suggested with the
 * route's own title as the reason. So the case file never suggests a letter the advisor would not (for
 * example a variation for earnings, which belong in the calculation itself).
 */

const NOT_CHALLENGEABLE = new Set(['mandatory-reconsideration-notice', 'arrears-notice', 'enforcement'])

const newestFirst = <T extends { letterDate: string }>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => b.letterDate.localeCompare(a.letterDate))

/** The advisor's facts that a case file's records support (no guesses beyond what was recorded). */
export function caseProblemFacts(
  c: Pick<CaseRecord, 'role' | 'nation'>,
  decisions: readonly DecisionRecord[],
  events: readonly EventRecord[],
): ProblemFacts | null {
  const problems: Problem[] = []
  const sorted = newestFirst(decisions)
  const mrn = sorted.find((d) => d.kind === 'mandatory-reconsideration-notice')
  const challengeable = sorted.find((d) => !NOT_CHALLENGEABLE.has(d.kind))
  const sent = events.filter((e) => e.type === 'letter-sent')
  const received = events.filter((e) => e.type === 'letter-received')
  const dated = (e: EventRecord): PlainDate => parseDate(e.letter?.letterDate ?? e.occurredOn)

  if (mrn)
    problems.push({
      kind: 'wrongCalculation',
      errors: ['other'],
      reconsideration: 'refused',
      mrNoticeDate: parseDate(mrn.letterDate),
      ...(challengeable ? { decisionLetterDate: parseDate(challengeable.letterDate) } : {}),
    })
  else if (challengeable) {
    const asked = sent.find(
      (e) => e.letter?.subject === 'mandatory-reconsideration' && e.occurredOn >= challengeable.letterDate,
    )
    problems.push({
      kind: 'wrongCalculation',
      errors: ['other'],
      decisionLetterDate: parseDate(challengeable.letterDate),
      ...(asked
        ? { reconsideration: 'waiting' as const, reconsiderationAskedOn: parseDate(asked.occurredOn) }
        : {}),
    })
  }

  const finalResponse = received.find((e) => e.letter?.subject === 'complaint-final-response')
  const response = received.find((e) => e.letter?.subject === 'complaint-response')
  const complaint = sent.find((e) => e.letter?.subject === 'complaint')
  if (finalResponse)
    problems.push({
      kind: 'poorService',
      complaints: ['otherMistake'],
      stage: 'finalResponse',
      finalResponseReceivedOn: parseDate(finalResponse.occurredOn),
    })
  else if (response || complaint)
    problems.push({
      kind: 'poorService',
      complaints: ['otherMistake'],
      stage: 'complained',
      ...(complaint ? { complainedOn: dated(complaint) } : {}),
    })

  if (sorted.some((d) => d.kind === 'arrears-notice'))
    problems.push({ kind: 'arrearsWrong', cause: 'unknown' })
  const order = sorted.find(
    (d) => d.kind === 'enforcement' && d.enforcementAction === 'deduction-from-earnings-order',
  )
  if (order)
    problems.push({
      kind: 'enforcement',
      action: 'deductionFromEarningsOrder',
      actionDate: parseDate(order.letterDate),
    })

  const confirmed = sent.some((e) => e.letter?.subject === 'call-confirmation')
  const calls: CallRecord[] = events
    .filter((e) => e.type === 'call')
    .map((e) => ({ on: parseDate(e.occurredOn), confirmedInWriting: confirmed }))
  if (problems.length === 0) return null
  return { role: c.role, nation: c.nation, problems, calls }
}

/** The letters the route advisor's routes call for, in its order, each with the route's title as the reason. */
export function lettersFromAdvisor(
  book: RuleBook,
  today: PlainDate,
  facts: ProblemFacts | null,
): { kind: LetterKind; why: string }[] {
  if (!facts) return []
  const advice = adviseRoutes(facts, { book, deadline: realDeadlineFn(book), today, contacts: contacts() })
  const out: { kind: LetterKind; why: string }[] = []
  for (const r of advice.routes) {
    if (!r.letterKind || r.fit === 'fallback') continue
    const kind = documentKindsFor(r.letterKind)[0]
    if (kind && !out.some((o) => o.kind === kind)) out.push({ kind, why: `${text(r.title)}.` })
  }
  return out
}
