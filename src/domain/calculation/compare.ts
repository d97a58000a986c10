import { message, type Message } from '../shared/message.ts'
import { pence, sub, ZERO, type Pence } from '../shared/pence.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import type { Traced } from '../shared/traced.ts'
import { calculate } from './calculate.ts'
import { grossWeeklyIncome } from './income.ts'
import { paramsAt } from './params.ts'
import {
  childrenMessage,
  gbp,
  nightsMessage,
  otherChildrenMessage,
  receiverMessage,
  signed,
} from './phrases.ts'
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
  /** What the CMS used and what you say, in words (the reader's language, once translated). */
  readonly cms: Message
  readonly user: Message
  /** The weekly total with the CMS's figures except this one input, which is yours. */
  readonly weeklyWithOnlyThisChange: Pence
  /** That total less the total on the CMS's figures (negative: the amount goes down). */
  readonly effect: Pence
  readonly text: Message
}

export type StatedVerdict = 'matches' | 'rounding' | 'differs'

export interface StatedCheck {
  readonly stated: Pence
  readonly engine: Pence
  /** stated − engine */
  readonly difference: Pence
  readonly verdict: StatedVerdict
  readonly text: Message
}

export interface Comparison {
  readonly user: Traced<Calculation, Message, Message>
  readonly cms: Traced<Calculation, Message, Message>
  readonly differences: readonly InputDifference[]
  /** Your total less the total on the CMS's figures. */
  readonly combinedEffect: Pence
  readonly combinedText: Message
  readonly stated?: StatedCheck
}

/** Differences of up to this many pence from the CMS's stated amount are put down to rounding. */
const ROUNDING_TOLERANCE = 2

const benefitText = (b: Benefit): Message => message(`calculationSteps.compare.benefit.${b}`)

const variationsText = (v: Variations | undefined): Message =>
  message('calculationSteps.compare.variationsValue', {
    extra: gbp(v?.additionalIncomeWeekly ?? ZERO),
    expenses: gbp(v?.specialExpensesWeekly ?? ZERO),
  })

const yesNo = (b: boolean): Message =>
  message(b ? 'calculationSteps.compare.yes' : 'calculationSteps.compare.no')

const sameVariations = (a: Variations | undefined, b: Variations | undefined): boolean =>
  (a?.additionalIncomeWeekly ?? 0) === (b?.additionalIncomeWeekly ?? 0) &&
  (a?.specialExpensesWeekly ?? 0) === (b?.specialExpensesWeekly ?? 0)

const childCount = (x: CalculationInput): number =>
  x.receivingParents.reduce((n, r) => n + r.children.length, 0)

const childrenText = (x: CalculationInput): Message =>
  message('calculationSteps.compare.childrenValue', {
    children: childrenMessage(childCount(x)),
    parents: message(
      x.receivingParents.length === 1
        ? 'calculationSteps.phrase.oneReceivingParent'
        : 'calculationSteps.phrase.receivingParents',
      { n: x.receivingParents.length },
    ),
  })

const sameShape = (a: CalculationInput, b: CalculationInput): boolean =>
  a.receivingParents.length === b.receivingParents.length &&
  a.receivingParents.every((r, i) => r.children.length === b.receivingParents[i]!.children.length)

interface Candidate {
  readonly input: ComparedInput
  readonly field: string
  readonly what: Message
  readonly cms: Message
  readonly user: Message
  readonly variant: CalculationInput
}

function candidates(book: RuleBook, user: CalculationInput, cms: CalculationInput): Candidate[] {
  const out: Candidate[] = []
  const push = (c: Candidate): void => void out.push(c)
  if (!user.effectiveDate.equals(cms.effectiveDate))
    push({
      input: 'effectiveDate',
      field: 'effectiveDate',
      what: message('calculationSteps.compare.what.effectiveDate'),
      cms: message('calculationSteps.phrase.date', { date: cms.effectiveDate.toString() }),
      user: message('calculationSteps.phrase.date', { date: user.effectiveDate.toString() }),
      variant: { ...cms, effectiveDate: user.effectiveDate },
    })
  const p = paramsAt(book, cms.effectiveDate)
  const incomeCms = grossWeeklyIncome(p, cms.income, new Workings()).weekly
  const incomeUser = grossWeeklyIncome(p, user.income, new Workings()).weekly
  if (incomeCms !== incomeUser)
    push({
      input: 'income',
      field: 'income',
      what: message('calculationSteps.compare.what.income'),
      cms: message('calculationSteps.phrase.aWeek', { amount: gbp(incomeCms) }),
      user: message('calculationSteps.phrase.aWeek', { amount: gbp(incomeUser) }),
      variant: { ...cms, income: user.income },
    })
  if (!sameVariations(user.variations, cms.variations))
    push({
      input: 'variations',
      field: 'variations',
      what: message('calculationSteps.compare.what.variations'),
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
      what: message('calculationSteps.compare.what.benefit'),
      cms: benefitText(cms.benefit),
      user: benefitText(user.benefit),
      variant: { ...cms, benefit: user.benefit },
    })
  if (user.nilRateCategory !== cms.nilRateCategory)
    push({
      input: 'nilRateCategory',
      field: 'nilRateCategory',
      what: message('calculationSteps.compare.what.nilRateCategory'),
      cms: yesNo(cms.nilRateCategory),
      user: yesNo(user.nilRateCategory),
      variant: { ...cms, nilRateCategory: user.nilRateCategory },
    })
  if (user.relevantOtherChildren !== cms.relevantOtherChildren)
    push({
      input: 'relevantOtherChildren',
      field: 'relevantOtherChildren',
      what: message('calculationSteps.compare.what.relevantOtherChildren'),
      cms: otherChildrenMessage(cms.relevantOtherChildren),
      user: otherChildrenMessage(user.relevantOtherChildren),
      variant: { ...cms, relevantOtherChildren: user.relevantOtherChildren },
    })
  if (!sameShape(user, cms)) {
    push({
      input: 'numberOfChildren',
      field: 'receivingParents',
      what: message('calculationSteps.compare.what.numberOfChildren'),
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
        what: message('calculationSteps.compare.what.nights', {
          child: j + 1,
          parent: receiverMessage(parent.id),
        }),
        cms: nightsMessage(child.nightsPerYear),
        user: nightsMessage(mine),
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
  const text = message(`calculationSteps.compare.stated.${verdict}`, {
    stated: gbp(stated),
    gap: gbp(pence(gap)),
    engine: gbp(engine),
    difference: signed(difference),
  })
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
      text: message(
        effect === 0
          ? 'calculationSteps.compare.difference.noEffect'
          : 'calculationSteps.compare.difference.effect',
        { cms: c.cms, what: c.what, user: c.user, effect: signed(effect), weekly: gbp(weekly) },
      ),
    }
  })
  const combinedEffect = sub(user.value.totalWeekly, base)
  const combinedText = message(
    differences.length > 1
      ? 'calculationSteps.compare.combined.several'
      : 'calculationSteps.compare.combined.one',
    { user: gbp(user.value.totalWeekly), cms: gbp(base), effect: signed(combinedEffect) },
  )
  const result = { user, cms, differences, combinedEffect, combinedText }
  return statedWeekly === undefined ? result : { ...result, stated: checkStated(statedWeekly, base) }
}
