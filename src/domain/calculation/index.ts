/**
 * The 2012-scheme child maintenance calculation (Child Support Act 1991 Schedule 1; SI 2012/2677).
 * Pure: no I/O and no clock. Money is integer `Pence`, fractions are exact `Ratio`s, dates are
 * `PlainDate`; every rate comes from the `RuleBook` passed in (rules/calculation/*.yaml), read
 * for the effective date.
 *
 * - `calculate(book, input): Traced<Calculation, Message, Message>` — the weekly amount in total
 *   and for each receiving parent (with Collect and Pay fees), the rate (nil | flat | reduced |
 *   basic | basicPlus), the gross weekly income used, every step as a message (words in
 *   src/web/locales/en/calculation-steps.json) with the unrounded figure where rounding happened
 *   and a citation, and the assumptions where the law is not confirmed (calculation-text.json). Throws `InvalidInput` (naming the field) for bad input or a date before the
 *   scheme began on 10 December 2012 (the 1993 and 2003 schemes are out of scope).
 * - `compareWithCms(book, userInput, cmsInput): Comparison` — recomputes on both sets of
 *   figures, lists each input that differs with the effect of changing only that input from
 *   the CMS's figures, the combined effect, and whether the CMS's stated weekly amount
 *   (`cmsInput.statedWeekly`) matches its own figures (1–2p: rounding); its words are messages too.
 * - `defaultRate(book, on, qualifyingChildren): Traced<Pence>` — the reg 49 default rate.
 * - `applicationFee(book, on): Traced<Pence>` — the fee for applying on a date.
 * - `apportion(total, weights): Pence[]` — splits pence in proportion, adding up exactly.
 * - `CALCULATION_RULES` — the ids of every rule the calculation reads.
 */
export { apportion } from './apportion.ts'
export { calculate } from './calculate.ts'
export {
  compareWithCms,
  type CmsInput,
  type ComparedInput,
  type Comparison,
  type InputDifference,
  type StatedCheck,
  type StatedVerdict,
} from './compare.ts'
export { applicationFee, defaultRate } from './other-amounts.ts'
export { RULE as CALCULATION_RULES } from './rule-ids.ts'
export type {
  AnnualIncome,
  Benefit,
  Calculation,
  CalculationInput,
  Collection,
  IncomeInput,
  IncomeUsed,
  QualifyingChild,
  Rate,
  ReceivingParent,
  ReceivingParentAmount,
  Variations,
  WeeklyIncome,
} from './types.ts'
