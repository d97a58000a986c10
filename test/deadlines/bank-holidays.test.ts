import Holidays from 'date-holidays'
import { describe, expect, it } from 'vitest'
import { isWorkingDay } from '../../src/domain/deadlines/calendar.ts'
import { NATIONS } from '../../src/domain/deadlines/kinds.ts'
import type { Nation } from '../../src/domain/deadlines/types.ts'
import { OutsideRuleCoverage } from '../../src/domain/shared/errors.ts'
import {
  COVERED_YEARS,
  buildCalendar,
  computedHolidays,
  holidayYear,
  loadGovUkCalendar,
} from '../../src/services/calendars.ts'
import { dateHolidaysFor } from '../../src/services/date-holidays.ts'
import { d } from './fixtures.ts'

/**
 * Cross-checks date-holidays (pinned 3.37.0) against GOV.UK's bank-holiday list kept in rules/calendars/
 * (procedure research §10.2) for 2012 and 2019–2027, failing on any difference that is not recorded in the
 * YAML's `date-holidays-differences`, and checks the merged calendars equal GOV.UK's list exactly.
 */

const GOV_UK_YEARS = [2012, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]

/** §10.2 England and Wales, transcribed separately from the YAML to catch copying mistakes. */
const EW_10_2: Record<number, string[]> = {
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
}
const SCOTLAND_SUMMER = [
  '2019-08-05',
  '2020-08-03',
  '2021-08-02',
  '2022-08-01',
  '2023-08-07',
  '2024-08-05',
  '2025-08-04',
  '2026-08-03',
  '2027-08-02',
]
const ST_ANDREWS = [
  '2019-12-02',
  '2020-11-30',
  '2021-11-30',
  '2022-11-30',
  '2023-11-30',
  '2024-12-02',
  '2025-12-01',
  '2026-11-30',
  '2027-11-30',
]
const SECOND_JANUARY = [
  '2019-01-02',
  '2020-01-02',
  '2021-01-04',
  '2022-01-04',
  '2023-01-03',
  '2024-01-02',
  '2025-01-02',
  '2026-01-02',
  '2027-01-04',
]
const ST_PATRICKS = [
  '2019-03-18',
  '2020-03-17',
  '2021-03-17',
  '2022-03-17',
  '2023-03-17',
  '2024-03-18',
  '2025-03-17',
  '2026-03-17',
  '2027-03-17',
]
const BOYNE = [
  '2019-07-12',
  '2020-07-13',
  '2021-07-12',
  '2022-07-12',
  '2023-07-12',
  '2024-07-12',
  '2025-07-14',
  '2026-07-13',
  '2027-07-12',
]

const isoList = (nation: Nation, year: number, source: 'gov.uk' | 'date-holidays') =>
  (source === 'gov.uk'
    ? loadGovUkCalendar(nation).years.get(year)!.holidays
    : dateHolidaysFor(nation, year)
  ).map((h) => h.date.toString())

describe('GOV.UK list in rules/calendars/', () => {
  it.each(NATIONS)('%s covers 2012 and 2019–2027', (nation) => {
    expect([...loadGovUkCalendar(nation).years.keys()].sort()).toEqual(GOV_UK_YEARS)
  })

  it.each(GOV_UK_YEARS)('England and Wales %i matches §10.2', (year) => {
    expect(isoList('england-and-wales', year, 'gov.uk')).toEqual(EW_10_2[year]!.map((md) => `${year}-${md}`))
  })

  it('Scotland: no Easter Monday, plus 2 January, first Monday in August and St Andrew’s Day (§10.2)', () => {
    for (const year of GOV_UK_YEARS.filter((y) => y >= 2019)) {
      const scot = isoList('scotland', year, 'gov.uk')
      const ew = isoList('england-and-wales', year, 'gov.uk')
      const easterMonday = ew[2]!
      const lastMondayAugust = ew.find((x) => x.slice(5, 7) === '08')!
      const expected = ew
        .filter((x) => x !== easterMonday && x !== lastMondayAugust)
        .concat(
          [SECOND_JANUARY, SCOTLAND_SUMMER, ST_ANDREWS].map((list) =>
            list.find((x) => x.startsWith(`${year}`))!,
          ),
        )
        .sort()
      expect(scot, `Scotland ${year}`).toEqual(expected)
    }
  })

  it('Northern Ireland = England and Wales plus St Patrick’s Day and the Boyne (§10.2)', () => {
    for (const year of GOV_UK_YEARS.filter((y) => y >= 2019)) {
      const expected = isoList('england-and-wales', year, 'gov.uk')
        .concat([ST_PATRICKS, BOYNE].map((list) => list.find((x) => x.startsWith(`${year}`))!))
        .sort()
      expect(isoList('northern-ireland', year, 'gov.uk'), `Northern Ireland ${year}`).toEqual(expected)
    }
  })
})

