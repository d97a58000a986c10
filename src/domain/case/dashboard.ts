import { compareDates, isAfter, parseDate, type PlainDate } from '../shared/plain-date.ts'
import type { DecisionRecord, EventRecord, LinkRecord, TaskRecord } from './types.ts'

/** What the case dashboard shows: the next deadlines with days left and the open challenges with their stage. */

export interface UpcomingTask {
  readonly task: TaskRecord
  /** Days from today to the due date (negative when it has passed). */
  readonly daysLeft: number
  readonly overdue: boolean
}

/** Open tasks by due date, the overdue ones first; `limit` of them. */
export function nextDeadlines(tasks: readonly TaskRecord[], today: PlainDate, limit = 8): UpcomingTask[] {
  return tasks
    .filter((t) => t.status === 'open' && t.deletedAt === null)
    .map((task) => {
      const daysLeft = today.until(parseDate(task.dueOn), { largestUnit: 'days' }).days
      return { task, daysLeft, overdue: daysLeft < 0 }
    })
    .sort((a, b) => a.daysLeft - b.daysLeft || a.task.title.localeCompare(b.task.title))
    .slice(0, limit)
}

export type ChallengeStage =
  | 'reconsideration-asked'
  | 'notice-received'
  | 'appeal-lodged'
  | 'complaint-made'
  | 'complaint-escalated'
  | 'complaint-answered'
  | 'final-response'
  | 'ice-referred'

export interface Challenge {
  readonly kind: 'reconsideration' | 'complaint'
  readonly stage: ChallengeStage
  /** When it reached this stage. */
  readonly since: string
  /** The decision being challenged, when known. */
  readonly decisionId: string | null
  /** The next date that matters at this stage (an appeal deadline, a CMS target…), if any. */
  readonly next: TaskRecord | null
}

const live = <T extends { deletedAt: string | null }>(xs: readonly T[]): T[] =>
  xs.filter((x) => x.deletedAt === null)
const byDate = (a: string, b: string): number => compareDates(parseDate(a), parseDate(b))

/**
 * Works out the open challenges from what the user recorded. A reconsideration starts with a letter
 * (or call) asking for one; the notice, then an appeal, move it on. A complaint starts with a
 * complaint letter and moves through escalation, the final response and the Independent Case Examiner.
 */
export function openChallenges(input: {
  readonly decisions: readonly DecisionRecord[]
  readonly events: readonly EventRecord[]
  readonly links: readonly LinkRecord[]
  readonly tasks: readonly TaskRecord[]
}): Challenge[] {
  const decisions = live(input.decisions).sort((a, b) => byDate(a.letterDate, b.letterDate))
  const events = live(input.events).sort((a, b) => byDate(a.occurredOn, b.occurredOn))
  const links = live(input.links)
  const tasks = live(input.tasks).filter((t) => t.status === 'open')
  const openTask = (originId: string, kind: string): TaskRecord | null =>
    tasks.find((t) => t.originId === originId && t.deadlineKind === kind) ?? null
  const aboutDecision = (eventId: string): string | null =>
    links.find(
      (l) => l.fromType === 'event' && l.fromId === eventId && l.toType === 'decision' && l.role === 'about',
    )?.toId ?? null
  const sent = (subject: string) =>
    events.filter((e) => e.type === 'letter-sent' && e.letter?.subject === subject)
  const out: Challenge[] = []

  for (const request of sent('mandatory-reconsideration')) {
    const asked = request.occurredOn
    const decisionId =
      aboutDecision(request.id) ??
      [...decisions]
        .reverse()
        .find(
          (d) =>
            d.kind !== 'mandatory-reconsideration-notice' &&
            !isAfter(parseDate(d.letterDate), parseDate(asked)),
        )?.id ??
      null
    const notice = decisions.find(
      (d) =>
        d.kind === 'mandatory-reconsideration-notice' && !isAfter(parseDate(asked), parseDate(d.letterDate)),
    )
    if (!notice) {
      // The next date that matters is the reminder to check the request arrived, or the request's own
      // deadline while it is still open (a request sent late leaves nothing else to meet).
      out.push({
        kind: 'reconsideration',
        stage: 'reconsideration-asked',
        since: asked,
        decisionId,
        next: tasks.find((t) => t.originId === request.id && t.nature === 'tracking') ?? null,
      })
      continue
    }
    const appeal = sent('appeal').find((e) => !isAfter(parseDate(notice.letterDate), parseDate(e.occurredOn)))
    if (appeal)
      out.push({
        kind: 'reconsideration',
        stage: 'appeal-lodged',
        since: appeal.occurredOn,
        decisionId,
        next: null,
      })
    else
      out.push({
        kind: 'reconsideration',
        stage: 'notice-received',
        since: notice.receivedDate ?? notice.letterDate,
        decisionId,
        next: openTask(notice.id, 'tribunalAppeal'),
      })
  }

  // A notice recorded without a request letter is still a challenge in progress.
  for (const notice of decisions.filter((d) => d.kind === 'mandatory-reconsideration-notice')) {
    if (out.some((c) => c.kind === 'reconsideration' && c.next?.originId === notice.id)) continue
    if (
      sent('mandatory-reconsideration').some(
        (e) => !isAfter(parseDate(e.occurredOn), parseDate(notice.letterDate)),
      )
    )
      continue
    const appeal = sent('appeal').find((e) => !isAfter(parseDate(notice.letterDate), parseDate(e.occurredOn)))
    out.push({
      kind: 'reconsideration',
      stage: appeal ? 'appeal-lodged' : 'notice-received',
      since: appeal?.occurredOn ?? notice.receivedDate ?? notice.letterDate,
      decisionId: null,
      next: appeal ? null : openTask(notice.id, 'tribunalAppeal'),
    })
  }

  const complaintSteps = events.filter(
    (e) =>
      (e.type === 'letter-sent' &&
        ['complaint', 'complaint-escalation', 'ice-referral'].includes(e.letter?.subject ?? '')) ||
      (e.type === 'letter-received' &&
        ['complaint-response', 'complaint-final-response'].includes(e.letter?.subject ?? '')),
  )
  const latest = complaintSteps.at(-1)
  if (latest) {
    const subject = latest.letter?.subject
    const stage: ChallengeStage =
      subject === 'complaint'
        ? 'complaint-made'
        : subject === 'complaint-escalation'
          ? 'complaint-escalated'
          : subject === 'complaint-response'
            ? 'complaint-answered'
            : subject === 'complaint-final-response'
              ? 'final-response'
              : 'ice-referred'
    const next =
      stage === 'complaint-made' || stage === 'complaint-escalated'
        ? (openTask(latest.id, 'complaintResponseTarget') ??
          openTask(latest.id, 'complaintAcknowledgementTarget'))
        : stage === 'final-response'
          ? openTask(latest.id, 'iceReferral')
          : null
    out.push({ kind: 'complaint', stage, since: latest.occurredOn, decisionId: null, next })
  }
  return out
}
