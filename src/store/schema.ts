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
    /**
     * A number no other write has had, set in the same transaction as every change to the case or
     * anything in it (see CaseRepository.caseVersion): pages kept in memory are keyed by it.
     */
    changeSeq: bigserial('change_seq', { mode: 'number' }).notNull(),
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
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.occurredOn),
    // The timeline, newest first, a page at a time (its order, so a page is read, not sorted).
    index('case_events_timeline_idx').on(
      t.caseId,
      t.occurredOn.desc(),
      t.occurredTime.desc().nullsLast(),
      t.createdAt.desc(),
      t.id.desc(),
    ),
    // The entries of some types recorded last (the lists to link or confirm).
    index('case_events_recorded_idx').on(t.caseId, t.type, t.createdAt),
  ],
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
 * See docs/adr/0009-jobs-and-reading.md.
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

/*
 * The text MuPDF itself read from each page of an evidence file when it was first bundled (ADR
 * 0008, "MuPDF's own page text, kept"): keyed by the file's SHA-256 and the engine (MuPDF's
 * version and the way Redress asks it), so a later bundle lays out again only the pages whose
 * text holds something to remove. It can hold an address: it goes when its file or case is
 * removed for good, like evidence_pages.
 */
export const evidenceMupdfText = pgTable(
  'evidence_mupdf_text',
  {
    evidenceId: text('evidence_id').primaryKey(),
    caseId: text('case_id').notNull(),
    ownerId: text('owner_id').notNull(),
    sha256: text('sha256').notNull(),
    engine: text('engine').notNull(),
    pages: jsonb('pages').$type<string[]>().notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('evidence_mupdf_text_case_idx').on(t.caseId)],
)

/*
 * Check your arrears (issue 13): a check belongs to an owner and, optionally, to a case. It holds
 * the bank statements imported (the original bytes, so the evidence is never lost), their
 * transactions (identity hash unique per check: re-importing adds nothing), the CMS's payment
 * schedule, its statement lines and receipts, and the parent's decisions on proposed matches.
 * Money is integer pence; dates are civil dates.
 */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' })

export interface ColumnMappingColumn {
  readonly date: string
  readonly description: readonly string[]
  readonly amount?: string
  readonly paidIn?: string
  readonly paidOut?: string
  readonly balance?: string
  readonly headerless?: boolean
  readonly outPositive?: boolean
}

export const arrearsChecks = pgTable(
  'arrears_checks',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    caseId: text('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    asOf: date('as_of', { mode: 'string' }),
    /** The arrears the CMS claims on `asOf` (negative for a credit). */
    cmsArrearsPence: integer('cms_arrears_pence'),
    /** direct | collect-and-pay */
    collection: text('collection').notNull().default('direct'),
    matchWindowDays: integer('match_window_days').notNull().default(7),
    /** Filter on payee or reference text that picks maintenance payments. */
    paymentFilter: text('payment_filter'),
    openingBalancePence: integer('opening_balance_pence'),
    openingBalanceDate: date('opening_balance_date', { mode: 'string' }),
    openingBalanceScheme: integer('opening_balance_scheme'),
    openingBalanceSource: text('opening_balance_source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('arrears_checks_owner_idx').on(t.ownerId), index('arrears_checks_case_idx').on(t.caseId)],
)

export const arrearsStatements = pgTable(
  'arrears_statements',
  {
    id: text('id').primaryKey(),
    checkId: text('check_id')
      .notNull()
      .references(() => arrearsChecks.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    content: bytea('content').notNull(),
    /** csv | ofx-sgml | ofx-xml; null until the columns are mapped. */
    format: text('format'),
    profile: text('profile'),
    encoding: text('encoding'),
    mapping: jsonb('mapping').$type<ColumnMappingColumn>(),
    /** The evidence (in the case) that records this statement, once one is made. */
    evidenceId: text('evidence_id'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('arrears_statements_check_idx').on(t.checkId)],
)

export const arrearsTransactions = pgTable(
  'arrears_transactions',
  {
    id: text('id').primaryKey(),
    checkId: text('check_id')
      .notNull()
      .references(() => arrearsChecks.id, { onDelete: 'cascade' }),
    statementId: text('statement_id')
      .notNull()
      .references(() => arrearsStatements.id, { onDelete: 'cascade' }),
    /** Hash of the transaction's own fields and its occurrence among identical lines. */
    identity: text('identity').notNull(),
    line: integer('line').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    amountPence: integer('amount_pence').notNull(),
    balancePence: integer('balance_pence'),
    /** The parent picked it as a maintenance payment. */
    isPayment: integer('is_payment').notNull().default(0),
    /** The timeline event made when the parent confirmed it (in a case). */
    eventId: text('event_id'),
  },
  (t) => [
    uniqueIndex('arrears_transactions_identity_idx').on(t.checkId, t.identity),
    index('arrears_transactions_check_idx').on(t.checkId, t.date),
  ],
)

export const arrearsSchedule = pgTable(
  'arrears_schedule',
  {
    id: text('id').primaryKey(),
    checkId: text('check_id')
      .notNull()
      .references(() => arrearsChecks.id, { onDelete: 'cascade' }),
    due: date('due', { mode: 'string' }).notNull(),
    amountPence: integer('amount_pence').notNull(),
    description: text('description'),
  },
  (t) => [index('arrears_schedule_check_idx').on(t.checkId, t.due)],
)

/** The CMS's own figures: payments it recorded as received, and statement-of-account lines. */
export const arrearsCmsFigures = pgTable(
  'arrears_cms_figures',
  {
    id: text('id').primaryKey(),
    checkId: text('check_id')
      .notNull()
      .references(() => arrearsChecks.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    description: text('description'),
    duePence: integer('due_pence'),
    receivedPence: integer('received_pence'),
    balancePence: integer('balance_pence'),
  },
  (t) => [index('arrears_cms_figures_check_idx').on(t.checkId, t.date)],
)

/** The parent's answer to a proposed match of a payment to a CMS receipt. */
export const arrearsMatches = pgTable(
  'arrears_matches',
  {
    checkId: text('check_id')
      .notNull()
      .references(() => arrearsChecks.id, { onDelete: 'cascade' }),
    transactionId: text('transaction_id').notNull(),
    cmsFigureId: text('cms_figure_id').notNull(),
    /** confirmed | rejected */
    status: text('status').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkId, t.transactionId, t.cmsFigureId] })],
)

/** Column mappings a parent saved for their bank's export. */
export const arrearsBankProfiles = pgTable(
  'arrears_bank_profiles',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<ColumnMappingColumn>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('arrears_bank_profiles_name_idx').on(t.ownerId, t.name)],
)
