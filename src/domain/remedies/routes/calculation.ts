import { message, type Message } from '../../shared/message.ts'
import type { AdvisorContext } from '../context.ts'
import type { RouteDraft } from '../draft.ts'
import type { CalculationError, ProblemFacts, WrongCalculationProblem } from '../facts.ts'
import { and } from '../text.ts'
import { challengeRoutes } from './challenge.ts'

/** A calculation the parent thinks is wrong: wrong income, children, nights or other children. */

const WHAT: Record<CalculationError, Message> = {
  income: message('remedies.calculation.what.income'),
  numberOfChildren: message('remedies.calculation.what.numberOfChildren'),
  nights: message('remedies.calculation.what.nights'),
  otherChildren: message('remedies.calculation.what.otherChildren'),
  other: message('remedies.calculation.what.other'),
}

export const EVIDENCE: Record<CalculationError, Message> = {
  income: message('remedies.calculation.evidence.income'),
  numberOfChildren: message('remedies.calculation.evidence.numberOfChildren'),
  nights: message('remedies.calculation.evidence.nights'),
  otherChildren: message('remedies.calculation.evidence.otherChildren'),
  other: message('remedies.calculation.evidence.other'),
}

export function listWhat(errors: readonly CalculationError[]): Message {
  const parts = (errors.length ? errors : (['other'] as const)).map((e) => WHAT[e])
  const [last, ...before] = [...parts].reverse()
  const joined = before.length ? and(before.reverse(), last!) : last!
  return message('remedies.calculation.listWhat', { what: joined })
}

/** Why earnings are challenged in the decision, never by a variation (said wherever earnings are in question). */
export const EARNINGS_NOT_VARIATION = message('remedies.calculation.earningsNotVariation')

export const HIDDEN_EARNINGS_CONDITION = message('remedies.calculation.hiddenEarningsCondition')

export function wrongCalculationRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: WrongCalculationProblem,
): RouteDraft[] {
  const earnings = p.errors.includes('income') && facts.role === 'receiving'
  const routes = challengeRoutes(ctx, facts, {
    ...(earnings
      ? { anyTimeGround: 'misrepresentation' as const, anyTimeCondition: HIDDEN_EARNINGS_CONDITION }
      : {}),
    tribunalReasonsDate: p.tribunalReasonsDate,
    permissionRefusedDate: p.permissionRefusedDate,
    decisionLetterDate: p.decisionLetterDate,
    status: p.reconsideration ?? 'notAsked',
    askedOn: p.reconsiderationAskedOn,
    mrNoticeDate: p.mrNoticeDate,
    lateReason: p.lateReason,
    cmsHadTheRightInformation: p.cmsHadTheRightInformation,
    whatIsWrong: listWhat(p.errors),
    evidence: (p.errors.length ? p.errors : (['other'] as const)).map((e) => EVIDENCE[e]),
  })
  if (!earnings) return routes
  return routes.map((r) =>
    r.id === 'mandatory-reconsideration' || r.id === 'any-time-revision' || r.id === 'late-reconsideration'
      ? { ...r, cautions: [...r.cautions, EARNINGS_NOT_VARIATION] }
      : r,
  )
}
