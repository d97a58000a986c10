import { computeDeadline } from '../domain/deadlines/compute-deadline.ts'
import type { DeadlineRequest, DeadlineResult } from '../domain/deadlines/types.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import type { PlainDate } from '../domain/shared/plain-date.ts'
import {
  CaseInputError,
  NotFound,
  changedFields,
  deadlinesMet,
  draftKey,
  nextDeadlines,
  openChallenges,
  tasksForDecision,
  tasksForEvent,
  validateCase,
  validateDecision,
  validateEvent,
  validateTask,
  type Actor,
  type CaseInput,
  type CaseRecord,
  type Challenge,
  type ComputeDeadline,
  type DeadlineGap,
  type EventContext,
  type EventData,
  type ReminderRules,
  type DecisionInput,
  type DecisionRecord,
  type Entity,
  type EventInput,
  type EventRecord,
  type EventType,
  type EvidenceRecord,
  type LinkRecord,
  type LinkRole,
  type RevisionRecord,
  type TaskDraft,
  type TaskInput,
  type TaskRecord,
  type UpcomingTask,
  type AuditRecord,
} from '../domain/case/index.ts'
import type {
  BinFilter,
  CaseRepository,
  PageRequest,
  Records,
  TimelineFilter,
} from '../store/case.repository.ts'
import type { EvidenceFiles } from '../store/evidence-files.ts'
import { SafeModeLocked } from '../store/safe/errors.ts'
import { calendarsCovering } from './calendars.ts'
import { text } from '../copy/translate.ts'
import { message, type Message } from '../domain/shared/message.ts'

/** The case file's own words (`platform.caseFile.*` in platform.json). */
const caseText = (key: string, params: Readonly<Record<string, string>> = {}): string =>
  text(`platform.caseFile.${key}`, params)

/** The letters that start or move a challenge on (what `openChallenges` reads), by direction. */
const CHALLENGE_LETTERS_SENT = [
  'mandatory-reconsideration',
  'appeal',
  'complaint',
  'complaint-escalation',
  'ice-referral',
]
const CHALLENGE_LETTERS_RECEIVED = ['complaint-response', 'complaint-final-response']

/** The deadline engine with the project's rules and bank-holiday calendars. */
export function engineDeadlines(book: RuleBook): ComputeDeadline {
  return (request: DeadlineRequest): DeadlineResult =>
    computeDeadline(book, calendarsCovering(request.from), request)
}

export interface CaseServiceDeps {
  readonly repo: CaseRepository
  readonly files: EvidenceFiles
  readonly compute: ComputeDeadline
  /** Today in the UK, from the one clock (see clock.ts): "not in the future" and "days left". */
  readonly today: () => PlainDate
  /** Redress's reminder defaults (rules/reminders.yaml); without them no follow-up reminders are added. */
  readonly reminders?: ReminderRules
}

/** What a change that can create deadlines gives back: the deadlines, and any Redress could not work out. */
export interface WithTasks<T> {
  readonly record: T
  readonly tasks: readonly TaskRecord[]
  readonly gaps: readonly DeadlineGap[]
}

export interface DecisionForm extends DecisionInput {
  /** The evidence that is the decision letter itself. */
  readonly letterEvidenceId?: string | null
}

export interface EventForm extends EventInput {
  /** For a letter: the decision it is about (a reconsideration request, an appeal). */
  readonly aboutDecisionId?: string | null
  /** For a letter sent: the call it confirms in writing. */
  readonly confirmsCallId?: string | null
  /** Evidence: the certificate of posting or the tracking receipt. */
  readonly proofEvidenceId?: string | null
  /** Evidence: the delivery confirmation. */
  readonly deliveryEvidenceId?: string | null
}

export interface Dashboard {
  readonly case: CaseRecord
  readonly next: readonly UpcomingTask[]
  readonly challenges: readonly Challenge[]
  readonly recent: readonly EventRecord[]
  readonly decisions: readonly DecisionRecord[]
  readonly counts: {
    readonly decisions: number
    readonly events: number
    readonly evidence: number
    readonly binned: number
  }
}

export interface Linked {
  readonly link: LinkRecord
  readonly type: Entity
  readonly id: string
  readonly title: string
}

export interface Binned {
  readonly entity: Entity
  readonly id: string
  readonly title: string
  readonly deletedAt: string
  readonly deletedBy: string | null
}

export interface HistoryEntry extends RevisionRecord {
  readonly changed: readonly string[]
}

