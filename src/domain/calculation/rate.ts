import { sub, ZERO, type Pence } from '../shared/pence.ts'
import type { Citation } from '../shared/traced.ts'
import { ASSUME } from './assumptions.ts'
import type { Params } from './params.ts'
import { children, gbp, otherChildren } from './phrases.ts'
import type { Benefit, Rate } from './types.ts'
import { oneLess, round, sum, times, type Workings } from './workings.ts'

export interface RateInput {
  readonly income: Pence
  readonly benefit: Benefit
  readonly nilRateCategory: boolean
  readonly qualifyingChildren: number
  readonly relevantOtherChildren: number
}

export interface RateAmount {
  readonly rate: Rate
  /** The weekly amount for all qualifying children, before splitting and shared care. */
  readonly amount: Pence
  readonly cite: Citation
}

const ONE = { num: 1n, den: 1n }

const BENEFIT_TEXT = {
  flatRateBenefit: 'gets a benefit, pension or allowance listed in regulation 44(1)',
  meansTested: 'or their partner gets a means-tested benefit listed in regulation 44(2)',
} as const

/** Steps 3 and 4: which rate applies (Sch 1 paras 2 to 5) and the weekly amount under it. */
export function applicableRate(p: Params, input: RateInput, w: Workings): RateAmount {
  const { income, benefit } = input
  const flat = p.flat.value.amount
  if (input.nilRateCategory) {
    const cite = p.nil.cite('reg 45(1)')
    w.add('rate.nil', 'The paying parent is in a group that pays nothing (the nil rate).', cite, ZERO)
    return { rate: 'nil', amount: ZERO, cite }
  }
  if (benefit !== 'none') {
    w.assume(ASSUME.benefitLists)
    w.assume(ASSUME.benefitCountsAsIncome)
    const cite = p.flatBenefits.cite(benefit === 'flatRateBenefit' ? 'reg 44(1)' : 'reg 44(2)')
    w.add(
      'rate.flat',
      `The paying parent ${BENEFIT_TEXT[benefit]}, so the flat rate of ${gbp(flat)} a week applies.`,
      cite,
      flat,
    )
    return { rate: 'flat', amount: flat, cite }
  }
  if (income < p.nil.value) {
    const cite = p.nil.cite('Schedule 1, paragraph 5(b)')
    w.add(
      'rate.nil',
      `Income is below ${gbp(p.nil.value)} a week, so nothing is payable (the nil rate).`,
      cite,
      ZERO,
    )
    return { rate: 'nil', amount: ZERO, cite }
  }
  if (income <= p.flat.value.incomeUpTo) {
    const cite = p.flat.cite('Schedule 1, paragraph 4(1)(a)')
    w.add(
      'rate.flat',
      `Income is ${gbp(p.flat.value.incomeUpTo)} a week or less, so the flat rate of ${gbp(flat)} a week applies.`,
      cite,
      flat,
    )
    return { rate: 'flat', amount: flat, cite }
  }
  if (income < p.reduced.value.incomeBelow) return reducedRate(p, input, w)
  return basicRate(p, input, w)
}

/** Table rows and columns stop at "3 or more". */
const upToThree = (n: number): 0 | 1 | 2 | 3 => Math.min(n, 3) as 0 | 1 | 2 | 3
const orMore = (n: number, phrase: (n: number) => string): string =>
  `${phrase(upToThree(n))}${n >= 3 ? ' or more' : ''}`

/** Reg 43: F + A × T, with T by qualifying and relevant other children. */
function reducedRate(p: Params, input: RateInput, w: Workings): RateAmount {
  const { incomeAbove, incomeBelow, table } = p.reduced.value
  const flat = p.flat.value.amount
  const pc =
    table[(upToThree(input.qualifyingChildren) - 1) as 0 | 1 | 2][upToThree(input.relevantOtherChildren)]
  const over = sub(input.income, incomeAbove)
  const amount = round(sum(times(flat, ONE), times(over, pc.ratio)))
  const cite = p.reduced.cite()
  w.add(
    'rate.reduced',
    `Income is between ${gbp(incomeAbove)} and ${gbp(incomeBelow)} a week, so the reduced rate applies: ` +
      `${gbp(flat)} plus ${pc.text} of the ${gbp(over)} above ${gbp(incomeAbove)} (${pc.text} is the figure for ` +
      `${orMore(input.qualifyingChildren, children)} and ${orMore(input.relevantOtherChildren, otherChildren)}): ` +
      `${gbp(amount.value)}.`,
    cite,
    amount,
  )
  return { rate: 'reduced', amount: amount.value, cite }
}

/** Para 2: income less the relevant-other-child reduction, then the percentages, lower above £800. */
function basicRate(p: Params, input: RateInput, w: Workings): RateAmount {
  const { threshold, upTo, above } = p.basic.value
  const nQ = (upToThree(input.qualifyingChildren) - 1) as 0 | 1 | 2
  const nO = upToThree(input.relevantOtherChildren)
  const income = input.income
  let reduced = income
  if (nO > 0) {
    const cut = p.otherChildren.value[(nO - 1) as 0 | 1 | 2]
    const r = round(times(income, oneLess(cut.ratio)))
    reduced = r.value
    w.add(
      'rate.other-children',
      `Income is reduced by ${cut.text} for ${otherChildren(input.relevantOtherChildren)} the paying parent or their ` +
        `partner gets Child Benefit for: ${gbp(reduced)}.`,
      p.otherChildren.cite(),
      r,
    )
  }
  const low = upTo[nQ]
  const who = `for ${children(input.qualifyingChildren)}${input.qualifyingChildren > 3 ? ' (the rate for 3 or more)' : ''}`
  if (reduced <= threshold) {
    const amount = round(times(reduced, low.ratio))
    const cite = p.basic.cite('Schedule 1, paragraph 2(1)')
    w.add(
      'rate.basic',
      `The basic rate applies: ${low.text} of ${gbp(reduced)} ${who}: ${gbp(amount.value)}.`,
      cite,
      amount,
    )
    return { rate: 'basic', amount: amount.value, cite }
  }
  const high = above[nQ]
  const over = sub(reduced, threshold)
  const amount = round(sum(times(threshold, low.ratio), times(over, high.ratio)))
  const cite = p.basic.cite()
  w.add(
    'rate.basic-plus',
    `The basic rate applies, with a lower percentage above ${gbp(threshold)}: ${low.text} of the first ` +
      `${gbp(threshold)} plus ${high.text} of the ${gbp(over)} above it, ${who}: ${gbp(amount.value)}.`,
    cite,
    amount,
  )
  return { rate: 'basicPlus', amount: amount.value, cite }
}

export const isCalculatedRate = (rate: Rate): boolean =>
  rate === 'reduced' || rate === 'basic' || rate === 'basicPlus'
