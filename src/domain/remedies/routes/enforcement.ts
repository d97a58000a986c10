import { message, type Message } from '../../shared/message.ts'
import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import { deadlineNation, isKnown, type EnforcementProblem, type ProblemFacts } from '../facts.ts'
import type { Fit } from '../route.ts'
import { courtFor, deductionOrderAppealRule, liabilityOrderRule } from '../rules.ts'
import { PRIVACY_CAUTION, contactCms, isNI, on, referenceNumber } from '../text.ts'
import { askDeadline } from '../timing.ts'
import { statementOfAccountRoute } from './arrears.ts'
import { complaintLadderRoutes } from './complaint.ts'

/** Enforcement: earnings and bank deduction orders, liability orders, and a CMS that will not enforce. */

export const CALCULATION_NOT_IN_COURT = message('remedies.enforcement.calculationNotInCourt')

export const LIABILITY_NO_APPEAL = message('remedies.enforcement.liabilityNoAppeal')

const HARDSHIP_NO_APPEAL = message('remedies.enforcement.hardshipNoAppeal')

function earningsOrderRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: EnforcementProblem): RouteDraft[] {
  const rule = deductionOrderAppealRule(ctx.book, ctx.today)
  const court = courtFor(rule.value.court, deadlineNation(facts.nation))
  const grounds = p.grounds ?? []
  const narrow = grounds.includes('orderDefective') || grounds.includes('notEarnings')
  const goodReason = grounds.includes('goodReasonRefused')
  const unsure = grounds.length === 0 || grounds.includes('unknown')
  const fit: Fit = narrow ? 'main' : unsure ? 'alongside' : 'fallback'
  const cautions: Message[] = []
  if (!narrow && !unsure && !goodReason)
    cautions.push(message('remedies.enforcement.earningsOrderRoutes.theReasonsYou'))
  if (facts.nation === 'northern-ireland')
    cautions.push(message('remedies.enforcement.earningsOrderRoutes.theNorthernIreland'))
  if (facts.keepContactDetailsPrivate) cautions.push(PRIVACY_CAUTION)
  const routes: RouteDraft[] = [
    draft({
      id: 'earnings-order-appeal',
      fit,
      title: message('remedies.enforcement.earningsOrderAppeal.title', { court }),
      whyItFits: message(
        `remedies.enforcement.earningsOrderAppeal.whyItFits.${facts.residentAbroad ? 'abroad' : 'inUk'}`,
      ),
      deadlines: [
        askDeadline(ctx, facts.nation, {
          kind: 'deoAppeal',
          from: p.actionDate,
          label: message('remedies.enforcement.earningsOrderAppeal.label', { court }),
          ifUnknown: message('remedies.enforcement.earningsOrderAppeal.ifUnknown'),
          residentAbroad: facts.residentAbroad ?? false,
        }),
      ],
      gather: [
        message('remedies.enforcement.earningsOrderAppeal.gather.theDeductionFrom'),
        message('remedies.enforcement.earningsOrderAppeal.gather.payslipsShowingThe'),
        message('remedies.enforcement.earningsOrderAppeal.gather.evidenceForYour'),
        referenceNumber(ctx, facts.nation),
      ],
      howToSend: [
        facts.nation === 'scotland'
          ? message('remedies.enforcement.earningsOrderAppeal.howToSend.applyToThe')
          : message('remedies.enforcement.earningsOrderAppeal.howToSend.makeAComplaint', { court }),
        message('remedies.enforcement.earningsOrderAppeal.howToSend.tellTheCms'),
      ],
      whatHappensNext: message('remedies.enforcement.earningsOrderAppeal.whatHappensNext'),
      letterKind: null,
      noAppeal: CALCULATION_NOT_IN_COURT,
      cautions,
      citations: [rule.cite()],
    }),
  ]
  if (grounds.includes('goodReasonRefused')) {
    const g = rule.value['good-reason-exclusion']
    routes.push(
      draft({
        id: 'good-reason-appeal',
        fit: 'main',
        title: message('remedies.enforcement.goodReasonAppeal.title', { court }),
        whyItFits: message('remedies.enforcement.goodReasonAppeal.whyItFits'),
        deadlines: [
          askDeadline(ctx, facts.nation, {
            kind: 'deoAppeal',
            from: p.goodReasonDecisionDate ?? p.actionDate,
            label: message('remedies.enforcement.goodReasonAppeal.label', { court }),
            ifUnknown: message('remedies.enforcement.goodReasonAppeal.ifUnknown'),
            residentAbroad: facts.residentAbroad ?? false,
          }),
        ],
        gather: [
          message('remedies.enforcement.goodReasonAppeal.gather.theCmsS'),
          message('remedies.enforcement.goodReasonAppeal.gather.evidenceOfThe'),
          referenceNumber(ctx, facts.nation),
        ],
        howToSend: [
          facts.nation === 'scotland'
            ? message('remedies.enforcement.goodReasonAppeal.howToSend.applyToThe')
            : message('remedies.enforcement.goodReasonAppeal.howToSend.makeAComplaint', { court }),
          message('remedies.enforcement.goodReasonAppeal.howToSend.tellTheCms'),
        ],
        whatHappensNext: message('remedies.enforcement.goodReasonAppeal.whatHappensNext'),
        letterKind: null,
        noAppeal: CALCULATION_NOT_IN_COURT,
        cautions: isKnown(p.goodReasonDecisionDate)
          ? cautions
          : [...cautions, message('remedies.enforcement.goodReasonAppeal.cautions.theTimeCounts')],
        citations: [rule.cite(g.provision), rule.cite(g['decision-provision'])],
      }),
    )
  }
  if (grounds.includes('cannotAfford'))
    routes.push(
      draft({
        id: 'deduction-hardship',
        fit: 'main',
        title: message('remedies.enforcement.deductionHardship.title'),
        whyItFits: message('remedies.enforcement.deductionHardship.whyItFits'),
        gather: [message('remedies.enforcement.deductionHardship.gather.yourPayslipsAnd')],
        howToSend: [
          ...contactCms(ctx, facts.nation),
          message('remedies.enforcement.deductionHardship.howToSend.explainTheHardship'),
        ],
        whatHappensNext: message('remedies.enforcement.deductionHardship.whatHappensNext'),
        noAppeal: HARDSHIP_NO_APPEAL,
      }),
    )
  if (grounds.includes('alreadyPaid') || grounds.includes('calculationWrong'))
    routes.push(
      statementOfAccountRoute(ctx, facts, {
        why: message('remedies.enforcement.earningsOrderRoutes.why'),
        fit: 'alongside',
        noAppeal: CALCULATION_NOT_IN_COURT,
      }),
    )
  return routes
}