/** A short title for any record, for lists, links and the bin. */
export function titleOf(entity: Entity, r: Records[Entity]): string {
  switch (entity) {
    case 'case':
      return (r as CaseRecord).title
    case 'decision': {
      const d = r as DecisionRecord
      return caseText('decisionTitle', { kind: d.kind.replace(/-/g, ' '), date: d.letterDate })
    }
    case 'event':
      return (r as EventRecord).title
    case 'evidence':
      return (r as EvidenceRecord).title
    case 'task':
      return (r as TaskRecord).title
    case 'link': {
      const l = r as LinkRecord
      return `${l.role}: ${l.fromType} → ${l.toType}`
    }
  }
}

/**
 * The case file use cases: cases, decisions, timeline events (calls, letters…), deadlines and tasks,
 * links, the bin and the history. Each change runs in one transaction with its trail.
 */
export class CaseService {
  private readonly repo: CaseRepository
  private readonly files: EvidenceFiles
  private readonly compute: ComputeDeadline
  private readonly reminders: ReminderRules | undefined
  readonly today: () => PlainDate
  /** Each case's event tags, with the audit entry they were read at (see `eventTags`). */
  private readonly tagsKept = new Map<string, { seq: number; tags: string[] }>()
  /** Each case's overview, with the audit entry and the day it was worked out for (see `dashboard`). */
  private readonly overviewsKept = new Map<string, { seq: number; today: string; overview: Dashboard }>()

  constructor(deps: CaseServiceDeps) {
    this.repo = deps.repo
    this.files = deps.files
    this.compute = deps.compute
    this.reminders = deps.reminders
    this.today = deps.today
  }

  /**
   * What an event's reminders need: the legal deadline a letter is sent to meet (the decision's
   * reconsideration limit, the notice's appeal limit, the final response's referral limit).
   */
  private async eventContext(
    repo: CaseRepository,
    who: Actor,
    caseId: string,
    data: EventData,
    aboutDecisionId: string | null | undefined,
  ): Promise<EventContext> {
    const base: EventContext = this.reminders ? { reminders: this.reminders } : {}
    const subject = data.letter?.subject
    if (data.type !== 'letter-sent' || !subject) return base
    const tasks = (await repo.list('task', who.ownerId, caseId)).filter((t) => t.deletedAt === null)
    const on = data.occurredOn
    let originId: string | null | undefined = null
    let kind = ''
    if (subject === 'mandatory-reconsideration' || subject === 'appeal') {
      const notice = subject === 'appeal'
      const decisions = (await repo.list('decision', who.ownerId, caseId))
        .filter((d) => (d.kind === 'mandatory-reconsideration-notice') === notice && d.letterDate <= on)
        .sort((a, b) => b.letterDate.localeCompare(a.letterDate))
      originId = aboutDecisionId ?? decisions[0]?.id
      kind = notice ? 'tribunalAppeal' : 'mandatoryReconsideration'
    } else if (subject === 'ice-referral') {
      const finals = (await repo.list('event', who.ownerId, caseId))
        .filter((e) => e.type === 'letter-received' && e.letter?.subject === 'complaint-final-response')
        .filter((e) => e.occurredOn <= on)
        .sort((a, b) => b.occurredOn.localeCompare(a.occurredOn))
      originId = finals[0]?.id
      kind = 'iceReferral'
    }
    const serves = tasks.find((t) => t.originId === originId && t.deadlineKind === kind)?.legalDeadline
    return { ...base, serves: serves ?? null }
  }

  /** Marks the open deadlines that what is now recorded has met (see `deadlinesMet`). */
  private async settleDeadlines(repo: CaseRepository, who: Actor, caseId: string): Promise<void> {
    const [decisions, events, links, tasks] = await Promise.all([
      repo.list('decision', who.ownerId, caseId),
      repo.list('event', who.ownerId, caseId),
      repo.list('link', who.ownerId, caseId),
      repo.list('task', who.ownerId, caseId),
    ])
    const today = this.today().toString()
    for (const m of deadlinesMet({ decisions, events, links, tasks, say: text })) {
      const t = tasks.find((x) => x.id === m.taskId)
      await repo.amend('task', who, caseId, m.taskId, {
        status: 'done',
        doneOn: m.doneOn > today ? today : m.doneOn,
        notes: t?.notes ? `${t.notes}\n${m.note}` : m.note,
      })
    }
  }

  // Cases

  createCase(who: Actor, input: CaseInput): Promise<CaseRecord> {
    const data = validateCase(input, this.today())
    return this.repo.transaction((repo) => repo.insert('case', who, null, data))
  }

  listCases(who: Actor, bin: BinFilter = 'live'): Promise<CaseRecord[]> {
    return this.repo.listCases(who.ownerId, bin)
  }

