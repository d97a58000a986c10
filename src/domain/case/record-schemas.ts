import { z } from 'zod'
import { message, type MessageParam } from '../shared/message.ts'
import { Temporal } from 'temporal-polyfill'
import { COLLECTIONS } from '../arrears/types.ts'
import {
  CASE_NATIONS,
  DECISION_KINDS,
  ENFORCEMENT_ACTIONS,
  ENTITIES,
  EVENT_TYPES,
  EVIDENCE_TYPES,
  LETTER_METHODS,
  LETTER_SUBJECTS,
  LINK_ROLES,
  PARENT_ROLES,
  TASK_NATURES,
  TASK_STATUSES,
} from './types.ts'

/*
 * The stored records of a case, as an archive carries them, checked field by field with the same
 * enums and limits the forms and the CLI use. Every object is strict: a key the record does not have
 * (an owner, say) is refused, never passed through to the database.
 */

/**
 * What is wrong with a stored field: each message of these schemas is a copy key under
 * `domainErrors.record` (the archive import puts it into words with `recordProblem`).
 */
const RECORD = {
  realDate: 'domainErrors.record.realDate',
  dateTime: 'domainErrors.record.dateTime',
  id: 'domainErrors.record.id',
  cmsReference: 'domainErrors.record.cmsReference',
  time: 'domainErrors.record.time',
  sha256: 'domainErrors.record.sha256',
  base64: 'domainErrors.record.base64',
  identity: 'domainErrors.record.identity',
} as const

/**
 * A schema issue's message as words to show: one of these schemas' own keys becomes its Message;
 * anything else (zod's own wording for a wrong type) is passed on as it is.
 */
export const recordProblem = (issueMessage: string): MessageParam =>
  Object.values(RECORD).some((k) => k === issueMessage) ? message(issueMessage) : issueMessage

/** Civil dates an archive may hold: a real calendar date from 1900 to 2200. */
const civilDate = z.string().refine((s) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  try {
    const d = Temporal.PlainDate.from(s, { overflow: 'reject' })
    return d.year >= 1900 && d.year <= 2200
  } catch {
    return false
  }
}, RECORD.realDate)
const instant = z.iso.datetime({
  offset: true,
  message: RECORD.dateTime,
})
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, RECORD.id)
const text = (max: number) => z.string().max(max)
const optionalText = (max: number) => text(max).nullable()
const count = (max: number) => z.number().int().min(0).max(max)
const pence = z.number().int().min(0).max(1_000_000_000_00)
const tags = z.array(text(100)).max(100)

const versioned = {
  id,
  version: z.number().int().min(1),
  createdAt: instant,
  createdBy: text(200),
  updatedAt: instant,
  updatedBy: text(200),
  deletedAt: instant.nullable(),
  deletedBy: optionalText(200),
}
const inCase = { ...versioned, caseId: id }

export const caseRecordSchema = z.strictObject({
  ...versioned,
  title: text(200).min(1),
  nation: z.enum(CASE_NATIONS),
  role: z.enum(PARENT_ROLES),
  cmsReference: z
    .string()
    .regex(/^121\d{9}$/, RECORD.cmsReference)
    .nullable(),
  yourName: optionalText(200),
  yourAddress: optionalText(1000),
  otherParent: z.strictObject({
    name: optionalText(200),
    address: optionalText(1000),
    postcode: optionalText(20),
    phone: optionalText(50),
    email: optionalText(320),
  }),
  children: z.array(z.strictObject({ name: text(200), dateOfBirth: civilDate.nullable() })).max(50),
  notes: optionalText(100_000),
})

export const decisionRecordSchema = z.strictObject({
  ...inCase,
  kind: z.enum(DECISION_KINDS),
  letterDate: civilDate,
  receivedDate: civilDate.nullable(),
  effectiveDate: civilDate.nullable(),
  summary: optionalText(100_000),
  weeklyAmountPence: pence.nullable(),
  weeklyIncomePence: pence.nullable(),
  nights: count(366).nullable(),
  otherChildren: count(50).nullable(),
  enforcementAction: z.enum(ENFORCEMENT_ACTIONS).nullable(),
  tags,
})

