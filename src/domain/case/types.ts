/**
 * The case file: what a parent keeps about their child maintenance case. Records hold civil dates
 * as ISO "YYYY-MM-DD" text (checked on the way in by ./validate.ts) and instants as ISO text, so
 * that they pass unchanged through storage, JSON and the export archive; computations parse them
 * to Temporal.PlainDate.
 */

import { UK_NATIONS } from '../shared/nations.ts'

export const CASE_NATIONS = UK_NATIONS
export type CaseNation = (typeof CASE_NATIONS)[number]

/** Which parent the user is. */
export const PARENT_ROLES = ['receiving', 'paying'] as const
export type ParentRole = (typeof PARENT_ROLES)[number]

export const DECISION_KINDS = [
  'calculation',
  'revision',
  'supersession',
  'variation',
  'mandatory-reconsideration-notice',
  'default-decision',
  'annual-review',
  'arrears-notice',
  'enforcement',
] as const
export type DecisionKind = (typeof DECISION_KINDS)[number]

export const ENFORCEMENT_ACTIONS = [
  'deduction-from-earnings-order',
  'deduction-order',
  'liability-order',
  'other',
] as const
export type EnforcementAction = (typeof ENFORCEMENT_ACTIONS)[number]

export const EVENT_TYPES = [
  'call',
  'letter-sent',
  'letter-received',
  'email',
  'online-message',
  'meeting',
  'payment',
  'change-of-circumstances',
  'note',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

export const LETTER_METHODS = [
  'first-class',
  'second-class',
  'signed-for',
  'special-delivery',
  'email',
  'online-account',
  'by-hand',
] as const
export type LetterMethod = (typeof LETTER_METHODS)[number]

/** Methods that come with a tracking number (the Post Office's tracked services). */
export const TRACKED_METHODS: readonly LetterMethod[] = ['signed-for', 'special-delivery']
/** Methods for which the Post Office gives a free certificate of posting. */
export const POSTED_METHODS: readonly LetterMethod[] = [
  'first-class',
  'second-class',
  'signed-for',
  'special-delivery',
]

/** What a letter is about: some subjects start deadlines or move a challenge on. */
export const LETTER_SUBJECTS = [
  'mandatory-reconsideration',
  'appeal',
  'complaint',
  'complaint-escalation',
  'complaint-response',
  'complaint-final-response',
  'ice-referral',
  'call-confirmation',
  'change-of-circumstances',
  'information-request',
  'other',
] as const
export type LetterSubject = (typeof LETTER_SUBJECTS)[number]

/** The kinds of evidence file Redress keeps, by media type detected from the content. */
export const EVIDENCE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'message/rfc822',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const
export type EvidenceType = (typeof EVIDENCE_TYPES)[number]

export const TASK_NATURES = ['deadline', 'outer-limit', 'target', 'review-date', 'tracking', 'task'] as const
export type TaskNature = (typeof TASK_NATURES)[number]
export const TASK_STATUSES = ['open', 'done'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]
export type TaskOrigin = 'decision' | 'event' | 'manual'

/** The owner of every row on a single-person install (an adviser mode will add others). */
export const LOCAL_OWNER = 'local'

export const LINK_ROLES = [
  'evidence',
  'letter',
  'proof-of-postage',
  'delivery-confirmation',
  'about',
  'confirms',
] as const
export type LinkRole = (typeof LINK_ROLES)[number]

/** Everything in a case that is versioned, binned and audited. */
export const ENTITIES = ['case', 'decision', 'event', 'evidence', 'task', 'link'] as const
export type Entity = (typeof ENTITIES)[number]

/** Who is acting: the owner of the rows and how to name them in the history. */
export interface Actor {
  /** Whose case file this is ("local" for the person using this install). */
  readonly ownerId: string
  /** How the change is labelled in the history, e.g. "you (web)". */
  readonly name: string
}

/** The bookkeeping every versioned record has. */
export interface Versioned {
  readonly id: string
  readonly version: number
  readonly createdAt: string
  readonly createdBy: string
  readonly updatedAt: string
  readonly updatedBy: string
  /** When it was moved to the bin (null while it is in use). */
  readonly deletedAt: string | null
  readonly deletedBy: string | null
}

/** The other parent's name and contact details. Sensitive: kept out of anything shared unless asked. */
export interface OtherParent {
  readonly name: string | null
  readonly address: string | null
  readonly postcode: string | null
  readonly phone: string | null
  readonly email: string | null
}

/** The fields of a case that are sensitive, for redaction and for exports meant for sharing. */
export const SENSITIVE_CASE_FIELDS = [
  'otherParent.address',
  'otherParent.postcode',
  'otherParent.phone',
  'otherParent.email',
] as const

export interface Child {
  readonly name: string
  readonly dateOfBirth: string | null
}

export interface CaseData {
  readonly title: string
  readonly nation: CaseNation
  readonly role: ParentRole
  /** 12 digits beginning 121, no spaces. */
  readonly cmsReference: string | null
  /** The user's own name and address, for the letters Redress writes. */
  readonly yourName: string | null
  readonly yourAddress: string | null
  readonly otherParent: OtherParent
  readonly children: readonly Child[]
  readonly notes: string | null
}

export interface CaseRecord extends Versioned, CaseData {}

export interface DecisionData {
  readonly kind: DecisionKind
  /** The date printed on the letter. */
  readonly letterDate: string
  readonly receivedDate: string | null
  readonly effectiveDate: string | null
  /** What the decision was about, in the user's words. */
  readonly summary: string | null
  /** The figures the decision used (pence a week; nights a year). */
  readonly weeklyAmountPence: number | null
  readonly weeklyIncomePence: number | null
  readonly nights: number | null
  readonly otherChildren: number | null
  readonly enforcementAction: EnforcementAction | null
  readonly tags: readonly string[]
}

export interface DecisionRecord extends Versioned, DecisionData {
  readonly caseId: string
}

export interface CallAction {
  readonly text: string
  readonly due: string | null
}

export interface CallDetails {
  readonly numberDialled: string | null
  readonly durationMinutes: number | null
  readonly personName: string | null
  readonly personRole: string | null
  readonly personOffice: string | null
  readonly iSaid: string | null
  readonly theySaid: string | null
  readonly actions: readonly CallAction[]
  readonly followUpOn: string | null
}

export interface LetterDetails {
  readonly subject: LetterSubject
  readonly method: LetterMethod
  /** The date printed on the letter (for a letter received, the date it was sent). */
  readonly letterDate: string | null
  /** Who it was sent to or came from, e.g. "Child Maintenance Service". */
  readonly counterparty: string | null
  readonly certificateNumber: string | null
  readonly trackingNumber: string | null
  /** For a letter sent: when it was delivered (from tracking or a receipt). */
  readonly deliveredOn: string | null
}

export interface EventData {
  readonly type: EventType
  /** When it happened (not when it was written down). */
  readonly occurredOn: string
  /** "HH:MM", Europe/London wall-clock time, if known. */
  readonly occurredTime: string | null
  readonly title: string
  readonly details: string | null
  readonly amountPence: number | null
  readonly call: CallDetails | null
  readonly letter: LetterDetails | null
  readonly tags: readonly string[]
}

export interface EventRecord extends Versioned, EventData {
  readonly caseId: string
}

export interface EvidenceData {
  readonly sha256: string
  readonly sizeBytes: number
  readonly mediaType: EvidenceType
  readonly fileName: string
  readonly title: string
  readonly description: string | null
  readonly documentDate: string | null
  readonly tags: readonly string[]
}

export interface EvidenceRecord extends Versioned, EvidenceData {
  readonly caseId: string
}

/** Why a generated date is what it is: the deadline engine's explanation, as plain data. */
export interface TaskExplanation {
  readonly rule: string
  readonly title: string
  readonly confidence: string
  readonly source: { readonly instrument: string; readonly provision: string; readonly url: string }
  readonly from: string
  readonly mustBe: string
  readonly by: string
  readonly timeOfDay: string | null
  readonly steps: readonly { readonly text: string; readonly date: string | null }[]
  readonly readings: readonly { readonly date: string; readonly status: string; readonly text: string }[]
  readonly assumptions: readonly string[]
}

export interface TaskData {
  readonly origin: TaskOrigin
  readonly originId: string | null
  readonly deadlineKind: string | null
  readonly title: string
  /** The date to act by (or the target date, for something the CMS should do). */
  readonly dueOn: string
  readonly legalDeadline: string | null
  readonly outerLimit: string | null
  readonly nature: TaskNature
  readonly ruleId: string | null
  readonly explanation: TaskExplanation | null
  readonly status: TaskStatus
  readonly doneOn: string | null
  readonly notes: string | null
}

export interface TaskRecord extends Versioned, TaskData {
  readonly caseId: string
}

export interface LinkData {
  readonly fromType: Entity
  readonly fromId: string
  readonly toType: Entity
  readonly toId: string
  readonly role: LinkRole
}

export interface LinkRecord extends Versioned, LinkData {
  readonly caseId: string
}

export type RevisionChange = 'created' | 'amended' | 'binned' | 'restored'

export interface RevisionRecord {
  readonly id: string
  readonly caseId: string
  readonly entity: Entity
  readonly entityId: string
  readonly version: number
  readonly change: RevisionChange
  readonly data: Record<string, unknown>
  readonly recordedAt: string
  readonly recordedBy: string
}

export type AuditAction = 'create' | 'amend' | 'bin' | 'restore' | 'purge' | 'import' | 'export'

export interface AuditRecord {
  readonly id: string
  readonly caseId: string
  readonly at: string
  readonly actor: string
  readonly action: AuditAction
  readonly entity: Entity
  readonly entityId: string
  readonly version: number | null
  /** What changed, naming fields only (never their content: the audit trail holds no personal data). */
  readonly summary: string
}
