import type { DeadlineKind, DeadlineRequest, DeadlineResult, Nation } from '../deadlines/types.ts'
import { DomainError, InvalidInput, OutsideRuleCoverage } from '../shared/errors.ts'
import { message, type Message, type Say } from '../shared/message.ts'
import { compareDates, formatDate, isAfter, parseDate, type PlainDate } from '../shared/plain-date.ts'
import {
  POSTED_METHODS,
  type CaseNation,
  type DecisionData,
  type DecisionRecord,
  type EventData,
  type EventRecord,
  type LetterSubject,
  type LinkRecord,
  type TaskData,
  type TaskExplanation,
  type TaskNature,
  type TaskRecord,
} from './types.ts'

/**
 * Which deadlines and tasks a decision or a letter creates. The deadline engine is passed in
 * (`compute`), so this stays pure and testable; the dates and their reasons are the engine's.
 * A task is saved in the case file as the parent will read it (its title, its explanation, the
 * note saying what met it), so the caller's `say` puts the words into the parent's language.
 */

const M = (key: string, params?: Parameters<typeof message>[1]): Message =>
  message(`caseDomain.tasks.${key}`, params)

export type ComputeDeadline = (request: DeadlineRequest) => DeadlineResult

/** A task to create, before it has an id. */
export type TaskDraft = Omit<TaskData, 'status' | 'doneOn' | 'notes'>

/** A deadline Redress could not work out (for example a date outside the rules' coverage): shown, never hidden. */
export interface DeadlineGap {
  readonly kind: DeadlineKind
  readonly reason: string
}

export interface Generated {
  readonly tasks: readonly TaskDraft[]
  readonly gaps: readonly DeadlineGap[]
}

export const deadlineNation = (nation: CaseNation): Nation =>
  nation === 'england' || nation === 'wales' ? 'england-and-wales' : nation

interface Wanted {
  readonly kind: DeadlineKind
  readonly from: string
  readonly title: Message
}

/** The engine's deadlines that a decision starts. */
export function decisionDeadlines(decision: DecisionData): Wanted[] {
  const on = decision.letterDate
  const dated = formatDate(parseDate(on))
  switch (decision.kind) {
    case 'calculation':
    case 'revision':
    case 'supersession':
    case 'variation':
    case 'default-decision':
    case 'annual-review': {
      const out: Wanted[] = [
        {
          kind: 'mandatoryReconsideration',
          from: on,
          title: M('askReconsideration', { date: dated }),
        },
        {
          kind: 'lateMandatoryReconsiderationLimit',
          from: on,
          title: M('lateReconsideration', { date: dated }),
        },
      ]
      if (decision.kind === 'calculation' && decision.effectiveDate)
        out.push({
          kind: 'annualReview',
          from: decision.effectiveDate,
          title: M('annualReview'),
        })
      return out
    }
    case 'mandatory-reconsideration-notice':
      return [
        { kind: 'tribunalAppeal', from: on, title: M('appeal', { date: dated }) },
        {
          kind: 'tribunalAppealAbsoluteLimit',
          from: on,
          title: M('lateAppeal', { date: dated }),
        },
      ]
    case 'enforcement':
      return decision.enforcementAction === 'deduction-from-earnings-order'
        ? [
            {
              kind: 'deoAppeal',
              from: on,
              title: M('deoAppeal', { date: dated }),
            },
          ]
        : []
    case 'arrears-notice':
      return []
  }
}

/** The engine's deadlines that a timeline event (a letter) starts. */
export function eventDeadlines(event: EventData): Wanted[] {
  const letter = event.letter
  if (!letter) return []
  if (
    event.type === 'letter-sent' &&
    (letter.subject === 'complaint' || letter.subject === 'complaint-escalation')
  ) {
    // The targets run from the day the CMS received the complaint: the delivery date if known,
    // otherwise the day it was sent (the earliest it can have arrived, so the earliest target).
    const from = letter.deliveredOn ?? event.occurredOn
    const what = letter.subject === 'complaint' ? 'complaint' : 'escalatedComplaint'
    return [
      { kind: 'complaintAcknowledgementTarget', from, title: M(`acknowledge.${what}`) },
      { kind: 'complaintResponseTarget', from, title: M(`reply.${what}`) },
    ]
  }
  if (event.type === 'letter-received' && letter.subject === 'complaint-final-response')
    return [
      {
        kind: 'iceReferral',
        from: event.occurredOn,
        title: M('iceReferral'),
      },
    ]
  return []
}