  async getCase(who: Actor, caseId: string): Promise<CaseRecord> {
    const c = await this.repo.get('case', who.ownerId, caseId, caseId)
    if (!c) throw new NotFound('case', caseId)
    return c
  }

  /**
   * The case and its version, in one query: the version changes with every write to the case or
   * anything in it (see CaseRepository.caseWithVersion), so what was worked out at one version may
   * be kept while it stays the same.
   */
  async caseAndVersion(who: Actor, caseId: string): Promise<{ case: CaseRecord; version: number }> {
    const found = await this.repo.caseWithVersion(who.ownerId, caseId)
    if (!found) throw new NotFound('case', caseId)
    return { case: found.record, version: found.version }
  }

  /** Only the case's version (see caseAndVersion): the cheapest question to ask on every request. */
  async caseVersion(who: Actor, caseId: string): Promise<number> {
    const version = await this.repo.caseVersion(who.ownerId, caseId)
    if (version === undefined) throw new NotFound('case', caseId)
    return version
  }

  /** A key that changes whenever any of this owner's cases changes, is added or is purged. */
  casesVersion(who: Actor): Promise<string> {
    return this.repo.casesVersion(who.ownerId)
  }

  /** Forgets the overviews and tags kept in memory (safe mode has locked). */
  forgetKept(): void {
    this.tagsKept.clear()
    this.overviewsKept.clear()
  }

  async amendCase(
    who: Actor,
    caseId: string,
    input: CaseInput,
    expectedVersion?: number,
  ): Promise<CaseRecord> {
    await this.getCase(who, caseId)
    const data = validateCase(input, this.today())
    return this.repo.transaction((repo) => repo.amend('case', who, caseId, caseId, data, expectedVersion))
  }

  // Reading

  async get<E extends Entity>(who: Actor, caseId: string, entity: E, id: string): Promise<Records[E]> {
    await this.getCase(who, caseId)
    const r = await this.repo.get(entity, who.ownerId, caseId, id)
    if (!r) throw new NotFound(entity, id)
    return r
  }

  async list<E extends Exclude<Entity, 'case'>>(
    who: Actor,
    caseId: string,
    entity: E,
    bin: BinFilter = 'live',
  ): Promise<Records[E][]> {
    await this.getCase(who, caseId)
    return this.repo.list(entity, who.ownerId, caseId, bin)
  }

  async timeline(who: Actor, caseId: string, filter: TimelineFilter = {}): Promise<EventRecord[]> {
    await this.getCase(who, caseId)
    return this.repo.timeline(who.ownerId, caseId, filter)
  }

  /** One page of the timeline (newest first) and how many events the filter matches. */
  async timelinePage(
    who: Actor,
    caseId: string,
    filter: TimelineFilter,
    page: PageRequest,
  ): Promise<{ events: EventRecord[]; matching: number }> {
    await this.getCase(who, caseId)
    const [events, matching] = await Promise.all([
      this.repo.timeline(who.ownerId, caseId, filter, page),
      this.repo.countTimeline(who.ownerId, caseId, filter),
    ])
    return { events, matching }
  }

  /** Refreshes the database's statistics of the case tables (see CaseRepository.analyze). */
  async refreshStatistics(): Promise<void> {
    try {
      await this.repo.analyze()
    } catch (error) {
      // Safe mode starts locked: nothing to analyse yet. The statistics are in the encrypted
      // snapshot with the rest of the database, so they are there again once it is unlocked.
      if (!(error instanceof SafeModeLocked)) throw error
    }
  }

  /**
   * Every tag used on the case's events, sorted. Reading them means reading every event, so they
   * are kept until the case changes (every change adds to its audit trail).
   */
  async eventTags(who: Actor, caseId: string): Promise<string[]> {
    const key = `${who.ownerId}:${caseId}`
    const seq = (await this.caseAndVersion(who, caseId)).version
    const kept = this.tagsKept.get(key)
    if (kept && kept.seq === seq) return [...kept.tags]
    const tags = await this.repo.eventTags(who.ownerId, caseId)
    if (this.tagsKept.size >= 100) this.tagsKept.clear()
    this.tagsKept.set(key, { seq, tags })
    return [...tags]
  }

  /** How many live (or binned) records of a kind the case has. */
  async count(
    who: Actor,
    caseId: string,
    entity: Exclude<Entity, 'case'>,
    bin: BinFilter = 'live',
  ): Promise<number> {
    await this.getCase(who, caseId)
    return this.repo.count(entity, who.ownerId, caseId, bin)
  }

