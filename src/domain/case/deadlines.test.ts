import { describe, expect, it } from 'vitest'
import { computeDeadline } from '../deadlines/compute-deadline.ts'
import type { DeadlineRequest } from '../deadlines/types.ts'
import { rules } from '../../rules/load.ts'
import { calendarsCovering } from '../../services/calendars.ts'
import { OutsideRuleCoverage } from '../shared/errors.ts'
import { Temporal } from '../shared/plain-date.ts'
import { text } from '../../copy/translate.ts'
import { decisionDeadlines, deadlineNation, tasksForDecision, tasksForEvent } from './deadlines.ts'
import { validateDecision, validateEvent } from './validate.ts'

const book = rules()
const compute = (r: DeadlineRequest) => computeDeadline(book, calendarsCovering(r.from), r)
const today = Temporal.PlainDate.from('2026-01-01')

describe('deadlines a decision creates (the personas)', () => {
  it('Amira: the annual review of 3 February 2025 — act by Monday 3 March, legal Wednesday 5 March', () => {
    const d = validateDecision({ kind: 'annual-review', letterDate: '2025-02-03' }, today)
    const { tasks, gaps } = tasksForDecision('d1', d, 'england', compute, text)
    expect(gaps).toEqual([])
    const mr = tasks.find((t) => t.deadlineKind === 'mandatoryReconsideration')!
    expect(mr).toMatchObject({
      dueOn: '2025-03-03',
      legalDeadline: '2025-03-05',
      nature: 'deadline',
      origin: 'decision',
      originId: 'd1',
    })
    expect(mr.explanation?.steps.length).toBeGreaterThan(0)
    expect(tasks.map((t) => t.deadlineKind)).toEqual([
      'mandatoryReconsideration',
      'lateMandatoryReconsiderationLimit',
    ])
  })
  it('Jordan: the reconsideration notice of 14 March 2025 — appeal received by Monday 14 April', () => {
    const d = validateDecision({ kind: 'mandatory-reconsideration-notice', letterDate: '2025-03-14' }, today)
    const appeal = tasksForDecision('n1', d, 'scotland', compute, text).tasks.find(
      (t) => t.deadlineKind === 'tribunalAppeal',
    )!
    expect(appeal.dueOn).toBe('2025-04-14')
  })
  it('Jordan: the earnings order of 3 March 2025 — sheriff appeal by Monday 31 March', () => {
    const d = validateDecision(
      { kind: 'enforcement', enforcementAction: 'deduction-from-earnings-order', letterDate: '2025-03-03' },
      today,
    )
    expect(
      tasksForDecision('e1', d, 'scotland', compute, text).tasks.map((t) => [t.deadlineKind, t.dueOn]),
    ).toEqual([['deoAppeal', '2025-03-31']])
  })
  it('an arrears notice has no deadline (no right of appeal)', () => {
    expect(
      decisionDeadlines(validateDecision({ kind: 'arrears-notice', letterDate: '2025-03-03' }, today)),
    ).toEqual([])
  })
  it('a calculation with an effective date also sets the annual review date', () => {
    const d = validateDecision(
      { kind: 'calculation', letterDate: '2025-03-03', effectiveDate: '2025-03-10' },
      today,
    )
    expect(tasksForDecision('c', d, 'wales', compute, text).tasks.map((t) => t.deadlineKind)).toContain(
      'annualReview',
    )
  })
  it('records, never hides, a deadline the engine cannot work out', () => {
    const refuse = (r: DeadlineRequest) => {
      throw new OutsideRuleCoverage('deadlines.x', r.from.toString())
    }
    const d = validateDecision({ kind: 'calculation', letterDate: '2025-03-03' }, today)
    const g = tasksForDecision('c', d, 'england', refuse, text)
    expect(g.tasks).toEqual([])
    expect(g.gaps.map((x) => x.kind)).toEqual([
      'mandatoryReconsideration',
      'lateMandatoryReconsiderationLimit',
    ])
  })
  it('maps the four nations to the engine’s three', () => {
    expect(
      ['england', 'wales', 'scotland', 'northern-ireland'].map((n) => deadlineNation(n as 'england')),
    ).toEqual(['england-and-wales', 'england-and-wales', 'scotland', 'northern-ireland'])
  })
})

describe('deadlines a letter or call creates', () => {
  it('Jordan: a complaint sent on Monday 17 March 2025 — acknowledgement by 19 March, reply by 7 April', () => {
    const e = validateEvent(
      {
        type: 'letter-sent',
        occurredOn: '2025-03-17',
        title: 'Complaint',
        letter: { subject: 'complaint', method: 'by-hand' },
      },
      today,
    )
    expect(
      tasksForEvent('l1', e, 'scotland', compute, text).tasks.map((t) => [t.deadlineKind, t.dueOn, t.nature]),
    ).toEqual([
      ['complaintAcknowledgementTarget', '2025-03-19', 'target'],
      ['complaintResponseTarget', '2025-04-07', 'target'],
    ])
  })
  it('counts complaint targets from the delivery date when it is known', () => {
    const e = validateEvent(
      {
        type: 'letter-sent',
        occurredOn: '2025-03-14',
        title: 'Complaint',
        letter: { subject: 'complaint', method: 'signed-for', deliveredOn: '2025-03-17' },
      },
      today,
    )
    expect(tasksForEvent('l1', e, 'scotland', compute, text).tasks[0]?.dueOn).toBe('2025-03-19')
  })
  it('Priya: a final response received on 2 September 2025 — to the ICE by 2 March 2026', () => {
    const e = validateEvent(
      {
        type: 'letter-received',
        occurredOn: '2025-09-02',
        title: 'Final response',
        letter: { subject: 'complaint-final-response', method: 'first-class' },
      },
      today,
    )
    expect(tasksForEvent('r', e, 'wales', compute, text).tasks.map((t) => [t.deadlineKind, t.dueOn])).toEqual(
      [['iceReferral', '2026-03-02']],
    )
  })
  it('a call’s promises and follow-up become reminders', () => {
    const e = validateEvent(
      {
        type: 'call',
        occurredOn: '2025-02-10',
        title: 'Call',
        call: {
          actions: [{ text: 'look into it', due: '2025-02-17' }, { text: 'no date' }],
          followUpOn: '2025-02-24',
        },
      },
      today,
    )
    expect(tasksForEvent('c', e, 'england', compute, text).tasks.map((t) => [t.nature, t.dueOn])).toEqual([
      ['tracking', '2025-02-17'],
      ['task', '2025-02-24'],
    ])
  })
})
