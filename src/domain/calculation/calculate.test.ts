import { text } from '../../copy/translate.ts'
import type { Message } from '../shared/message.ts'
import { describe, expect, it } from 'vitest'
import { rules } from '../../rules/load.ts'
import { InvalidInput } from '../shared/errors.ts'
import { pence } from '../shared/pence.ts'
import { parseDate } from '../shared/plain-date.ts'
import { applicationFee, calculate, defaultRate, type CalculationInput } from './index.ts'

/** The assumptions in words (the domain gives them as messages). */
const said = (r: { readonly assumptions: readonly Message[] }): string[] => r.assumptions.map((m) => text(m))

const book = rules()

const base: CalculationInput = {
  effectiveDate: parseDate('2025-04-01'),
  income: { grossWeekly: pence(57534) },
  benefit: 'none',
  nilRateCategory: false,
  relevantOtherChildren: 1,
  receivingParents: [{ id: 'A', children: [{ nightsPerYear: 0 }, { nightsPerYear: 120 }] }],
}

const refuse = (x: CalculationInput): InvalidInput => {
  try {
    calculate(book, x)
  } catch (e) {
    if (e instanceof InvalidInput) return e
    throw e
  }
  throw new Error('expected InvalidInput')
}

describe('calculate', () => {
  it('gives the brief’s example with its workings', () => {
    const r = calculate(book, base)
    expect(r.value).toEqual({
      rate: 'basic',
      grossWeeklyIncome: 57534,
      incomeUsed: 'entered',
      totalWeekly: 7023,
      perReceivingParent: [{ id: 'A', weekly: 7023, payerPaysWithFees: 7023, receiverGetsAfterFees: 7023 }],
    })
    expect(r.steps.map((s) => s.key)).toEqual([
      'scheme',
      'rounding',
      'income',
      'rate.other-children',
      'rate.basic',
      'shared-care.A',
      'total',
    ])
    const reduced = r.steps.find((s) => s.key === 'rate.other-children')!
    expect(reduced).toMatchObject({ amount: 51205, unrounded: '512.0526' })
    expect(r.steps.find((s) => s.key === 'shared-care.A')).toMatchObject({
      amount: 7023,
      unrounded: '70.225714…',
    })
  })

  it('cites a rule with a source and confidence in every step, and no unrounded figure where nothing was rounded', () => {
    const r = calculate(book, { ...base, collection: 'collectAndPay' })
    for (const s of r.steps) {
      expect(s.cite?.ruleId).toMatch(/^calculation\./)
      expect(s.cite?.url).toMatch(/^https:\/\/(www\.)?(legislation\.gov\.uk|gov\.uk)\//)
      expect(['verified', 'secondary', 'unverified']).toContain(s.cite?.confidence)
    }
    expect(r.steps.find((s) => s.key === 'income')?.unrounded).toBeUndefined()
  })

  it('always states the rounding assumption, and the shared-care one when shared care is used', () => {
    const r = calculate(book, base)
    expect(said(r).some((a) => a.includes('regulation 6'))).toBe(true)
    expect(said(r).some((a) => a.includes('paragraph 7'))).toBe(true)
    const none = calculate(book, {
      ...base,
      receivingParents: [{ id: 'A', children: [{ nightsPerYear: 0 }] }],
    })
    expect(none.assumptions).toHaveLength(1)
  })

  it('refuses a date before the 2012 scheme, saying the older schemes are out of scope', () => {
    const e = refuse({ ...base, effectiveDate: parseDate('2012-12-09') })
    expect(e.field).toBe('effectiveDate')
    expect(text(e.problem)).toMatch(/10 December 2012/)
    expect(text(e.problem)).toMatch(/1993 and 2003 schemes are out of scope/)
    expect(
      calculate(book, { ...base, effectiveDate: parseDate('2012-12-10') }).value.totalWeekly,
    ).toBeGreaterThan(0)
  })

  it('names the field of bad input', () => {
    expect(refuse({ ...base, receivingParents: [] }).field).toBe('receivingParents')
    expect(refuse({ ...base, receivingParents: [{ id: 'A', children: [] }] }).field).toBe(
      'receivingParents.0.children',
    )
    expect(
      refuse({ ...base, receivingParents: [{ id: 'A', children: [{ nightsPerYear: 367 }] }] }).field,
    ).toBe('receivingParents.0.children.0.nightsPerYear')
    expect(refuse({ ...base, relevantOtherChildren: -1 }).field).toBe('relevantOtherChildren')
    expect(refuse({ ...base, income: { grossWeekly: -1 as never } }).field).toBe('income.grossWeekly')
    expect(
      refuse({
        ...base,
        receivingParents: [
          { id: 'A', children: [{ nightsPerYear: 0 }] },
          { id: 'A', children: [{ nightsPerYear: 0 }] },
        ],
      }).field,
    ).toBe('receivingParents.1.id')
  })

  it('shows the announced fee reform but never applies it', () => {
    const later = { ...base, effectiveDate: parseDate('2028-06-01'), collection: 'collectAndPay' as const }
    const r = calculate(book, later)
    expect(r.value.perReceivingParent[0]).toMatchObject({
      payerPaysWithFees: 8428,
      receiverGetsAfterFees: 6742,
    })
    expect(text(r.steps.find((s) => s.key === 'fees.announced')!.text)).toMatch(/not law yet/)
  })

  it('names the pathfinder figures as less certain', () => {
    const r = calculate(book, { ...base, effectiveDate: parseDate('2013-01-07') })
    expect(said(r).some((a) => a.includes('pathfinder'))).toBe(true)
  })

  it('stops a receiving parent’s amount at nil before the minimum, and says so', () => {
    const r = calculate(book, {
      ...base,
      income: { grossWeekly: pence(18000) },
      receivingParents: [{ id: 'A', children: [{ nightsPerYear: 180 }, { nightsPerYear: 180 }] }],
    })
    expect(r.value.totalWeekly).toBe(700)
    expect(r.steps.find((s) => s.key === 'shared-care.A.extra')?.amount).toBe(0)
    expect(said(r).some((a) => a.includes('below nothing'))).toBe(true)
    expect(said(r).some((a) => a.includes('paragraph 7(7)'))).toBe(true)
  })

  it('says where the 25% test came out', () => {
    const r = calculate(book, {
      ...base,
      income: { historicAnnual: pence(2_600_000), currentAnnual: pence(2_000_000) },
    })
    expect(r.value.incomeUsed).toBe('historic')
    expect(text(r.steps.find((s) => s.key === 'income.choice')!.text)).toMatch(
      /less than 25%.*£124\.66.*HMRC figure is used/,
    )
  })

  it('flags special expenses under £10 a week and variations on benefits', () => {
    const r = calculate(book, {
      ...base,
      variations: { specialExpensesWeekly: pence(500), additionalIncomeWeekly: pence(0) },
    })
    expect(r.value.grossWeeklyIncome).toBe(57034)
    expect(said(r).some((a) => a.includes('below £10.00 a week'))).toBe(true)
    const b = calculate(book, {
      ...base,
      benefit: 'meansTested',
      variations: { specialExpensesWeekly: pence(0), additionalIncomeWeekly: pence(20000) },
    })
    expect(b.value.rate).toBe('flat')
    expect(said(b).some((a) => a.includes('regulation 70'))).toBe(true)
  })
})

describe('defaultRate and applicationFee', () => {
  it('records the disagreement about the default rate', () => {
    const r = defaultRate(book, parseDate('2025-04-01'), 2)
    expect(r.value).toBe(5100)
    expect(said(r)[0]).toMatch(/GOV\.UK now says £38, £51, £64/)
  })

  it('refuses no children for the default rate', () => {
    expect(() => defaultRate(book, parseDate('2025-04-01'), 0)).toThrow(InvalidInput)
  })

  it('charges £20 only between 30 June 2014 and 25 February 2024', () => {
    expect(applicationFee(book, parseDate('2020-01-01')).value).toBe(2000)
    expect(applicationFee(book, parseDate('2025-01-01')).value).toBe(0)
  })
})
