import { describe, expect, it } from 'vitest'
import { text } from '../../copy/translate.ts'
import { book, calendars } from '../../../test/deadlines/fixtures.ts'
import { InvalidInput } from '../shared/errors.ts'
import { compareDates, parseDate } from '../shared/plain-date.ts'
import { computeDeadline } from './compute-deadline.ts'
import { DEADLINE_KINDS } from './kinds.ts'
import { aboutAgo, between, computeDeadlineForUncertainStart, onDate, someTimeIn } from './uncertain-start.ts'
import { refusal } from '../../../test/helpers/refusal.ts'

const d = (text: string) => parseDate(text)
const iso = (r: { earliest: { toString(): string }; latest: { toString(): string } }) => [
  r.earliest.toString(),
  r.latest.toString(),
]

describe('describing an uncertain start', () => {
  it('"some time in March 2025" is the whole month', () => {
    const r = someTimeIn(2025, 3)
    expect(iso(r)).toEqual(['2025-03-01', '2025-03-31'])
    expect(text(r.description)).toBe('some time in March 2025')
    expect(iso(someTimeIn(2024, 2))).toEqual(['2024-02-01', '2024-02-29'])
  })

  it('"about two weeks ago" is give or take a week, never after today', () => {
    const r = aboutAgo(d('2025-03-20'), { weeks: 2 })
    expect(iso(r)).toEqual(['2025-02-27', '2025-03-13'])
    expect(text(r.description)).toBe('about 2 weeks before 20 March 2025')
    expect(iso(aboutAgo(d('2025-03-20'), { days: 1 }))).toEqual(['2025-03-18', '2025-03-20'])
    expect(iso(aboutAgo(d('2025-03-20'), { months: 1 }))).toEqual(['2025-02-05', '2025-03-07'])
  })

  it('refuses nonsense, naming the field', () => {
    expect(() => aboutAgo(d('2025-03-20'), {})).toThrow(InvalidInput)
    expect(refusal(() => between(d('2025-03-20'), d('2025-03-01')))).toMatch(/ends .* before it starts/)
    expect(refusal(() => between(d('2024-01-01'), d('2025-03-01')))).toMatch(/narrow it/)
    expect(() => someTimeIn(2025, 13)).toThrow(InvalidInput)
  })
})

describe('computeDeadlineForUncertainStart', () => {
  it('MR decision "some time in March 2025": the earliest deadline, saying why', () => {
    const r = computeDeadlineForUncertainStart(book, calendars, {
      kind: 'mandatoryReconsideration',
      from: someTimeIn(2025, 3),
      nation: 'england-and-wales',
    })
    expect(r.from).toEqual(d('2025-03-01'))
    expect(r.deadline).toEqual(d('2025-03-31'))
    expect(r.actBy).toEqual(d('2025-03-31'))
    expect(r.latestDeadline).toEqual(d('2025-04-30'))
    expect(text(r.why)).toContain('some time in March 2025')
    expect(text(r.why)).toContain('earliest deadline, Saturday 1 March 2025')
    expect(r.steps[0]!.key).toBe('uncertain-start')
    expect(text(r.assumptions[0]!)).toBe('The start date is uncertain (some time in March 2025).')
  })

  it('an exact date gives the same dates as computeDeadline', () => {
    const exact = computeDeadline(book, calendars, {
      kind: 'tribunalAppeal',
      from: d('2025-03-14'),
      nation: 'scotland',
    })
    const r = computeDeadlineForUncertainStart(book, calendars, {
      kind: 'tribunalAppeal',
      from: onDate(d('2025-03-14')),
      nation: 'scotland',
    })
    expect([r.deadline, r.actBy, r.outerLimit]).toEqual([exact.deadline, exact.actBy, exact.outerLimit])
    expect(r.latestDeadline).toEqual(exact.deadline)
  })

  it('for every kind, the earliest start gives the earliest deadline and act-by date (monotone)', () => {
    for (const kind of DEADLINE_KINDS) {
      for (const month of [1, 2, 6, 12]) {
        const range = someTimeIn(2024, month)
        const r = computeDeadlineForUncertainStart(book, calendars, {
          kind,
          from: range,
          nation: 'england-and-wales',
        })
        const first = computeDeadline(book, calendars, {
          kind,
          from: range.earliest,
          nation: 'england-and-wales',
        })
        expect(compareDates(r.deadline, first.deadline), `${kind} ${month}`).toBe(0)
        expect(compareDates(r.actBy, first.actBy), `${kind} ${month}`).toBe(0)
      }
    }
  })
})
