import { describe, expect, it } from 'vitest'
import { Temporal } from '../shared/plain-date.ts'
import { text } from '../../copy/translate.ts'
import { chronology, changedFields, otherParentRedaction, redactText } from './chronology.ts'
import { nextDeadlines, openChallenges } from './dashboard.ts'
import type { CaseRecord, DecisionRecord, EventRecord, LinkRecord, TaskRecord } from './types.ts'

const base = {
  version: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  createdBy: 't',
  updatedAt: '2025-01-01T00:00:00.000Z',
  updatedBy: 't',
  deletedAt: null,
  deletedBy: null,
  caseId: 'c',
}
const task = (id: string, dueOn: string, extra: Partial<TaskRecord> = {}): TaskRecord => ({
  ...base,
  id,
  origin: 'manual',
  originId: null,
  deadlineKind: null,
  title: id,
  dueOn,
  legalDeadline: null,
  outerLimit: null,
  nature: 'task',
  ruleId: null,
  explanation: null,
  status: 'open',
  doneOn: null,
  notes: null,
  ...extra,
})
const decision = (id: string, kind: DecisionRecord['kind'], letterDate: string): DecisionRecord => ({
  ...base,
  id,
  kind,
  letterDate,
  receivedDate: null,
  effectiveDate: null,
  summary: null,
  weeklyAmountPence: null,
  weeklyIncomePence: null,
  nights: null,
  otherChildren: null,
  enforcementAction: null,
  tags: [],
})
const letter = (
  id: string,
  type: 'letter-sent' | 'letter-received',
  subject: string,
  occurredOn: string,
): EventRecord => ({
  ...base,
  id,
  type,
  occurredOn,
  occurredTime: null,
  title: id,
  details: null,
  amountPence: null,
  call: null,
  tags: [],
  letter: {
    subject: subject as 'other',
    method: 'first-class',
    letterDate: null,
    counterparty: null,
    certificateNumber: null,
    trackingNumber: null,
    deliveredOn: null,
  },
})

describe('next deadlines', () => {
  it('sorts open tasks by date with days left; done and binned ones are left out', () => {
    const today = Temporal.PlainDate.from('2025-03-01')
    const next = nextDeadlines(
      [
        task('b', '2025-03-05'),
        task('a', '2025-02-27'),
        task('done', '2025-03-02', { status: 'done' }),
        task('bin', '2025-03-02', { deletedAt: 'x' }),
      ],
      today,
    )
    expect(next.map((n) => [n.task.id, n.daysLeft, n.overdue])).toEqual([
      ['a', -2, true],
      ['b', 4, false],
    ])
  })
})

describe('open challenges', () => {
  const links: LinkRecord[] = []
  it('follows a reconsideration from the request to the notice to the appeal', () => {
    const decisions = [decision('ar', 'annual-review', '2025-02-03')]
    const events = [letter('mr', 'letter-sent', 'mandatory-reconsideration', '2025-02-20')]
    expect(openChallenges({ decisions, events, links, tasks: [] })).toMatchObject([
      { kind: 'reconsideration', stage: 'reconsideration-asked', decisionId: 'ar', since: '2025-02-20' },
    ])
    const notice = decision('mrn', 'mandatory-reconsideration-notice', '2025-03-14')
    const appealTask = task('t', '2025-04-14', {
      origin: 'decision',
      originId: 'mrn',
      deadlineKind: 'tribunalAppeal',
    })
    expect(
      openChallenges({ decisions: [...decisions, notice], events, links, tasks: [appealTask] }),
    ).toMatchObject([{ stage: 'notice-received', next: { id: 't' } }])
    const appeal = letter('ap', 'letter-sent', 'appeal', '2025-04-01')
    expect(
      openChallenges({
        decisions: [...decisions, notice],
        events: [...events, appeal],
        links,
        tasks: [appealTask],
      }),
    ).toMatchObject([{ stage: 'appeal-lodged', since: '2025-04-01' }])
  })
  it('follows a complaint through its steps, with the next target', () => {
    const complaint = letter('c1', 'letter-sent', 'complaint', '2025-03-17')
    const target = task('t', '2025-04-07', {
      origin: 'event',
      originId: 'c1',
      deadlineKind: 'complaintResponseTarget',
    })
    expect(openChallenges({ decisions: [], events: [complaint], links, tasks: [target] })).toMatchObject([
      { kind: 'complaint', stage: 'complaint-made', next: { id: 't' } },
    ])
    const final = letter('f', 'letter-received', 'complaint-final-response', '2025-09-02')
    expect(
      openChallenges({ decisions: [], events: [complaint, final], links, tasks: [target] }),
    ).toMatchObject([{ stage: 'final-response' }])
  })
})

describe('chronology', () => {
  const c = {
    ...base,
    id: 'c',
    title: 'Priya',
    nation: 'wales',
    role: 'receiving',
    cmsReference: null,
    yourName: null,
    yourAddress: null,
    notes: null,
    children: [],
    otherParent: {
      name: 'Lee',
      address: '12 Acacia Avenue\nCardiff',
      postcode: 'CF10 1AA',
      phone: '07700 900123',
      email: 'lee@example.com',
    },
  } as CaseRecord
  it('lists decisions and events in date order and leaves out the other parent’s contact details unless asked', () => {
    const e: EventRecord = {
      ...letter('l', 'letter-sent', 'complaint', '2025-03-01'),
      details: 'Lee moved to 12 Acacia Avenue, phone 07700 900123',
    }
    const rows = chronology(c, [decision('d', 'calculation', '2025-02-01')], [e], text)
    expect(rows.map((r) => r.date)).toEqual(['2025-02-01', '2025-03-01'])
    expect(rows[1]!.detail).not.toMatch(/Acacia|07700/)
    expect(rows[1]!.detail).toMatch(/\[removed\]/)
    expect(chronology(c, [], [e], text, { includeSensitive: true })[0]!.detail).toMatch(/Acacia/)
    expect(redactText('email lee@example.com', c.otherParent)).toBe('email [removed]')
  })
  it('gives the other parent’s details as a redaction target for the bundle', () => {
    expect(otherParentRedaction(c.otherParent, text)).toEqual({
      whose: 'the other parent',
      addressLines: ['12 Acacia Avenue', 'Cardiff'],
      postcode: 'CF10 1AA',
      phones: ['07700 900123'],
      emails: ['lee@example.com'],
    })
  })
  it('names the fields that changed between versions', () => {
    expect(changedFields({ a: 1, b: [1], version: 1 }, { a: 1, b: [2], version: 2, c: null })).toEqual([
      'b',
      'c',
    ])
  })
})
