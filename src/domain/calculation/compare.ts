import type { Message } from '../shared/message.ts'
import { pence, sub, ZERO, type Pence } from '../shared/pence.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import type { Traced } from '../shared/traced.ts'
import { calculate } from './calculate.ts'
import { grossWeeklyIncome } from './income.ts'
import { paramsAt } from './params.ts'
import { children, gbp, nights, otherChildren, receiver, signed } from './phrases.ts'
import type { Benefit, Calculation, CalculationInput, Variations } from './types.ts'
import { Workings } from './workings.ts'

/** The CMS's figures from its decision, and the weekly amount it stated (if known). */
export interface CmsInput extends CalculationInput {
  readonly statedWeekly?: Pence
}

export type ComparedInput =
  | 'effectiveDate'
  | 'income'
  | 'variations'
  | 'benefit'
  | 'nilRateCategory'
  | 'relevantOtherChildren'
  | 'numberOfChildren'
  | 'nights'

/** One input where your figures and the CMS's differ, and what changing only that input does. */
export interface InputDifference {
  readonly input: ComparedInput
  /** The field in the input (dotted path), e.g. "receivingParents.0.children.1.nightsPerYear". */
  readonly field: string
  readonly cms: string
  readonly user: string
  /** The weekly total with the CMS's figures except this one input, which is yours. */
  readonly weeklyWithOnlyThisChange: Pence
  /** That total less the total on the CMS's figures (negative: the amount goes down). */
  readonly effect: Pence
  readonly text: string
}

export type StatedVerdict = 'matches' | 'rounding' | 'differs'

export interface StatedCheck {
  readonly stated: Pence
  readonly engine: Pence
  /** stated − engine */
  readonly difference: Pence
  readonly verdict: StatedVerdict
  readonly text: string
}

export interface Comparison {
  readonly user: Traced<Calculation, Message, Message | string>
  readonly cms: Traced<Calculation, Message, Message | string>
  readonly differences: readonly InputDifference[]
  /** Your total less the total on the CMS's figures. */
  readonly combinedEffect: Pence
  readonly combinedText: string
  readonly stated?: StatedCheck
}

/** Differences of up to this many pence from the CMS's stated amount are put down to rounding. */
const ROUNDING_TOLERANCE = 2

const BENEFIT: Record<Benefit, string> = {
  none: 'no benefit',
  flatRateBenefit: 'a flat-rate benefit (regulation 44(1))',
  meansTested: 'a means-tested benefit (regulation 44(2))',
}

const variationsText = (v: Variations | undefined): string =>
  `additional income ${gbp(v?.additionalIncomeWeekly ?? ZERO)} a week, special expenses ${gbp(v?.specialExpensesWeekly ?? ZERO)} a week`

const sameVariations = (a: Variations | undefined, b: Variations | undefined): boolean =>
  (a?.additionalIncomeWeekly ?? 0) === (b?.additionalIncomeWeekly ?? 0) &&
  (a?.specialExpensesWeekly ?? 0) === (b?.specialExpensesWeekly ?? 0)

const childCount = (x: CalculationInput): number =>
  x.receivingParents.reduce((n, r) => n + r.children.length, 0)

const childrenText = (x: CalculationInput): string =>
  `${children(childCount(x))} with ${x.receivingParents.length === 1 ? '1 receiving parent' : `${x.receivingParents.length} receiving parents`}`

const sameShape = (a: CalculationInput, b: CalculationInput): boolean =>
  a.receivingParents.length === b.receivingParents.length &&
  a.receivingParents.every((r, i) => r.children.length === b.receivingParents[i]!.children.length)

interface Candidate {
  readonly input: ComparedInput
  readonly field: string
  readonly what: string
  readonly cms: string
  readonly user: string
  readonly variant: CalculationInput
}

