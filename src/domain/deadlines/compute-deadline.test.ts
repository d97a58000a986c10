import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { text } from '../../copy/translate.ts'
import { DEADLINES_DIR, book, calendars } from '../../../test/deadlines/fixtures.ts'
import { parseRule } from '../../rules/load.ts'
import { InvalidInput, OutsideRuleCoverage } from '../shared/errors.ts'
import { compareDates, parseDate } from '../shared/plain-date.ts'
import { RuleBook } from '../shared/rule-book.ts'
import { isWorkingDay } from './calendar.ts'
import { computeDeadline } from './compute-deadline.ts'
import { DEADLINE_KINDS, NATIONS, deadlineRuleIds, ruleIdFor } from './kinds.ts'
import type { DeadlineKind, DeadlineResult, Nation } from './types.ts'
import { refusal } from '../../../test/helpers/refusal.ts'

const d = (text: string) => parseDate(text)
const compute = (kind: DeadlineKind, from: string, nation: Nation, residentAbroad = false) =>
  computeDeadline(book, calendars, { kind, from: d(from), nation, residentAbroad })
const dates = (r: DeadlineResult) => ({
  deadline: r.deadline.toString(),
  actBy: r.actBy.toString(),
  outerLimit: r.outerLimit?.toString() ?? null,
})

describe('personas (the four parents of src/services/demo.service.ts)', () => {
  it('Amira: MR must arrive by Wed 5 March 2025; GOV.UK "one month" gives Mon 3 March, so act by then', () => {
    const r = compute('mandatoryReconsideration', '2025-02-03', 'england-and-wales')
    expect(dates(r)).toEqual({ deadline: '2025-03-05', actBy: '2025-03-03', outerLimit: '2026-03-03' })
    expect(r.mustBe).toBe('received')
  })

  it('Jordan: SSCS2 received by Mon 14 April 2025, by 5pm', () => {
    const r = compute('tribunalAppeal', '2025-03-14', 'scotland')
    expect(dates(r)).toEqual({ deadline: '2025-04-14', actBy: '2025-04-14', outerLimit: '2026-04-14' })
    expect(r.timeOfDay).toBe('17:00')
    expect(r.steps.map((s) => text(s.text))).toContain('It must arrive by 5pm on that day.')
  })

  it('Jordan: DEO appeal to the sheriff by Mon 31 March 2025', () => {
    const r = compute('deoAppeal', '2025-03-03', 'scotland')
    expect(dates(r)).toEqual({ deadline: '2025-03-31', actBy: '2025-03-31', outerLimit: null })
    expect(r.by).toBe('the sheriff of the sheriffdom where you live')
  })

  it('Jordan: complaint targets in Scottish working days (Wed 19 March, Mon 7 April 2025)', () => {
    expect(compute('complaintAcknowledgementTarget', '2025-03-17', 'scotland').deadline).toEqual(
      d('2025-03-19'),
    )
    expect(compute('complaintResponseTarget', '2025-03-17', 'scotland').deadline).toEqual(d('2025-04-07'))
  })

  it('Priya: ICE by Mon 2 March 2026', () => {
    expect(dates(compute('iceReferral', '2025-09-02', 'england-and-wales'))).toEqual({
      deadline: '2026-03-02',
      actBy: '2026-03-02',
      outerLimit: null,
    })
  })

  it('Chris: NI appeal about Fri 6 June 2025, with the roll-forward uncertainty shown', () => {
    const r = compute('tribunalAppeal', '2025-05-08', 'northern-ireland')
    expect(r.rule).toBe('deadlines.ni-appeal')
    expect(dates(r)).toEqual({ deadline: '2025-06-08', actBy: '2025-06-06', outerLimit: '2026-06-08' })
    const roll = r.readings.find((x) => x.key === 'roll-forward')
    expect(roll?.date).toEqual(d('2025-06-09'))
    expect(roll?.status).toBe('may-not-be-accepted')
    expect(r.assumptions.map((a) => text(a)).join(' ')).toContain('not confirmed')
  })
})

