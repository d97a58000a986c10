import { message, type Message } from '../../shared/message.ts'
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

export const PARENTAGE_NO_APPEAL = message('remedies.parentage.parentageNoAppeal')

const STRONG: readonly ParentageBasis[] = ['dnaTest', 'adopted', 'courtOrder']

const BASIS_WORDS: Record<ParentageBasis, Message | null> = {
  marriedOrCivilPartner: message('remedies.parentage.basisWords.marriedOrCivilPartner'),
  birthCertificate: message('remedies.parentage.basisWords.birthCertificate'),
  dnaTest: message('remedies.parentage.basisWords.dnaTest'),
  adopted: message('remedies.parentage.basisWords.adopted'),
  courtOrder: message('remedies.parentage.basisWords.courtOrder'),
  none: null,
  unknown: null,
}

export function parentageRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: ParentageProblem): RouteDraft[] {
  const rule = parentageRule(ctx.book, ctx.today)
  const n = facts.nation
  const cautions: Message[] = []
  if (facts.keepContactDetailsPrivate) cautions.push(PRIVACY_CAUTION)
  cautions.push(message('remedies.parentage.parentageRoutes.theCmsExpects'))

  if (facts.role === 'receiving')
    return [
      draft({
        id: 'parentage-dispute',
        fit: 'main',
        title: message('remedies.parentage.parentageDispute.title'),
        whyItFits: message('remedies.parentage.parentageDispute.whyItFits.theCmsWill', {
          meanwhile:
            p.calculationMade === 'yes'
              ? message('remedies.parentage.parentageDispute.whyItFits.whileThisIs')
              : message('remedies.parentage.parentageDispute.whyItFits.ifNoAmount'),
        }),
        gather: [
          referenceNumber(ctx, n),
          message('remedies.parentage.parentageDispute.gather.anythingThatShows'),
        ],
        howToSend: [
          ...contactCms(ctx, n),
          message('remedies.parentage.parentageDispute.howToSend.replyInWriting'),
          PROOF_OF_POSTAGE,
        ],
        whatHappensNext: message('remedies.parentage.parentageDispute.whatHappensNext'),
        letterKind: null,
        noAppeal: PARENTAGE_NO_APPEAL,
        cautions,
        citations: [rule.cite()],
      }),
    ]

  const basis = p.assumedBecause ?? 'unknown'
  const assumed = BASIS_WORDS[basis]
  if (STRONG.includes(basis))
    cautions.push(message('remedies.parentage.parentageRoutes.becauseParentageRests'))
  const meanwhile =
    p.calculationMade === 'no'
      ? message('remedies.parentage.parentageRoutes.meanwhile.asNoAmount')
      : message('remedies.parentage.parentageRoutes.meanwhile.asAnAmount')
  const refund = message('remedies.parentage.parentageRoutes.refund', {
    refundFrom: rule.value['refund-from'],
  })
  const denied = isKnown(p.firstDeniedOn)
    ? message('remedies.parentage.parentageRoutes.denied.youFirstDenied', {
        firstDeniedOn: on(p.firstDeniedOn),
      })
    : message('remedies.parentage.parentageRoutes.denied.thatDateMatters')
  const routes: RouteDraft[] = [
    draft({
      id: 'parentage-dispute',
      fit: 'main',
      title: isNI(n)
        ? message('remedies.parentage.parentageDispute.titleNi')
        : message('remedies.parentage.parentageDispute.titleGb'),
      whyItFits: message('remedies.parentage.parentageDispute.whyItFits.youCanDeny', {
        assumed: assumed
          ? message('remedies.parentage.parentageDispute.whyItFits.theCmsTreats', { assumed })
          : '',
        meanwhile,
        refund,
        denied,
      }),
      gather: [
        referenceNumber(ctx, n),
        message('remedies.parentage.parentageDispute.gather.whyYouBelieve'),
        message('remedies.parentage.parentageDispute.gather.theDateYou'),
      ],
      howToSend: [
        ...contactCms(ctx, n),
        message('remedies.parentage.parentageDispute.howToSend.writeToSay'),
        message('remedies.parentage.parentageDispute.howToSend.ifTheCms'),
        PROOF_OF_POSTAGE,
      ],
      whatHappensNext: message('remedies.parentage.parentageDispute.whatHappensNextYouDeny'),
      letterKind: 'parentageDispute',
      noAppeal: PARENTAGE_NO_APPEAL,
      cautions,
      citations: [rule.cite()],
    }),
  ]
  if (p.calculationMade !== 'no') {
    const court = isNI(n)
      ? message('remedies.parentage.parentageRoutes.court.aCourtOf')
      : n === 'scotland'
        ? message('remedies.parentage.parentageRoutes.court.theSheriff')
        : message('remedies.parentage.parentageRoutes.court.theFamilyCourt')
    const appeal = askDeadline(ctx, n, {
      kind: 'parentageAppeal',
      from: p.decisionLetterDate,
      label: message('remedies.parentage.parentageRoutes.label', { court }),
      ifUnknown: message('remedies.parentage.parentageRoutes.ifUnknown'),
    })
    routes.push(
      draft({
        id: 'parentage-appeal',
        fit: 'alongside',
        title: message('remedies.parentage.parentageAppeal.title', { court }),
        whyItFits: message('remedies.parentage.parentageAppeal.whyItFits.whereTheAppeal', {
          court,
          timeLimit: isNI(n)
            ? message('remedies.parentage.parentageAppeal.whyItFits.inNorthernIreland')
            : message('remedies.parentage.parentageAppeal.whyItFits.theTimeLimit'),
        }),
        deadlines: [appeal],
        gather: [
          referenceNumber(ctx, n),
          letterDated(
            message('remedies.parentage.parentageAppeal.gather.theDecisionThat'),
            p.decisionLetterDate,
          ),
          message('remedies.parentage.parentageAppeal.gather.whyYouAre'),
        ],
        howToSend: [
          message('remedies.parentage.parentageAppeal.howToSend.askTheOffice', { court }),
          message('remedies.parentage.parentageAppeal.howToSend.tellTheCms'),
        ],
        whatHappensNext: message('remedies.parentage.parentageAppeal.whatHappensNext'),
        letterKind: null,
        cautions:
          appeal.result?.confidence === 'verified'
            ? []
            : [message('remedies.parentage.parentageAppeal.cautions.theCourtS')],
        citations: appeal.result
          ? []
          : [cite(ctx, isNI(n) ? 'deadlines.ni-parentage-appeal' : 'deadlines.parentage-appeal')],
      }),
      anyTimeRoute(ctx, facts, 'not-a-parent', 'alongside', {
        decisionLetterDate: undefined,
        whatIsWrong: message('remedies.parentage.parentageRoutes.whatIsWrong'),
        evidence: [message('remedies.parentage.parentageRoutes.evidence.theDnaResult')],
      }),
    )
  }
  return routes
}
