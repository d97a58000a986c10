import { message } from '../shared/message.ts'
import { add, max, min, sub, ZERO, type Pence } from '../shared/pence.ts'
import { ASSUME } from './assumptions.ts'
import type { Params } from './params.ts'
import { gbp } from './phrases.ts'
import type { Benefit, Variations } from './types.ts'
import { round, times, type Workings } from './workings.ts'

/**
 * Step 2: additional income is added (reg 73(1)), special expenses are taken off (reg 72(1)) and
 * income above the cap is ignored (para 10(3)). Taking expenses off before capping gives
 * exactly reg 72(2): above the cap, expenses only count so far as income less expenses is below it.
 */
export function applyVariationsAndCap(
  p: Params,
  gross: Pence,
  variations: Variations | undefined,
  benefit: Benefit,
  w: Workings,
): Pence {
  const cap = p.cap.value
  const extra = variations?.additionalIncomeWeekly ?? ZERO
  const expenses = variations?.specialExpensesWeekly ?? ZERO
  if (benefit !== 'none' && (extra > 0 || expenses > 0)) w.assume(ASSUME.variationOnBenefits)

  let income = gross
  if (extra > 0) {
    income = add(income, extra)
    w.add(
      'variation.additional-income',
      message('calculationSteps.variation.additionalIncome', { extra: gbp(extra), income: gbp(income) }),
      p.additionalIncome.cite('reg 73(1)'),
      income,
    )
    const annual = p.additionalIncome.value
    const weekly = round(times(annual, p.income.value.annualToWeekly)).value
    if (extra < weekly) w.assume(ASSUME.unearnedBelowThreshold(annual, weekly))
    if (gross >= cap) w.assume(ASSUME.additionalIncomeAtCap(cap))
  }
  if (expenses > 0) {
    const aboveCap = income > cap
    income = max(sub(income, expenses), ZERO)
    w.add(
      'variation.special-expenses',
      message(
        aboveCap
          ? 'calculationSteps.variation.specialExpensesAboveCap'
          : 'calculationSteps.variation.specialExpenses',
        { expenses: gbp(expenses), income: gbp(income), cap: gbp(cap) },
      ),
      p.specialExpenses.cite(aboveCap ? 'reg 72(1) and (2)' : 'reg 72(1)'),
      income,
    )
    w.assume(ASSUME.specialExpensesWhole(p.specialExpenses.value))
    if (expenses < p.specialExpenses.value)
      w.assume(ASSUME.specialExpensesBelowThreshold(p.specialExpenses.value))
  }
  if (income > cap) {
    w.add('income.cap', message('calculationSteps.variation.cap', { cap: gbp(cap) }), p.cap.cite(), cap)
  }
  return min(income, cap)
}
