/**
 * The "Check a calculation" journey for the personas (the parents of src/services/demo.service.ts), as the answers typed on
 * each page in order. Route tests post them with app.inject; browser tests type them into the forms.
 */
export interface JourneyStep {
  /** The page's path. */
  readonly path: string
  /** Field name → what the user types or chooses. */
  readonly fields: Readonly<Record<string, string>>
}

export const CALC = '/check-calculation'

const step = (page: string, fields: Record<string, string>): JourneyStep => ({
  path: `${CALC}/${page}`,
  fields,
})

/**
 * Amira: two children, 52 nights each, Dan's current income £45,000 a year (£863.01 a week) and
 * £115.07 a week of rent as a variation; the CMS used £598.36 a week and set £82.06.
 */
export function amira(options: { variation?: boolean; compare?: boolean } = {}): JourneyStep[] {
  const variation = options.variation ?? true
  const compare = options.compare ?? true
  return [
    step('who', { who: 'receiving' }),
    step('date', { 'date-day': '3', 'date-month': '2', 'date-year': '2025' }),
    step('children', { 'parent-0-name': '', 'parent-0-children': '2' }),
    step('nights', { 'nights-0-0': '52', 'nights-0-1': '52' }),
    step('other-children', { otherChildren: '0' }),
    step('benefits', { benefit: 'none' }),
    step('income', { amount: '45,000', frequency: 'year' }),
    step('variations', { additionalIncome: variation ? '115.07' : '', specialExpenses: '' }),
    step('payment', { collection: 'direct' }),
    step('compare', { compare: compare ? 'yes' : 'no' }),
    ...(compare
      ? [
          step('cms/children', { 'cms-children-0': '2' }),
          step('cms/nights', { 'nights-0-0': '52', 'nights-0-1': '52' }),
          step('cms/other-children', { otherChildren: '0' }),
          step('cms/benefits', { benefit: 'none' }),
          step('cms/income', { amount: '598.36', frequency: 'week' }),
          step('cms/variations', { additionalIncome: '', specialExpenses: '' }),
          step('cms/weekly-amount', { stated: '82.06' }),
        ]
      : []),
  ]
}

/**
 * Jordan (paying parent): one child with Morgan, about 130 nights a year, one relevant other
 * child, HMRC figure £28,000 a year (£536.99 a week); the CMS counted 78 nights and charges £49.16.
 */
export function jordan(): JourneyStep[] {
  return [
    step('who', { who: 'paying' }),
    step('date', { 'date-day': '14', 'date-month': '3', 'date-year': '2025' }),
    step('children', { 'parent-0-name': 'Morgan', 'parent-0-children': '1' }),
    step('nights', { 'nights-0-0': '130' }),
    step('other-children', { otherChildren: '1' }),
    step('benefits', { benefit: 'none' }),
    step('income', { amount: '28000', frequency: 'year' }),
    step('variations', { additionalIncome: '', specialExpenses: '' }),
    step('payment', { collection: 'collectAndPay' }),
    step('compare', { compare: 'yes' }),
    step('cms/children', { 'cms-children-0': '1' }),
    step('cms/nights', { 'nights-0-0': '78' }),
    step('cms/other-children', { otherChildren: '1' }),
    step('cms/benefits', { benefit: 'none' }),
    step('cms/income', { amount: '536.99', frequency: 'week' }),
    step('cms/variations', { additionalIncome: '', specialExpenses: '' }),
    step('cms/weekly-amount', { stated: '49.16' }),
  ]
}
