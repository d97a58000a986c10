import { formatPounds, type Pence } from '../shared/pence.ts'

/**
 * Plain-English notes for every point where the law behind a step is not confirmed. A calculation
 * lists the ones that touched its result.
 */
export const ASSUME = {
  rounding:
    'We round to the nearest penny (half a penny rounds up) after each step: income, reduced income, the rate, ' +
    "each receiving parent's share and each shared-care figure. We have not been able to check the rounding rule " +
    '(regulation 6), and the law does not say at which steps to round, so the CMS may differ from us by a penny or two.',
  apportionRounding:
    'Where the amount is split between receiving parents, we adjust the pennies so the shares add up exactly to ' +
    'the total. The older scheme had a rule like this; we have not confirmed it for the 2012 scheme.',
  sharedCareText:
    'The shared-care steps follow official GOV.UK guidance; we have not seen the text of the law itself ' +
    '(Schedule 1, paragraph 7).',
  sharedCareNotBelowNil: (perChild: Pence): string =>
    `The ${formatPounds(perChild)}-a-child reduction would have taken a receiving parent's amount below nothing; we ` +
    'stopped it at nothing. The law has not been checked on this point.',
  minimumAcrossAll:
    "We applied the minimum weekly amount to the paying parent's total for all receiving parents together and " +
    'split it by the number of children. Sources suggest this, but the text of the law (paragraph 7(7)) has not been checked.',
  pathfinder:
    'Some figures for the pathfinder period before 25 November 2013 (the £5 nil-rate limit, the first ' +
    'reduced-rate table and the £5 minimum after shared care) come from secondary sources.',
  benefitLists:
    'Which benefits put a paying parent on the flat rate (regulation 44) is not fully confirmed, in particular ' +
    'the new State Pension, new-style ESA and Universal Credit.',
  benefitCountsAsIncome:
    'For the nil-rate test, benefits count as income (regulation 45(2)). We assumed the benefit is at least the ' +
    'flat rate a week, so low income alone does not put the paying parent on the nil rate.',
  flatRateIgnoresSharedCare: (upTo: Pence): string =>
    `When the flat rate applies only because income is ${formatPounds(upTo)} a week or less, we have not reduced it ` +
    'for shared care. A Child Maintenance Options adviser says so; the law has not been checked on this point.',
  currentIncomeWeekly:
    'We turned current income a year into a weekly figure the same way as the HMRC figure (divide by 365, ' +
    'multiply by 7) and applied the 25% test to the weekly figures. How the CMS converts current pay has not been confirmed.',
  pensionBothFigures:
    'We took the pension contributions off both the HMRC figure (regulation 35(3)) and current income ' +
    '(regulation 40). Check that the contributions were not already relieved through payroll.',
  specialExpensesWhole: (threshold: Pence): string =>
    'We took off the special expenses in full. It is not confirmed whether the CMS takes off the whole amount or only ' +
    `the part above ${formatPounds(threshold)} a week (regulation 68), and it may use a lower amount if it finds the costs too high.`,
  additionalIncomeAtCap: (cap: Pence): string =>
    `Income was already at the ${formatPounds(cap)} limit, so additional income made no difference. We have not ` +
    'read regulation 73(2); an Upper Tribunal decision (JP v SSWP [2025] UKUT 162 (AAC)) supports this.',
  variationOnBenefits:
    'The flat rate applies because of a benefit, so the variation entered does not change it here. A variation ' +
    'for other income of a paying parent on a benefit (regulation 70) is not worked out by Redress; the CMS may refuse ' +
    'variations when a means-tested benefit is paid (regulation 57).',
  equalCare:
    'A child spends about half the year with each parent. If day-to-day care is shared equally, the CMS may decide ' +
    'there is no paying parent at all (regulation 50); this check assumes it has not.',
  feesWeekly:
    'Collection fees are charged on each payment; we show them on the weekly amount, rounded to the penny.',
  flatRateUnchanged: (amount: Pence): string =>
    `We have taken the flat rate as ${formatPounds(amount)} a week. No change has been found, but the government said ` +
    'in 2025 that it would consult on the calculation, so check whether it has changed since.',
  specialExpensesBelowThreshold: (threshold: Pence): string =>
    `The special expenses entered are below ${formatPounds(threshold)} a week. The CMS usually needs them to be at ` +
    'least that much (except for the costs of a child’s illness or disability), so it may refuse the variation.',
  unearnedBelowThreshold: (annual: Pence, weekly: Pence): string =>
    `Additional income entered is under ${formatPounds(weekly)} a week (${formatPounds(annual)} a year). Unearned ` +
    'income (rent, savings, dividends) only counts if it is at least that much (regulation 69); we added it as entered.',
} as const
