import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import { exportArrearsRows, importArrearsRows, type ArrearsRows } from './arrears.repository.ts'
import type { Db } from './db.ts'
import {
  caseAudit,
  caseDecisions,
  caseEvents,
  caseEvidence,
  caseLinks,
  caseRevisions,
  caseTasks,
  cases,
  evidenceMupdfText,
  evidencePages,
} from './schema.ts'
import { NotFound, StaleVersion } from '../domain/case/errors.ts'
import { changedFields } from '../domain/case/chronology.ts'
import { text } from '../copy/translate.ts'
import type {
  Actor,
  AuditAction,
  AuditRecord,
  CaseData,
  CaseRecord,
  DecisionData,
  DecisionRecord,
  Entity,
  EventData,
  EventRecord,
  EventType,
  EvidenceData,
  EvidenceRecord,
  LinkData,
  LinkRecord,
  RevisionChange,
  RevisionRecord,
  TaskData,
  TaskRecord,
} from '../domain/case/types.ts'

/** The record and the editable data of each kind of entity. */
export interface Records {
  case: CaseRecord
  decision: DecisionRecord
  event: EventRecord
  evidence: EvidenceRecord
  task: TaskRecord
  link: LinkRecord
}
export interface Data {
  case: CaseData
  decision: DecisionData
  event: EventData
  evidence: EvidenceData
  task: TaskData
  link: LinkData
}

/** Which rows to list: those in use, those in the bin, or both. */
export type BinFilter = 'live' | 'binned' | 'all'

export interface TimelineFilter {
  readonly types?: readonly EventType[]
  readonly from?: string
  readonly to?: string
  readonly tag?: string
  readonly text?: string
}

/** A page of rows: at most `limit`, after skipping `offset`. */
export interface PageRequest {
  readonly limit: number
  readonly offset: number
}

/** An event as a list to choose from shows it. */
export type EventChoice = Pick<EventRecord, 'id' | 'type' | 'occurredOn' | 'title'>
/** A piece of evidence as a list to choose from shows it. */
export type EvidenceChoice = Pick<EvidenceRecord, 'id' | 'title'>

/** A record in the bin, as its list shows it. */
export interface BinnedRow {
  readonly entity: Exclude<Entity, 'case'>
  readonly id: string
  readonly title: string
  readonly deletedAt: string
  readonly deletedBy: string | null
}

/** Which tasks to list (live ones only), in order of creation. */
export interface TaskQuery {
  readonly status?: 'open' | 'done'
  /** Tasks that came from one of these records. */
  readonly originIds?: readonly string[]
  /** Tasks due on or before this day (ISO). */
  readonly dueOnOrBefore?: string
}

/** Every row of one case, as plain JSON-able records: what an export holds and an import restores. */
export interface CaseRows {
  readonly case: CaseRecord
  readonly decisions: readonly DecisionRecord[]
  readonly events: readonly EventRecord[]
  readonly evidence: readonly EvidenceRecord[]
  readonly tasks: readonly TaskRecord[]
  readonly links: readonly LinkRecord[]
  readonly revisions: readonly RevisionRecord[]
  readonly audit: readonly AuditRecord[]
  /** The case's arrears checks (issue 13); archives from before then have none. */
  readonly arrears?: ArrearsRows
}

/**
 * The case file's storage. Every write keeps the trail: a new version goes into case_revisions and
 * an entry into case_audit, in the same transaction as the change. Nothing is deleted except by
 * `purge`, which only works on something already in the bin.
 */
