import { describe, expect, it } from 'vitest'
import { InvalidInput } from '../domain/shared/errors.ts'
import { Temporal } from '../domain/shared/plain-date.ts'
import {
  computeDeadlineFromInput,
  deadlineBatchSchema,
  deadlineRequestSchema,
  deadlineToJson,
  deadlinesToIcs,
} from './deadline.service.ts'

const issues = (value: unknown) =>
  deadlineRequestSchema.safeParse(value).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? []

describe('deadlineRequestSchema', () => {
  it('accepts the contract shape and defaults residentAbroad to false', () => {
    expect(
      deadlineRequestSchema.parse({ kind: 'deoAppeal', from: '2025-03-03', nation: 'scotland' }),
    ).toEqual({
      kind: 'deoAppeal',
      from: { on: '2025-03-03' },
      nation: 'scotland',
      residentAbroad: false,
    })
  })

  it('names the field in every problem', () => {
    expect(issues({ kind: 'deoAppeal', from: '2025-03-03', nation: 'scotland', extra: 1 })).toEqual([
      ['extra', 'is not a field Redress knows (expected kind, from, nation, residentAbroad, today)'],
    ])
    expect(issues({ kind: 'deoAppeal', from: '2025-13-03', nation: 'scotland' })).toEqual([
      ['from', '"2025-13-03" is not a real calendar date'],
    ])
    expect(
      issues({ kind: 'deoAppeal', from: { between: ['2025-03-01', '2025-02-31'] }, nation: 'scotland' }),
    ).toEqual([['from.between.1', '"2025-02-31" is not a real calendar date']])
    expect(
      issues({ kind: 'deoAppeal', from: { about: { fortnights: 1 } }, nation: 'scotland' })[0]?.[0],
    ).toBe('from.about.fortnights')
    expect(issues({ from: '2025-03-03', nation: 'scotland' })[0]?.[0]).toBe('kind')
    expect(deadlineBatchSchema.safeParse([{}, { kind: 'x' }]).error?.issues[0]?.path).toEqual([0, 'kind'])
  })
})

describe('computeDeadlineFromInput', () => {
  it('a month means "some time in" that month: the earliest deadline', () => {
    const r = computeDeadlineFromInput(
      deadlineRequestSchema.parse({
        kind: 'mandatoryReconsideration',
        from: '2025-03',
        nation: 'england-and-wales',
      }),
    )
    const json = deadlineToJson(r)
    expect([json.from, json.deadline, json.actBy, json.latestDeadline]).toEqual([
      '2025-03-01',
      '2025-03-31',
      '2025-03-31',
      '2025-04-30',
    ])
    expect(json.startRange).toEqual({
      earliest: '2025-03-01',
      latest: '2025-03-31',
      description: 'some time in March 2025',
    })
  })

  it('"about two weeks ago" needs today', () => {
    const input = { kind: 'tribunalAppeal', from: { about: { weeks: 2 } }, nation: 'scotland' }
    expect(() => computeDeadlineFromInput(deadlineRequestSchema.parse(input))).toThrow(InvalidInput)
    const r = deadlineToJson(
      computeDeadlineFromInput(deadlineRequestSchema.parse({ ...input, today: '2025-03-28' })),
    )
    expect(r.startRange).toEqual({
      earliest: '2025-03-07',
      latest: '2025-03-21',
      description: 'about 2 weeks before 28 March 2025',
    })
    expect([r.from, r.deadline, r.actBy]).toEqual(['2025-03-07', '2025-04-07', '2025-04-07'])
  })

  it('between two dates', () => {
    const r = deadlineToJson(
      computeDeadlineFromInput(
        deadlineRequestSchema.parse({
          kind: 'iceReferral',
          from: { between: ['2024-08-29', '2024-09-02'] },
          nation: 'england-and-wales',
        }),
      ),
    )
    expect([r.deadline, r.latestDeadline]).toEqual(['2025-02-28', '2025-03-02'])
  })
})

describe('deadlineToJson and deadlinesToIcs', () => {
  const result = computeDeadlineFromInput(
    deadlineRequestSchema.parse({ kind: 'tribunalAppeal', from: '2024-12-02', nation: 'scotland' }),
  )

  it('puts the contract fields first, dates as YYYY-MM-DD', () => {
    const json = deadlineToJson(result)
    expect(Object.keys(json).slice(0, 7)).toEqual([
      'deadline',
      'actBy',
      'outerLimit',
      'rule',
      'source',
      'confidence',
      'steps',
    ])
    expect(json.readings.map((r) => [r.key, r.date, r.status])).toEqual([
      ['legal', '2025-01-02', 'legal'],
      ['roll-forward-scotland', '2025-01-03', 'may-not-be-accepted'],
    ])
    expect(json.startRange).toBeUndefined()
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
  })

  it('makes an iCalendar file', () => {
    const ics = deadlinesToIcs([result], Temporal.Instant.from('2025-01-01T00:00:00Z'))
    expect(ics).toContain('DTSTAMP:20250101T000000Z')
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3)
  })
})