function candidates(book: RuleBook, user: CalculationInput, cms: CalculationInput): Candidate[] {
  const out: Candidate[] = []
  const push = (c: Candidate): void => void out.push(c)
  if (!user.effectiveDate.equals(cms.effectiveDate))
    push({
      input: 'effectiveDate',
      field: 'effectiveDate',
      what: 'the effective date',
      cms: cms.effectiveDate.toString(),
      user: user.effectiveDate.toString(),
      variant: { ...cms, effectiveDate: user.effectiveDate },
    })
  const p = paramsAt(book, cms.effectiveDate)
  const incomeCms = grossWeeklyIncome(p, cms.income, new Workings()).weekly
  const incomeUser = grossWeeklyIncome(p, user.income, new Workings()).weekly
  if (incomeCms !== incomeUser)
    push({
      input: 'income',
      field: 'income',
      what: 'gross weekly income',
      cms: `${gbp(incomeCms)} a week`,
      user: `${gbp(incomeUser)} a week`,
      variant: { ...cms, income: user.income },
    })
  if (!sameVariations(user.variations, cms.variations))
    push({
      input: 'variations',
      field: 'variations',
      what: 'variations',
      cms: variationsText(cms.variations),
      user: variationsText(user.variations),
      variant: {
        ...cms,
        variations: user.variations ?? { additionalIncomeWeekly: ZERO, specialExpensesWeekly: ZERO },
      },
    })
  if (user.benefit !== cms.benefit)
    push({
      input: 'benefit',
      field: 'benefit',
      what: 'benefits',
      cms: BENEFIT[cms.benefit],
      user: BENEFIT[user.benefit],
      variant: { ...cms, benefit: user.benefit },
    })
  if (user.nilRateCategory !== cms.nilRateCategory)
    push({
      input: 'nilRateCategory',
      field: 'nilRateCategory',
      what: 'whether the paying parent is in a nil-rate group',
      cms: cms.nilRateCategory ? 'yes' : 'no',
      user: user.nilRateCategory ? 'yes' : 'no',
      variant: { ...cms, nilRateCategory: user.nilRateCategory },
    })
  if (user.relevantOtherChildren !== cms.relevantOtherChildren)
    push({
      input: 'relevantOtherChildren',
      field: 'relevantOtherChildren',
      what: 'other children in the paying parent’s household',
      cms: otherChildren(cms.relevantOtherChildren),
      user: otherChildren(user.relevantOtherChildren),
      variant: { ...cms, relevantOtherChildren: user.relevantOtherChildren },
    })
  if (!sameShape(user, cms)) {
    push({
      input: 'numberOfChildren',
      field: 'receivingParents',
      what: 'the qualifying children (and their nights)',
      cms: childrenText(cms),
      user: childrenText(user),
      variant: { ...cms, receivingParents: user.receivingParents },
    })
    return out
  }
  cms.receivingParents.forEach((parent, i) =>
    parent.children.forEach((child, j) => {
      const mine = user.receivingParents[i]!.children[j]!.nightsPerYear
      if (mine === child.nightsPerYear) return
      const receivingParents = cms.receivingParents.map((r, k) =>
        k !== i ? r : { ...r, children: r.children.map((c, m) => (m === j ? { nightsPerYear: mine } : c)) },
      )
      push({
        input: 'nights',
        field: `receivingParents.${i}.children.${j}.nightsPerYear`,
        what: `nights a year with the paying parent for child ${j + 1} of ${receiver(parent.id)}`,
        cms: nights(child.nightsPerYear),
        user: nights(mine),
        variant: { ...cms, receivingParents },
      })
    }),
  )
  return out
}

function checkStated(stated: Pence, engine: Pence): StatedCheck {
  const difference = sub(stated, engine)
  const gap = Math.abs(difference)
  const verdict: StatedVerdict = gap === 0 ? 'matches' : gap <= ROUNDING_TOLERANCE ? 'rounding' : 'differs'
  const text =
    verdict === 'matches'
      ? `The CMS's figure of ${gbp(stated)} a week matches what its own figures give.`
      : verdict === 'rounding'
        ? `The CMS's figure of ${gbp(stated)} a week is ${gbp(pence(gap))} away from what its own figures give (${gbp(engine)}): that is rounding, not an error.`
        : `The CMS's figure of ${gbp(stated)} a week does not match what its own figures give (${gbp(engine)}), a difference of ${signed(difference)}. Ask the CMS to explain its working.`
  return { stated, engine, difference, verdict, text }
}

/**
 * Recomputes with your figures and with the CMS's, lists each input that differs and the effect
 * of changing only that input from the CMS's figures, the combined effect, and whether the CMS's
 * stated weekly amount matches what its own figures give.
 */
export function compareWithCms(book: RuleBook, userInput: CalculationInput, cmsInput: CmsInput): Comparison {
  const { statedWeekly, ...cmsFigures } = cmsInput
  const user = calculate(book, userInput)
  const cms = calculate(book, cmsFigures)
  const base = cms.value.totalWeekly
  const differences = candidates(book, userInput, cmsFigures).map((c): InputDifference => {
    const weekly = calculate(book, c.variant).value.totalWeekly
    const effect = sub(weekly, base)
    return {
      input: c.input,
      field: c.field,
      cms: c.cms,
      user: c.user,
      weeklyWithOnlyThisChange: weekly,
      effect,
      text:
        `The CMS used ${c.cms} for ${c.what}; you say ${c.user}. ` +
        (effect === 0
          ? 'On its own this does not change the weekly amount.'
          : `On its own this changes the weekly amount by ${signed(effect)}, to ${gbp(weekly)}.`),
    }
  })
  const combinedEffect = sub(user.value.totalWeekly, base)
  const combinedText =
    `With all your figures the weekly amount is ${gbp(user.value.totalWeekly)}, against ${gbp(base)} on the CMS's ` +
    `figures: ${signed(combinedEffect)}.` +
    (differences.length > 1
      ? ' The separate effects need not add up to this, because the inputs work together.'
      : '')
  const result = { user, cms, differences, combinedEffect, combinedText }
  return statedWeekly === undefined ? result : { ...result, stated: checkStated(statedWeekly, base) }
}
