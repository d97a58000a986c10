import type { DeadlineKind, DeadlineRequest, DeadlineResult, Nation } from '../deadlines/types.ts'
import { DomainError } from '../shared/errors.ts'
import { formatDate, parseDate } from '../shared/plain-date.ts'
import type { CaseNation, DecisionData, EventData, TaskData, TaskExplanation, TaskNature } from './types.ts'

/**
 * Which deadlines and tasks a decision or a letter creates. The deadline engine is passed in
 * (`compute`), so this stays pure and testable; the dates and their reasons are the engine's.
 */

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
  readonly title: string
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
          title: `Ask for a mandatory reconsideration of the decision of ${dated}`,
        },
        {
          kind: 'lateMandatoryReconsiderationLimit',
          from: on,
          title: `Last date for a late reconsideration request (decision of ${dated})`,
        },
      ]
      if (decision.kind === 'calculation' && decision.effectiveDate)
        out.push({
          kind: 'annualReview',
          from: decision.effectiveDate,
          title: 'Annual review of the calculation',
        })
      return out
    }
    case 'mandatory-reconsideration-notice':
      return [
        { kind: 'tribunalAppeal', from: on, title: `Appeal against the reconsideration notice of ${dated}` },
        {
          kind: 'tribunalAppealAbsoluteLimit',
          from: on,
          title: `Last date for a late appeal (notice of ${dated})`,
        },
      ]
    case 'enforcement':
      return decision.enforcementAction === 'deduction-from-earnings-order'
        ? [
            {
              kind: 'deoAppeal',
              from: on,
              title: `Appeal against the deduction from earnings order of ${dated}`,
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
    const what = letter.subject === 'complaint' ? 'complaint' : 'escalated complaint'
    return [
      { kind: 'complaintAcknowledgementTarget', from, title: `The CMS should acknowledge your ${what}` },
      { kind: 'complaintResponseTarget', from, title: `The CMS should reply to your ${what}` },
    ]
  }
  if (event.type === 'letter-received' && letter.subject === 'complaint-final-response')
    return [
      {
        kind: 'iceReferral',
        from: event.occurredOn,
        title: 'Take your complaint to the Independent Case Examiner',
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

export function explain(result: DeadlineResult): TaskExplanation {
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
    steps: result.steps.map((s) => ({ text: s.text, date: s.date?.toString() ?? null })),
    readings: result.readings.map((r) => ({ date: r.date.toString(), status: r.status, text: r.text })),
    assumptions: [...result.assumptions],
  }
}

function run(
  wanted: readonly Wanted[],
  origin: 'decision' | 'event',
  originId: string,
  nation: CaseNation,
  compute: ComputeDeadline,
): Generated {
  const tasks: TaskDraft[] = []
  const gaps: DeadlineGap[] = []
  for (const w of wanted) {
    let result: DeadlineResult
    try {
      result = compute({ kind: w.kind, from: parseDate(w.from), nation: deadlineNation(nation) })
    } catch (error) {
      if (error instanceof DomainError) {
        gaps.push({ kind: w.kind, reason: error.message })
        continue
      }
      throw error
    }
    const nature = result.nature as TaskNature
    tasks.push({
      origin,
      originId,
      deadlineKind: w.kind,
      title: w.title,
      dueOn: result[NATURE_DUE[nature]].toString(),
      legalDeadline: result.deadline.toString(),
      outerLimit: result.outerLimit?.toString() ?? null,
      nature,
      ruleId: result.rule,
      explanation: explain(result),
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
): Generated {
  return run(decisionDeadlines(decision), 'decision', id, nation, compute)
}

/** The deadlines and reminders an event creates: the engine's for letters, and a call's follow-ups. */
export function tasksForEvent(
  id: string,
  event: EventData,
  nation: CaseNation,
  compute: ComputeDeadline,
): Generated {
  const generated = run(eventDeadlines(event), 'event', id, nation, compute)
  const tasks = [...generated.tasks]
  const call = event.call
  if (call) {
    const on = formatDate(parseDate(event.occurredOn))
    for (const a of call.actions) {
      if (!a.due) continue
      tasks.push(
        manualDraft(
          'event',
          id,
          `Check the CMS has done what it promised on ${on}: ${a.text}`,
          a.due,
          'tracking',
        ),
      )
    }
    if (call.followUpOn)
      tasks.push(manualDraft('event', id, `Follow up your call of ${on}`, call.followUpOn, 'task'))
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
