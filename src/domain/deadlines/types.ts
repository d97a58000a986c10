import type { Message } from '../shared/message.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { Citation, Confidence, Source, Step } from '../shared/traced.ts'

/** The contract between the deadline engine and everything that uses it (route advisor, case file, CLI, web). */

export type Nation = 'england-and-wales' | 'scotland' | 'northern-ireland'

export type DeadlineKind =
  | 'mandatoryReconsideration'
  | 'lateMandatoryReconsiderationLimit'
  | 'tribunalAppeal'
  | 'tribunalAppealAbsoluteLimit'
  | 'tribunalPermission'
  | 'upperTribunalPermission'
  | 'courtOfAppealPermission'
  | 'deoAppeal'
  | 'parentageAppeal'
  | 'iceReferral'
  | 'phsoViaMp'
  | 'judicialReview'
  | 'complaintAcknowledgementTarget'
  | 'complaintResponseTarget'
  | 'changeOfAddressNotice'
  | 'annualReview'
  | 'dwpAppealResponse'

export interface DeadlineRequest {
  readonly kind: DeadlineKind
  /** The trigger date (the date on the letter, the date received, the date of the change…). */
  readonly from: PlainDate
  readonly nation: Nation
  readonly residentAbroad?: boolean
}

/**
 * What sort of date a result is. `deadline` and `outer-limit` are for the user to act by; `target`,
 * `review-date` and `tracking` are dates for the CMS, DWP or tribunal to act by (the user chases after them).
 */
export type DeadlineNature = 'deadline' | 'outer-limit' | 'target' | 'review-date' | 'tracking'

/** What must have happened by the deadline: the document received, sent, the claim made, or nothing (a target). */
export type MustBe = 'received' | 'sent' | 'made' | 'done' | 'none'

/**
 * How a reading was used: `legal` is the rule's own date; `conservative` is an earlier reading that the
 * act-by date follows; `not-relied-on` is a later reading we show but never use; `may-not-be-accepted` is a
 * later date from a roll-forward or calendar that the law may not allow.
 */
export type ReadingStatus = 'legal' | 'conservative' | 'not-relied-on' | 'may-not-be-accepted'

/** One way of reading the time limit, with the date it gives. */
export interface DeadlineReading {
  readonly key: string
  readonly date: PlainDate
  readonly status: ReadingStatus
  readonly text: Message
  readonly cite?: Citation
}

export interface DeadlineResult {
  readonly kind: DeadlineKind
  /** The legal deadline (after any roll-forward the rule allows). */
  readonly deadline: PlainDate
  /** The date to act by: the earliest reading where sources disagree, on a working day. */
  readonly actBy: PlainDate
  /** The outer limit for a late application, where one exists. */
  readonly outerLimit: PlainDate | null
  /** Time of day it must arrive by, where a rule sets one (e.g. "17:00"). */
  readonly timeOfDay: string | null
  /** Rule id, e.g. "deadlines.mandatory-reconsideration". */
  readonly rule: string
  readonly title: string
  readonly source: Source
  readonly confidence: Confidence
  readonly steps: readonly Step<Message>[]
  readonly assumptions: readonly Message[]
  // Additions (compatible): the request echoed back, and the detail behind the dates.
  /** The trigger date used (for an uncertain start, the start that gives the earliest deadline). */
  readonly from: PlainDate
  readonly nation: Nation
  readonly nature: DeadlineNature
  readonly mustBe: MustBe
  /** Who must receive it, or who must act (e.g. "the tribunal", "the Child Maintenance Service"). */
  readonly by: string
  /** Every reading considered, the legal one first. */
  readonly readings: readonly DeadlineReading[]
}