export interface CaseRepository {
  /** Runs `fn` in one transaction: everything it writes is kept, or nothing is. */
  transaction<T>(fn: (repo: CaseRepository) => Promise<T>): Promise<T>
  listCases(ownerId: string, bin?: BinFilter): Promise<CaseRecord[]>
  /** Whether any owner has a case with this id (ids are unique across the whole database). */
  caseIdTaken(caseId: string): Promise<boolean>
  get<E extends Entity>(
    entity: E,
    ownerId: string,
    caseId: string,
    id: string,
  ): Promise<Records[E] | undefined>
  list<E extends Exclude<Entity, 'case'>>(
    entity: E,
    ownerId: string,
    caseId: string,
    bin?: BinFilter,
  ): Promise<Records[E][]>
  insert<E extends Entity>(
    entity: E,
    who: Actor,
    caseId: string | null,
    data: Data[E],
    id?: string,
  ): Promise<Records[E]>
  amend<E extends Entity>(
    entity: E,
    who: Actor,
    caseId: string,
    id: string,
    data: Partial<Data[E]>,
    expectedVersion?: number,
  ): Promise<Records[E]>
  bin<E extends Entity>(entity: E, who: Actor, caseId: string, id: string): Promise<Records[E]>
  restore<E extends Entity>(entity: E, who: Actor, caseId: string, id: string): Promise<Records[E]>
  /** Removes something from the bin for good, with its versions and the links to it; the audit trail keeps that it happened. */
  purge(entity: Entity, who: Actor, caseId: string, id: string): Promise<void>
  /** Events, newest first; a page of them when `page` is given. */
  timeline(
    ownerId: string,
    caseId: string,
    filter: TimelineFilter,
    page?: PageRequest,
  ): Promise<EventRecord[]>
  /** How many events the filter matches. */
  countTimeline(ownerId: string, caseId: string, filter: TimelineFilter): Promise<number>
  /** How many rows of a kind the case has. */
  count(entity: Exclude<Entity, 'case'>, ownerId: string, caseId: string, bin?: BinFilter): Promise<number>
  /** Every tag on the case's events in use, sorted, once each. */
  eventTags(ownerId: string, caseId: string): Promise<string[]>
  /**
   * Live events of these types, the most recently recorded `limit` of them, in order of recording:
   * only what a list to choose from shows.
   */
  latestEvents(
    ownerId: string,
    caseId: string,
    types: readonly EventType[],
    limit: number,
  ): Promise<EventChoice[]>
  /** Live letters (sent or received) with one of these subjects, in order of recording. */
  lettersAbout(
    ownerId: string,
    caseId: string,
    sent: readonly string[],
    received: readonly string[],
  ): Promise<EventRecord[]>
  /** Live tasks matching the query, in order of creation; a page of them when `page` is given. */
  tasks(ownerId: string, caseId: string, query: TaskQuery, page?: PageRequest): Promise<TaskRecord[]>
  countTasks(ownerId: string, caseId: string, query: TaskQuery): Promise<number>
  /** The due date of the `n`th open task by due date (1 = the soonest), or null when there are fewer. */
  nthOpenDueOn(ownerId: string, caseId: string, n: number): Promise<string | null>
  /** Live links from or to one record, in order of creation. */
  linksOf(ownerId: string, caseId: string, entity: Entity, id: string): Promise<LinkRecord[]>
  /** Live links of one role from any of these records. */
  linksFrom(
    ownerId: string,
    caseId: string,
    fromType: Entity,
    fromIds: readonly string[],
    role: string,
  ): Promise<LinkRecord[]>
  revisions(ownerId: string, caseId: string, entity?: Entity, entityId?: string): Promise<RevisionRecord[]>
  /** The audit trail, oldest first; a page of it, newest first, when `page` is given. */
  audit(ownerId: string, caseId: string, page?: PageRequest): Promise<AuditRecord[]>
  countAudit(ownerId: string, caseId: string): Promise<number>
  /** The number of the case's latest audit entry: it changes whenever anything in the case does. */
  latestAuditSeq(ownerId: string, caseId: string): Promise<number>
  /**
   * The case and its version: a number set afresh, in the same transaction, by every write to the
   * case or anything in it (and never given to another write), so a page worked out at one version
   * is still right while the version is the same. Read it before the rest of a page: what is read
   * after it is never older than it.
   */
  caseWithVersion(
    ownerId: string,
    caseId: string,
  ): Promise<{ record: CaseRecord; version: number } | undefined>
  /** Live evidence, a page of it, in order of recording. */
  evidencePage(ownerId: string, caseId: string, page: PageRequest): Promise<EvidenceRecord[]>
  /** The `limit` pieces of live evidence recorded last, in order of recording (what a list to choose from shows). */
  latestEvidence(ownerId: string, caseId: string, limit: number): Promise<EvidenceChoice[]>
  /** Live decisions, a page of them, the latest letter first. */
  decisionsPage(ownerId: string, caseId: string, page: PageRequest): Promise<DecisionRecord[]>
  /** Open tasks, a page of them, the soonest due first (then by title). */
  openTasksByDue(ownerId: string, caseId: string, page: PageRequest): Promise<TaskRecord[]>
  /** What is in the bin (every kind of record), a page of it, the latest binned first. */
  binnedPage(ownerId: string, caseId: string, page: PageRequest): Promise<BinnedRow[]>
  /** How many records of every kind are in the bin. */
  countBinned(ownerId: string, caseId: string): Promise<number>
  /** Only the case's version (see caseWithVersion), or undefined when there is no such case. */
  caseVersion(ownerId: string, caseId: string): Promise<number | undefined>
  /** A key that changes whenever any of the owner's cases (live or binned) changes, is added or purged. */
  casesVersion(ownerId: string): Promise<string>
  record(
    who: Actor,
    caseId: string,
    action: AuditAction,
    entity: Entity,
    entityId: string,
    summary: string,
  ): Promise<void>
  /** How many evidence rows (in any case, any owner, binned or not) use this file. */
  evidenceUsing(sha256: string): Promise<number>
  /** Every file hash some evidence row uses. */
  allEvidenceHashes(): Promise<Set<string>>
  exportRows(ownerId: string, caseId: string): Promise<CaseRows>
  /** Writes an exported case's rows as they were (ids, versions, history), for `ownerId`. */
  importRows(ownerId: string, rows: CaseRows): Promise<void>
  /**
   * Refreshes the planner's statistics of the case tables. PGlite has no background worker to do
   * it, and without them a large case's pages are sorted in full rather than read from an index.
   */
  analyze(): Promise<void>
}

