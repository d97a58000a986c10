import { message } from '../../shared/message.ts'
import { formatPounds } from '../../shared/pence.ts'
import type { AdvisorContext } from '../context.ts'
import type { RouteDraft } from '../draft.ts'
import type { LegacyArrearsProblem, ProblemFacts } from '../facts.ts'
import { legacyArrearsRule } from '../rules.ts'
import { statementOfAccountRoute } from './arrears.ts'
import { complaintLadderRoutes, subjectAccessRoute } from './complaint.ts'

/** Arrears carried over from the Child Support Agency's 1993 and 2003 schemes. */

export const LEGACY_NO_APPEAL = message('remedies.legacy.legacyNoAppeal')

export function legacyArrearsRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: LegacyArrearsProblem,
): RouteDraft[] {
  const rule = legacyArrearsRule(ctx.book, ctx.today)
  const amount =
    p.amount !== undefined
      ? message('remedies.legacy.legacyArrearsRoutes.amount.of', { amount: formatPounds(p.amount) })
      : ''
  const soa = statementOfAccountRoute(ctx, facts, {
    why: message('remedies.legacy.legacyArrearsRoutes.why', { amount }),
    fit: 'main',
    gather: [
      message('remedies.legacy.legacyArrearsRoutes.gather.anyOldCsa'),
      ...(p.writeOffNoticeReceived === 'yes'
        ? [message('remedies.legacy.legacyArrearsRoutes.gather.theWriteOff')]
        : []),
    ],
    noAppeal: LEGACY_NO_APPEAL,
  })
  const routes: RouteDraft[] = [
    { ...soa, citations: [...soa.citations, rule.cite()] },
    subjectAccessRoute(ctx, facts, message('remedies.legacy.legacyArrearsRoutes.routes.yourCsaAnd')),
    ...complaintLadderRoutes(ctx, facts, {
      stage: 'notYetComplained',
      about: message('remedies.legacy.legacyArrearsRoutes.about', { amount }),
      fit: 'alongside',
      noAppeal: LEGACY_NO_APPEAL,
      offerCompensation: false,
      offerRecords: false,
    }).filter((r) => r.id === 'complaint'),
  ]
  if (p.writeOffNoticeReceived === 'yes')
    routes[0] = {
      ...routes[0]!,
      cautions: [message('remedies.legacy.legacyArrearsRoutes.cautions.youHadA')],
    }
  return routes
}
