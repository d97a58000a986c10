import { describe, expect, it } from 'vitest'
import { text } from '../../copy/translate.ts'
import { OutsideRuleCoverage } from '../shared/errors.ts'
import { parseDate } from '../shared/plain-date.ts'
import {
  addWorkingDays,
  calendarConfidence,
  computedYears,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  makeCalendar,
  nextWorkingDayOnOrAfter,
  skippedReason,
  whyNotWorking,
} from './calendar.ts'
import { refusal } from '../../../test/helpers/refusal.ts'

const d = (text: string) => parseDate(text)
const source = {
  instrument: 'GOV.UK bank holidays',
  provision: 'test',
  url: 'https://www.gov.uk/bank-holidays',
}

// A small hand-built calendar: Christmas 2022 in England and Wales, and a computed 2023.
const ew = makeCalendar('england-and-wales', source, [
  {
    year: 2022,
    origin: 'gov.uk',
    confidence: 'verified',
    holidays: [
      { date: d('2022-12-26'), name: 'Boxing Day' },
      { date: d('2022-12-27'), name: 'Christmas Day (substitute day)' },
    ],
  },
  {
    year: 2023,
    origin: 'computed',
    confidence: 'unverified',
    holidays: [
      { date: d('2023-01-02'), name: "New Year's Day (substitute day)" },
      { date: d('2023-01-03'), name: '2nd January (substitute day)' },
    ],
  },
])

describe('working days', () => {
  it('weekends and bank holidays are not working days, with the reason', () => {
    expect(isWorkingDay(d('2022-12-23'), ew)).toBe(true)
    expect(text(skippedReason(whyNotWorking(d('2022-12-25'), ew)!))).toBe('weekend')
    expect(text(skippedReason(whyNotWorking(d('2022-12-26'), ew)!))).toBe(
      'bank holiday in England and Wales: Boxing Day',
    )
  })

  it('next working day on or after: Sunday 25 Dec 2022 rolls to Wednesday 28', () => {
    const moved = nextWorkingDayOnOrAfter(d('2022-12-25'), ew)
    expect(moved.date).toEqual(d('2022-12-28'))
    expect(moved.skipped.map((s) => s.date.toString())).toEqual(['2022-12-25', '2022-12-26', '2022-12-27'])
    expect(nextWorkingDayOnOrAfter(d('2022-12-23'), ew)).toEqual({ date: d('2022-12-23'), skipped: [] })
  })

  it('last working day on or before: Tuesday 27 Dec 2022 goes back to Friday 23', () => {
    expect(lastWorkingDayOnOrBefore(d('2022-12-27'), ew).date).toEqual(d('2022-12-23'))
  })

  it('adds working days without counting the start day', () => {
    // Friday 23 Dec + 1 working day = Wednesday 28 Dec; + 3 = Friday 30 Dec; + 4 = Wednesday 4 Jan 2023.
    expect(addWorkingDays(d('2022-12-23'), 1, ew).date).toEqual(d('2022-12-28'))
    expect(addWorkingDays(d('2022-12-23'), 3, ew).date).toEqual(d('2022-12-30'))
    expect(addWorkingDays(d('2022-12-23'), 4, ew).date).toEqual(d('2023-01-04'))
    expect(addWorkingDays(d('2022-12-23'), 0, ew).date).toEqual(d('2022-12-23'))
  })

  it('a day is a working day only if it is one in every calendar given', () => {
    const other = makeCalendar('scotland', source, [
      {
        year: 2022,
        origin: 'gov.uk',
        confidence: 'verified',
        holidays: [{ date: d('2022-12-23'), name: 'Test day' }],
      },
    ])
    expect(isWorkingDay(d('2022-12-23'), ew)).toBe(true)
    expect(isWorkingDay(d('2022-12-23'), ew, other)).toBe(false)
  })

  it('refuses a date in a year the calendar does not cover', () => {
    expect(() => isWorkingDay(d('2024-05-01'), ew)).toThrow(OutsideRuleCoverage)
    expect(() => isWorkingDay(d('2024-05-04'), ew)).toThrow(OutsideRuleCoverage) // even a Saturday
    expect(refusal(() => addWorkingDays(d('2023-12-20'), 10, ew))).toMatch(/known for 2022–2023 only/)
  })

  it('reports computed years and the lowest confidence over a span', () => {
    expect(computedYears(ew, d('2022-12-01'), d('2023-01-10'))).toEqual([2023])
    expect(calendarConfidence(ew, d('2022-12-01'), d('2022-12-31'))).toBe('verified')
    expect(calendarConfidence(ew, d('2022-12-01'), d('2023-01-10'))).toBe('unverified')
  })

  it('rejects a holiday filed under the wrong year', () => {
    expect(
      refusal(() =>
        makeCalendar('scotland', source, [
          {
            year: 2022,
            origin: 'gov.uk',
            confidence: 'verified',
            holidays: [{ date: d('2023-01-02'), name: 'x' }],
          },
        ]),
      ),
    ).toMatch(/filed under 2022/)
  })
})
