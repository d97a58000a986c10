import { message } from '../shared/message.ts'
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
      message('calculationSteps.income.entered', { amount: gbp(income.grossWeekly) }),
      rule.cite('reg 34(1)'),
      income.grossWeekly,
    )
    return { weekly: income.grossWeekly, used: 'entered' }
  }

  const pension = income.pensionContributionsAnnual ?? ZERO
  if (pension > 0)
    w.add(
      'income.pension',
      message('calculationSteps.income.pension', { amount: gbp(pension) }),
      rule.cite(income.currentAnnual === undefined ? 'reg 35(3)' : 'regs 35(3) and 40'),
      pension,
    )

  const historic = toWeekly(p, income.historicAnnual, pension)
  w.add(
    'income.historic',
    message(
      pension > 0 ? 'calculationSteps.income.historicLessPension' : 'calculationSteps.income.historic',
      {
        annual: gbp(income.historicAnnual),
        pension: gbp(pension),
        weekly: gbp(historic.value),
      },
    ),
    rule.cite('reg 35(1)'),
    historic,
  )
  if (income.currentAnnual === undefined) return { weekly: historic.value, used: 'historic' }

  const current = toWeekly(p, income.currentAnnual, pension)
  w.assume(ASSUME.currentIncomeWeekly)
  if (pension > 0) w.assume(ASSUME.pensionBothFigures)
  w.add(
    'income.current',
    message(pension > 0 ? 'calculationSteps.income.currentLessPension' : 'calculationSteps.income.current', {
      annual: gbp(income.currentAnnual),
      pension: gbp(pension),
      weekly: gbp(current.value),
    }),
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
      ? message('calculationSteps.income.noHmrc', { current: gbp(current) })
      : message(useCurrent ? 'calculationSteps.income.currentUsed' : 'calculationSteps.income.hmrcUsed', {
          difference: gbp(difference),
          share: share.text,
          limit: gbp(round(limit).value),
          current: gbp(current),
          historic: gbp(historic),
        })
  w.add('income.choice', text, rule.cite(historic === 0 ? 'reg 34(2A)' : 'reg 34(2)'), weekly)
  return { weekly, used: useCurrent ? 'current' : 'historic' }
}
