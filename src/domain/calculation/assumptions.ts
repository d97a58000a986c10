import { formatPounds, type Pence } from '../shared/pence.ts'
import { message, type Message } from '../shared/message.ts'

/**
 * A note for every point where the law behind a step is not confirmed, as a `Message` (the words are
 * in src/web/locales/en/calculation-text.json, `calculationText.assumption.*`). A calculation lists
 * the ones that touched its result; the layer that shows them translates them.
 */
export const ASSUME = {
  rounding: message('calculationText.assumption.rounding'),
  apportionRounding: message('calculationText.assumption.apportionRounding'),
  sharedCareText: message('calculationText.assumption.sharedCareText'),
  sharedCareNotBelowNil: (perChild: Pence): Message =>
    message('calculationText.assumption.sharedCareNotBelowNil', { perChild: formatPounds(perChild) }),
  minimumAcrossAll: message('calculationText.assumption.minimumAcrossAll'),
  pathfinder: message('calculationText.assumption.pathfinder'),
  benefitLists: message('calculationText.assumption.benefitLists'),
  benefitCountsAsIncome: message('calculationText.assumption.benefitCountsAsIncome'),
  flatRateIgnoresSharedCare: (upTo: Pence): Message =>
    message('calculationText.assumption.flatRateIgnoresSharedCare', { upTo: formatPounds(upTo) }),
  currentIncomeWeekly: message('calculationText.assumption.currentIncomeWeekly'),
  pensionBothFigures: message('calculationText.assumption.pensionBothFigures'),
  specialExpensesWhole: (threshold: Pence): Message =>
    message('calculationText.assumption.specialExpensesWhole', { threshold: formatPounds(threshold) }),
  additionalIncomeAtCap: (cap: Pence): Message =>
    message('calculationText.assumption.additionalIncomeAtCap', { cap: formatPounds(cap) }),
  variationOnBenefits: message('calculationText.assumption.variationOnBenefits'),
  equalCare: message('calculationText.assumption.equalCare'),
  feesWeekly: message('calculationText.assumption.feesWeekly'),
  flatRateUnchanged: (amount: Pence): Message =>
    message('calculationText.assumption.flatRateUnchanged', { amount: formatPounds(amount) }),
  specialExpensesBelowThreshold: (threshold: Pence): Message =>
    message('calculationText.assumption.specialExpensesBelowThreshold', {
      threshold: formatPounds(threshold),
    }),
  unearnedBelowThreshold: (annual: Pence, weekly: Pence): Message =>
    message('calculationText.assumption.unearnedBelowThreshold', {
      annual: formatPounds(annual),
      weekly: formatPounds(weekly),
    }),
} as const