describe('date-holidays cross-checked against GOV.UK', () => {
  it.each(NATIONS)('%s: every difference in 2012 and 2019–2027 is one recorded in the YAML', (nation) => {
    const found: string[] = []
    for (const year of GOV_UK_YEARS) {
      const gov = new Set(isoList(nation, year, 'gov.uk'))
      const lib = new Set(isoList(nation, year, 'date-holidays'))
      for (const x of gov) if (!lib.has(x)) found.push(`${x} only-in gov-uk`)
      for (const x of lib) if (!gov.has(x)) found.push(`${x} only-in date-holidays`)
    }
    const recorded = loadGovUkCalendar(nation).differences.map(
      (x) => `${x.date.toString()} only-in ${x.onlyIn}`,
    )
    expect(found.sort()).toEqual(recorded.sort())
  })

  it('Wales (WLS) and England (ENG) agree in date-holidays', () => {
    const region = (r: string, year: number) =>
      new Holidays('GB', r)
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10))
    for (const year of GOV_UK_YEARS) expect(region('WLS', year)).toEqual(region('ENG', year))
  })
})

describe('merged calendars (src/services/calendars.ts)', () => {
  it.each(NATIONS)('%s: GOV.UK years are exactly GOV.UK’s list', (nation) => {
    for (const year of GOV_UK_YEARS) {
      const merged = holidayYear(nation, year)
      expect(merged.origin).toBe('gov.uk')
      expect(merged.holidays.map((h) => h.date.toString())).toEqual(isoList(nation, year, 'gov.uk'))
    }
  })

  it('GOV.UK wins in 2012: 4 June is a holiday and 28 May is not', () => {
    for (const nation of NATIONS) {
      const cal = buildCalendar(nation, 2012, 2012)
      expect(isWorkingDay(d('2012-06-04'), cal)).toBe(false)
      expect(isWorkingDay(d('2012-05-28'), cal)).toBe(true)
    }
  })

  it('other years are computed, unverified, with one-off days date-holidays lacks added', () => {
    for (const nation of NATIONS) {
      const y2011 = holidayYear(nation, 2011)
      expect(y2011.origin).toBe('computed')
      expect(y2011.confidence).toBe('unverified')
      expect(y2011.holidays.map((h) => h.date.toString())).toContain('2011-04-29')
      expect(holidayYear(nation, 2030).origin).toBe('computed')
    }
  })

  it('rules/calendars/computed.json is what the pinned date-holidays gives (npm run rules:holidays)', () => {
    for (const nation of NATIONS)
      for (let year = COVERED_YEARS.from; year <= COVERED_YEARS.to; year++)
        expect(
          computedHolidays(nation, year).map((h) => `${h.date.toString()} ${h.name}`),
          `${nation} ${year}`,
        ).toEqual(dateHolidaysFor(nation, year).map((h) => `${h.date.toString()} ${h.name}`))
  })

  it('only weekdays are listed (a weekend holiday counts through its substitute day)', () => {
    for (const nation of NATIONS) {
      for (let year = COVERED_YEARS.from; year <= COVERED_YEARS.to; year++) {
        for (const h of holidayYear(nation, year).holidays)
          expect(h.date.dayOfWeek, h.date.toString()).toBeLessThan(6)
      }
    }
  })

  it('refuses dates outside the covered years', () => {
    const cal = buildCalendar('scotland', 2020, 2021)
    expect(() => isWorkingDay(d('2022-01-04'), cal)).toThrow(OutsideRuleCoverage)
    expect(() => isWorkingDay(d('2007-12-31'), buildCalendar('scotland', 2000, 2010))).toThrow(
      OutsideRuleCoverage,
    )
  })
})
