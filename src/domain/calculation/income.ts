import { max, pence, sub, ZERO, type Pence } from '../shared/pence.ts'
import { compare, mul, ratio } from '../shared/ratio.ts'
import { ASSUME } from './assumptions.ts'
import type { Params } from './params.ts'
import { gbp } from './phrases.ts'
import type { IncomeInput, IncomeUsed } from './types.ts'
import { round, times, type Rounded, type Workings } from './workings.ts'

export interface GrossIncome {
  readonly weekly: Pence
  readonly used: IncomeUsed
}

/** Step 1: gross weekly income from the figure entered, or from annual figures (regs 34, 35, 40). */
export function grossWeeklyIncome(p: Params, income: IncomeInput, w: Workings): GrossIncome {
  const rule = p.income
  if ('grossWeekly' in income) {
    w.add(
      'income',
      `The paying parent's gross weekly income is ${gbp(income.grossWeekly)}, as entered.`,
      rule.cite('reg 34(1)'),
      income.grossWeekly,
    )
    return { weekly: income.grossWeekly, used: 'entered' }
  }

  const pension = income.pensionContributionsAnnual ?? ZERO
  const less = pension > 0 ? `, less ${gbp(pension)} of pension contributions,` : ''
  if (pension > 0)
    w.add(
      'income.pension',
      `Pension contributions of ${gbp(pension)} a year that were not given tax relief through pay are taken off the income.`,
      rule.cite(income.currentAnnual === undefined ? 'reg 35(3)' : 'regs 35(3) and 40'),
      pension,
    )

  const historic = toWeekly(p, income.historicAnnual, pension)
  w.add(
    'income.historic',
    `The HMRC figure of ${gbp(income.historicAnnual)} a year${less} divided by 365 and multiplied by 7 is ${gbp(historic.value)} a week.`,
    rule.cite('reg 35(1)'),
    historic,
  )
  if (income.currentAnnual === undefined) return { weekly: historic.value, used: 'historic' }

  const current = toWeekly(p, income.currentAnnual, pension)
  w.assume(ASSUME.currentIncomeWeekly)
  if (pension > 0) w.assume(ASSUME.pensionBothFigures)
  w.add(
    'income.current',
    `Current income of ${gbp(income.currentAnnual)} a year${less} is ${gbp(current.value)} a week.`,
    rule.cite('regs 37 to 39'),
    current,
  )
  return chooseIncome(p, historic.value, current.value, w)
}

/** Reg 35(1): an annual figure less pension contributions, ÷365×7, to the penny. */
function toWeekly(p: Params, annual: Pence, pension: Pence): Rounded {
  return round(times(max(sub(annual, pension), ZERO), p.income.value.annualToWeekly))
}

/** Reg 34(2), (2A): current income is used when it differs from historic income by at least 25%. */
function chooseIncome(p: Params, historic: Pence, current: Pence, w: Workings): GrossIncome {
  const rule = p.income
  const share = rule.value.currentDifference
  const difference = pence(Math.abs(current - historic))
  const limit = mul(ratio(historic), share.ratio)
  const useCurrent = compare(ratio(difference), limit) >= 0
  const weekly = useCurrent ? current : historic
  const text =
    historic === 0 && current > 0
      ? `There is no HMRC income and current income is above nil, so current income is used: ${gbp(current)} a week.`
      : `Current income differs from the HMRC figure by ${gbp(difference)} a week, which is ` +
        (useCurrent
          ? `at least ${share.text} of the HMRC figure (${gbp(round(limit).value)}), so current income is used: ${gbp(current)} a week.`
          : `less than ${share.text} of the HMRC figure (${gbp(round(limit).value)}), so the HMRC figure is used: ${gbp(historic)} a week.`)
  w.add('income.choice', text, rule.cite(historic === 0 ? 'reg 34(2A)' : 'reg 34(2)'), weekly)
  return { weekly, used: useCurrent ? 'current' : 'historic' }
}