const callSchema = z.strictObject({
  numberDialled: optionalText(50),
  durationMinutes: count(24 * 60).nullable(),
  personName: optionalText(200),
  personRole: optionalText(200),
  personOffice: optionalText(200),
  iSaid: optionalText(100_000),
  theySaid: optionalText(100_000),
  actions: z.array(z.strictObject({ text: text(10_000), due: civilDate.nullable() })).max(100),
  followUpOn: civilDate.nullable(),
})

const letterSchema = z.strictObject({
  subject: z.enum(LETTER_SUBJECTS),
  method: z.enum(LETTER_METHODS),
  letterDate: civilDate.nullable(),
  counterparty: optionalText(200),
  certificateNumber: optionalText(100),
  trackingNumber: optionalText(100),
  deliveredOn: civilDate.nullable(),
})

export const eventRecordSchema = z.strictObject({
  ...inCase,
  type: z.enum(EVENT_TYPES),
  occurredOn: civilDate,
  occurredTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, RECORD.time)
    .nullable(),
  title: text(200).min(1),
  details: optionalText(100_000),
  amountPence: z.number().int().min(-1_000_000_000_00).max(1_000_000_000_00).nullable(),
  call: callSchema.nullable(),
  letter: letterSchema.nullable(),
  tags,
})

export const evidenceRecordSchema = z.strictObject({
  ...inCase,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, RECORD.sha256),
  sizeBytes: z.number().int().min(0),
  mediaType: z.enum(EVIDENCE_TYPES),
  fileName: text(255).min(1),
  title: text(200).min(1),
  description: optionalText(100_000),
  documentDate: civilDate.nullable(),
  tags,
})

const explanationSchema = z.strictObject({
  rule: text(200),
  title: text(1000),
  confidence: text(50),
  source: z.strictObject({ instrument: text(1000), provision: text(1000), url: text(2000) }),
  from: text(50),
  mustBe: text(1000),
  by: text(50),
  timeOfDay: optionalText(200),
  steps: z.array(z.strictObject({ text: text(10_000), date: optionalText(50) })).max(200),
  readings: z.array(z.strictObject({ date: text(50), status: text(50), text: text(10_000) })).max(50),
  assumptions: z.array(text(10_000)).max(100),
})

export const taskRecordSchema = z.strictObject({
  ...inCase,
  origin: z.enum(['decision', 'event', 'manual']),
  originId: id.nullable(),
  deadlineKind: optionalText(100),
  title: text(500).min(1),
  dueOn: civilDate,
  legalDeadline: civilDate.nullable(),
  outerLimit: civilDate.nullable(),
  nature: z.enum(TASK_NATURES),
  ruleId: optionalText(200),
  explanation: explanationSchema.nullable(),
  status: z.enum(TASK_STATUSES),
  doneOn: civilDate.nullable(),
  notes: optionalText(100_000),
})

export const linkRecordSchema = z.strictObject({
  ...inCase,
  fromType: z.enum(ENTITIES),
  fromId: id,
  toType: z.enum(ENTITIES),
  toId: id,
  role: z.enum(LINK_ROLES),
})

export const revisionRecordSchema = z.strictObject({
  id,
  caseId: id,
  entity: z.enum(ENTITIES),
  entityId: id,
  version: z.number().int().min(1),
  change: z.enum(['created', 'amended', 'binned', 'restored']),
  data: z.record(z.string(), z.unknown()),
  recordedAt: instant,
  recordedBy: text(200),
})

export const auditRecordSchema = z.strictObject({
  id,
  caseId: id,
  at: instant,
  actor: text(200),
  action: z.enum(['create', 'amend', 'bin', 'restore', 'purge', 'import', 'export']),
  entity: z.enum(ENTITIES),
  entityId: id,
  version: z.number().int().min(1).nullable(),
  summary: text(10_000),
})

/*
 * Check your arrears (issue 13): every check in the case and what it holds. A statement carries the
 * file the parent imported, byte for byte, as base64 with its SHA-256 (checked on import).
 */