const NATURE_DUE: Record<TaskNature, 'actBy' | 'deadline'> = {
  deadline: 'actBy',
  'outer-limit': 'deadline',
  target: 'deadline',
  'review-date': 'deadline',
  tracking: 'deadline',
  task: 'deadline',
}

/** The engine's explanation of a deadline, in words (`say`), as it is saved with the task. */
export function explain(result: DeadlineResult, say: Say): TaskExplanation {
  return {
    rule: result.rule,
    title: result.title,
    confidence: result.confidence,
    source: {
      instrument: result.source.instrument,
      provision: result.source.provision,
      url: result.source.url,
    },
    from: result.from.toString(),
    mustBe: result.mustBe,
    by: result.by,
    timeOfDay: result.timeOfDay,
    steps: result.steps.map((s) => ({ text: say(s.text), date: s.date?.toString() ?? null })),
    readings: result.readings.map((r) => ({ date: r.date.toString(), status: r.status, text: say(r.text) })),
    assumptions: result.assumptions.map((a) => say(a)),
  }
}

function run(
  wanted: readonly Wanted[],
  origin: 'decision' | 'event',
  originId: string,
  nation: CaseNation,
  compute: ComputeDeadline,
  say: Say,
): Generated {
  const tasks: TaskDraft[] = []
  const gaps: DeadlineGap[] = []
  for (const w of wanted) {
    let result: DeadlineResult
    try {
      result = compute({ kind: w.kind, from: parseDate(w.from), nation: deadlineNation(nation) })
    } catch (error) {
      if (error instanceof DomainError) {
        gaps.push({
          kind: w.kind,
          reason:
            error instanceof InvalidInput || error instanceof OutsideRuleCoverage
              ? say(error.words)
              : error.message,
        })
        continue
      }
      throw error
    }
    const nature = result.nature as TaskNature
    tasks.push({
      origin,
      originId,
      deadlineKind: w.kind,
      title: say(w.title),
      dueOn: result[NATURE_DUE[nature]].toString(),
      legalDeadline: result.deadline.toString(),
      outerLimit: result.outerLimit?.toString() ?? null,
      nature,
      ruleId: result.rule,
      explanation: explain(result, say),
    })
  }
  return { tasks, gaps }
}

/** The deadlines a decision creates, worked out by the engine. */
export function tasksForDecision(
  id: string,
  decision: DecisionData,
  nation: CaseNation,
  compute: ComputeDeadline,
  say: Say,
): Generated {
  return run(decisionDeadlines(decision), 'decision', id, nation, compute, say)
}

/**
 * Redress's own reminder defaults (rules/reminders.yaml, not law) and working-day counting in the case's
 * nation, passed in so that this stays pure.
 */
export interface ReminderRules {
  /** Working days after a call to chase a promise that came with no date. */
  readonly callPromiseFollowUp: number
  /** Working days after posting to check a letter arrived. */
  readonly checkArrivedAfterPosting: number
  /** The "check it arrived" reminder falls at least this many working days before the deadline it serves. */
  readonly checkArrivedBeforeDeadline: number
  /** Counts `n` working days on from `from` (back when `n` is negative), skipping the nation's holidays. */
  readonly addWorkingDays: (from: PlainDate, n: number, nation: CaseNation) => PlainDate
}

/** Letters worth checking for: the ones that start or meet a deadline when they arrive. */
const CHECK_ARRIVED: readonly LetterSubject[] = [
  'mandatory-reconsideration',
  'appeal',
  'complaint',
  'complaint-escalation',
  'ice-referral',
]

/**
 * When to check a posted letter arrived: `after` working days after posting, but never later than
 * `before` working days ahead of the deadline the letter serves (and never before the day it was posted).
 */
export function checkArrivedOn(
  sentOn: PlainDate,
  deadline: PlainDate | null,
  nation: CaseNation,
  r: ReminderRules,
): PlainDate {
  let due = r.addWorkingDays(sentOn, r.checkArrivedAfterPosting, nation)
  if (deadline) {
    const latest = r.addWorkingDays(deadline, -r.checkArrivedBeforeDeadline, nation)
    if (isAfter(due, latest)) due = latest
  }
  return isAfter(sentOn, due) ? sentOn : due
}

/** What else the event's reminders need to know: the deadline a posted letter serves, if any. */
export interface EventContext {
  readonly reminders?: ReminderRules
  /** The legal deadline the letter is sent to meet (an MR request's 30 days, an appeal's month…). */
  readonly serves?: string | null
}

