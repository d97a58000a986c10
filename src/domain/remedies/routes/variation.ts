import { message, type Message } from '../../shared/message.ts'
import { formatPounds } from '../../shared/pence.ts'
import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import type {
  AdditionalIncomeKind,
  DateFact,
  ProblemFacts,
  SpecialExpense,
  SpecialExpensesProblem,
  UndeclaredIncomeProblem,
} from '../facts.ts'
import type { RouteDeadline, VariationGround } from '../route.ts'
import { specialExpensesThreshold, variationGroundsRule } from '../rules.ts'
import {
  PRIVACY_CAUTION,
  PROOF_OF_POSTAGE,
  PUT_IT_IN_WRITING,
  contactCms,
  letterDated,
  referenceNumber,
} from '../text.ts'
import { askDeadline } from '../timing.ts'
import { EARNINGS_NOT_VARIATION, HIDDEN_EARNINGS_CONDITION } from './calculation.ts'
import { challengeRoutes } from './challenge.ts'

/** Variations: additional income the paying parent has not declared, and the paying parent's special expenses. */

const RULE_ID: Record<VariationGround, string> = {
  contactCosts: 'contact-costs',
  relevantOtherChildDisability: 'relevant-other-child-disability',
  priorDebts: 'prior-debts',
  boardingSchool: 'boarding-school',
  formerHomeMortgage: 'former-home-mortgage',
  unearnedIncome: 'unearned-income',
  diversionOfIncome: 'diversion-of-income',
  assets: 'assets',
  incomeWhileOnBenefitRate: 'income-while-on-benefit-rate',
}

const GROUND: Record<VariationGround, { name: Message; why: Message; proof: Message }> = {
  unearnedIncome: {
    name: message('remedies.variation.ground.unearnedIncome.name'),
    why: message('remedies.variation.ground.unearnedIncome.why'),
    proof: message('remedies.variation.ground.unearnedIncome.proof'),
  },
  diversionOfIncome: {
    name: message('remedies.variation.ground.diversionOfIncome.name'),
    why: message('remedies.variation.ground.diversionOfIncome.why'),
    proof: message('remedies.variation.ground.diversionOfIncome.proof'),
  },
  assets: {
    name: message('remedies.variation.ground.assets.name'),
    why: message('remedies.variation.ground.assets.why'),
    proof: message('remedies.variation.ground.assets.proof'),
  },
  incomeWhileOnBenefitRate: {
    name: message('remedies.variation.ground.incomeWhileOnBenefitRate.name'),
    why: message('remedies.variation.ground.incomeWhileOnBenefitRate.why'),
    proof: message('remedies.variation.ground.incomeWhileOnBenefitRate.proof'),
  },
  contactCosts: {
    name: message('remedies.variation.ground.contactCosts.name'),
    why: message('remedies.variation.ground.contactCosts.why'),
    proof: message('remedies.variation.ground.contactCosts.proof'),
  },
  relevantOtherChildDisability: {
    name: message('remedies.variation.ground.relevantOtherChildDisability.name'),
    why: message('remedies.variation.ground.relevantOtherChildDisability.why'),
    proof: message('remedies.variation.ground.relevantOtherChildDisability.proof'),
  },
  priorDebts: {
    name: message('remedies.variation.ground.priorDebts.name'),
    why: message('remedies.variation.ground.priorDebts.why'),
    proof: message('remedies.variation.ground.priorDebts.proof'),
  },
  boardingSchool: {
    name: message('remedies.variation.ground.boardingSchool.name'),
    why: message('remedies.variation.ground.boardingSchool.why'),
    proof: message('remedies.variation.ground.boardingSchool.proof'),
  },
  formerHomeMortgage: {
    name: message('remedies.variation.ground.formerHomeMortgage.name'),
    why: message('remedies.variation.ground.formerHomeMortgage.why'),
    proof: message('remedies.variation.ground.formerHomeMortgage.proof'),
  },
}

const INCOME_GROUND: Partial<Record<AdditionalIncomeKind, VariationGround>> = {
  unearnedIncome: 'unearnedIncome',
  diversionOfIncome: 'diversionOfIncome',
  assets: 'assets',
  incomeWhileOnBenefitRate: 'incomeWhileOnBenefitRate',
}