const TABLES = {
  case: cases,
  decision: caseDecisions,
  event: caseEvents,
  evidence: caseEvidence,
  task: caseTasks,
  link: caseLinks,
} as const

/** The columns every versioned table shares (the case table has no case_id: it is its own case). */
type AnyTable = typeof caseDecisions
const table = (entity: Entity): AnyTable => TABLES[entity] as unknown as AnyTable

const TIMESTAMPS = new Set(['createdAt', 'updatedAt', 'deletedAt', 'recordedAt', 'at'])

/**
 * What the case's history says of a change (`platform.history.*` in platform.json). The summary is
 * stored as it is written, in English (the only language so far).
 */
const historyText = (key: string, params: Readonly<Record<string, string>> = {}): string =>
  text(`platform.history.${key}`, params)

/** A drizzle row as a record: instants as ISO text, no owner (the caller already knows it). */
function toRecord<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) {
    if (k === 'ownerId' || k === 'seq' || k === 'changeSeq') continue
    out[k] = v instanceof Date ? v.toISOString() : v
  }
  return out as T
}

/** A record as a row to insert, for `ownerId`. */
function toRow(ownerId: string, record: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ownerId }
  for (const [k, v] of Object.entries(record))
    out[k] = TIMESTAMPS.has(k) && typeof v === 'string' ? new Date(v) : v
  return out
}

const CHANGE_ACTION: Record<RevisionChange, AuditAction> = {
  created: 'create',
  amended: 'amend',
  binned: 'bin',
  restored: 'restore',
}

