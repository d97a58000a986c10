import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import { isKnown, type ParentageBasis, type ParentageProblem, type ProblemFacts } from '../facts.ts'
import { parentageRule } from '../rules.ts'
import {
  PRIVACY_CAUTION,
  PROOF_OF_POSTAGE,
  contactCms,
  isNI,
  letterDated,
  on,
  referenceNumber,
} from '../text.ts'
import { askDeadline } from '../timing.ts'
import { cite } from '../cite.ts'
import { anyTimeRoute } from './challenge.ts'

/** Disputed parentage: the CMS can ask for DNA tests or a court decides; the tribunal cannot. */

export const PARENTAGE_NO_APPEAL =
  'The tribunal cannot decide who a child’s parent is. Tell the CMS you deny parentage, ask for a DNA test through the CMS, or ask a court to declare whether you are the parent.'

const STRONG: readonly ParentageBasis[] = ['dnaTest', 'adopted', 'courtOrder']

const BASIS_WORDS: Record<ParentageBasis, string> = {
  marriedOrCivilPartner:
    'you were married to, or the civil partner of, the mother at some time between conception and birth',
  birthCertificate: 'you are named on the birth certificate',
  dnaTest: 'a DNA test showed you are the parent',
  adopted: 'you adopted the child',
  courtOrder: 'a court order names you as the parent',
  none: '',
  unknown: '',
}

export function parentageRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: ParentageProblem): RouteDraft[] {
  const rule = parentageRule(ctx.book, ctx.today)
  const n = facts.nation
  const cautions: string[] = []
  if (facts.keepContactDetailsPrivate) cautions.push(PRIVACY_CAUTION)
  cautions.push(
    'The CMS expects the person who denies parentage to pay for the DNA test; it refunds the fee if the test shows they are not the parent. Ask the CMS for the current price.',
  )

  if (facts.role === 'receiving')
    return [
      draft({
        id: 'parentage-dispute',
        fit: 'main',
        title: 'The other parent denies being the parent',
        whyItFits: `The CMS will ask you both for evidence and may ask for a DNA test (you must agree before a child under 16 is tested) or ask a court to decide. ${p.calculationMade === 'yes' ? 'While this is sorted out, the paying parent must keep paying the amount already worked out.' : 'If no amount has been worked out yet, the CMS waits until the dispute is settled; if parentage is then shown, the amount is backdated to when the case was opened.'}`,
        gather: [
          referenceNumber(ctx, n),
          'Anything that shows parentage: the birth certificate, evidence of marriage or civil partnership, messages acknowledging the child.',
        ],
        howToSend: [
          ...contactCms(ctx, n),
          'Reply in writing to the CMS’s request for evidence.',
          PROOF_OF_POSTAGE,
        ],
        whatHappensNext: 'The CMS decides, using DNA results or a court’s decision if needed.',
        letterKind: null,
        noAppeal: PARENTAGE_NO_APPEAL,
        cautions,
        citations: [rule.cite()],
      }),
    ]

  const basis = p.assumedBecause ?? 'unknown'
  const assumed = BASIS_WORDS[basis]
  if (STRONG.includes(basis))
    cautions.push(
      'Because parentage rests on a DNA test, an adoption or a court order, the CMS is unlikely to change it without a court’s decision. Get advice before spending money on a test.',
    )
  const meanwhile =
    p.calculationMade === 'no'
      ? 'As no amount has been worked out yet, the CMS will not work one out or ask for payment until the dispute is settled; if you are found to be the parent, the amount will be backdated to when the case was opened.'
      : 'As an amount has already been worked out, you must keep paying it until you show you are not the parent; stopping can lead to arrears and enforcement.'
  const refund = `If you are shown not to be the parent, the CMS may refund what you paid since ${rule.value['refund-from']} (or set it against maintenance for another child), refund the cost of a DNA test it arranged, and ask the other parent to pay back maintenance.`
  const denied = isKnown(p.firstDeniedOn)
    ? ` You first denied it on ${on(p.firstDeniedOn)}; keep proof of that date.`
    : ' That date matters, so tell the CMS in writing now.'
  const routes: RouteDraft[] = [
    draft({
      id: 'parentage-dispute',
      fit: 'main',
      title: isNI(n)
        ? 'Dispute parentage: DNA testing through the CMS, or a court declaration'
        : 'Dispute parentage: DNA testing through the CMS, or a court decision',
      whyItFits: `${assumed ? `The CMS treats you as the parent because ${assumed}. ` : ''}You can deny it: the CMS will ask for evidence, can ask everyone to take a DNA test (all the adults must agree, and the receiving parent for a child under 16), or can ask a court to decide. ${meanwhile} ${refund}${denied}`,
      gather: [
        referenceNumber(ctx, n),
        'Why you believe you are not the parent, with dates, and any evidence.',
        'The date you first told the CMS you deny parentage, with proof.',
      ],
      howToSend: [
        ...contactCms(ctx, n),
        'Write to say you deny being the parent of the child (give the child’s name), and ask for a DNA test.',
        'If the CMS will not settle it, a court can declare whether you are the parent; get advice about applying.',
        PROOF_OF_POSTAGE,
      ],
      whatHappensNext:
        'The CMS arranges a DNA test with an approved company or refers the question to a court. If you are shown not to be the parent, the calculation can be revised from the start.',
      letterKind: 'parentageDispute',
      noAppeal: PARENTAGE_NO_APPEAL,
      cautions,
      citations: [rule.cite()],
    }),
  ]
  if (p.calculationMade !== 'no') {
    const court = isNI(n)
      ? 'a court of summary jurisdiction'
      : n === 'scotland'
        ? 'the sheriff'
        : 'the family court'
    const appeal = askDeadline(ctx, n, {
      kind: 'parentageAppeal',
      from: p.decisionLetterDate,
      label: `Your appeal must be made to ${court} by`,
      ifUnknown:
        'Find the date on the decision that treats you as the parent: an appeal to the court must be made within about a month of it.',
    })
    routes.push(
      draft({
        id: 'parentage-appeal',
        fit: 'alongside',
        title: `Appeal to ${court} against the finding that you are the parent`,
        whyItFits: `Where the appeal is that a decision should not have found you to be the parent, it goes to ${court}, not the tribunal. ${isNI(n) ? 'In Northern Ireland the usual one-month appeal time applies to the court.' : 'The time limit for the court was not confirmed in our research, so the date shown is the earliest it could be.'}`,
        deadlines: [appeal],
        gather: [
          referenceNumber(ctx, n),
          letterDated('The decision that treats you as the parent', p.decisionLetterDate),
          'Why you are not the parent, and any evidence (a DNA result, if you have one).',
        ],
        howToSend: [
          `Ask the office of ${court} how to start the appeal and which form to use.`,
          'Tell the CMS in writing that you have appealed.',
        ],
        whatHappensNext: 'The court decides whether you are the parent, and may direct DNA tests.',
        letterKind: null,
        cautions:
          appeal.result?.confidence === 'verified'
            ? []
            : [
                'The court’s time limit was not confirmed in our research; act as early as you can and ask an adviser.',
              ],
        citations: appeal.result
          ? []
          : [cite(ctx, isNI(n) ? 'deadlines.ni-parentage-appeal' : 'deadlines.parentage-appeal')],
      }),
      anyTimeRoute(ctx, facts, 'not-a-parent', 'alongside', {
        decisionLetterDate: undefined,
        whatIsWrong: 'you are not the child’s parent',
        evidence: [
          'The DNA result from an approved company, or a court’s declaration that you are not the parent.',
        ],
      }),
    )
  }
  return routes
}
