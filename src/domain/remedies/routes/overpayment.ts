import { formatPounds } from '../../shared/pence.ts'
import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import type { OverpaymentCause, OverpaymentProblem, ProblemFacts } from '../facts.ts'
import { overpaymentsRule } from '../rules.ts'
import { KEEP_COPIES, PROOF_OF_POSTAGE, contactCms, referenceNumber } from '../text.ts'
import { complaintLadderRoutes } from './complaint.ts'

/** Overpaid maintenance: usually put right by paying less in future; a refund is at the CMS's discretion. */

export const OVERPAYMENT_NO_APPEAL =
  'There is no tribunal appeal about how an overpayment is dealt with. Ask the CMS in writing to adjust future payments or refund you, and complain if it will not. If the overpayment came from a wrong calculation, challenge that decision instead.'

const CAUSE: Record<OverpaymentCause, string> = {
  calculationReduced: 'The calculation was lowered for a past period, so you paid more than was due.',
  paidMoreThanDue: 'You paid more than the amount due.',
  caseShouldHaveEnded:
    'You kept paying after the case should have ended (for example a child stopped counting).',
  voluntaryPaymentsIgnored: 'Payments you made directly (voluntary payments) were not counted.',
  unknown: 'You think too much has been paid.',
}

export function overpaymentRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: OverpaymentProblem,
): RouteDraft[] {
  const rule = overpaymentsRule(ctx.book, ctx.today)
  const amount = p.amount !== undefined ? ` (about ${formatPounds(p.amount)})` : ''
  const paying = facts.role === 'paying'
  const route = draft({
    id: 'overpayment-adjustment',
    fit: 'main',
    title: paying
      ? 'Ask the CMS to put the overpayment right'
      : 'If the CMS asks you to repay an overpayment',
    whyItFits: paying
      ? `${CAUSE[p.cause]}${amount} The usual fix is to reduce what you pay in future. If that cannot work (for example the case has ended), the CMS can choose to refund you and may ask the other parent to repay it.`
      : `The CMS has said the paying parent overpaid${amount}. It usually puts this right by reducing future payments to you. It can ask you to repay, but this is at its discretion: ask for an explanation and say if repaying would cause hardship.`,
    gather: [
      referenceNumber(ctx, facts.nation),
      'A record of payments made and the amounts due for the period (a statement of account helps).',
      ...(p.cause === 'voluntaryPaymentsIgnored'
        ? ['Proof of each direct payment: bank statements or receipts.']
        : []),
    ],
    howToSend: [
      ...contactCms(ctx, facts.nation),
      paying
        ? 'Ask in writing for a statement of account and for the overpayment to be set against future payments or refunded.'
        : 'Ask in writing how the overpayment arose and for an affordable way of dealing with it.',
      PROOF_OF_POSTAGE,
      KEEP_COPIES,
    ],
    whatHappensNext: 'The CMS decides how to deal with the overpayment. If you disagree, complain.',
    letterKind: 'statementOfAccount',
    noAppeal: OVERPAYMENT_NO_APPEAL,
    cautions:
      p.cause === 'caseShouldHaveEnded'
        ? [
            'Tell the CMS about the change that ended the case now: for a child who stopped counting, the change is backdated to when it happened.',
          ]
        : [],
    citations: [rule.cite()],
  })
  const complaint = complaintLadderRoutes(ctx, facts, {
    stage: 'notYetComplained',
    about: paying
      ? 'You say the CMS has not put right an overpayment'
      : 'You are unhappy with how the CMS is recovering an overpayment',
    fit: 'fallback',
    noAppeal: OVERPAYMENT_NO_APPEAL,
    offerCompensation: false,
    offerRecords: false,
  }).filter((r) => r.id === 'complaint')
  return [route, ...complaint]
}