  /** The most recently recorded `limit` events of these types (for a list of choices), oldest first. */
  async latestEvents(
    who: Actor,
    caseId: string,
    types: readonly EventType[],
    limit: number,
  ): Promise<Pick<EventRecord, 'id' | 'type' | 'occurredOn' | 'title'>[]> {
    await this.getCase(who, caseId)
    return this.repo.latestEvents(who.ownerId, caseId, types, limit)
  }

  /** The tasks (deadlines, reminders) that came from one record, in order of creation. */
  async tasksFrom(who: Actor, caseId: string, origin: Entity, originId: string): Promise<TaskRecord[]> {
    await this.getCase(who, caseId)
    const tasks = await this.repo.tasks(who.ownerId, caseId, { originIds: [originId] })
    return tasks.filter((t) => t.origin === origin)
  }

  /** The tasks ticked off, in order of creation, one page of them, and how many there are. */
  async doneTasks(
    who: Actor,
    caseId: string,
    page: PageRequest,
  ): Promise<{ tasks: TaskRecord[]; total: number }> {
    await this.getCase(who, caseId)
    const [tasks, total] = await Promise.all([
      this.repo.tasks(who.ownerId, caseId, { status: 'done' }, page),
      this.repo.countTasks(who.ownerId, caseId, { status: 'done' }),
    ])
    return { tasks, total }
  }

  /** The audit trail, newest first, one page of it, and how long it is. */
  async auditPage(
    who: Actor,
    caseId: string,
    page: PageRequest,
  ): Promise<{ entries: AuditRecord[]; total: number }> {
    await this.getCase(who, caseId)
    const [entries, total] = await Promise.all([
      this.repo.audit(who.ownerId, caseId, page),
      this.repo.countAudit(who.ownerId, caseId),
    ])
    return { entries, total }
  }

  /** Open deadlines and tasks by due date, with days left (negative when passed). */
  async deadlines(who: Actor, caseId: string): Promise<UpcomingTask[]> {
    await this.getCase(who, caseId)
    const tasks = await this.repo.tasks(who.ownerId, caseId, { status: 'open' })
    return nextDeadlines(tasks, this.today(), Number.MAX_SAFE_INTEGER)
  }

  /**
   * The overview: the next deadlines, the open challenges, the latest events and the counts. Each
   * part is asked of the database on its own (the soonest tasks, the letters that start or move a
   * challenge, counts), so the page costs the same for a case of ten entries or ten thousand.
   */
  async dashboard(who: Actor, caseId: string): Promise<Dashboard> {
    const { case: c, version: seq } = await this.caseAndVersion(who, caseId)
    const owner = who.ownerId
    // Unchanged case, same day: the same overview (every change gives the case a new version).
    const key = `${owner}:${caseId}`
    const today = this.today().toString()
    const kept = this.overviewsKept.get(key)
    if (kept && kept.seq === seq && kept.today === today) return kept.overview
    const NEXT = 6
    const [decisions, challengeLetters, nthDue, recent, events, evidence, binned] = await Promise.all([
      this.repo.list('decision', owner, caseId),
      this.repo.lettersAbout(owner, caseId, CHALLENGE_LETTERS_SENT, CHALLENGE_LETTERS_RECEIVED),
      this.repo.nthOpenDueOn(owner, caseId, NEXT),
      this.repo.timeline(owner, caseId, {}, { limit: 5, offset: 0 }),
      this.repo.count('event', owner, caseId),
      this.repo.count('evidence', owner, caseId),
      this.repo.countBinned(owner, caseId),
    ])
    // Only the tasks that can be among the next ones, and those the challenges point to.
    const notices = decisions.filter((d) => d.kind === 'mandatory-reconsideration-notice').map((d) => d.id)
    const [soonest, challengeTasks, links] = await Promise.all([
      this.repo.tasks(owner, caseId, { status: 'open', ...(nthDue ? { dueOnOrBefore: nthDue } : {}) }),
      this.repo.tasks(owner, caseId, {
        status: 'open',
        originIds: [...challengeLetters.map((e) => e.id), ...notices],
      }),
      this.repo.linksFrom(
        owner,
        caseId,
        'event',
        challengeLetters.map((e) => e.id),
        'about',
      ),
    ])
    const overview: Dashboard = {
      case: c,
      next: nextDeadlines(soonest, this.today(), NEXT),
      challenges: openChallenges({ decisions, events: challengeLetters, links, tasks: challengeTasks }),
      recent,
      decisions: [...decisions].sort((a, b) => b.letterDate.localeCompare(a.letterDate)),
      counts: {
        decisions: decisions.length,
        events,
        evidence,
        binned,
      },
    }
    if (this.overviewsKept.size >= 100) this.overviewsKept.clear()
    this.overviewsKept.set(key, { seq, today, overview })
    return overview
  }