function bankOrderRoute(ctx: AdvisorContext, facts: ProblemFacts, p: EnforcementProblem): RouteDraft {
  const lump = p.action === 'lumpSumDeductionOrder'
  return draft({
    id: 'deduction-order-appeal',
    fit: 'main',
    title: message('remedies.enforcement.deductionOrderAppeal.title.appealAgainstThe', {
      kind: message(`remedies.enforcement.deductionOrderAppeal.title.${lump ? 'lumpSum' : 'regular'}`),
    }),
    whyItFits: message('remedies.enforcement.deductionOrderAppeal.whyItFits'),
    deadlines: [],
    gather: [
      message('remedies.enforcement.deductionOrderAppeal.gather.theDeductionOrder'),
      message('remedies.enforcement.deductionOrderAppeal.gather.bankStatementsFor'),
      message('remedies.enforcement.deductionOrderAppeal.gather.evidenceThatThe'),
      referenceNumber(ctx, facts.nation),
    ],
    howToSend: [
      message('remedies.enforcement.deductionOrderAppeal.howToSend.askTheCourt'),
      message('remedies.enforcement.deductionOrderAppeal.howToSend.tellTheCms'),
    ],
    whatHappensNext: message('remedies.enforcement.deductionOrderAppeal.whatHappensNext'),
    noAppeal: message('remedies.enforcement.deductionOrderAppeal.noAppeal'),
    cautions: [
      message('remedies.enforcement.deductionOrderAppeal.cautions.theCourtThe'),
      ...(isKnown(p.actionDate)
        ? [
            message('remedies.enforcement.deductionOrderAppeal.cautions.theOrderIs', {
              actionDate: on(p.actionDate),
            }),
          ]
        : []),
    ],
  })
}

function liabilityOrderRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: EnforcementProblem): RouteDraft[] {
  const rule = liabilityOrderRule(ctx.book, ctx.today)
  const court = courtFor(rule.value.court, deadlineNation(facts.nation))
  const hearing = isKnown(p.hearingDate)
    ? message('remedies.enforcement.liabilityOrderRoutes.hearing.theHearingIs', {
        hearingDate: on(p.hearingDate),
      })
    : ''
  return [
    draft({
      id: 'liability-order-hearing',
      fit: 'main',
      title: message('remedies.enforcement.liabilityOrderHearing.title', { court }),
      whyItFits: message('remedies.enforcement.liabilityOrderHearing.whyItFits', { court, hearing }),
      gather: [
        message('remedies.enforcement.liabilityOrderHearing.gather.theCourtPapers'),
        message('remedies.enforcement.liabilityOrderHearing.gather.proofOfAny'),
      ],
      howToSend: [message('remedies.enforcement.liabilityOrderHearing.howToSend.goToThe')],
      whatHappensNext: message('remedies.enforcement.liabilityOrderHearing.whatHappensNext'),
      noAppeal: LIABILITY_NO_APPEAL,
      cautions: [
        isNI(facts.nation)
          ? message('remedies.enforcement.liabilityOrderHearing.cautions.aNorthernIreland')
          : message('remedies.enforcement.liabilityOrderHearing.cautions.aActWill'),
      ],
      citations: [rule.cite()],
    }),
    statementOfAccountRoute(ctx, facts, {
      why: message('remedies.enforcement.liabilityOrderRoutes.why'),
      fit: 'alongside',
      noAppeal: CALCULATION_NOT_IN_COURT,
    }),
  ]
}

function notEnforcingRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: EnforcementProblem): RouteDraft[] {
  const routes = complaintLadderRoutes(ctx, facts, {
    stage: 'notYetComplained',
    about: message('remedies.enforcement.notEnforcingRoutes.about'),
    offerCompensation: true,
    lostMaintenance: true,
    offerRecords: false,
  })
  routes.push(
    draft({
      id: 'judicial-review',
      fit: 'fallback',
      title: message('remedies.enforcement.judicialReview.title'),
      whyItFits: message('remedies.enforcement.judicialReview.whyItFits'),
      deadlines: [
        askDeadline(ctx, facts.nation, {
          kind: 'judicialReview',
          from: p.actionDate,
          label: message('remedies.enforcement.judicialReview.label'),
          ifUnknown: message('remedies.enforcement.judicialReview.ifUnknown'),
        }),
      ],
      gather: [
        message('remedies.enforcement.judicialReview.gather.everyLetterShowing'),
        message('remedies.enforcement.judicialReview.gather.yourComplaintAnd'),
      ],
      howToSend: [message('remedies.enforcement.judicialReview.howToSend.talkToA')],
      whatHappensNext: message('remedies.enforcement.judicialReview.whatHappensNext'),
      noAppeal: message('remedies.enforcement.judicialReview.noAppeal'),
    }),
  )
  return routes
}

export function enforcementRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: EnforcementProblem,
): RouteDraft[] {
  switch (p.action) {
    case 'deductionFromEarningsOrder':
      return earningsOrderRoutes(ctx, facts, p)
    case 'regularDeductionOrder':
    case 'lumpSumDeductionOrder':
      return [bankOrderRoute(ctx, facts, p)]
    case 'liabilityOrder':
      return liabilityOrderRoutes(ctx, facts, p)
    case 'notEnforcing':
      return notEnforcingRoutes(ctx, facts, p)
  }
}
