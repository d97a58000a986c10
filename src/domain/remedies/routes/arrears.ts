import { formatPounds } from '../../shared/pence.ts'
import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import { isKnown, type ArrearsCause, type ArrearsProblem, type ProblemFacts } from '../facts.ts'
import type { Fit } from '../route.ts'
import { noRightOfAppealRule } from '../rules.ts'
import { KEEP_COPIES, PROOF_OF_POSTAGE, contactCms, referenceNumber } from '../text.ts'
import { challengeRoutes } from './challenge.ts'
import { complaintLadderRoutes } from './complaint.ts'

/** Arrears figures that look wrong: no appeal; a statement of account, a complaint, and a revision if a wrong decision caused them. */

export const ARREARS_NO_APPEAL =
  'You cannot appeal an arrears figure to a tribunal. Instead, ask the CMS for a full statement of account showing every amount due and every payment it has recorded, and complain if it is still wrong. Only if the arrears come from a wrong decision can that decision be challenged.'

const CAUSE: Record<ArrearsCause, string> = {
  paymentNotRecorded: 'because the CMS has not recorded a payment you made',
  directPayDispute: 'because of a disagreement about payments made directly between you (Direct Pay)',
  wrongCalculation: 'because the calculation behind them is wrong',
  wrongEffectiveDate: 'because the CMS used the wrong start date',
  unknown: '',
}

export function statementOfAccountRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  opts: { why: string; fit: Fit; gather?: readonly string[]; noAppeal: string },
): RouteDraft {
  return draft({
    id: 'statement-of-account',
    fit: opts.fit,
    title: 'Ask for a full statement of account',
    whyItFits: `${opts.why} A statement of account lists every amount the CMS says was due and every payment it has recorded, so you can see exactly where the figure comes from.`,
    gather: [
      referenceNumber(ctx, facts.nation),
      'Your own record of payments: bank statements, receipts or payment confirmations, with dates and amounts.',
      'Your payment schedule and any arrears letters.',
      ...(opts.gather ?? []),
    ],
    howToSend: [
      ...contactCms(ctx, facts.nation),
      'Ask in writing for a full statement of account for the whole period, and list any payments you think are missing.',
      PROOF_OF_POSTAGE,
      KEEP_COPIES,
    ],
    whatHappensNext:
      'Compare the statement with your own records. If the CMS will not correct a payment it has missed, or will not send the statement, make a complaint.',
    letterKind: 'statementOfAccount',
    noAppeal: opts.noAppeal,
    citations: [noRightOfAppealRule(ctx.book, ctx.today).cite()],
  })
}

export function arrearsRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: ArrearsProblem): RouteDraft[] {
  const amount = p.amount !== undefined ? ` of ${formatPounds(p.amount)}` : ''
  const cause = CAUSE[p.cause]
  const about = `You say the arrears figure${amount} is wrong${cause ? ` ${cause}` : ''}`
  const fromDecision = p.cause === 'wrongCalculation' || p.cause === 'wrongEffectiveDate'
  const routes: RouteDraft[] = [
    statementOfAccountRoute(ctx, facts, {
      why: `${about}.`,
      fit: 'main',
      gather:
        p.cause === 'directPayDispute'
          ? ['With Direct Pay the CMS relies on both parents’ records, so send proof of each payment.']
          : [],
      noAppeal: ARREARS_NO_APPEAL,
    }),
    ...complaintLadderRoutes(ctx, facts, {
      stage: isKnown(p.complainedOn) || p.complainedOn === 'unknown' ? 'complained' : 'notYetComplained',
      complainedOn: p.complainedOn,
      about,
      fit: 'main',
      noAppeal: ARREARS_NO_APPEAL,
      offerCompensation: false,
      offerRecords: true,
    }),
  ]
  if (fromDecision)
    routes.push(
      ...challengeRoutes(ctx, facts, {
        decisionLetterDate: p.decisionLetterDate,
        status: 'notAsked',
        whatIsWrong:
          p.cause === 'wrongEffectiveDate'
            ? 'the decision behind the arrears used the wrong start date'
            : 'the decision behind the arrears is wrong',
        evidence: ['The decision letter the arrears come from, and proof of the right figure or date.'],
        offerOfficialError: true,
      }),
    )
  return routes
}