const EXPENSE_GROUND: Record<SpecialExpense, VariationGround> = {
  contactCosts: 'contactCosts',
  relevantOtherChildDisability: 'relevantOtherChildDisability',
  priorDebts: 'priorDebts',
  boardingSchool: 'boardingSchool',
  formerHomeMortgage: 'formerHomeMortgage',
}

/** Applied for within 30 days of a decision, a variation counts as a challenge to it and goes back to its start. */
function revisionWindow(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  decisionLetterDate: DateFact | undefined,
): RouteDeadline[] {
  if (decisionLetterDate === undefined) return []
  const d = askDeadline(ctx, facts.nation, {
    kind: 'mandatoryReconsideration',
    from: decisionLetterDate,
    label: message('remedies.variation.revisionWindow.label'),
    ifUnknown: message('remedies.variation.revisionWindow.ifUnknown'),
  })
  return d.status === 'open' || d.status === 'unknown' ? [d] : []
}

function variationRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  ground: VariationGround,
  decisionLetterDate: DateFact | undefined,
  extra: { why?: Message; fit?: RouteDraft['fit']; cautions?: Message[] } = {},
): RouteDraft {
  const n = facts.nation
  const { at } = variationGroundsRule(ctx.book, ctx.today)
  const g = GROUND[ground]
  const listed = [...at.value['special-expenses'], ...at.value['additional-income']].includes(RULE_ID[ground])
  const deadlines = revisionWindow(ctx, facts, decisionLetterDate)
  const cautions = [...(extra.cautions ?? [])]
  if (!listed) cautions.push(message('remedies.variation.variationRoute.ourRulesDo'))
  if (facts.keepContactDetailsPrivate) cautions.push(PRIVACY_CAUTION)
  cautions.push(message('remedies.variation.variationRoute.theTimeThe'))
  return draft({
    id: 'variation',
    fit: extra.fit ?? 'main',
    title: message('remedies.variation.variation.title', { name: g.name }),
    whyItFits: message('remedies.variation.variation.whyItFits', {
      why: g.why,
      extra: extra.why ? message('remedies.variation.variation.extra', { why: extra.why }) : '',
    }),
    deadlines,
    gather: [
      referenceNumber(ctx, n),
      ...(decisionLetterDate
        ? [letterDated(message('remedies.variation.variation.gather.theLatestDecision'), decisionLetterDate)]
        : []),
      g.proof,
    ],
    howToSend: [
      ...contactCms(ctx, n),
      message('remedies.variation.variation.howToSend.sayYouAre', { name: g.name }),
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext: message('remedies.variation.variation.whatHappensNext'),
    letterKind: `variation:${ground}`,
    cautions,
    citations: [at.cite()],
  })
}

export function undeclaredIncomeRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: UndeclaredIncomeProblem,
): RouteDraft[] {
  if (facts.role === 'paying')
    return [
      draft({
        id: 'variation',
        fit: 'fallback',
        title: message('remedies.variation.receivingParentIncome.title'),
        whyItFits: message('remedies.variation.receivingParentIncome.whyItFits'),
        whatHappensNext: message('remedies.variation.receivingParentIncome.whatHappensNext'),
      }),
    ]
  const { unearnedThreshold } = variationGroundsRule(ctx.book, ctx.today)
  const routes: RouteDraft[] = []
  for (const kind of p.incomeKinds) {
    const ground = INCOME_GROUND[kind]
    if (!ground) continue
    if (ground === 'unearnedIncome' && p.yearlyAmount !== undefined) {
      const above = p.yearlyAmount >= unearnedThreshold
      routes.push(
        variationRoute(ctx, facts, ground, p.decisionLetterDate, {
          why: above
            ? message('remedies.variation.undeclaredIncomeRoutes.why.aboveThreshold', {
                yearlyAmount: formatPounds(p.yearlyAmount),
                unearnedThreshold: formatPounds(unearnedThreshold),
              })
            : message('remedies.variation.undeclaredIncomeRoutes.why.belowThreshold', {
                yearlyAmount: formatPounds(p.yearlyAmount),
                unearnedThreshold: formatPounds(unearnedThreshold),
              }),
          fit: above ? 'main' : 'fallback',
        }),
      )
    } else routes.push(variationRoute(ctx, facts, ground, p.decisionLetterDate))
  }
  const hidden = p.incomeKinds.includes('hiddenEarnings')
  if (hidden) {
    // Earnings belong in the calculation itself: challenge the decision (reconsideration while in
    // time, and revision at any time for the failure to disclose), never a variation.
    const challenge = challengeRoutes(ctx, facts, {
      decisionLetterDate: p.decisionLetterDate,
      whatIsWrong: message('remedies.variation.undeclaredIncomeRoutes.whatIsWrong'),
      evidence: [message('remedies.variation.undeclaredIncomeRoutes.evidence.whatYouKnow')],
      status: 'notAsked',
      anyTimeGround: 'misrepresentation',
      anyTimeCondition: HIDDEN_EARNINGS_CONDITION,
    })
    routes.push(...challenge.map((r) => ({ ...r, cautions: [...r.cautions, EARNINGS_NOT_VARIATION] })))
  }
  if (p.incomeKinds.includes('notSure') || routes.length === 0)
    routes.push(
      variationRoute(ctx, facts, 'unearnedIncome', p.decisionLetterDate, {
        fit: routes.length === 0 ? 'main' : 'fallback',
        why: message('remedies.variation.undeclaredIncomeRoutes.why.ifYouAre'),
      }),
    )
  if (p.haveEvidence !== 'no') return routes
  const needEvidence = message('remedies.variation.undeclaredIncomeRoutes.needEvidence')
  return routes.map((r) => ({ ...r, cautions: [...r.cautions, needEvidence] }))
}