export class DrizzleCaseRepository implements CaseRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
    /** In a transaction: the cases whose version this transaction has already set. */
    private readonly touched: Set<string> | null = null,
  ) {}

  transaction<T>(fn: (repo: CaseRepository) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn(new DrizzleCaseRepository(tx as unknown as Db, this.clock, new Set())),
    )
  }

  /** Gives the case a new version (see caseWithVersion): once a transaction, with its first write. */
  private async touch(caseId: string): Promise<void> {
    if (this.touched?.has(caseId)) return
    await this.db.execute(
      sql`update cases set change_seq = nextval('cases_change_seq_seq') where id = ${caseId}`,
    )
    this.touched?.add(caseId)
  }

  private scope(entity: Entity, ownerId: string, caseId: string | null): SQL {
    const t = table(entity)
    const owner = eq(t.ownerId, ownerId)
    if (entity === 'case') return caseId === null ? owner : and(owner, eq(t.id, caseId))!
    return and(owner, eq(t.caseId, caseId ?? ''))!
  }

  private binFilter(entity: Entity, bin: BinFilter): SQL | undefined {
    const t = table(entity)
    return bin === 'live' ? isNull(t.deletedAt) : bin === 'binned' ? isNotNull(t.deletedAt) : undefined
  }

  async caseIdTaken(caseId: string): Promise<boolean> {
    const rows = await this.db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).limit(1)
    return rows.length > 0
  }

  async listCases(ownerId: string, bin: BinFilter = 'live'): Promise<CaseRecord[]> {
    const rows = await this.db
      .select()
      .from(cases)
      .where(and(eq(cases.ownerId, ownerId), this.binFilter('case', bin)))
      .orderBy(desc(cases.updatedAt))
    return rows.map((r) => toRecord<CaseRecord>(r))
  }

  async get<E extends Entity>(
    entity: E,
    ownerId: string,
    caseId: string,
    id: string,
  ): Promise<Records[E] | undefined> {
    const t = table(entity)
    const rows = await this.db
      .select()
      .from(t)
      .where(and(this.scope(entity, ownerId, caseId), eq(t.id, id)))
    return rows[0] ? toRecord<Records[E]>(rows[0]) : undefined
  }

  async list<E extends Exclude<Entity, 'case'>>(
    entity: E,
    ownerId: string,
    caseId: string,
    bin: BinFilter = 'live',
  ): Promise<Records[E][]> {
    const t = table(entity)
    const rows = await this.db
      .select()
      .from(t)
      .where(and(this.scope(entity, ownerId, caseId), this.binFilter(entity, bin)))
      .orderBy(asc(t.createdAt), asc(t.id))
    return rows.map((r) => toRecord<Records[E]>(r))
  }

  private async mustGet<E extends Entity>(
    entity: E,
    ownerId: string,
    caseId: string,
    id: string,
  ): Promise<Records[E]> {
    const found = await this.get(entity, ownerId, caseId, id)
    if (!found) throw new NotFound(entity, id)
    return found
  }

  private async keep(
    who: Actor,
    entity: Entity,
    record: Records[Entity],
    caseId: string,
    change: RevisionChange,
    summary: string,
  ): Promise<void> {
    const at = new Date(record.updatedAt)
    await this.db.insert(caseRevisions).values({
      id: randomUUID(),
      ownerId: who.ownerId,
      caseId,
      entity,
      entityId: record.id,
      version: record.version,
      change,
      data: record as unknown as Record<string, unknown>,
      recordedAt: at,
      recordedBy: who.name,
    })
    await this.db.insert(caseAudit).values({
      id: randomUUID(),
      ownerId: who.ownerId,
      caseId,
      at,
      actor: who.name,
      action: CHANGE_ACTION[change],
      entity,
      entityId: record.id,
      version: record.version,
      summary,
    })
    await this.touch(caseId)
  }

  async insert<E extends Entity>(
    entity: E,
    who: Actor,
    caseId: string | null,
    data: Data[E],
    id: string = randomUUID(),
  ): Promise<Records[E]> {
    const now = this.clock()
    const row = {
      ...data,
      id,
      ownerId: who.ownerId,
      ...(entity === 'case' ? {} : { caseId }),
      version: 1,
      createdAt: now,
      createdBy: who.name,
      updatedAt: now,
      updatedBy: who.name,
      deletedAt: null,
      deletedBy: null,
    }
    const [inserted] = await this.db
      .insert(table(entity))
      .values(row as never)
      .returning()
    const record = toRecord<Records[E]>(inserted!)
    await this.keep(who, entity, record, caseId ?? id, 'created', historyText('created', { entity }))
    return record
  }

  private async write<E extends Entity>(
    entity: E,
    who: Actor,
    caseId: string,
    current: Records[E],
    set: Record<string, unknown>,
    change: RevisionChange,
    summary: string,
  ): Promise<Records[E]> {
    const t = table(entity)
    const now = this.clock()
    const updated = await this.db
      .update(t)
      .set({ ...set, version: current.version + 1, updatedAt: now, updatedBy: who.name } as never)
      .where(
        and(this.scope(entity, who.ownerId, caseId), eq(t.id, current.id), eq(t.version, current.version)),
      )
      .returning()
    if (!updated[0]) throw new StaleVersion(entity, current.id)
    const record = toRecord<Records[E]>(updated[0])
    await this.keep(who, entity, record, caseId, change, summary)
    return record
  }

  async amend<E extends Entity>(
    entity: E,
    who: Actor,
    caseId: string,
    id: string,
    data: Partial<Data[E]>,
    expectedVersion?: number,
  ): Promise<Records[E]> {
    const current = await this.mustGet(entity, who.ownerId, caseId, id)
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw new StaleVersion(entity, id)
    const after = { ...current, ...data }
    const fields = changedFields(
      current as unknown as Record<string, unknown>,
      after as Record<string, unknown>,
    )
    if (fields.length === 0) return current
    return this.write(
      entity,
      who,
      caseId,
      current,
      data as Record<string, unknown>,
      'amended',
      historyText('amended', { entity, fields: fields.join(', ') }),
    )
  }

  async bin<E extends Entity>(entity: E, who: Actor, caseId: string, id: string): Promise<Records[E]> {
    const current = await this.mustGet(entity, who.ownerId, caseId, id)
    if (current.deletedAt !== null) return current
    return this.write(
      entity,
      who,
      caseId,
      current,
      { deletedAt: this.clock(), deletedBy: who.name },
      'binned',
      historyText('binned', { entity }),
    )
  }

  async restore<E extends Entity>(entity: E, who: Actor, caseId: string, id: string): Promise<Records[E]> {
    const current = await this.mustGet(entity, who.ownerId, caseId, id)
    if (current.deletedAt === null) return current
    return this.write(
      entity,
      who,
      caseId,
      current,
      { deletedAt: null, deletedBy: null },
      'restored',
      historyText('restored', { entity }),
    )
  }

  async purge(entity: Entity, who: Actor, caseId: string, id: string): Promise<void> {
    const current = await this.mustGet(entity, who.ownerId, caseId, id)
    if (current.deletedAt === null) throw new NotFound(historyText('inTheBin', { entity }), id) // only what is in the bin can be purged
    if (entity === 'case') {
      for (const e of ['link', 'task', 'evidence', 'event', 'decision'] as const) {
        const t = table(e)
        await this.db.delete(t).where(this.scope(e, who.ownerId, id))
      }
      await this.db
        .delete(caseRevisions)
        .where(and(eq(caseRevisions.ownerId, who.ownerId), eq(caseRevisions.caseId, id)))
      // The text read from its files goes with them (it may hold an address), and so does its
      // history: a case removed for good leaves nothing behind, and its archive imports again.
      await this.db
        .delete(evidencePages)
        .where(and(eq(evidencePages.ownerId, who.ownerId), eq(evidencePages.caseId, id)))
      await this.db
        .delete(evidenceMupdfText)
        .where(and(eq(evidenceMupdfText.ownerId, who.ownerId), eq(evidenceMupdfText.caseId, id)))
      await this.db.delete(caseAudit).where(and(eq(caseAudit.ownerId, who.ownerId), eq(caseAudit.caseId, id)))
      await this.db.delete(cases).where(this.scope('case', who.ownerId, id))
      return
    } else {
      const links = await this.db
        .select({ id: caseLinks.id })
        .from(caseLinks)
        .where(
          and(
            this.scope('link', who.ownerId, caseId),
            or(
              and(eq(caseLinks.fromType, entity), eq(caseLinks.fromId, id)),
              and(eq(caseLinks.toType, entity), eq(caseLinks.toId, id)),
            ),
          ),
        )
      const linkIds = links.map((l) => l.id)
      if (linkIds.length > 0) {
        await this.db
          .delete(caseRevisions)
          .where(and(eq(caseRevisions.entity, 'link'), inArray(caseRevisions.entityId, linkIds)))
        await this.db.delete(caseLinks).where(inArray(caseLinks.id, linkIds))
        for (const linkId of linkIds)
          await this.record(who, caseId, 'purge', 'link', linkId, historyText('linkPurged'))
      }
      await this.db
        .delete(caseRevisions)
        .where(and(eq(caseRevisions.entity, entity), eq(caseRevisions.entityId, id)))
      if (entity === 'evidence') {
        await this.db
          .delete(evidencePages)
          .where(and(eq(evidencePages.ownerId, who.ownerId), eq(evidencePages.evidenceId, id)))
        await this.db
          .delete(evidenceMupdfText)
          .where(and(eq(evidenceMupdfText.ownerId, who.ownerId), eq(evidenceMupdfText.evidenceId, id)))
      }
      const t = table(entity)
      await this.db.delete(t).where(and(this.scope(entity, who.ownerId, caseId), eq(t.id, id)))
    }
    await this.record(who, caseId, 'purge', entity, id, historyText('purged', { entity }))
  }

  async record(
    who: Actor,
    caseId: string,
    action: AuditAction,
    entity: Entity,
    entityId: string,
    summary: string,
  ): Promise<void> {
    await this.db.insert(caseAudit).values({
      id: randomUUID(),
      ownerId: who.ownerId,
      caseId,
      at: this.clock(),
      actor: who.name,
      action,
      entity,
      entityId,
      version: null,
      summary,
    })
    await this.touch(caseId)
  }

  private timelineWhere(ownerId: string, caseId: string, filter: TimelineFilter): SQL {
    const t = caseEvents
    const conditions: (SQL | undefined)[] = [this.scope('event', ownerId, caseId), isNull(t.deletedAt)]
    if (filter.types && filter.types.length > 0) conditions.push(inArray(t.type, [...filter.types]))
    if (filter.from) conditions.push(gte(t.occurredOn, filter.from))
    if (filter.to) conditions.push(lte(t.occurredOn, filter.to))
    if (filter.tag) conditions.push(sql`${filter.tag} = any(${t.tags})`)
    if (filter.text) {
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      conditions.push(
        or(
          sql`${t.title} ilike ${like}`,
          sql`coalesce(${t.details}, '') ilike ${like}`,
          sql`coalesce(${t.call}::text, '') ilike ${like}`,
          sql`coalesce(${t.letter}::text, '') ilike ${like}`,
          sql`array_to_string(${t.tags}, ' ') ilike ${like}`,
        ),
      )
    }
    return and(...conditions)!
  }

  async timeline(
    ownerId: string,
    caseId: string,
    filter: TimelineFilter,
    page?: PageRequest,
  ): Promise<EventRecord[]> {
    const t = caseEvents
    const query = this.db
      .select()
      .from(t)
      .where(this.timelineWhere(ownerId, caseId, filter))
      // The order of case_events_timeline_idx, nulls placement included, so a page is read from it.
      .orderBy(
        sql`${t.occurredOn} desc nulls last`,
        sql`${t.occurredTime} desc nulls last`,
        sql`${t.createdAt} desc nulls last`,
        sql`${t.id} desc nulls last`,
      )
    const rows = page ? await query.limit(page.limit).offset(page.offset) : await query
    return rows.map((r) => toRecord<EventRecord>(r))
  }

  async countTimeline(ownerId: string, caseId: string, filter: TimelineFilter): Promise<number> {
    const rows = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseEvents)
      .where(this.timelineWhere(ownerId, caseId, filter))
    return Number(rows[0]?.n ?? 0)
  }

  async count(
    entity: Exclude<Entity, 'case'>,
    ownerId: string,
    caseId: string,
    bin: BinFilter = 'live',
  ): Promise<number> {
    const rows = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(table(entity))
      .where(and(this.scope(entity, ownerId, caseId), this.binFilter(entity, bin)))
    return Number(rows[0]?.n ?? 0)
  }

  async eventTags(ownerId: string, caseId: string): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ tag: sql<string>`unnest(${caseEvents.tags})` })
      .from(caseEvents)
      .where(and(this.scope('event', ownerId, caseId), isNull(caseEvents.deletedAt)))
    return rows.map((r) => r.tag).sort()
  }

  async latestEvents(
    ownerId: string,
    caseId: string,
    types: readonly EventType[],
    limit: number,
  ): Promise<EventChoice[]> {
    const t = caseEvents
    const rows = await this.db
      .select({ id: t.id, type: t.type, occurredOn: t.occurredOn, title: t.title })
      .from(t)
      .where(and(this.scope('event', ownerId, caseId), isNull(t.deletedAt), inArray(t.type, [...types])))
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(limit)
    return (rows as EventChoice[]).reverse()
  }

  async lettersAbout(
    ownerId: string,
    caseId: string,
    sent: readonly string[],
    received: readonly string[],
  ): Promise<EventRecord[]> {
    const t = caseEvents
    const subject = sql<string>`${t.letter}->>'subject'`
    const rows = await this.db
      .select()
      .from(t)
      .where(
        and(
          this.scope('event', ownerId, caseId),
          isNull(t.deletedAt),
          or(
            sent.length ? and(eq(t.type, 'letter-sent'), inArray(subject, [...sent])) : undefined,
            received.length ? and(eq(t.type, 'letter-received'), inArray(subject, [...received])) : undefined,
          ),
        ),
      )
      .orderBy(asc(t.createdAt), asc(t.id))
    return rows.map((r) => toRecord<EventRecord>(r))
  }

  private tasksWhere(ownerId: string, caseId: string, query: TaskQuery): SQL {
    const t = caseTasks
    return and(
      this.scope('task', ownerId, caseId),
      isNull(t.deletedAt),
      query.status ? eq(t.status, query.status) : undefined,
      query.originIds ? inArray(t.originId, [...query.originIds]) : undefined,
      query.dueOnOrBefore ? lte(t.dueOn, query.dueOnOrBefore) : undefined,
    )!
  }

  async tasks(ownerId: string, caseId: string, query: TaskQuery, page?: PageRequest): Promise<TaskRecord[]> {
    const t = caseTasks
    if (query.originIds && query.originIds.length === 0) return []
    const q = this.db
      .select()
      .from(t)
      .where(this.tasksWhere(ownerId, caseId, query))
      .orderBy(asc(t.createdAt), asc(t.id))
    const rows = page ? await q.limit(page.limit).offset(page.offset) : await q
    return rows.map((r) => toRecord<TaskRecord>(r))
  }

  async countTasks(ownerId: string, caseId: string, query: TaskQuery): Promise<number> {
    if (query.originIds && query.originIds.length === 0) return 0
    const rows = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseTasks)
      .where(this.tasksWhere(ownerId, caseId, query))
    return Number(rows[0]?.n ?? 0)
  }

  async nthOpenDueOn(ownerId: string, caseId: string, n: number): Promise<string | null> {
    const t = caseTasks
    const rows = await this.db
      .select({ dueOn: t.dueOn })
      .from(t)
      .where(and(this.scope('task', ownerId, caseId), isNull(t.deletedAt), eq(t.status, 'open')))
      .orderBy(asc(t.dueOn))
      .offset(n - 1)
      .limit(1)
    return rows[0]?.dueOn ?? null
  }

  async linksOf(ownerId: string, caseId: string, entity: Entity, id: string): Promise<LinkRecord[]> {
    const t = caseLinks
    const rows = await this.db
      .select()
      .from(t)
      .where(
        and(
          this.scope('link', ownerId, caseId),
          isNull(t.deletedAt),
          or(and(eq(t.fromType, entity), eq(t.fromId, id)), and(eq(t.toType, entity), eq(t.toId, id))),
        ),
      )
      .orderBy(asc(t.createdAt), asc(t.id))
    return rows.map((r) => toRecord<LinkRecord>(r))
  }

  async linksFrom(
    ownerId: string,
    caseId: string,
    fromType: Entity,
    fromIds: readonly string[],
    role: string,
  ): Promise<LinkRecord[]> {
    if (fromIds.length === 0) return []
    const t = caseLinks
    const rows = await this.db
      .select()
      .from(t)
      .where(
        and(
          this.scope('link', ownerId, caseId),
          isNull(t.deletedAt),
          eq(t.fromType, fromType),
          inArray(t.fromId, [...fromIds]),
          eq(t.role, role),
        ),
      )
      .orderBy(asc(t.createdAt), asc(t.id))
    return rows.map((r) => toRecord<LinkRecord>(r))
  }

  async revisions(
    ownerId: string,
    caseId: string,
    entity?: Entity,
    entityId?: string,
  ): Promise<RevisionRecord[]> {
    const t = caseRevisions
    const rows = await this.db
      .select()
      .from(t)
      .where(
        and(
          eq(t.ownerId, ownerId),
          eq(t.caseId, caseId),
          entity ? eq(t.entity, entity) : undefined,
          entityId ? eq(t.entityId, entityId) : undefined,
        ),
      )
      .orderBy(asc(t.entity), asc(t.entityId), asc(t.version))
    return rows.map((r) => toRecord<RevisionRecord>(r))
  }

  async audit(ownerId: string, caseId: string, page?: PageRequest): Promise<AuditRecord[]> {
    const where = and(eq(caseAudit.ownerId, ownerId), eq(caseAudit.caseId, caseId))
    const rows = page
      ? await this.db
          .select()
          .from(caseAudit)
          .where(where)
          .orderBy(desc(caseAudit.seq))
          .limit(page.limit)
          .offset(page.offset)
      : await this.db.select().from(caseAudit).where(where).orderBy(asc(caseAudit.seq))
    return rows.map((r) => toRecord<AuditRecord>(r))
  }

  async latestAuditSeq(ownerId: string, caseId: string): Promise<number> {
    const rows = await this.db
      .select({ seq: caseAudit.seq })
      .from(caseAudit)
      .where(and(eq(caseAudit.ownerId, ownerId), eq(caseAudit.caseId, caseId)))
      .orderBy(desc(caseAudit.seq))
      .limit(1)
    return Number(rows[0]?.seq ?? 0)
  }

  async caseWithVersion(
    ownerId: string,
    caseId: string,
  ): Promise<{ record: CaseRecord; version: number } | undefined> {
    const rows = await this.db
      .select()
      .from(cases)
      .where(and(eq(cases.ownerId, ownerId), eq(cases.id, caseId)))
    const row = rows[0]
    return row ? { record: toRecord<CaseRecord>(row), version: Number(row.changeSeq) } : undefined
  }

  async evidencePage(ownerId: string, caseId: string, page: PageRequest): Promise<EvidenceRecord[]> {
    const t = caseEvidence
    const rows = await this.db
      .select()
      .from(t)
      .where(and(this.scope('evidence', ownerId, caseId), isNull(t.deletedAt)))
      .orderBy(asc(t.createdAt), asc(t.id))
      .limit(page.limit)
      .offset(page.offset)
    return rows.map((r) => toRecord<EvidenceRecord>(r))
  }

  async latestEvidence(ownerId: string, caseId: string, limit: number): Promise<EvidenceChoice[]> {
    const t = caseEvidence
    const rows = await this.db
      .select({ id: t.id, title: t.title })
      .from(t)
      .where(and(this.scope('evidence', ownerId, caseId), isNull(t.deletedAt)))
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(limit)
    return rows.reverse()
  }

  async decisionsPage(ownerId: string, caseId: string, page: PageRequest): Promise<DecisionRecord[]> {
    const t = caseDecisions
    const rows = await this.db
      .select()
      .from(t)
      .where(and(this.scope('decision', ownerId, caseId), isNull(t.deletedAt)))
      .orderBy(desc(t.letterDate), desc(t.createdAt), desc(t.id))
      .limit(page.limit)
      .offset(page.offset)
    return rows.map((r) => toRecord<DecisionRecord>(r))
  }

  async openTasksByDue(ownerId: string, caseId: string, page: PageRequest): Promise<TaskRecord[]> {
    const t = caseTasks
    const rows = await this.db
      .select()
      .from(t)
      .where(this.tasksWhere(ownerId, caseId, { status: 'open' }))
      .orderBy(asc(t.dueOn), asc(t.title), asc(t.id))
      .limit(page.limit)
      .offset(page.offset)
    return rows.map((r) => toRecord<TaskRecord>(r))
  }

  /** Each kind of record in the bin, with the short title its list shows (as titleOf words it). */
  private binnedRows(ownerId: string, caseId: string): SQL {
    const decisionTitle = text('platform.caseFile.decisionTitle') // the sentence, its placeholders unfilled
    const binned = (table: string, title: SQL, entity: string) =>
      sql`select ${entity}::text as entity, id, ${title} as title, deleted_at, deleted_by from ${sql.raw(table)}
          where owner_id = ${ownerId} and case_id = ${caseId} and deleted_at is not null`
    return sql.join(
      [
        binned(
          'case_decisions',
          // titleOf's words ("{kind} of {date}"), filled in by the database
          sql`replace(replace(${decisionTitle}, '{kind}', replace(kind, '-', ' ')), '{date}', letter_date::text)`,
          'decision',
        ),
        binned('case_events', sql`title`, 'event'),
        binned('case_evidence', sql`title`, 'evidence'),
        binned('case_tasks', sql`title`, 'task'),
        binned('case_links', sql`role || ': ' || from_type || ' → ' || to_type`, 'link'),
      ],
      sql` union all `,
    )
  }

  async binnedPage(ownerId: string, caseId: string, page: PageRequest): Promise<BinnedRow[]> {
    const result = await this.db.execute(
      sql`select * from (${this.binnedRows(ownerId, caseId)}) b
          order by deleted_at desc, entity, id limit ${page.limit} offset ${page.offset}`,
    )
    const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows
    return rows.map((r) => ({
      entity: r.entity as BinnedRow['entity'],
      id: String(r.id),
      title: String(r.title),
      deletedAt: new Date(r.deleted_at as string | Date).toISOString(),
      deletedBy: (r.deleted_by as string | null) ?? null,
    }))
  }

  async countBinned(ownerId: string, caseId: string): Promise<number> {
    const result = await this.db.execute(
      sql`select count(*)::int as n from (${this.binnedRows(ownerId, caseId)}) b`,
    )
    return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0)
  }

  async caseVersion(ownerId: string, caseId: string): Promise<number | undefined> {
    const rows = await this.db
      .select({ v: cases.changeSeq })
      .from(cases)
      .where(and(eq(cases.ownerId, ownerId), eq(cases.id, caseId)))
    return rows[0] ? Number(rows[0].v) : undefined
  }

  async casesVersion(ownerId: string): Promise<string> {
    // Every version is new when it is set, so the set of (case, version) pairs changes with any write.
    const rows = await this.db
      .select({
        n: sql<number>`count(*)::int`,
        v: sql<
          string | null
        >`md5(string_agg(${cases.id} || ':' || ${cases.changeSeq}, ',' order by ${cases.id}))`,
      })
      .from(cases)
      .where(eq(cases.ownerId, ownerId))
    return `${Number(rows[0]?.n ?? 0)}:${rows[0]?.v ?? ''}`
  }

  async countAudit(ownerId: string, caseId: string): Promise<number> {
    const rows = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseAudit)
      .where(and(eq(caseAudit.ownerId, ownerId), eq(caseAudit.caseId, caseId)))
    return Number(rows[0]?.n ?? 0)
  }

  async evidenceUsing(sha256: string): Promise<number> {
    const rows = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseEvidence)
      .where(eq(caseEvidence.sha256, sha256))
    return Number(rows[0]?.n ?? 0)
  }

  async allEvidenceHashes(): Promise<Set<string>> {
    const rows = await this.db.selectDistinct({ sha256: caseEvidence.sha256 }).from(caseEvidence)
    return new Set(rows.map((r) => r.sha256))
  }

  async exportRows(ownerId: string, caseId: string): Promise<CaseRows> {
    const c = await this.get('case', ownerId, caseId, caseId)
    if (!c) throw new NotFound('case', caseId)
    return {
      case: c,
      decisions: await this.list('decision', ownerId, caseId, 'all'),
      events: await this.list('event', ownerId, caseId, 'all'),
      evidence: await this.list('evidence', ownerId, caseId, 'all'),
      tasks: await this.list('task', ownerId, caseId, 'all'),
      links: await this.list('link', ownerId, caseId, 'all'),
      revisions: await this.revisions(ownerId, caseId),
      audit: await this.audit(ownerId, caseId),
      arrears: await exportArrearsRows(this.db, ownerId, caseId),
    }
  }

  async analyze(): Promise<void> {
    await this.db.execute(
      sql`analyze cases, case_decisions, case_events, case_evidence, case_tasks, case_links, case_revisions, case_audit`,
    )
  }

  async importRows(ownerId: string, rows: CaseRows): Promise<void> {
    await this.db.insert(cases).values(toRow(ownerId, rows.case) as never)
    const groups: [Entity, readonly object[]][] = [
      ['decision', rows.decisions],
      ['event', rows.events],
      ['evidence', rows.evidence],
      ['task', rows.tasks],
      ['link', rows.links],
    ]
    for (const [entity, list] of groups) {
      for (let i = 0; i < list.length; i += 200)
        await this.db
          .insert(table(entity))
          .values(list.slice(i, i + 200).map((r) => toRow(ownerId, r)) as never)
    }
    for (let i = 0; i < rows.revisions.length; i += 200)
      await this.db
        .insert(caseRevisions)
        .values(rows.revisions.slice(i, i + 200).map((r) => toRow(ownerId, r)) as never)
    for (let i = 0; i < rows.audit.length; i += 200)
      await this.db
        .insert(caseAudit)
        .values(rows.audit.slice(i, i + 200).map((r) => toRow(ownerId, r)) as never)
    // A large case arrives at once: let the planner know.
    await this.analyze()
    if (rows.arrears) await importArrearsRows(this.db, ownerId, rows.arrears)
  }
}