  /** Everything linked to a record, with the other end's title. */
  async linked(who: Actor, caseId: string, entity: Entity, id: string): Promise<Linked[]> {
    const links = await this.repo.linksOf(who.ownerId, caseId, entity, id)
    const out: Linked[] = []
    for (const link of links) {
      const other =
        link.fromType === entity && link.fromId === id
          ? { type: link.toType, id: link.toId }
          : link.toType === entity && link.toId === id
            ? { type: link.fromType, id: link.fromId }
            : null
      if (!other) continue
      const r = await this.repo.get(other.type, who.ownerId, caseId, other.id)
      if (r && r.deletedAt === null) out.push({ link, ...other, title: titleOf(other.type, r) })
    }
    return out
  }

  /** What is in the bin, one page of it (the latest binned first), and how much there is. */
  async binnedPage(
    who: Actor,
    caseId: string,
    page: PageRequest,
  ): Promise<{ binned: Binned[]; total: number }> {
    await this.getCase(who, caseId)
    const [binned, total] = await Promise.all([
      this.repo.binnedPage(who.ownerId, caseId, page),
      this.repo.countBinned(who.ownerId, caseId),
    ])
    return { binned, total }
  }

  /** The case's evidence, one page of it in order of recording, and how many pieces there are. */
  async evidencePage(
    who: Actor,
    caseId: string,
    page: PageRequest,
  ): Promise<{ evidence: EvidenceRecord[]; total: number }> {
    await this.getCase(who, caseId)
    const [evidence, total] = await Promise.all([
      this.repo.evidencePage(who.ownerId, caseId, page),
      this.repo.count('evidence', who.ownerId, caseId),
    ])
    return { evidence, total }
  }

  /** The case's decisions, one page of them (the latest letter first), and how many there are. */
  async decisionsPage(
    who: Actor,
    caseId: string,
    page: PageRequest,
  ): Promise<{ decisions: DecisionRecord[]; total: number }> {
    await this.getCase(who, caseId)
    const [decisions, total] = await Promise.all([
      this.repo.decisionsPage(who.ownerId, caseId, page),
      this.repo.count('decision', who.ownerId, caseId),
    ])
    return { decisions, total }
  }

  /** Open deadlines and tasks, one page of them (soonest first, with days left), and how many. */
  async deadlinesPage(
    who: Actor,
    caseId: string,
    page: PageRequest,
  ): Promise<{ upcoming: UpcomingTask[]; total: number }> {
    await this.getCase(who, caseId)
    const [tasks, total] = await Promise.all([
      this.repo.openTasksByDue(who.ownerId, caseId, page),
      this.repo.countTasks(who.ownerId, caseId, { status: 'open' }),
    ])
    return { upcoming: nextDeadlines(tasks, this.today(), tasks.length), total }
  }

