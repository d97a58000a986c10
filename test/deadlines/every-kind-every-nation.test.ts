import { describe, expect, it } from 'vitest'
import { text as words } from '../../src/copy/translate.ts'
import { isWorkingDay } from '../../src/domain/deadlines/calendar.ts'
import { computeDeadline } from '../../src/domain/deadlines/compute-deadline.ts'
import { formatLongDate } from '../../src/domain/shared/plain-date.ts'
import { DEADLINE_KINDS, NATIONS, ruleIdFor } from '../../src/domain/deadlines/kinds.ts'
import { book, calendars, d } from './fixtures.ts'

/**
 * The whole law, as it stands: every kind of deadline answers in every nation, at dates before and after
 * Northern Ireland brought in mandatory reconsideration (11 July 2016) and today. An answer is either
 * verified or a conservative, unverified one that says so; never a refusal.
 */

const DATES = ['2014-07-07', '2019-10-14', '2025-06-12', '2026-12-07']

const cells = DEADLINE_KINDS.flatMap((kind) =>
  NATIONS.flatMap((nation) => DATES.map((from) => [kind, nation, from] as const)),
)

describe('every deadline kind answers for every nation', () => {
  it('has the kinds the whole law needs', () => {
    expect(DEADLINE_KINDS).toEqual(
      expect.arrayContaining(['tribunalPermission', 'parentageAppeal', 'phsoViaMp', 'deoAppeal']),
    )
    expect(cells.length).toBe(DEADLINE_KINDS.length * 3 * DATES.length)
  })

  it.each(cells)('%s in %s from %s', (kind, nation, from) => {
    const r = computeDeadline(book, calendars, { kind, nation, from: d(from) })
    expect(r.rule).toBe(ruleIdFor(kind, nation))
    expect(['verified', 'secondary', 'unverified']).toContain(r.confidence)
    // The act-by date is never after the legal date, and every result carries its source.
    expect(r.actBy.until(r.deadline).sign).toBeGreaterThanOrEqual(0)
    expect(r.source.url).toMatch(/^https:\/\//)
    expect(r.steps.length).toBeGreaterThan(0)
    // An unverified answer says so somewhere a person will read it.
    if (r.confidence === 'unverified')
      expect(r.steps.some((s) => s.cite?.confidence === 'unverified') || r.assumptions.length > 0).toBe(true)
  })

  it('Northern Ireland answers come from Northern Ireland law, not the GB tribunal or the PHSO', () => {
    const ni = (kind: (typeof DEADLINE_KINDS)[number]) =>
      computeDeadline(book, calendars, { kind, nation: 'northern-ireland', from: d('2025-03-03') })
    expect(ni('phsoViaMp').by).toBe('the Northern Ireland Public Services Ombudsman')
    expect(ni('phsoViaMp').confidence).toBe('verified')
    expect(ni('tribunalPermission').by).toContain('legally qualified panel member')
    expect(ni('upperTribunalPermission').by).toContain('Commissioners')
    expect(ni('courtOfAppealPermission').title).toContain('Court of Appeal in Northern Ireland')
    expect(ni('deoAppeal').by).toContain('court of summary jurisdiction')
    expect(ni('parentageAppeal').by).toContain('court of summary jurisdiction')
    expect(
      computeDeadline(book, calendars, {
        kind: 'tribunalAppeal',
        nation: 'northern-ireland',
        from: d('2014-05-06'),
      }).source.provision,
    ).toBe('regulation 31 (as made)')
  })
})

describe('the act-by explanation is one clear sentence that never aims at a closed day', () => {
  it('the Christmas case: aims for Wednesday 24 December 2025, never “aim for Thursday 25 December”', () => {
    const r = computeDeadline(book, calendars, {
      kind: 'tribunalAppeal',
      nation: 'england-and-wales',
      from: d('2025-11-25'),
    })
    expect(r.deadline.toString()).toBe('2025-12-29')
    expect(r.actBy.toString()).toBe('2025-12-24')
    const text = words(r.steps.find((s) => s.key === 'act-by')!.text)
    expect(text).toBe(
      'Act by Wednesday 24 December 2025, the last working day before Thursday 25 December 2025 (Christmas Day): the rules may let it arrive on Monday 29 December 2025, but do not count on that.',
    )
    expect(text).not.toMatch(/aim for/)
  })

  it.each(cells)('%s in %s from %s', (kind, nation, from) => {
    const r = computeDeadline(book, calendars, { kind, nation, from: d(from) })
    const text = words(r.steps.find((s) => s.key === 'act-by')!.text)
    if (r.nature === 'deadline' || r.nature === 'outer-limit') {
      // One sentence: a single full stop, at the end.
      expect(text.split('. ').length).toBe(1)
      expect(text.endsWith('.')).toBe(true)
      // The first date named is the act-by date, and it is a working day.
      expect(text.startsWith(`Act by ${formatLongDate(r.actBy)}`)).toBe(true)
      expect(isWorkingDay(r.actBy, calendars[nation])).toBe(true)
    }
  })
})