const signedPence = z.number().int().min(-1_000_000_000_00).max(1_000_000_000_00)
const mappingSchema = z.strictObject({
  date: text(200),
  description: z.array(text(200)).max(10),
  amount: text(200).optional(),
  paidIn: text(200).optional(),
  paidOut: text(200).optional(),
  balance: text(200).optional(),
  headerless: z.boolean().optional(),
  outPositive: z.boolean().optional(),
})

export const arrearsCheckRecordSchema = z.strictObject({
  id,
  caseId: id,
  title: text(200).min(1),
  asOf: civilDate.nullable(),
  cmsArrearsPence: signedPence.nullable(),
  collection: z.enum(COLLECTIONS),
  matchWindowDays: count(366),
  paymentFilter: optionalText(500),
  openingBalancePence: signedPence.nullable(),
  openingBalanceDate: civilDate.nullable(),
  openingBalanceScheme: z.union([z.literal(1993), z.literal(2003), z.literal(2012)]).nullable(),
  openingBalanceSource: optionalText(1000),
  createdAt: instant,
  updatedAt: instant,
})

/** The largest statement file an archive may carry (the import's own limit is 10 MB). */
const MAX_STATEMENT_BASE64 = Math.ceil((10 * 1024 * 1024) / 3) * 4

export const arrearsStatementRecordSchema = z.strictObject({
  id,
  checkId: id,
  fileName: text(200).min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, RECORD.sha256),
  sizeBytes: z
    .number()
    .int()
    .min(1)
    .max(10 * 1024 * 1024),
  content: z
    .string()
    .max(MAX_STATEMENT_BASE64)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, RECORD.base64),
  format: z.enum(['csv', 'ofx-sgml', 'ofx-xml']).nullable(),
  profile: optionalText(60),
  encoding: optionalText(40),
  mapping: mappingSchema.nullable(),
  evidenceId: id.nullable(),
  importedAt: instant,
})

export const arrearsTransactionRecordSchema = z.strictObject({
  id,
  checkId: id,
  statementId: id,
  identity: z.string().regex(/^[A-Za-z0-9_:-]{1,200}$/, RECORD.identity),
  line: z.number().int().min(0).max(10_000_000),
  date: civilDate,
  description: text(500),
  amountPence: signedPence,
  balancePence: signedPence.nullable(),
  isPayment: z.union([z.literal(0), z.literal(1)]),
  eventId: id.nullable(),
})

export const arrearsScheduleRecordSchema = z.strictObject({
  id,
  checkId: id,
  due: civilDate,
  amountPence: pence,
  description: optionalText(1000),
})

export const arrearsCmsFigureRecordSchema = z.strictObject({
  id,
  checkId: id,
  date: civilDate,
  description: optionalText(1000),
  duePence: pence.nullable(),
  receivedPence: pence.nullable(),
  balancePence: signedPence.nullable(),
})

export const arrearsMatchRecordSchema = z.strictObject({
  checkId: id,
  transactionId: id,
  cmsFigureId: id,
  status: z.enum(['confirmed', 'rejected']),
  decidedAt: instant,
})

/** Every arrears check of one case. */
export const arrearsRowsSchema = z.strictObject({
  checks: z.array(arrearsCheckRecordSchema).max(1000),
  statements: z.array(arrearsStatementRecordSchema).max(10_000),
  transactions: z.array(arrearsTransactionRecordSchema),
  schedule: z.array(arrearsScheduleRecordSchema),
  cmsFigures: z.array(arrearsCmsFigureRecordSchema),
  matches: z.array(arrearsMatchRecordSchema),
})

/** Every row of one case, as `case.json` in an archive holds them. */
export const caseRowsSchema = z.strictObject({
  case: caseRecordSchema,
  decisions: z.array(decisionRecordSchema),
  events: z.array(eventRecordSchema),
  evidence: z.array(evidenceRecordSchema),
  tasks: z.array(taskRecordSchema),
  links: z.array(linkRecordSchema),
  revisions: z.array(revisionRecordSchema),
  audit: z.array(auditRecordSchema),
  /** Archives from before issue 13 have none. */
  arrears: arrearsRowsSchema.optional(),
})
