import type { AdvisorContext } from '../context.ts'
import type { RouteDraft } from '../draft.ts'
import type { CalculationError, ProblemFacts, WrongCalculationProblem } from '../facts.ts'
import { challengeRoutes } from './challenge.ts'

/** A calculation the parent thinks is wrong: wrong income, children, nights or other children. */

const WHAT: Record<CalculationError, string> = {
  income: 'used the wrong income for the paying parent',
  numberOfChildren: 'counted the wrong number of children',
  nights: 'counted the wrong number of nights the children stay with the paying parent',
  otherChildren: 'missed other children the paying parent supports or lives with',
  other: 'made another mistake in the calculation',
}

export const EVIDENCE: Record<CalculationError, string> = {
  income:
    'Evidence of the paying parent’s income: the figure the CMS used (it is in the decision letter) and anything showing the real figure, such as payslips, a P60 or a new job offer. If current income differs from the HMRC figure by 25% or more, the CMS should use current income.',
  numberOfChildren:
    'Proof of each child the calculation should (or should not) count: birth certificates, Child Benefit letters, or proof a child has left education.',
  nights:
    'A record of the nights the children stayed with the paying parent over the last 12 months or as planned for the next 12: a diary or calendar, messages agreeing the arrangements, school or travel records. Redress can turn it into a schedule of the disputed nights.',
  otherChildren:
    'Proof of other children: Child Benefit letters for children living with the paying parent, or letters about other child maintenance the paying parent pays.',
  other: 'Anything that shows what the right figure is.',
}

export function listWhat(errors: readonly CalculationError[]): string {
  const parts = (errors.length ? errors : (['other'] as const)).map((e) => WHAT[e])
  const joined =
    parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]
  return `the CMS ${joined}`
}

/** Why earnings are challenged in the decision, never by a variation (said wherever earnings are in question). */
export const EARNINGS_NOT_VARIATION =
  'A variation is not the way to add earnings from a job or self-employment: earnings are part of the calculation itself, so a decision that leaves them out is challenged (a reconsideration, or a revision at any time if they were hidden). Variations are for other income, such as rent, savings, dividends or assets.'

export const HIDDEN_EARNINGS_CONDITION =
  'This fits if the paying parent had the job or earnings when the decision was made and did not tell the CMS. If the job started after the decision, report it as a change of circumstances instead.'

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
