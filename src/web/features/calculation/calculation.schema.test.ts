import { describe, expect, it } from 'vitest'
import {
  check,
  checkDate,
  checkNights,
  checkParents,
  formValues,
  incomeForm,
  journeyQuery,
  parentRows,
  variationsForm,
} from './calculation.schema.ts'

const income = (amount: string, frequency = 'week') => check(incomeForm('yours'), { amount, frequency })
const problem = (r: { ok: boolean; errors?: { href: string; text: string }[] }) =>
  r.ok ? 'ok' : `${r.errors![0]!.href.slice(1)}: ${r.errors![0]!.text}`

describe('form values', () => {
  it('keeps the first of a repeated field and treats a missing body as empty', () => {
    expect(formValues.parse({ a: ['1', '2'], b: 'x' })).toEqual({ a: '1', b: 'x' })
    expect(formValues.parse(undefined)).toEqual({})
  })

  it('reads ?from=check and ignores anything else', () => {
    expect(journeyQuery.parse({ from: 'check' })).toEqual({ from: 'check' })
    expect(journeyQuery.parse({ from: 'https://elsewhere' })).toEqual({})
  })
})

describe('money', () => {
  it.each(['863.01', '£863.01', ' 45,000 ', '£1,234.56', '0', '7.5'])('accepts %j', (s) =>
    expect(problem(income(s))).toBe('ok'),
  )
  it.each([
    ['', /^amount: Enter the paying parent's gross income$/],
    ['   ', /^amount: Enter the paying parent's gross income$/],
    ['-5', /cannot be less than £0/],
    ['£-5', /cannot be less than £0/],
    ['863.011', /no more than 2 numbers after the decimal point/],
    ['about 45k', /as an amount of money/],
    ['1.2.3', /as an amount of money/],
    ['45 000', /as an amount of money/],
  ])('refuses %j', (s, message) => expect(problem(income(s))).toMatch(message))

  it('needs a frequency', () => expect(problem(income('1', ''))).toMatch(/^frequency: Select whether/))

  it('lets variations be blank but not nonsense', () => {
    expect(check(variationsForm(), { additionalIncome: '', specialExpenses: '' })).toEqual({
      ok: true,
      value: { additionalIncome: '', specialExpenses: '' },
    })
    expect(problem(check(variationsForm(), { additionalIncome: 'x', specialExpenses: '' }))).toMatch(
      /^additionalIncome: /,
    )
  })
})

describe('the date', () => {
  const date = (day: string, month: string, year: string) =>
    checkDate({ 'date-day': day, 'date-month': month, 'date-year': year })

  it('accepts a real date', () => {
    const r = date('3', '2', '2025')
    expect(r.ok && r.date.toString()).toBe('2025-02-03')
  })
  it('names the missing parts and highlights only them', () => {
    const r = date('', '2', '')
    expect(r).toMatchObject({ ok: false, parts: ['day', 'year'] })
    expect(!r.ok && r.errors[0]).toEqual({
      href: '#date-day',
      text: 'The date must include a day and a year',
    })
  })
  it('refuses 29 February in a common year, pointing at the day', () => {
    expect(date('29', '2', '2025')).toMatchObject({
      ok: false,
      parts: ['day'],
      errors: [{ href: '#date-day' }],
    })
  })
  it('refuses month 13, pointing at the month', () => {
    expect(date('1', '13', '2025')).toMatchObject({ ok: false, parts: ['month'] })
  })
  it('refuses letters and short years', () => {
    expect(date('a', '2', '2025')).toMatchObject({ ok: false, parts: ['day'] })
    expect(date('1', '2', '25')).toMatchObject({ ok: false, parts: ['year'] })
  })
})

describe('receiving parents and nights', () => {
  it('reads rows in order until one is missing', () => {
    expect(
      parentRows({
        'parent-0-name': 'A',
        'parent-0-children': '1',
        'parent-1-children': '2',
        'parent-3-name': 'x',
      }),
    ).toEqual([
      { name: 'A', children: '1' },
      { name: '', children: '2' },
    ])
    expect(parentRows({})).toEqual([{ name: '', children: '' }])
  })

  it('a blank name takes a letter, so "B" typed for parent 1 clashes with parent 2 left blank', () => {
    const r = checkParents([
      { name: 'B', children: '1' },
      { name: '', children: '1' },
    ])
    expect(problem(r)).toBe(
      'parent-1-name: Give receiving parent 2 a different name from the others, or leave it blank',
    )
  })

  it('needs 1 to 20 children each and names of 40 characters or fewer', () => {
    expect(problem(checkParents([{ name: '', children: '21' }]))).toMatch(/between 1 and 20/)
    expect(problem(checkParents([{ name: 'x'.repeat(41), children: '1' }]))).toMatch(/40 characters or fewer/)
  })

  it('checks nights 0 to 366 for each child, naming the child', () => {
    const labels = [['child 1 of Amira', 'child 2 of Amira'], ['child 1 of Bea']]
    expect(checkNights({ 'nights-0-0': '52', 'nights-0-1': '0', 'nights-1-0': '366' }, labels)).toEqual({
      ok: true,
      value: [['52', '0'], ['366']],
    })
    expect(problem(checkNights({ 'nights-0-0': '52', 'nights-0-1': '0', 'nights-1-0': '367' }, labels))).toBe(
      'nights-1-0: The nights for child 1 of Bea must be between 0 and 366',
    )
  })
})
