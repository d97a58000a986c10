import { formatPounds } from '../../shared/pence.ts'
import type { AdvisorContext } from '../context.ts'
import type { RouteDraft } from '../draft.ts'
import type { LegacyArrearsProblem, ProblemFacts } from '../facts.ts'
import { legacyArrearsRule } from '../rules.ts'
import { statementOfAccountRoute } from './arrears.ts'
import { complaintLadderRoutes, subjectAccessRoute } from './complaint.ts'

/** Arrears carried over from the Child Support Agency's 1993 and 2003 schemes. */

export const LEGACY_NO_APPEAL =
  'Arrears carried over from the old Child Support Agency cannot be appealed to a tribunal. Ask for a full statement of account covering the CSA years, ask for your records, and complain if the figures are still wrong.'

export function legacyArrearsRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: LegacyArrearsProblem,
): RouteDraft[] {
  const rule = legacyArrearsRule(ctx.book, ctx.today)
  const amount = p.amount !== undefined ? ` of ${formatPounds(p.amount)}` : ''
  const soa = statementOfAccountRoute(ctx, facts, {
    why: `You question arrears${amount} carried over from the old Child Support Agency. CSA records are known to contain errors, so ask the CMS to show how the figure was built up.`,
    fit: 'main',
    gather: [
      'Any old CSA letters, assessments and payment records you have.',
      ...(p.writeOffNoticeReceived === 'yes' ? ['The write-off notice and any reply you sent.'] : []),
    ],
    noAppeal: LEGACY_NO_APPEAL,
  })
  const routes: RouteDraft[] = [
    { ...soa, citations: [...soa.citations, rule.cite()] },
    subjectAccessRoute(ctx, facts, 'Your CSA and CMS records show how the old arrears were worked out.'),
    ...complaintLadderRoutes(ctx, facts, {
      stage: 'notYetComplained',
      about: `You say the arrears${amount} carried over from the CSA are wrong`,
      fit: 'alongside',
      noAppeal: LEGACY_NO_APPEAL,
      offerCompensation: false,
      offerRecords: false,
    }).filter((r) => r.id === 'complaint'),
  ]
  if (p.writeOffNoticeReceived === 'yes')
    routes[0] = {
      ...routes[0]!,
      cautions: [
        'You had a write-off notice: ask the CMS exactly what was written off and when. Written-off arrears generally cannot be collected later (our research could not confirm the detailed rules).',
      ],
    }
  return routes
}
