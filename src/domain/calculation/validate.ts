import { InvalidInput, rawProblem } from '../shared/errors.ts'
import type { Pence } from '../shared/pence.ts'
import type { CalculationInput } from './types.ts'

const MAX_NIGHTS = 366

function money(field: string, value: Pence | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0))
    throw new InvalidInput(field, rawProblem('must be an amount of money that is nil or more'))
}

/** Checks what types cannot: counts, ranges and at least one qualifying child. Names the field. */
export function validateInput(input: CalculationInput): void {
  const { income, variations } = input
  if ('grossWeekly' in income) money('income.grossWeekly', income.grossWeekly)
  else {
    money('income.historicAnnual', income.historicAnnual)
    money('income.currentAnnual', income.currentAnnual)
    money('income.pensionContributionsAnnual', income.pensionContributionsAnnual)
  }
  if (variations) {
    money('variations.specialExpensesWeekly', variations.specialExpensesWeekly)
    money('variations.additionalIncomeWeekly', variations.additionalIncomeWeekly)
  }
  if (!Number.isSafeInteger(input.relevantOtherChildren) || input.relevantOtherChildren < 0)
    throw new InvalidInput('relevantOtherChildren', rawProblem('must be a whole number, 0 or more'))
  if (input.receivingParents.length === 0)
    throw new InvalidInput(
      'receivingParents',
      rawProblem('at least one receiving parent with a qualifying child is needed'),
    )
  const ids = new Set<string>()
  input.receivingParents.forEach((parent, i) => {
    const at = `receivingParents.${i}`
    if (parent.id.trim() === '') throw new InvalidInput(`${at}.id`, rawProblem('must not be empty'))
    if (ids.has(parent.id))
      throw new InvalidInput(`${at}.id`, rawProblem(`"${parent.id}" is used for two receiving parents`))
    ids.add(parent.id)
    if (parent.children.length === 0)
      throw new InvalidInput(`${at}.children`, rawProblem('at least one qualifying child is needed'))
    parent.children.forEach((child, j) => {
      const n = child.nightsPerYear
      if (!Number.isInteger(n) || n < 0 || n > MAX_NIGHTS)
        throw new InvalidInput(
          `${at}.children.${j}.nightsPerYear`,
          rawProblem(`must be a whole number of nights from 0 to ${MAX_NIGHTS}`),
        )
    })
  })
}
