import { InvalidInput, domainProblem } from '../shared/errors.ts'
import type { Pence } from '../shared/pence.ts'
import type { CalculationInput } from './types.ts'

const MAX_NIGHTS = 366

function money(field: string, value: Pence | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0))
    throw new InvalidInput(field, domainProblem('calculationInput.money'))
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
    throw new InvalidInput('relevantOtherChildren', domainProblem('calculationInput.zeroOrMore'))
  if (input.receivingParents.length === 0)
    throw new InvalidInput('receivingParents', domainProblem('calculationInput.noReceivingParent'))
  const ids = new Set<string>()
  input.receivingParents.forEach((parent, i) => {
    const at = `receivingParents.${i}`
    if (parent.id.trim() === '') throw new InvalidInput(`${at}.id`, domainProblem('calculationInput.empty'))
    if (ids.has(parent.id))
      throw new InvalidInput(`${at}.id`, domainProblem('calculationInput.idTwice', { id: parent.id }))
    ids.add(parent.id)
    if (parent.children.length === 0)
      throw new InvalidInput(`${at}.children`, domainProblem('calculationInput.noChild'))
    parent.children.forEach((child, j) => {
      const n = child.nightsPerYear
      if (!Number.isInteger(n) || n < 0 || n > MAX_NIGHTS)
        throw new InvalidInput(
          `${at}.children.${j}.nightsPerYear`,
          domainProblem('calculationInput.nights', { max: MAX_NIGHTS }),
        )
    })
  })
}