/** The deadlines and reminders an event creates: the engine's for letters, and a call's follow-ups. */
export function tasksForEvent(
  id: string,
  event: EventData,
  nation: CaseNation,
  compute: ComputeDeadline,
  say: Say,
  context: EventContext = {},
): Generated {
  const generated = run(eventDeadlines(event), 'event', id, nation, compute, say)
  const tasks = [...generated.tasks]
  const r = context.reminders
  const letter = event.letter
  if (
    r &&
    event.type === 'letter-sent' &&
    letter &&
    CHECK_ARRIVED.includes(letter.subject) &&
    POSTED_METHODS.includes(letter.method) &&
    !letter.deliveredOn
  ) {
    const sent = parseDate(event.occurredOn)
    const due = checkArrivedOn(sent, context.serves ? parseDate(context.serves) : null, nation, r)
    tasks.push(
      manualDraft(
        'event',
        id,
        say(M('checkArrived', { date: formatDate(sent) })),
        due.toString(),
        'tracking',
      ),
    )
  }
  const call = event.call
  if (call) {
    const on = formatDate(parseDate(event.occurredOn))
    for (const a of call.actions) {
      const due =
        a.due ?? (r ? r.addWorkingDays(parseDate(event.occurredOn), r.callPromiseFollowUp, nation) : null)
      if (!due) continue
      tasks.push(
        manualDraft(
          'event',
          id,
          say(M(a.due ? 'checkPromise' : 'chasePromise', { date: on, promise: a.text })),
          due.toString(),
          'tracking',
        ),
      )
    }
    if (call.followUpOn)
      tasks.push(manualDraft('event', id, say(M('followUpCall', { date: on })), call.followUpOn, 'task'))
  }
  return { tasks, gaps: generated.gaps }
}

function manualDraft(
  origin: 'event',
  originId: string,
  title: string,
  dueOn: string,
  nature: TaskNature,
): TaskDraft {
  return {
    origin,
    originId,
    deadlineKind: null,
    title,
    dueOn,
    legalDeadline: null,
    outerLimit: null,
    nature,
    ruleId: null,
    explanation: null,
  }
}

/** The key that matches a generated task to the one it replaces when its source is amended. */
export const draftKey = (t: Pick<TaskData, 'deadlineKind' | 'title' | 'nature'>): string =>
  t.deadlineKind ?? `${t.nature}:${t.title}`

/** A generated deadline that what the parent recorded has since met or made moot. */
export interface MetDeadline {
  readonly taskId: string
  readonly doneOn: string
  readonly note: string
}

const RECONSIDERATION_KINDS = ['mandatoryReconsideration', 'lateMandatoryReconsiderationLimit']
const APPEAL_KINDS = ['tribunalAppeal', 'tribunalAppealAbsoluteLimit']

/**
 * The open deadlines the case's own records have met: a request or appeal recorded as sent, a
 * reconsideration notice recorded, a referral made, a reply received. Each comes with the date and a
 * note saying what met it (a letter sent after the deadline is said to be late, not "met").
 */
