import { describe, expect, it } from 'vitest'
import { text } from '../../copy/translate.ts'
import { loadContacts } from '../../services/contacts.ts'
import { rules } from '../../rules/load.ts'
import type { DeadlineRequest, DeadlineResult } from '../deadlines/types.ts'
import { InvalidInput, OutsideRuleCoverage } from '../shared/errors.ts'
import { parseDate, type PlainDate } from '../shared/plain-date.ts'
import { adviseRoutes } from './advisor.ts'
import type { AdvisorContext } from './context.ts'
import type { ProblemFacts } from './facts.ts'

/**
 * The advisor with a small stand-in for the deadline engine: it must pass the right requests, cope with
 * an engine that refuses, and rank by the dates it is given. (Scenario tests with the real engine are in
 * test/remedies/.)
 */

const book = rules()
const contacts = loadContacts()

function fakeResult(req: DeadlineRequest, deadline: PlainDate): DeadlineResult {
  return {
    kind: req.kind,
    deadline,
    actBy: deadline,
    outerLimit: null,
    timeOfDay: null,
    rule: `fake.${req.kind}`,
    title: 'fake',
    source: { instrument: 'test', provision: 'test', url: 'https://example.org' },
    confidence: 'unverified',
    steps: [],
    assumptions: [],
    from: req.from,
    nation: req.nation,
    nature: 'deadline',
    mustBe: 'received',
    by: 'test',
    readings: [],
  }
}

/** A stand-in engine: every deadline is `days` after its trigger; records what it was asked. */
function fakeEngine(days: number) {
  const asked: DeadlineRequest[] = []
  const fn = (req: DeadlineRequest): DeadlineResult => {
    asked.push(req)
    return fakeResult(req, req.from.add({ days }))
  }
  return { fn, asked }
}

const ctx = (deadline: AdvisorContext['deadline'], today = '2025-03-18'): AdvisorContext => ({
  book,
  deadline,
  today: parseDate(today),
  contacts,
})

describe('adviseRoutes (pure, injected deadline function)', () => {
  it('asks the engine with the nation’s calendar division and residence abroad', () => {
    const { fn, asked } = fakeEngine(28)
    const facts: ProblemFacts = {
      role: 'paying',
      nation: 'wales',
      residentAbroad: true,
      problems: [
        { kind: 'enforcement', action: 'deductionFromEarningsOrder', actionDate: parseDate('2025-03-03') },
      ],
    }
    adviseRoutes(facts, ctx(fn))
    expect(asked).toEqual([
      { kind: 'deoAppeal', from: parseDate('2025-03-03'), nation: 'england-and-wales', residentAbroad: true },
    ])
  })

  it('does not ask the engine when the date is unknown, and says what to find', () => {
    const { fn, asked } = fakeEngine(30)
    const a = adviseRoutes(
      {
        role: 'receiving',
        nation: 'england',
        problems: [{ kind: 'wrongCalculation', errors: ['income'], decisionLetterDate: 'unknown' }],
      },
      ctx(fn),
    )
    expect(asked).toEqual([])
    expect(text(a.routes[0]!.deadlines[0]!.note!)).toMatch(/Find the date printed on the decision letter/)
  })

  it('turns an engine refusal (OutsideRuleCoverage) into a note rather than a crash', () => {
    const refuse = (req: DeadlineRequest): DeadlineResult => {
      throw new OutsideRuleCoverage(`deadlines.${req.kind}`, req.from.toString())
    }
    const a = adviseRoutes(
      {
        role: 'paying',
        nation: 'scotland',
        problems: [
          { kind: 'wrongCalculation', errors: ['nights'], decisionLetterDate: parseDate('2025-03-01') },
        ],
      },
      ctx(refuse),
    )
    const d = a.routes[0]!.deadlines[0]!
    expect(d.result).toBeNull()
    expect(d.status).toBe('unknown')
    expect(text(d.note!)).toMatch(/could not work this date out/)
  })

  it('ranks the earliest open deadline first and keeps fallbacks after main routes', () => {
    const { fn } = fakeEngine(28)
    const a = adviseRoutes(
      {
        role: 'paying',
        nation: 'england',
        problems: [
          { kind: 'poorService', complaints: ['longDelay'], stage: 'notYetComplained' },
          { kind: 'wrongCalculation', errors: ['income'], decisionLetterDate: parseDate('2025-03-10') },
          {
            kind: 'enforcement',
            action: 'deductionFromEarningsOrder',
            actionDate: parseDate('2025-03-05'),
            grounds: ['orderDefective'],
          },
        ],
      },
      ctx(fn),
    )
    expect(a.routes.map((r) => r.id).slice(0, 3)).toEqual([
      'earnings-order-appeal',
      'mandatory-reconsideration',
      'complaint',
    ])
    const firstFallback = a.routes.findIndex((r) => r.fit === 'fallback')
    expect(a.routes.slice(firstFallback).every((r) => r.fit === 'fallback')).toBe(true)
    expect(a.routes.map((r) => r.rank)).toEqual(a.routes.map((_, i) => i + 1))
  })

  it('treats a passed deadline as late and offers the late route instead', () => {
    const { fn } = fakeEngine(30)
    const a = adviseRoutes(
      {
        role: 'paying',
        nation: 'england',
        problems: [
          { kind: 'wrongCalculation', errors: ['income'], decisionLetterDate: parseDate('2024-12-01') },
        ],
      },
      ctx(fn, '2025-03-18'),
    )
    expect(a.routes.map((r) => r.id)).toContain('late-reconsideration')
    expect(a.routes.map((r) => r.id)).not.toContain('mandatory-reconsideration')
  })

  it('refuses facts with no problem, naming the field', () => {
    const { fn } = fakeEngine(30)
    expect(() => adviseRoutes({ role: 'paying', nation: 'england', problems: [] }, ctx(fn))).toThrow(
      InvalidInput,
    )
  })

  it('always points to free help and says it is not legal advice', () => {
    const { fn } = fakeEngine(30)
    for (const nation of ['england', 'wales', 'scotland', 'northern-ireland'] as const) {
      const a = adviseRoutes({ role: 'receiving', nation, problems: [{ kind: 'legacyArrears' }] }, ctx(fn))
      expect(text(a.help.notLegalAdvice)).toMatch(/not legal advice/)
      expect(a.help.organisations.length).toBeGreaterThanOrEqual(2)
    }
  })
})
