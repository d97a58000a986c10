import { describe, expect, it } from 'vitest'
import { computeDeadline } from '../../src/domain/deadlines/compute-deadline.ts'
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
