import { message, type Message } from '../shared/message.ts'
import { sub, ZERO, type Pence } from '../shared/pence.ts'
import type { Citation } from '../shared/traced.ts'
import { ASSUME } from './assumptions.ts'
import type { Params } from './params.ts'
import { childrenMessage, gbp, otherChildrenMessage } from './phrases.ts'
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

/** Steps 3 and 4: which rate applies (Sch 1 paras 2 to 5) and the weekly amount under it. */
export function applicableRate(p: Params, input: RateInput, w: Workings): RateAmount {
  const { income, benefit } = input
  const flat = p.flat.value.amount
  if (input.nilRateCategory) {
    const cite = p.nil.cite('reg 45(1)')
    w.add('rate.nil', message('calculationSteps.rate.nilGroup'), cite, ZERO)
    return { rate: 'nil', amount: ZERO, cite }
  }
  if (benefit !== 'none') {
    w.assume(ASSUME.benefitLists)
    w.assume(ASSUME.benefitCountsAsIncome)
    const cite = p.flatBenefits.cite(benefit === 'flatRateBenefit' ? 'reg 44(1)' : 'reg 44(2)')
    w.add(
      'rate.flat',
      message(`calculationSteps.rate.flatBenefit.${benefit}`, { flat: gbp(flat) }),
      cite,
      flat,
    )
    return { rate: 'flat', amount: flat, cite }
  }
  if (income < p.nil.value) {
    const cite = p.nil.cite('Schedule 1, paragraph 5(b)')
    w.add('rate.nil', message('calculationSteps.rate.nilIncome', { below: gbp(p.nil.value) }), cite, ZERO)
    return { rate: 'nil', amount: ZERO, cite }
  }
  if (income <= p.flat.value.incomeUpTo) {
    const cite = p.flat.cite('Schedule 1, paragraph 4(1)(a)')
    w.add(
      'rate.flat',
      message('calculationSteps.rate.flatIncome', { upTo: gbp(p.flat.value.incomeUpTo), flat: gbp(flat) }),
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
const orMore = (n: number, phrase: (n: number) => Message): Message =>
  n >= 3 ? message('calculationSteps.phrase.orMore', { what: phrase(3) }) : phrase(n)

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
    message('calculationSteps.rate.reduced', {
      above: gbp(incomeAbove),
      below: gbp(incomeBelow),
      flat: gbp(flat),
      percent: pc.text,
      over: gbp(over),
      children: orMore(input.qualifyingChildren, childrenMessage),
      others: orMore(input.relevantOtherChildren, otherChildrenMessage),
      amount: gbp(amount.value),
    }),
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
      message('calculationSteps.rate.otherChildren', {
        percent: cut.text,
        others: otherChildrenMessage(input.relevantOtherChildren),
        income: gbp(reduced),
      }),
      p.otherChildren.cite(),
      r,
    )
  }
  const low = upTo[nQ]
  const n = input.qualifyingChildren
  // Above 3 children the rate for 3 or more is used, and the step says so.
  const who =
    n > 3
      ? message('calculationSteps.phrase.rateForThreeOrMore', { children: childrenMessage(n) })
      : childrenMessage(n)
  if (reduced <= threshold) {
    const amount = round(times(reduced, low.ratio))
    const cite = p.basic.cite('Schedule 1, paragraph 2(1)')
    w.add(
      'rate.basic',
      message('calculationSteps.rate.basic', {
        percent: low.text,
        income: gbp(reduced),
        children: who,
        amount: gbp(amount.value),
      }),
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
    message('calculationSteps.rate.basicPlus', {
      threshold: gbp(threshold),
      low: low.text,
      high: high.text,
      over: gbp(over),
      children: who,
      amount: gbp(amount.value),
    }),
    cite,
    amount,
  )
  return { rate: 'basicPlus', amount: amount.value, cite }
}

export const isCalculatedRate = (rate: Rate): boolean =>
  rate === 'reduced' || rate === 'basic' || rate === 'basicPlus'
