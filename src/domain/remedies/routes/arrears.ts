import { message, type Message } from '../../shared/message.ts'
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

export const ARREARS_NO_APPEAL = message('remedies.arrears.arrearsNoAppeal')

const CAUSE: Record<ArrearsCause, Message | null> = {
  paymentNotRecorded: message('remedies.arrears.cause.paymentNotRecorded'),
  directPayDispute: message('remedies.arrears.cause.directPayDispute'),
  wrongCalculation: message('remedies.arrears.cause.wrongCalculation'),
  wrongEffectiveDate: message('remedies.arrears.cause.wrongEffectiveDate'),
  unknown: null,
}

export function statementOfAccountRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  opts: { why: Message; fit: Fit; gather?: readonly Message[]; noAppeal: Message },
): RouteDraft {
  return draft({
    id: 'statement-of-account',
    fit: opts.fit,
    title: message('remedies.arrears.statementOfAccount.title'),
    whyItFits: message('remedies.arrears.statementOfAccount.whyItFits', { why: opts.why }),
    gather: [
      referenceNumber(ctx, facts.nation),
      message('remedies.arrears.statementOfAccount.gather.yourOwnRecord'),
      message('remedies.arrears.statementOfAccount.gather.yourPaymentSchedule'),
      ...(opts.gather ?? []),
    ],
    howToSend: [
      ...contactCms(ctx, facts.nation),
      message('remedies.arrears.statementOfAccount.howToSend.askInWriting'),
      PROOF_OF_POSTAGE,
      KEEP_COPIES,
    ],
    whatHappensNext: message('remedies.arrears.statementOfAccount.whatHappensNext'),
    letterKind: 'statementOfAccount',
    noAppeal: opts.noAppeal,
    citations: [noRightOfAppealRule(ctx.book, ctx.today).cite()],
  })
}

export function arrearsRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: ArrearsProblem): RouteDraft[] {
  const amount =
    p.amount !== undefined
      ? message('remedies.arrears.arrearsRoutes.amount.of', { amount: formatPounds(p.amount) })
      : ''
  const cause = CAUSE[p.cause]
  const about = message('remedies.arrears.arrearsRoutes.about', {
    amount,
    cause: cause ? message('remedies.arrears.arrearsRoutes.cause', { cause }) : '',
  })
  const fromDecision = p.cause === 'wrongCalculation' || p.cause === 'wrongEffectiveDate'
  const routes: RouteDraft[] = [
    statementOfAccountRoute(ctx, facts, {
      why: message('remedies.shared.sentence', { words: about }),
      fit: 'main',
      gather:
        p.cause === 'directPayDispute'
          ? [message('remedies.arrears.arrearsRoutes.gather.withDirectPay')]
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
            ? message('remedies.arrears.arrearsRoutes.whatIsWrong.effectiveDate')
            : message('remedies.arrears.arrearsRoutes.whatIsWrong.decision'),
        evidence: [message('remedies.arrears.arrearsRoutes.evidence.theDecisionLetter')],
        offerOfficialError: true,
      }),
    )
  return routes
}