  async binned(who: Actor, caseId: string): Promise<Binned[]> {
    const out: Binned[] = []
    for (const entity of ['decision', 'event', 'evidence', 'task', 'link'] as const) {
      for (const r of await this.repo.list(entity, who.ownerId, caseId, 'binned'))
        out.push({
          entity,
          id: r.id,
          title: titleOf(entity, r),
          deletedAt: r.deletedAt!,
          deletedBy: r.deletedBy,
        })
    }
    return out.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))
  }

  /** Every version of a record, oldest first, each naming the fields that changed. */
  async history(who: Actor, caseId: string, entity: Entity, id: string): Promise<HistoryEntry[]> {
    await this.getCase(who, caseId)
    const revisions = await this.repo.revisions(who.ownerId, caseId, entity, id)
    return revisions.map((r, i) => ({
      ...r,
      changed: i === 0 ? [] : changedFields(revisions[i - 1]!.data, r.data),
    }))
  }

  async audit(who: Actor, caseId: string): Promise<AuditRecord[]> {
    await this.getCase(who, caseId)
    return this.repo.audit(who.ownerId, caseId)
  }

  // Decisions

  async addDecision(who: Actor, caseId: string, input: DecisionForm): Promise<WithTasks<DecisionRecord>> {
    const c = await this.getCase(who, caseId)
    const data = validateDecision(input, this.today())
    return this.repo.transaction(async (repo) => {
      const record = await repo.insert('decision', who, caseId, data)
      await this.setEvidenceLink(
        repo,
        who,
        caseId,
        'decision',
        record.id,
        'letter',
        input.letterEvidenceId,
        'letterEvidenceId',
      )
      const generated = tasksForDecision(record.id, data, c.nation, this.compute, text)
      const tasks = await this.syncTasks(repo, who, caseId, 'decision', record.id, generated.tasks)
      await this.settleDeadlines(repo, who, caseId)
      return { record, tasks, gaps: generated.gaps }
    })
  }

  async amendDecision(
    who: Actor,
    caseId: string,
    id: string,
    input: DecisionForm,
    expectedVersion?: number,
  ): Promise<WithTasks<DecisionRecord>> {
    const c = await this.getCase(who, caseId)
    await this.get(who, caseId, 'decision', id)
    const data = validateDecision(input, this.today())
    return this.repo.transaction(async (repo) => {
      const record = await repo.amend('decision', who, caseId, id, data, expectedVersion)
      if (input.letterEvidenceId !== undefined)
        await this.setEvidenceLink(
          repo,
          who,
          caseId,
          'decision',
          id,
          'letter',
          input.letterEvidenceId,
          'letterEvidenceId',
        )
      const generated = tasksForDecision(id, data, c.nation, this.compute, text)
      const tasks = await this.syncTasks(repo, who, caseId, 'decision', id, generated.tasks)
      await this.settleDeadlines(repo, who, caseId)
      return { record, tasks, gaps: generated.gaps }
    })
  }

  // Timeline events

  async addEvent(who: Actor, caseId: string, input: EventForm): Promise<WithTasks<EventRecord>> {
    const c = await this.getCase(who, caseId)
    const data = validateEvent(input, this.today())
    await this.checkEventLinks(who, caseId, input, data.type)
    return this.repo.transaction(async (repo) => {
      const record = await repo.insert('event', who, caseId, data)
      await this.writeEventLinks(repo, who, caseId, record.id, input)
      const context = await this.eventContext(repo, who, caseId, data, input.aboutDecisionId)
      const generated = tasksForEvent(record.id, data, c.nation, this.compute, text, context)
      const tasks = await this.syncTasks(repo, who, caseId, 'event', record.id, generated.tasks)
      await this.settleDeadlines(repo, who, caseId)
      return { record, tasks, gaps: generated.gaps }
    })
  }

  async amendEvent(
    who: Actor,
    caseId: string,
    id: string,
    input: EventForm,
    expectedVersion?: number,
  ): Promise<WithTasks<EventRecord>> {
    const c = await this.getCase(who, caseId)
    await this.get(who, caseId, 'event', id)
    const data = validateEvent(input, this.today())
    await this.checkEventLinks(who, caseId, input, data.type)
    return this.repo.transaction(async (repo) => {
      const record = await repo.amend('event', who, caseId, id, data, expectedVersion)
      await this.writeEventLinks(repo, who, caseId, id, input)
      const context = await this.eventContext(repo, who, caseId, data, input.aboutDecisionId)
      const generated = tasksForEvent(id, data, c.nation, this.compute, text, context)
      const tasks = await this.syncTasks(repo, who, caseId, 'event', id, generated.tasks)
      await this.settleDeadlines(repo, who, caseId)
      return { record, tasks, gaps: generated.gaps }
    })
  }

  private async checkEventLinks(who: Actor, caseId: string, input: EventForm, type: string): Promise<void> {
    const problems: { field: string; problem: Message }[] = []
    const check = async (
      field: string,
      entity: Entity,
      id: string | null | undefined,
      what: 'aDecision' | 'aPhoneCall' | 'aPieceOfEvidence',
      extra?: (r: Records[Entity]) => boolean,
    ) => {
      if (!id) return
      const r = await this.repo.get(entity, who.ownerId, caseId, id)
      if (!r || r.deletedAt !== null || (extra && !extra(r)))
        problems.push({
          field,
          problem: message('platform.caseFile.chooseRecord', { what: message(`platform.caseFile.${what}`) }),
        })
    }
    await check('aboutDecisionId', 'decision', input.aboutDecisionId, 'aDecision')
    await check(
      'confirmsCallId',
      'event',
      input.confirmsCallId,
      'aPhoneCall',
      (r) => (r as EventRecord).type === 'call',
    )
    await check('proofEvidenceId', 'evidence', input.proofEvidenceId, 'aPieceOfEvidence')
    await check('deliveryEvidenceId', 'evidence', input.deliveryEvidenceId, 'aPieceOfEvidence')
    if (input.confirmsCallId && type !== 'letter-sent')
      problems.push({ field: 'confirmsCallId', problem: message('platform.caseFile.onlyLetterConfirmsCall') })
    if (problems.length > 0) throw new CaseInputError(problems)
  }

  private async writeEventLinks(
    repo: CaseRepository,
    who: Actor,
    caseId: string,
    eventId: string,
    input: EventForm,
  ): Promise<void> {
    if (input.aboutDecisionId !== undefined)
      await this.setLink(
        repo,
        who,
        caseId,
        { type: 'event', id: eventId },
        'about',
        'decision',
        input.aboutDecisionId,
      )
    if (input.confirmsCallId !== undefined)
      await this.setLink(
        repo,
        who,
        caseId,
        { type: 'event', id: eventId },
        'confirms',
        'event',
        input.confirmsCallId,
      )
    await this.setEvidenceLink(
      repo,
      who,
      caseId,
      'event',
      eventId,
      'proof-of-postage',
      input.proofEvidenceId,
      'proofEvidenceId',
    )
    await this.setEvidenceLink(
      repo,
      who,
      caseId,
      'event',
      eventId,
      'delivery-confirmation',
      input.deliveryEvidenceId,
      'deliveryEvidenceId',
    )
  }

  /** Makes `from` have exactly one live `role` link to `toId` (or none when null); undefined leaves it alone. */
  private async setLink(
    repo: CaseRepository,
    who: Actor,
    caseId: string,
    from: { type: Entity; id: string },
    role: LinkRole,
    toType: Entity,
    toId: string | null | undefined,
  ): Promise<void> {
    if (toId === undefined) return
    const existing = (await repo.list('link', who.ownerId, caseId)).filter(
      (l) => l.fromType === from.type && l.fromId === from.id && l.role === role && l.toType === toType,
    )
    for (const l of existing) if (l.toId !== toId) await repo.bin('link', who, caseId, l.id)
    if (toId && !existing.some((l) => l.toId === toId))
      await repo.insert('link', who, caseId, { fromType: from.type, fromId: from.id, toType, toId, role })
  }

  /** Evidence links point from the evidence to what it shows: one per role for `to`. */
  private async setEvidenceLink(
    repo: CaseRepository,
    who: Actor,
    caseId: string,
    toType: Entity,
    toId: string,
    role: LinkRole,
    evidenceId: string | null | undefined,
    field: string,
  ): Promise<void> {
    if (evidenceId === undefined) return
    if (evidenceId) {
      const e = await repo.get('evidence', who.ownerId, caseId, evidenceId)
      if (!e || e.deletedAt !== null)
        throw new CaseInputError([{ field, problem: message('platform.caseFile.chooseEvidence') }])
    }
    const existing = (await repo.list('link', who.ownerId, caseId)).filter(
      (l) => l.toType === toType && l.toId === toId && l.role === role && l.fromType === 'evidence',
    )
    for (const l of existing) if (l.fromId !== evidenceId) await repo.bin('link', who, caseId, l.id)
    if (evidenceId && !existing.some((l) => l.fromId === evidenceId))
      await repo.insert('link', who, caseId, { fromType: 'evidence', fromId: evidenceId, toType, toId, role })
  }

  /**
   * Brings the tasks generated from one decision or event in line with `drafts`: changed dates are
   * amendments (the old dates stay in the history), new ones are added, ones that no longer apply
   * go to the bin. A task the user has marked done stays done.
   */
  private async syncTasks(
    repo: CaseRepository,
    who: Actor,
    caseId: string,
    origin: 'decision' | 'event',
    originId: string,
    drafts: readonly TaskDraft[],
  ): Promise<TaskRecord[]> {
    const mine = (await repo.list('task', who.ownerId, caseId, 'all')).filter(
      (t) => t.origin === origin && t.originId === originId,
    )
    const out: TaskRecord[] = []
    const used = new Set<string>()
    for (const draft of drafts) {
      const key = draftKey(draft)
      const match =
        mine.find((t) => draftKey(t) === key && t.deletedAt === null) ?? mine.find((t) => draftKey(t) === key)
      if (match) {
        used.add(match.id)
        if (match.deletedAt !== null) await repo.restore('task', who, caseId, match.id)
        out.push(await repo.amend('task', who, caseId, match.id, { ...draft }))
      } else {
        out.push(
          await repo.insert('task', who, caseId, { ...draft, status: 'open', doneOn: null, notes: null }),
        )
      }
    }
    for (const t of mine)
      if (!used.has(t.id) && t.deletedAt === null) await repo.bin('task', who, caseId, t.id)
    return out
  }

  // Tasks added by hand

  async addTask(who: Actor, caseId: string, input: TaskInput): Promise<TaskRecord> {
    await this.getCase(who, caseId)
    const data = validateTask(input, this.today())
    return this.repo.transaction((repo) =>
      repo.insert('task', who, caseId, {
        ...data,
        origin: 'manual',
        originId: null,
        deadlineKind: null,
        legalDeadline: null,
        outerLimit: null,
        nature: 'task',
        ruleId: null,
        explanation: null,
      }),
    )
  }

  async amendTask(
    who: Actor,
    caseId: string,
    id: string,
    input: TaskInput,
    expectedVersion?: number,
  ): Promise<TaskRecord> {
    const current = await this.get(who, caseId, 'task', id)
    const data = validateTask(
      { title: current.title, dueOn: current.dueOn, notes: current.notes, ...input },
      this.today(),
    )
    // A generated deadline keeps its engine date: only its status and notes change by hand.
    const change =
      current.origin === 'manual' ? data : { notes: data.notes, status: data.status, doneOn: data.doneOn }
    return this.repo.transaction((repo) => repo.amend('task', who, caseId, id, change, expectedVersion))
  }

  async setTaskDone(who: Actor, caseId: string, id: string, done: boolean): Promise<TaskRecord> {
    await this.get(who, caseId, 'task', id)
    const change = done
      ? { status: 'done' as const, doneOn: this.today().toString() }
      : { status: 'open' as const, doneOn: null }
    return this.repo.transaction((repo) => repo.amend('task', who, caseId, id, change))
  }

  // Links

  async link(
    who: Actor,
    caseId: string,
    evidenceId: string,
    toType: 'decision' | 'event',
    toId: string,
  ): Promise<LinkRecord> {
    await this.get(who, caseId, 'evidence', evidenceId)
    const target = await this.repo.get(toType, who.ownerId, caseId, toId)
    if (!target || target.deletedAt !== null)
      throw new CaseInputError([{ field: 'target', problem: message('platform.caseFile.chooseLink') }])
    return this.repo.transaction(async (repo) => {
      const existing = (await repo.list('link', who.ownerId, caseId)).find(
        (l) => l.fromType === 'evidence' && l.fromId === evidenceId && l.toType === toType && l.toId === toId,
      )
      return (
        existing ??
        repo.insert('link', who, caseId, {
          fromType: 'evidence',
          fromId: evidenceId,
          toType,
          toId,
          role: 'evidence',
        })
      )
    })
  }

  // The bin

  async bin(who: Actor, caseId: string, entity: Entity, id: string): Promise<void> {
    await this.get(who, caseId, entity, id)
    await this.repo.transaction(async (repo) => {
      await repo.bin(entity, who, caseId, id)
      if (entity === 'decision' || entity === 'event')
        for (const t of await repo.list('task', who.ownerId, caseId))
          if (t.origin === entity && t.originId === id) await repo.bin('task', who, caseId, t.id)
    })
  }

  async restore(who: Actor, caseId: string, entity: Entity, id: string): Promise<void> {
    const r = await this.get(who, caseId, entity, id)
    const c = await this.getCase(who, caseId)
    await this.repo.transaction(async (repo) => {
      await repo.restore(entity, who, caseId, id)
      if (entity === 'decision') {
        const g = tasksForDecision(id, r as DecisionRecord, c.nation, this.compute, text)
        await this.syncTasks(repo, who, caseId, 'decision', id, g.tasks)
      }
      if (entity === 'event') {
        const context = await this.eventContext(repo, who, caseId, r as EventRecord, null)
        const g = tasksForEvent(id, r as EventRecord, c.nation, this.compute, text, context)
        await this.syncTasks(repo, who, caseId, 'event', id, g.tasks)
      }
      await this.settleDeadlines(repo, who, caseId)
    })
  }

  /** Removes something from the bin for good (a case: everything in it). Evidence files no row uses any more are deleted after. */
  async purge(who: Actor, caseId: string, entity: Entity, id: string): Promise<void> {
    const r = await this.get(who, caseId, entity, id)
    const hashes: string[] = []
    if (entity === 'evidence') hashes.push((r as EvidenceRecord).sha256)
    if (entity === 'case')
      for (const e of await this.repo.list('evidence', who.ownerId, caseId, 'all')) hashes.push(e.sha256)
    await this.repo.transaction(async (repo) => {
      if (entity === 'decision' || entity === 'event') {
        for (const t of await repo.list('task', who.ownerId, caseId, 'all')) {
          if (t.origin !== entity || t.originId !== id) continue
          if (t.deletedAt === null) await repo.bin('task', who, caseId, t.id)
          await repo.purge('task', who, caseId, t.id)
        }
      }
      await repo.purge(entity, who, caseId, id)
    })
    // After the commit: a crash here leaves only an unused file, which the start-up sweep removes.
    for (const sha of new Set(hashes))
      if ((await this.repo.evidenceUsing(sha)) === 0) await this.files.remove(sha)
  }
}
