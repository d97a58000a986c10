/** Every rule the calculation reads, by role. Ids mirror rules/calculation/<name>.yaml. */
export const RULE = {
  scheme: 'calculation.scheme',
  income: 'calculation.gross-weekly-income',
  cap: 'calculation.income-cap',
  specialExpenses: 'calculation.special-expenses',
  additionalIncome: 'calculation.additional-income',
  nil: 'calculation.nil-rate',
  flat: 'calculation.flat-rate',
  flatBenefits: 'calculation.flat-rate-benefits',
  reduced: 'calculation.reduced-rate',
  basic: 'calculation.basic-rate',
  otherChildren: 'calculation.relevant-other-children',
  apportionment: 'calculation.apportionment',
  sharedCare: 'calculation.shared-care',
  sharedCareExtra: 'calculation.shared-care-extra',
  sharedCareMinimum: 'calculation.shared-care-minimum',
  sharedCareBenefits: 'calculation.shared-care-benefits',
  rounding: 'calculation.rounding',
  collectionFees: 'calculation.collection-fees',
  applicationFee: 'calculation.application-fee',
  defaultRate: 'calculation.default-rate',
  incomePeriods: 'calculation.income-periods',
} as const

export type RuleRole = keyof typeof RULE