describe('every kind in every nation', () => {
  const refused = new Map<string, string>()
  const results: DeadlineResult[] = []
  for (const kind of DEADLINE_KINDS) {
    for (const nation of NATIONS) {
      try {
        results.push(compute(kind, '2025-01-31', nation))
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error
        expect(error.field).toBe('nation')
        refused.set(`${kind} ${nation}`, text(error.problem))
      }
    }
  }

  it('is answered in every nation (Northern Ireland included), never refused', () => {
    expect([...refused.keys()]).toEqual([])
  })

  it.each(results.map((r) => [`${r.kind} ${r.nation}`, r] as const))('%s is consistent', (_name, r) => {
    expect(r.rule).toBe(ruleIdFor(r.kind, r.nation))
    expect(compareDates(r.actBy, r.deadline)).toBeLessThanOrEqual(0)
    if (r.outerLimit) expect(compareDates(r.outerLimit, r.deadline)).toBeGreaterThan(0)
    if (r.nature === 'deadline' || r.nature === 'outer-limit') {
      expect(isWorkingDay(r.actBy, calendars[r.nation])).toBe(true)
    } else expect(r.actBy).toEqual(r.deadline)
    expect(r.source.url).toMatch(/^https:\/\//)
    expect(r.readings[0]?.status).toBe('legal')
    expect(r.steps.length).toBeGreaterThanOrEqual(4)
    for (const s of r.steps) {
      expect(text(s.text).length).toBeGreaterThan(10)
      if (s.cite) {
        expect(s.cite.url).toMatch(/^https:\/\//)
        expect(book.has(s.cite.ruleId) || s.cite.ruleId.startsWith('calendars.')).toBe(true)
      }
    }
    expect(r.steps.some((s) => s.date && compareDates(s.date, r.deadline) === 0)).toBe(true)
    expect(r.steps.some((s) => s.key === 'act-by')).toBe(true)
  })

  it('uses every deadline rule the engine knows', () => {
    for (const id of deadlineRuleIds()) expect(book.has(id), id).toBe(true)
  })
})

describe('rules and readings', () => {
  it('MR readings: the legal 30 days, GOV.UK one month (earlier), CMS 32 days (not relied on)', () => {
    const r = compute('mandatoryReconsideration', '2025-02-03', 'england-and-wales')
    expect(r.readings.map((x) => [x.key, x.date.toString(), x.status])).toEqual([
      ['legal', '2025-03-05', 'legal'],
      ['gov-uk-one-month', '2025-03-03', 'conservative'],
      ['cms-online-32-days', '2025-03-07', 'not-relied-on'],
    ])
  })

  it('Northern Ireland MR cites the Northern Ireland regulations', () => {
    const r = compute('mandatoryReconsideration', '2025-02-03', 'northern-ireland')
    expect(r.source.instrument).toContain('(Northern Ireland) 2012 (SR 2012/427)')
  })

  it('a roll-forward the rule allows lowers confidence to that of the roll-forward provision', () => {
    expect(compute('tribunalAppeal', '2022-11-25', 'england-and-wales').confidence).toBe('unverified')
    expect(compute('tribunalAppeal', '2025-03-14', 'england-and-wales').confidence).toBe('verified')
    expect(compute('upperTribunalPermission', '2022-11-25', 'england-and-wales').confidence).toBe('verified')
  })

  it('resident abroad: 56 days for a DEO appeal, ignored elsewhere', () => {
    expect(compute('deoAppeal', '2025-03-03', 'england-and-wales', true).deadline).toEqual(d('2025-04-28'))
    expect(compute('iceReferral', '2025-03-03', 'england-and-wales', true).deadline).toEqual(d('2025-09-03'))
  })

  it('targets are for the CMS: act-by is the target date and the step says so', () => {
    const r = compute('complaintResponseTarget', '2022-12-19', 'scotland')
    expect(r.nature).toBe('target')
    expect(text(r.steps.find((s) => s.key === 'act-by')!.text)).toContain('not a deadline for you')
  })

  it('says when bank holidays were computed rather than taken from GOV.UK', () => {
    const r = compute('complaintResponseTarget', '2029-12-19', 'england-and-wales')
    expect(r.assumptions.map((a) => text(a)).join(' ')).toContain(
      'for 2029 are worked out from the usual pattern',
    )
    expect(r.confidence).toBe('unverified')
  })

  it('refuses a date before a rule applies', () => {
    expect(() => compute('tribunalAppeal', '2001-02-03', 'england-and-wales')).toThrow(OutsideRuleCoverage)
    expect(refusal(() => compute('mandatoryReconsideration', '2012-12-09', 'scotland'))).toMatch(
      /applies only from 2012-12-10/,
    )
  })

  it('leaves out an outer limit that no rule covers, and says so', () => {
    const files = readdirSync(DEADLINES_DIR).filter((f) => f.endsWith('.yaml') && !f.endsWith('.cases.yaml'))
    const rules = files.map((f) => {
      const text = readFileSync(join(DEADLINES_DIR, f), 'utf8')
      const edited =
        f === 'late-mandatory-reconsideration-limit.yaml'
          ? text.replace('from: 2012-12-10', 'from: 2020-01-01')
          : text
      return parseRule(edited, join('deadlines', f))
    })
    const r = computeDeadline(new RuleBook(rules), calendars, {
      kind: 'mandatoryReconsideration',
      from: d('2015-06-01'),
      nation: 'england-and-wales',
    })
    expect(r.outerLimit).toBeNull()
    expect(r.assumptions.map((a) => text(a)).join(' ')).toContain('No outer limit is shown')
  })
})
