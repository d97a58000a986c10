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

const GROUND: Record<VariationGround, { name: string; why: string; proof: string }> = {
  unearnedIncome: {
    name: 'unearned income',
    why: 'Income such as rent, savings interest or dividends is not in the HMRC earnings figure the CMS uses; it can only be added by a variation.',
    proof:
      'What you know of the income and where it comes from: a tenancy or letting advert, the property’s address (Land Registry records), company or dividend details. The CMS asks HMRC, but HMRC only knows what was declared to it.',
  },
  diversionOfIncome: {
    name: 'diversion of income',
    why: 'If the paying parent has arranged to have income paid to someone else (a partner, a company) to reduce the maintenance, the CMS can add it back.',
    proof:
      'Anything showing the arrangement: company records from Companies House, pay going to a partner, a sudden drop in salary with no change in lifestyle.',
  },
  assets: {
    name: 'assets',
    why: 'Assets above a set value (money, property not lived in, investments, some cryptocurrency) can be treated as giving the paying parent extra income.',
    proof: 'Details of the assets you know about: property addresses, accounts, investments.',
  },
  incomeWhileOnBenefitRate: {
    name: 'income while on the flat or nil rate',
    why: 'A paying parent who pays the flat or nil rate because of a benefit, but has other income, can have that income counted.',
    proof: 'What you know about the other income.',
  },
  contactCosts: {
    name: 'contact costs',
    why: 'The cost of keeping in touch with the children (travel, fuel, an overnight stay) can be taken off the income used.',
    proof: 'A log of contact visits with dates, and tickets, fuel receipts or booking confirmations.',
  },
  relevantOtherChildDisability: {
    name: 'costs of a long-term illness or disability of a child in your household',
    why: 'Extra costs of caring for a child in your household who is disabled or long-term ill can be taken off the income used.',
    proof:
      'Proof of the disability or illness (for example a disability benefit award) and of the extra costs.',
  },
  priorDebts: {
    name: 'debts from the relationship',
    why: 'Repayments on some debts taken on for the family before you separated can be taken off the income used.',
    proof:
      'Loan or credit agreements showing when and why each debt was taken on, and recent statements of repayments.',
  },
  boardingSchool: {
    name: 'boarding school fees',
    why: 'The boarding (living) part of a child’s boarding school fees can be taken off the income used.',
    proof: 'Fee invoices showing the boarding part separately.',
  },
  formerHomeMortgage: {
    name: 'payments on the former home',
    why: 'Mortgage, loan or insurance payments on the home where the children and the receiving parent still live, if you have no share in it, can be taken off the income used.',
    proof:
      'Mortgage or policy statements, and proof the receiving parent and children live there and that you have no interest in it.',
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
    label: 'Apply by this date for the variation to go back to the start of the latest decision',
    ifUnknown:
      'If you apply within 30 days of the latest decision, the variation can go back to its start date.',
  })
  return d.status === 'open' || d.status === 'unknown' ? [d] : []
}

function variationRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  ground: VariationGround,
  decisionLetterDate: DateFact | undefined,
  extra: { why?: string; fit?: RouteDraft['fit']; cautions?: string[] } = {},
): RouteDraft {
  const n = facts.nation
  const { at } = variationGroundsRule(ctx.book, ctx.today)
  const g = GROUND[ground]
  const listed = [...at.value['special-expenses'], ...at.value['additional-income']].includes(RULE_ID[ground])
  const deadlines = revisionWindow(ctx, facts, decisionLetterDate)
  const cautions = [...(extra.cautions ?? [])]
  if (!listed)
    cautions.push('Our rules do not list this ground as in force today; ask an adviser before applying.')
  if (facts.keepContactDetailsPrivate) cautions.push(PRIVACY_CAUTION)
  cautions.push(
    'The time the other parent has to reply, and the time you have to send anything the CMS asks for, is often said to be 14 days; our research could not confirm this for the current scheme, so reply as soon as you can.',
  )
  return draft({
    id: 'variation',
    fit: extra.fit ?? 'main',
    title: `Apply for a variation: ${g.name}`,
    whyItFits: `${g.why}${extra.why ? ` ${extra.why}` : ''} There is no time limit for applying.`,
    deadlines,
    gather: [
      referenceNumber(ctx, n),
      ...(decisionLetterDate ? [letterDated('The latest decision letter', decisionLetterDate)] : []),
      g.proof,
    ],
    howToSend: [
      ...contactCms(ctx, n),
      `Say you are applying for a variation on the ground of ${g.name}, and give the facts and figures you know.`,
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext:
      'The CMS checks the ground can apply, then tells the other parent, who can give their side; you may be asked to comment on what they say. The CMS then decides. That decision can be challenged by mandatory reconsideration and appeal like any other.',
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
        title: 'The receiving parent’s income does not count',
        whyItFits:
          'Child maintenance is worked out from the paying parent’s income only, so the receiving parent’s income or assets cannot change it. If you think your own income was counted wrongly, use the “wrong calculation” route instead.',
        whatHappensNext: 'Nothing to send on this point.',
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
            ? `You think it is about ${formatPounds(p.yearlyAmount)} a year, which is above the ${formatPounds(unearnedThreshold)} a year the rules require.`
            : `You think it is about ${formatPounds(p.yearlyAmount)} a year, below the ${formatPounds(unearnedThreshold)} a year the rules require, so a variation on this ground is unlikely to succeed unless the figure is higher.`,
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
      whatIsWrong: 'the paying parent has not told the CMS about all their earnings',
      evidence: ['What you know about the earnings: the job or business, its name, roughly what it pays.'],
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
        why: 'If you are not sure what kind of income it is, describe what you know and the CMS can treat the application under the right ground.',
      }),
    )
  if (p.haveEvidence !== 'no') return routes
  const needEvidence =
    'The CMS needs some evidence before it can act. Give it everything you know; it can then ask HMRC, but HMRC only has what was declared.'
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
        title: 'Give your side on the paying parent’s variation request',
        whyItFits:
          'Special expenses can only be claimed by the paying parent. If they apply, the CMS will tell you and ask for your views before it decides: say if the costs are not real, are too high, or are already covered.',
        gather: [
          referenceNumber(ctx, facts.nation),
          'Anything that shows the costs are not what the paying parent says (for example contact that does not happen).',
        ],
        howToSend: [
          ...contactCms(ctx, facts.nation),
          'Reply in writing by the date in the CMS’s letter.',
          PROOF_OF_POSTAGE,
        ],
        whatHappensNext:
          'The CMS weighs both sides and decides. If you disagree with its decision, you can ask for a mandatory reconsideration within 30 days and then appeal.',
        cautions: facts.keepContactDetailsPrivate ? [PRIVACY_CAUTION] : [],
        citations: [variationGroundsRule(ctx.book, ctx.today).at.cite()],
      }),
    ]
  const weekly =
    p.weeklyAmount !== undefined
      ? `You say the costs are about ${formatPounds(p.weeklyAmount)} a week.`
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
      'The CMS may not accept costs it thinks are unreasonably high.',
      ...(thresholded
        ? [
            `Costs of this kind are understood to count only if they are at least ${formatPounds(threshold.weekly)} a week (from a CMS leaflet; the regulation itself, reg 68, was not read, nor whether the whole amount or only the part above ${formatPounds(threshold.weekly)} is then taken off).`,
          ]
        : []),
      ...(p.onBenefitRate === 'unknown'
        ? [
            `If you pay the flat rate, or nothing, because you or your partner get a benefit, the CMS turns this application down at the first stage (${rejection.provision}).`,
          ]
        : []),
    ]
    const why = onBenefit
      ? `You pay the flat rate or nil rate because of a benefit. The CMS turns down a special-expenses variation at the first stage where ${rejection['benefit-rate']} (${rejection.provision}), so this application would not go ahead while that is so.`
      : below
        ? `${weekly ?? ''} That is below the ${formatPounds(threshold.weekly)} a week the CMS is understood to require for costs of this kind, so the variation is unlikely to succeed unless the costs are higher.`.trim()
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