export function specialExpensesRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: SpecialExpensesProblem,
): RouteDraft[] {
  if (facts.role === 'receiving')
    return [
      draft({
        id: 'variation-response',
        fit: 'main',
        title: message('remedies.variation.variationResponse.title'),
        whyItFits: message('remedies.variation.variationResponse.whyItFits'),
        gather: [
          referenceNumber(ctx, facts.nation),
          message('remedies.variation.variationResponse.gather.anythingThatShows'),
        ],
        howToSend: [
          ...contactCms(ctx, facts.nation),
          message('remedies.variation.variationResponse.howToSend.replyInWriting'),
          PROOF_OF_POSTAGE,
        ],
        whatHappensNext: message('remedies.variation.variationResponse.whatHappensNext'),
        cautions: facts.keepContactDetailsPrivate ? [PRIVACY_CAUTION] : [],
        citations: [variationGroundsRule(ctx.book, ctx.today).at.cite()],
      }),
    ]
  const weekly =
    p.weeklyAmount !== undefined
      ? message('remedies.variation.specialExpensesRoutes.weekly.youSayThe', {
          weeklyAmount: formatPounds(p.weeklyAmount),
        })
      : undefined
  const threshold = specialExpensesThreshold(ctx.book, ctx.today)
  const { at } = variationGroundsRule(ctx.book, ctx.today)
  const rejection = at.value['preliminary-rejection']
  const onBenefit = p.onBenefitRate === 'yes'
  return p.expenses.map((e) => {
    // No threshold for a relevant other child's illness or disability (reg 68, from a CMS leaflet).
    const thresholded = e !== 'relevantOtherChildDisability'
    const below = thresholded && p.weeklyAmount !== undefined && p.weeklyAmount < threshold.weekly
    const cautions = [
      message('remedies.variation.specialExpensesRoutes.cautions.theCmsMay'),
      ...(thresholded
        ? [
            message('remedies.variation.specialExpensesRoutes.cautions.costsOfThis', {
              weekly: formatPounds(threshold.weekly),
            }),
          ]
        : []),
      ...(p.onBenefitRate === 'unknown'
        ? [
            message('remedies.variation.specialExpensesRoutes.cautions.ifYouPay', {
              provision: rejection.provision,
            }),
          ]
        : []),
    ]
    const why = onBenefit
      ? message('remedies.variation.specialExpensesRoutes.why.youPayThe', {
          benefitRate: rejection['benefit-rate'],
          provision: rejection.provision,
        })
      : below && weekly
        ? message('remedies.variation.specialExpensesRoutes.why.belowThreshold', {
            costs: weekly,
            threshold: formatPounds(threshold.weekly),
          })
        : weekly
    const route = variationRoute(ctx, facts, EXPENSE_GROUND[e], p.decisionLetterDate, {
      ...(why ? { why } : {}),
      ...(onBenefit || below ? { fit: 'fallback' as const } : {}),
      cautions,
    })
    return {
      ...route,
      citations: [...route.citations, at.cite(rejection.provision), threshold.at.cite('reg 68')],
    }
  })
}
