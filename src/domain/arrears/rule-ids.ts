/** Every rule the arrears check reads. Ids mirror rules/<area>/<name>.yaml. */
export const ARREARS_RULE = {
  maintenancePeriod: 'arrears.maintenance-period',
  instalments: 'arrears.instalments',
  csaWriteOff: 'arrears.csa-write-off-2018',
  smallDebtWriteOff: 'arrears.small-debt-write-off',
  overpayments: 'arrears.overpayments',
  collectionFees: 'calculation.collection-fees',
} as const
