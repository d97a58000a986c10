import { message, type Message } from '../../shared/message.ts'
import { formatPounds } from '../../shared/pence.ts'
import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import type { OverpaymentCause, OverpaymentProblem, ProblemFacts } from '../facts.ts'
import { overpaymentsRule } from '../rules.ts'
import { KEEP_COPIES, PROOF_OF_POSTAGE, contactCms, referenceNumber } from '../text.ts'
import { complaintLadderRoutes } from './complaint.ts'

/** Overpaid maintenance: usually put right by paying less in future; a refund is at the CMS's discretion. */

export const OVERPAYMENT_NO_APPEAL = message('remedies.overpayment.overpaymentNoAppeal')

const CAUSE: Record<OverpaymentCause, Message> = {
  calculationReduced: message('remedies.overpayment.cause.calculationReduced'),
  paidMoreThanDue: message('remedies.overpayment.cause.paidMoreThanDue'),
  caseShouldHaveEnded: message('remedies.overpayment.cause.caseShouldHaveEnded'),
  voluntaryPaymentsIgnored: message('remedies.overpayment.cause.voluntaryPaymentsIgnored'),
  unknown: message('remedies.overpayment.cause.unknown'),
}

export function overpaymentRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: OverpaymentProblem,
): RouteDraft[] {
  const rule = overpaymentsRule(ctx.book, ctx.today)
  const amount =
    p.amount !== undefined
      ? message('remedies.overpayment.overpaymentRoutes.amount.about', { amount: formatPounds(p.amount) })
      : ''
  const paying = facts.role === 'paying'
  const route = draft({
    id: 'overpayment-adjustment',
    fit: 'main',
    title: paying
      ? message('remedies.overpayment.overpaymentAdjustment.title.askTheCms')
      : message('remedies.overpayment.overpaymentAdjustment.title.ifTheCms'),
    whyItFits: paying
      ? message('remedies.overpayment.overpaymentAdjustment.whyItFits.theUsualFix', {
          cause: CAUSE[p.cause],
          amount,
        })
      : message('remedies.overpayment.overpaymentAdjustment.whyItFits.theCmsHas', { amount }),
    gather: [
      referenceNumber(ctx, facts.nation),
      message('remedies.overpayment.overpaymentAdjustment.gather.aRecordOf'),
      ...(p.cause === 'voluntaryPaymentsIgnored'
        ? [message('remedies.overpayment.overpaymentAdjustment.gather.proofOfEach')]
        : []),
    ],
    howToSend: [
      ...contactCms(ctx, facts.nation),
      paying
        ? message('remedies.overpayment.overpaymentAdjustment.howToSend.paying')
        : message('remedies.overpayment.overpaymentAdjustment.howToSend.receiving'),
      PROOF_OF_POSTAGE,
      KEEP_COPIES,
    ],
    whatHappensNext: message('remedies.overpayment.overpaymentAdjustment.whatHappensNext'),
    letterKind: 'statementOfAccount',
    noAppeal: OVERPAYMENT_NO_APPEAL,
    cautions:
      p.cause === 'caseShouldHaveEnded'
        ? [message('remedies.overpayment.overpaymentAdjustment.cautions.tellTheCms')]
        : [],
    citations: [rule.cite()],
  })
  const complaint = complaintLadderRoutes(ctx, facts, {
    stage: 'notYetComplained',
    about: paying
      ? message('remedies.overpayment.overpaymentRoutes.about.youSayThe')
      : message('remedies.overpayment.overpaymentRoutes.about.youAreUnhappy'),
    fit: 'fallback',
    noAppeal: OVERPAYMENT_NO_APPEAL,
    offerCompensation: false,
    offerRecords: false,
  }).filter((r) => r.id === 'complaint')
  return [route, ...complaint]
}
