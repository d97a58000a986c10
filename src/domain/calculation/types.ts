import type { Pence } from '../shared/pence.ts'
import type { PlainDate } from '../shared/plain-date.ts'

/** Income as a weekly figure the user already has (e.g. from a CMS letter). */
export interface WeeklyIncome {
  readonly grossWeekly: Pence
}

/**
 * Income from annual figures: the HMRC figure for the latest available tax year (reg 35) and,
 * optionally, current income a year (regs 37 to 39) and relievable pension contributions a year
 * not relieved at source (reg 35(3), reg 40).
 */
export interface AnnualIncome {
  readonly historicAnnual: Pence
  readonly currentAnnual?: Pence
  readonly pensionContributionsAnnual?: Pence
}

export type IncomeInput = WeeklyIncome | AnnualIncome

/** none; a reg 44(1) benefit, pension or allowance; or a reg 44(2) means-tested benefit (paying parent or partner). */
export type Benefit = 'none' | 'flatRateBenefit' | 'meansTested'

export type Collection = 'direct' | 'collectAndPay'

export interface QualifyingChild {
  /** Nights a year the paying parent has the child overnight (0 to 366). */
  readonly nightsPerYear: number
}

/** A person with care ("receiving parent") and the paying parent's qualifying children who live with them. */
export interface ReceivingParent {
  readonly id: string
  readonly children: readonly QualifyingChild[]
}

export interface Variations {
  readonly specialExpensesWeekly: Pence
  readonly additionalIncomeWeekly: Pence
}

/** Everything the 2012-scheme calculation needs, as at the effective date. */
export interface CalculationInput {
  readonly effectiveDate: PlainDate
  readonly income: IncomeInput
  readonly benefit: Benefit
  /** The paying parent is in a reg 45(1) nil-rate group (a child, a prisoner, …). */
  readonly nilRateCategory: boolean
  readonly relevantOtherChildren: number
  readonly receivingParents: readonly ReceivingParent[]
  readonly variations?: Variations
  readonly collection?: Collection
}

/** basicPlus: the basic rate where income after the relevant-other-child reduction is above £800. */
export type Rate = 'nil' | 'flat' | 'reduced' | 'basic' | 'basicPlus'

export interface ReceivingParentAmount {
  readonly id: string
  /** Weekly maintenance for this receiving parent. */
  readonly weekly: Pence
  /** What the paying parent pays with any Collect and Pay fee added. */
  readonly payerPaysWithFees: Pence
  /** What the receiving parent gets after any Collect and Pay fee is taken off. */
  readonly receiverGetsAfterFees: Pence
}

export type IncomeUsed = 'entered' | 'historic' | 'current'

export interface Calculation {
  readonly rate: Rate
  /** The income figure the rate was worked on: after variations and the cap. */
  readonly grossWeeklyIncome: Pence
  /** Which income figure was used before variations. */
  readonly incomeUsed: IncomeUsed
  readonly totalWeekly: Pence
  readonly perReceivingParent: readonly ReceivingParentAmount[]
}
