import { sql } from 'drizzle-orm'
import {
  bigserial,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

/**
 * The one storage schema, shared by PGlite and PostgreSQL. Change it, then run
 * `npm run db:generate` to write the migration.
 */

/** Facts about this installation (schema notes, first start). */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/*
 * The case file. Every row carries `owner_id` (today always the local user, "local"; an adviser
 * mode can add owners without migrating data). Entities that a parent edits are versioned: the
 * row holds the current version; every version (including the first) is kept in
 * `case_revisions`, and every change is written to `case_audit`. Deleting sets `deleted_at`
 * (the bin); only an explicit purge removes rows. Dates as they happened are `date` columns
 * (civil dates); a time of day is text "HH:MM", read as Europe/London wall-clock time.
 * See docs/adr/0001-case-file-storage.md.
 */

/** The columns every versioned case-file entity has. */
const versioned = () => ({
  id: text('id').primaryKey(),
  ownerId: text('owner_id').notNull(),
  version: integer('version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by').notNull(),
  /** Set when moved to the bin; cleared when restored. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  deletedBy: text('deleted_by'),
})

/** The other parent's details: sensitive (kept out of anything shared unless the user asks). */
export interface OtherParentColumn {
  readonly name: string | null
  readonly address: string | null
  readonly postcode: string | null
  readonly phone: string | null
  readonly email: string | null
}

export interface ChildColumn {
  readonly name: string
  readonly dateOfBirth: string | null
}

export const cases = pgTable(
  'cases',
  {
    ...versioned(),
    title: text('title').notNull(),
    nation: text('nation').notNull(),
    role: text('role').notNull(),
    cmsReference: text('cms_reference'),
    yourName: text('your_name'),
    yourAddress: text('your_address'),
    otherParent: jsonb('other_parent').$type<OtherParentColumn>().notNull(),
    children: jsonb('children').$type<ChildColumn[]>().notNull(),
    notes: text('notes'),
  },
  (t) => [index('cases_owner_idx').on(t.ownerId)],
)

export const caseDecisions = pgTable(
  'case_decisions',
  {
    ...versioned(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    letterDate: date('letter_date', { mode: 'string' }).notNull(),
    receivedDate: date('received_date', { mode: 'string' }),
    effectiveDate: date('effective_date', { mode: 'string' }),
    summary: text('summary'),
    weeklyAmountPence: integer('weekly_amount_pence'),
    weeklyIncomePence: integer('weekly_income_pence'),
    nights: integer('nights'),
    otherChildren: integer('other_children'),
    enforcementAction: text('enforcement_action'),
    tags: text('tags').array().notNull(),
  },
  (t) => [index('case_decisions_case_idx').on(t.caseId)],
)

export interface CallColumn {
  readonly numberDialled: string | null
  readonly durationMinutes: number | null
  readonly personName: string | null
  readonly personRole: string | null
  readonly personOffice: string | null
  readonly iSaid: string | null
  readonly theySaid: string | null
  readonly actions: ReadonlyArray<{ readonly text: string; readonly due: string | null }>
  readonly followUpOn: string | null
}

export interface LetterColumn {
  readonly subject: string
  readonly method: string
  readonly letterDate: string | null
  readonly counterparty: string | null
  readonly certificateNumber: string | null
  readonly trackingNumber: string | null
  readonly deliveredOn: string | null
}

export const caseEvents = pgTable(
  'case_events',
  {
    ...versioned(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    type: text('type').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    occurredTime: text('occurred_time'),
    title: text('title').notNull(),
    details: text('details'),
    amountPence: integer('amount_pence'),
    call: jsonb('call').$type<CallColumn>(),
    letter: jsonb('letter').$type<LetterColumn>(),
    tags: text('tags').array().notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.occurredOn)],
)

export const caseEvidence = pgTable(
  'case_evidence',
  {
    ...versioned(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    mediaType: text('media_type').notNull(),
    fileName: text('file_name').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    documentDate: date('document_date', { mode: 'string' }),
    tags: text('tags').array().notNull(),
  },
  (t) => [index('case_evidence_case_idx').on(t.caseId), index('case_evidence_sha_idx').on(t.sha256)],
)

/** A deadline or task: generated from a decision or letter through the deadline engine, or added by hand. */
export const caseTasks = pgTable(
  'case_tasks',
  {
    ...versioned(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    origin: text('origin').notNull(),
    originId: text('origin_id'),
    deadlineKind: text('deadline_kind'),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    legalDeadline: date('legal_deadline', { mode: 'string' }),
    outerLimit: date('outer_limit', { mode: 'string' }),
    nature: text('nature').notNull(),
    ruleId: text('rule_id'),
    explanation: jsonb('explanation').$type<Record<string, unknown>>(),
    status: text('status').notNull(),
    doneOn: date('done_on', { mode: 'string' }),
    notes: text('notes'),
  },
  (t) => [index('case_tasks_case_idx').on(t.caseId, t.dueOn)],
)

/** A link between two things in a case (evidence ↔ event or decision; a letter ↔ the call it confirms). */
export const caseLinks = pgTable(
  'case_links',
  {
    ...versioned(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    fromType: text('from_type').notNull(),
    fromId: text('from_id').notNull(),
    toType: text('to_type').notNull(),
    toId: text('to_id').notNull(),
    role: text('role').notNull(),
  },
  (t) => [index('case_links_case_idx').on(t.caseId)],
)

/** Every version of every versioned entity, the first included: amendments never lose the earlier text. */
export const caseRevisions = pgTable(
  'case_revisions',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    caseId: text('case_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    version: integer('version').notNull(),
    change: text('change').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [uniqueIndex('case_revisions_version_idx').on(t.entity, t.entityId, t.version)],
)

/** The audit trail: who did what to which entity, when. Names fields changed, never their content. */
export const caseAudit = pgTable(
  'case_audit',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull().unique(),
    ownerId: text('owner_id').notNull(),
    caseId: text('case_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    version: integer('version'),
    summary: text('summary').notNull(),
  },
  (t) => [index('case_audit_case_idx').on(t.caseId, t.seq)],
)

/*
 * Background jobs (reading evidence, and later imports and bundles): one table that works on both
 * engines. A worker claims a ready job with `FOR UPDATE SKIP LOCKED` and holds a lease it renews
 * while it works; a job whose lease ran out (its process was killed) is claimed again. Handlers
 * are idempotent, and `(kind, key)` is unique, so the same work is never queued twice.
 * See docs/adr/0004-jobs-and-reading.md.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** What makes the job unique within its kind (for reading: the evidence id and file hash). */
    key: text('key').notNull(),
    ownerId: text('owner_id'),
    caseId: text('case_id'),
    /** The thing the job is about (an evidence id), to show its progress there. */
    subjectId: text('subject_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** queued | running | done | failed */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    progressNote: text('progress_note'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_kind_key_idx').on(t.kind, t.key),
    index('jobs_ready_idx').on(t.status, t.runAfter),
    index('jobs_subject_idx').on(t.subjectId),
  ],
)

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * The text of each page of each piece of evidence, with how it was obtained (`text-layer`, `ocr`,
 * `email`, `word`) and the OCR confidence (0-100). `search` is kept by the database: English
 * stemming plus the `simple` configuration (Welsh has no stemmer), and a trigram index on the text
 * for reference numbers and misspellings (pg_trgm).
 */
export const evidencePages = pgTable(
  'evidence_pages',
  {
    evidenceId: text('evidence_id').notNull(),
    page: integer('page').notNull(),
    sha256: text('sha256').notNull(),
    caseId: text('case_id').notNull(),
    ownerId: text('owner_id').notNull(),
    method: text('method').notNull(),
    confidence: integer('confidence'),
    language: text('language').notNull(),
    text: text('text').notNull(),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', "text") || to_tsvector('simple', "text")`),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.evidenceId, t.page] }),
    index('evidence_pages_case_idx').on(t.caseId),
    index('evidence_pages_search_idx').using('gin', t.search),
    index('evidence_pages_trgm_idx').using('gin', t.text.op('gin_trgm_ops')),
  ],
)
