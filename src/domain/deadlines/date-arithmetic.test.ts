import { describe, expect, it } from 'vitest'
import { InvalidInput } from '../shared/errors.ts'
import { parseDate } from '../shared/plain-date.ts'
import { addCalendarMonths, addDays, formatPeriod, parsePeriod } from './date-arithmetic.ts'
import { refusal } from '../../../test/helpers/refusal.ts'

const d = (text: string) => parseDate(text)
const months = (from: string, n: number) => addCalendarMonths(d(from), n)

describe('addCalendarMonths (corresponding-date rule with month-end clamp)', () => {
  it.each([
    ['§11 #1 Dodds v Walker: 30 Sep 1978 + 4 months', '1978-09-30', 4, '1979-01-30', false],
    ['§11 #2 E J Riley: 23 Mar 1983 + 2 months', '1983-03-23', 2, '1983-05-23', false],
    ['§11 #3 31 March + 1 month', '2025-03-31', 1, '2025-04-30', true],
    ['31 Jan + 1 month, common year', '2025-01-31', 1, '2025-02-28', true],
    ['31 Jan + 1 month, leap year', '2024-01-31', 1, '2024-02-29', true],
    ['30 Jan + 1 month, leap year', '2024-01-30', 1, '2024-02-29', true],
    ['29 Jan + 1 month, leap year (no clamp)', '2024-01-29', 1, '2024-02-29', false],
    ['29 Feb + 12 months', '2024-02-29', 12, '2025-02-28', true],
    ['29 Feb + 48 months (next leap year)', '2024-02-29', 48, '2028-02-29', false],
    ['31 Jan 2024 + 13 months', '2024-01-31', 13, '2025-02-28', true],
    ['29 Nov + 3 months into a common February', '2024-11-29', 3, '2025-02-28', true],
    ['31 Dec + 1 month crosses the year', '2024-12-31', 1, '2025-01-31', false],
    ['31 Aug + 1 month', '2025-08-31', 1, '2025-09-30', true],
    ['15 Mar + 0 months', '2025-03-15', 0, '2025-03-15', false],
  ])('%s', (_name, from, n, expected, clamped) => {
    expect(months(from, n)).toEqual({ date: d(expected), clamped })
  })

  it('is never earlier for a later start (monotone), across four years of starts', () => {
    for (let start = d('2023-01-01'); start.year < 2027; start = start.add({ days: 1 })) {
      const next = start.add({ days: 1 })
      for (const n of [1, 3, 6, 12, 13]) {
        expect(
          addCalendarMonths(next, n).date.since(addCalendarMonths(start, n).date).days,
        ).toBeGreaterThanOrEqual(0)
      }
    }
  })
})

describe('addDays', () => {
  it('leaves out the day of the event: 30 days after 6 Jan 2025 is 5 Feb', () => {
    expect(addDays(d('2025-01-06'), 30)).toEqual(d('2025-02-05'))
  })
  it('counts 29 February in a leap year', () => {
    expect(addDays(d('2024-01-29'), 30)).toEqual(d('2024-02-28'))
    expect(addDays(d('2024-02-01'), 30)).toEqual(d('2024-03-02'))
  })
})

describe('parsePeriod', () => {
  it.each([
    ['30 days', 30, 'days'],
    ['1 month', 1, 'months'],
    ['13 months', 13, 'months'],
    ['2 working days', 2, 'working days'],
    ['1 working day', 1, 'working days'],
  ] as const)('%s', (text, count, unit) => {
    expect(parsePeriod(text)).toEqual({ count, unit, text })
  })

  it('refuses anything else, naming the field', () => {
    expect(() => parsePeriod('a month', 'value.period')).toThrow(InvalidInput)
    expect(refusal(() => parsePeriod('30 calendar days'))).toMatch(/not a period/)
  })

  it('formats singular and plural', () => {
    expect(formatPeriod(parsePeriod('1 month'))).toBe('1 month')
    expect(formatPeriod(parsePeriod('1 working day'))).toBe('1 working day')
    expect(formatPeriod(parsePeriod('15 working days'))).toBe('15 working days')
  })
})
