import { describe, expect, it } from 'vitest'
import { Temporal } from '../shared/plain-date.ts'
import { findDates } from './dates.ts'
import { bestByField, suggestFacts, type Suggestion } from './suggest.ts'

const best = (s: readonly Suggestion[]) =>
  Object.fromEntries(Object.entries(bestByField(s)).map(([k, v]) => [k, v.value]))

const LETTER = `Child Maintenance Service
PO Box 0000, Sampletown
Date of letter: 3 February 2025
Our reference: 1212 3456 7890

Dear Ms Example

Your child maintenance calculation

We received your application on 12 January 2025.
From 10 March 2025 the paying parent must pay £45.20 each week.

How we worked this out
Gross weekly income: £512.34
Number of qualifying children: 2
Relevant other children: 1
Shared care: 104 nights a year
Collection fee: £9.04

If you think this decision is wrong, you can ask us to look again (mandatory reconsideration).`

describe('dates in letters', () => {
  it('reads UK day-first dates, Welsh month names and never splits a run of digits', () => {
    const iso = (t: string) => findDates(t).map((d) => d.date.toString())
    expect(iso('on 03/02/2025 and 3.2.25')).toEqual(['2025-02-03', '2025-02-03'])
    expect(iso('3rd Feb 2025; 21 Chwefror 2025; o 1 Fawrth 2025; 5 Medi 2024')).toEqual([
      '2025-02-03',
      '2025-02-21',
      '2025-03-01',
      '2024-09-05',
    ])
    // Paperless-ngx #14018: "80101911/26.06.2025" was read as the year 1911.
    expect(iso('Ref 80101911/26.06.2025')).toEqual(['2025-06-26'])
    // Impossible dates are not read; a US-style date is not turned round.
    expect(iso('31/02/2025 and 12/31/2025')).toEqual([])
    expect(iso('2025-02-03')).toEqual(['2025-02-03'])
  })
})

describe('facts suggested from a CMS letter', () => {
  it('finds every fact with its page, words and confidence', () => {
    const s = suggestFacts([{ page: 1, text: LETTER, confidence: null }])
    expect(best(s)).toEqual({
      letterDate: '2025-02-03',
      decisionKind: 'calculation',
      effectiveDate: '2025-03-10',
      weeklyAmount: '45.20',
      grossWeeklyIncome: '512.34',
      nightsPerYear: 104,
      relevantOtherChildren: 1,
      qualifyingChildren: 2,
      cmsReference: '121234567890',
    })
    const date = s.find((x) => x.field === 'letterDate')!
    expect(date).toMatchObject({ page: 1, text: '3 February 2025' })
    expect(date.confidence).toBeGreaterThan(0.9)
    // The application date and the fee are not offered as the letter's facts.
    expect(s.some((x) => x.value === '2025-01-12' && x.field !== 'letterDate')).toBe(false)
    expect(s.some((x) => x.value === '9.04')).toBe(false)
    // Fields in order; within a field, highest confidence first.
    for (let i = 1; i < s.length; i++)
      if (s[i]!.field === s[i - 1]!.field) expect(s[i]!.confidence).toBeLessThanOrEqual(s[i - 1]!.confidence)
  })

  it('tells the kinds of letter apart by their heading, not by the "if you disagree" text', () => {
    const kind = (title: string) =>
      best(
        suggestFacts([
          { page: 1, text: LETTER.replace('Your child maintenance calculation', title), confidence: null },
        ]),
      ).decisionKind
    expect(kind('Annual review of your child maintenance')).toBe('annual-review')
    expect(kind('We have revised our decision')).toBe('revision')
    expect(kind('We have changed your child maintenance because of a change of circumstances')).toBe(
      'supersession',
    )
    expect(kind('Variation decision')).toBe('variation')
    expect(kind('Mandatory reconsideration notice')).toBe('mandatory-reconsideration-notice')
    expect(kind('Child maintenance arrears notice')).toBe('arrears-notice')
    expect(kind('Deduction from earnings order')).toBe('deduction-order')
  })

  it('reads a Welsh letter', () => {
    const s = suggestFacts([
      {
        page: 1,
        text: `Gwasanaeth Cynhaliaeth Plant\nDyddiad y llythyr: 3 Chwefror 2025\nCyfeirnod: 1212 3456 7890\nRhaid talu £45.20 bob wythnos o 10 Mawrth 2025\nIncwm wythnosol gros: £512.34\nNifer y plant cymhwysol: 2`,
        confidence: 90,
      },
    ])
    expect(best(s)).toMatchObject({
      letterDate: '2025-02-03',
      effectiveDate: '2025-03-10',
      weeklyAmount: '45.20',
      grossWeeklyIncome: '512.34',
      qualifyingChildren: 2,
      cmsReference: '121234567890',
    })
  })

  it('ranks against what the case knows, and lowers confidence for poor OCR', () => {
    const text = 'Date: 3 February 2025\nReference 1212 3456 7890\nother number 121299998888'
    const s = suggestFacts([{ page: 1, text, confidence: null }], {
      cmsReference: '121299998888',
      today: Temporal.PlainDate.from('2025-01-01'),
    })
    const refs = s.filter((x) => x.field === 'cmsReference')
    expect(refs[0]).toMatchObject({ value: '121299998888', notes: ['reading.note.matchesCase'] })
    expect(s.find((x) => x.field === 'letterDate')!.notes).toEqual(['reading.note.future'])
    const clear = suggestFacts([{ page: 1, text: LETTER, confidence: 95 }])
    const poor = suggestFacts([{ page: 1, text: LETTER, confidence: 55 }])
    const c = (x: Suggestion[]) => bestByField(x).weeklyAmount!.confidence
    expect(c(poor)).toBeLessThan(c(clear))
  })

  it('turns money into integer pence exactly', () => {
    const s = suggestFacts([{ page: 1, text: 'You must pay £1,234.05 per week', confidence: null }])
    expect(best(s).weeklyAmount).toBe('1234.05')
  })
})

describe('amounts next to arrears', () => {
  it('reads the weekly amount on the line after an arrears total, never the total', () => {
    const s = suggestFacts([
      {
        page: 1,
        text: 'You owe £1,601.85 in child maintenance arrears.\nYour regular payments of £209.34 each week continue.',
        confidence: null,
      },
    ])
    expect(s.filter((x) => x.field === 'weeklyAmount').map((x) => x.value)).toEqual(['209.34'])
  })
})