export function deadlinesMet(input: {
  readonly decisions: readonly DecisionRecord[]
  readonly events: readonly EventRecord[]
  readonly links: readonly LinkRecord[]
  readonly tasks: readonly TaskRecord[]
  /** The note saying what met a deadline is saved with the task, in words. */
  readonly say: Say
}): MetDeadline[] {
  const live = <T extends { deletedAt: string | null }>(xs: readonly T[]): T[] =>
    xs.filter((x) => x.deletedAt === null)
  const byDate = (a: string, b: string): number => compareDates(parseDate(a), parseDate(b))
  const decisions = live(input.decisions).sort((a, b) => byDate(a.letterDate, b.letterDate))
  const events = live(input.events).sort((a, b) => byDate(a.occurredOn, b.occurredOn))
  const links = live(input.links)
  const open = live(input.tasks).filter((t) => t.status === 'open')
  const out = new Map<string, MetDeadline>()
  const meet = (t: TaskRecord, doneOn: string, note: Message) => {
    if (!out.has(t.id)) out.set(t.id, { taskId: t.id, doneOn, note: input.say(note) })
  }
  const about = (eventId: string): string | null =>
    links.find(
      (l) => l.fromType === 'event' && l.fromId === eventId && l.toType === 'decision' && l.role === 'about',
    )?.toId ?? null
  const sent = (subject: LetterSubject) =>
    events.filter((e) => e.type === 'letter-sent' && e.letter?.subject === subject)
  const notAfter = (a: string, b: string) => !isAfter(parseDate(a), parseDate(b))
  const said = (iso: string) => formatDate(parseDate(iso))

  // A reconsideration request sent: the decision's 30 days (in time or late) and its late limit.
  for (const e of sent('mandatory-reconsideration')) {
    const decisionId =
      about(e.id) ??
      [...decisions]
        .reverse()
        .find((d) => d.kind !== 'mandatory-reconsideration-notice' && notAfter(d.letterDate, e.occurredOn))
        ?.id
    for (const t of open.filter(
      (t) => t.originId === decisionId && RECONSIDERATION_KINDS.includes(t.deadlineKind ?? ''),
    )) {
      const inTime = !t.legalDeadline || notAfter(e.occurredOn, t.legalDeadline)
      meet(t, e.occurredOn, M(inTime ? 'met.request' : 'met.lateRequest', { date: said(e.occurredOn) }))
    }
  }
  // A reconsideration notice recorded: the challenge is at the appeal stage, so the reconsideration
  // deadlines of the decisions before it, and the reminders to check the request arrived, are done.
  for (const n of decisions.filter((d) => d.kind === 'mandatory-reconsideration-notice')) {
    const on = n.receivedDate ?? n.letterDate
    const before = new Set(
      decisions
        .filter((d) => d.kind !== 'mandatory-reconsideration-notice' && notAfter(d.letterDate, n.letterDate))
        .map((d) => d.id),
    )
    const requests = new Set(
      sent('mandatory-reconsideration')
        .filter((e) => notAfter(e.occurredOn, n.letterDate))
        .map((e) => e.id),
    )
    for (const t of open) {
      if (t.originId && before.has(t.originId) && RECONSIDERATION_KINDS.includes(t.deadlineKind ?? ''))
        meet(t, on, M('met.noticeRecorded', { date: said(n.letterDate) }))
      if (t.originId && requests.has(t.originId) && t.nature === 'tracking')
        meet(t, on, M('met.noticeShowsRequest', { date: said(n.letterDate) }))
    }
  }
  // An appeal sent: the appeal deadlines of the notice it is about.
  for (const e of sent('appeal')) {
    const noticeId =
      about(e.id) ??
      [...decisions]
        .reverse()
        .find((d) => d.kind === 'mandatory-reconsideration-notice' && notAfter(d.letterDate, e.occurredOn))
        ?.id
    for (const t of open.filter(
      (t) => t.originId === noticeId && APPEAL_KINDS.includes(t.deadlineKind ?? ''),
    )) {
      const inTime = !t.legalDeadline || notAfter(e.occurredOn, t.legalDeadline)
      meet(t, e.occurredOn, M(inTime ? 'met.appeal' : 'met.lateAppeal', { date: said(e.occurredOn) }))
    }
  }
  // A referral to the Independent Case Examiner sent after a final response.
  for (const e of sent('ice-referral')) {
    const final = events
      .filter(
        (f) =>
          f.type === 'letter-received' &&
          f.letter?.subject === 'complaint-final-response' &&
          notAfter(f.occurredOn, e.occurredOn),
      )
      .at(-1)
    for (const t of open.filter((t) => t.originId === final?.id && t.deadlineKind === 'iceReferral')) {
      const inTime = !t.legalDeadline || notAfter(e.occurredOn, t.legalDeadline)
      meet(t, e.occurredOn, M(inTime ? 'met.referral' : 'met.lateReferral', { date: said(e.occurredOn) }))
    }
  }
  // A reply to a complaint received: the CMS's targets for that complaint are over.
  for (const e of events.filter(
    (x) =>
      x.type === 'letter-received' &&
      ['complaint-response', 'complaint-final-response'].includes(x.letter?.subject ?? ''),
  )) {
    const complaint = events
      .filter(
        (c) =>
          c.type === 'letter-sent' &&
          ['complaint', 'complaint-escalation'].includes(c.letter?.subject ?? '') &&
          notAfter(c.occurredOn, e.occurredOn),
      )
      .at(-1)
    for (const t of open.filter(
      (t) =>
        t.originId === complaint?.id &&
        ['complaintAcknowledgementTarget', 'complaintResponseTarget'].includes(t.deadlineKind ?? ''),
    ))
      meet(t, e.occurredOn, M('met.replied', { date: said(e.occurredOn) }))
    // The reply also shows the complaint arrived: the reminder to check that is done.
    for (const t of open.filter((t) => t.originId === complaint?.id && t.nature === 'tracking'))
      meet(t, e.occurredOn, M('met.replyShowsArrival', { date: said(e.occurredOn) }))
  }
  return [...out.values()]
}
