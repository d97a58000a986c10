import { message, type Message } from '../shared/message.ts'
import { add, type Pence } from '../shared/pence.ts'
import { ratio } from '../shared/ratio.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import type { Traced } from '../shared/traced.ts'
import { apportion } from './apportion.ts'
import { ASSUME } from './assumptions.ts'
import { collectionSteps, withFees } from './fees.ts'
import { grossWeeklyIncome } from './income.ts'
import { paramsAt, type Params } from './params.ts'
import { gbp, receiverMessage, share, theReceivingParent } from './phrases.ts'
import { applicableRate, isCalculatedRate, type RateAmount } from './rate.ts'
import { applyMinimum, bandFor, benefitSharedCare, sharedCareFor } from './shared-care.ts'
import type { Calculation, CalculationInput, ReceivingParent } from './types.ts'
import { validateInput } from './validate.ts'
import { applyVariationsAndCap } from './variations.ts'
import { round, Workings } from './workings.ts'

/**
 * The 2012-scheme weekly maintenance calculation (Child Support Act 1991, Schedule 1), with its workings.
 * Pure: reads the rules in force on `input.effectiveDate` from `book`.
 */
export function calculate(book: RuleBook, input: CalculationInput): Traced<Calculation, Message, Message> {
  validateInput(input)
  const p = paramsAt(book, input.effectiveDate)
  const w = new Workings()
  w.add('scheme', message('calculationSteps.scheme', { date: p.dateText }), p.scheme.cite())
  w.add('rounding', message('calculationSteps.rounding'), p.rounding.cite())
  w.assume(ASSUME.rounding)
  if (p.scheme.value.pathfinder) w.assume(ASSUME.pathfinder)

  const gross = grossWeeklyIncome(p, input.income, w)
  const income = applyVariationsAndCap(p, gross.weekly, input.variations, input.benefit, w)
  const parents = input.receivingParents
  const qualifyingChildren = parents.reduce((n, x) => n + x.children.length, 0)
  const rate = applicableRate(
    p,
    {
      income,
      benefit: input.benefit,
      nilRateCategory: input.nilRateCategory,
      qualifyingChildren,
      relevantOtherChildren: input.relevantOtherChildren,
    },
    w,
  )
  const shares = afterSharedCare(p, input, rate, split(p, rate.amount, parents, qualifyingChildren, w), w)

  const total = add(...shares)
  w.add(
    'total',
    parents.length > 1
      ? message('calculationSteps.total.several', {
          total: gbp(total),
          shares: parents.map((x, i) => share(x.id, shares[i]!)),
        })
      : message('calculationSteps.total.one', { total: gbp(total) }),
    parents.length > 1 ? p.apportionment.cite() : rate.cite,
    total,
  )
  collectionSteps(p, input.collection, w)
  const perReceivingParent = parents.map((x, i) => {
    const weekly = shares[i]!
    return { id: x.id, weekly, ...withFees(p, x.id, weekly, input.collection, label(parents, x), w) }
  })
  return w.done({
    rate: rate.rate,
    grossWeeklyIncome: income,
    incomeUsed: gross.used,
    totalWeekly: total,
    perReceivingParent,
  })
}

/** How the workings name a receiving parent. */
function label(parents: readonly ReceivingParent[], x: ReceivingParent): Message {
  return parents.length === 1 ? theReceivingParent() : receiverMessage(x.id)
}

/** Step 6 (para 6): the amount per child, times each receiving parent's children; shares add up to the amount. */
function split(
  p: Params,
  amount: Pence,
  parents: readonly ReceivingParent[],
  qc: number,
  w: Workings,
): readonly Pence[] {
  if (parents.length === 1) return [amount]
  const shares = apportion(
    amount,
    parents.map((x) => x.children.length),
  )
  w.assume(ASSUME.apportionRounding)
  parents.forEach((x, i) => {
    const n = x.children.length
    const exact = round(ratio(BigInt(amount) * BigInt(n), BigInt(qc)))
    w.add(
      `apportion.${x.id}`,
      message('calculationSteps.apportion', {
        id: x.id,
        n,
        all: qc,
        amount: gbp(amount),
        share: gbp(shares[i]!),
      }),
      p.apportionment.cite(),
      exact.unrounded === undefined ? shares[i]! : { value: shares[i]!, unrounded: exact.unrounded },
    )
  })
  return shares
}

/** Step 7: shared care (para 7) for the basic and reduced rates; para 8 for the flat rate because of benefits. */
function afterSharedCare(
  p: Params,
  input: CalculationInput,
  rate: RateAmount,
  shares: readonly Pence[],
  w: Workings,
): readonly Pence[] {
  const parents = input.receivingParents
  const flat = rate.rate === 'flat'
  // The flat rate (and the minimum that follows it) in force now: it may have changed since the research.
  const latestFlatRate = p.flat.period.to === null
  if (isCalculatedRate(rate.rate)) {
    if (!parents.some((x) => x.children.some((c) => bandFor(p, c.nightsPerYear)))) return shares
    const after = parents.map((x, i) => sharedCareFor(p, x, shares[i]!, label(parents, x), w))
    const final = applyMinimum(p, parents, after, w)
    if (final !== after && latestFlatRate) w.assume(ASSUME.flatRateUnchanged(p.flat.value.amount))
    return final
  }
  if (flat && latestFlatRate) w.assume(ASSUME.flatRateUnchanged(p.flat.value.amount))
  if (flat && input.benefit !== 'none')
    return parents.map((x, i) => benefitSharedCare(p, x, shares[i]!, label(parents, x), w))
  const from = p.sharedCareBenefits.value
  if (flat && parents.some((x) => x.children.some((c) => c.nightsPerYear >= from))) {
    w.assume(ASSUME.flatRateIgnoresSharedCare(p.flat.value.incomeUpTo))
    w.add(
      'shared-care',
      message('calculationSteps.flatIgnoresSharedCare'),
      p.flat.cite('Schedule 1, paragraphs 4 and 7'),
    )
  }
  return shares
}
