import type { Message } from '../shared/message.ts'
import type { Pence } from '../shared/pence.ts'
import type { PlainDate } from '../shared/plain-date.ts'

/** Something with a date and an amount that can be matched: a payment, a CMS receipt, a schedule entry. */
export interface Dated {
  readonly id: string
  readonly date: PlainDate
  readonly amount: Pence
}

/** A weekly amount in force from a date (until the next change). `correctWeekly` is what it should have been. */
export interface LiabilityChange {
  readonly from: PlainDate
  readonly weekly: Pence
  /** What set this amount, in words ("annual review dated 3 February 2025"). */
  readonly label?: Message
  /** The weekly amount recomputed from the decision's own figures, where known. */
  readonly correctWeekly?: Pence
}

/** The decisions that set the weekly amount, as the decisions register records them. */
export const LIABILITY_DECISION_KINDS = [
  'calculation',
  'revision',
  'supersession',
  'variation',
  'annual-review',
  'default-decision',
] as const
export type LiabilityDecisionKind = (typeof LIABILITY_DECISION_KINDS)[number]

export interface LiabilityDecision {
  readonly id: string
  readonly kind: LiabilityDecisionKind
  readonly effectiveDate: PlainDate
  readonly weekly: Pence
  /** For a revision: the id of the decision it revises (it replaces it from that decision's effective date). */
  readonly revises?: string
  readonly label?: Message
  readonly correctWeekly?: Pence
}

/** One seven-day maintenance period and what was due for it. */
export interface MaintenancePeriod {
  readonly start: PlainDate
  readonly end: PlainDate
  readonly weekly: Pence
  /** The Collect and Pay fee added on top for the paying parent (0 for Direct Pay). */
  readonly fee: Pence
  readonly correctWeekly?: Pence
  readonly label?: Message
}

/** An entry of the CMS's payment schedule: what the CMS says is due, and when. */
export interface ScheduleEntry extends Dated {
  readonly description?: string
}

/** A payment the parent made (from a bank statement or typed in). */
export interface Payment extends Dated {
  readonly reference?: string
  /** Where it came from (an evidence id, or "typed in"). */
  readonly evidence?: string
}

/** A line of the CMS's statement of account. */
export interface StatementLine {
  readonly id: string
  readonly date: PlainDate
  readonly description: string
  readonly due: Pence | null
  readonly received: Pence | null
  readonly balance: Pence | null
}

/** How maintenance is paid: directly between the parents, or through the CMS (Collect and Pay). */
export const COLLECTIONS = ['direct', 'collect-and-pay'] as const
export type Collection = (typeof COLLECTIONS)[number]

/** The schemes an opening balance can come from, newest first (as the form lists them). */
export const SCHEMES = [2012, 2003, 1993] as const
export type Scheme = (typeof SCHEMES)[number]

/** A debt carried into the CMS from an older case (CSA 1993 or 2003 scheme) or an earlier 2012-scheme case. */
export interface OpeningBalance {
  readonly amount: Pence
  readonly date: PlainDate
  readonly scheme: Scheme
  /** Where the figure comes from, in the parent's words ("CMS letter of 3 March 2025"). */
  readonly source: string
  /** Whether the calculation the debt arose under has ended (for the small-debt write-off). */
  readonly calculationEnded?: boolean
}

/** What the parent decided about a proposed match. */
export interface MatchDecision {
  readonly paymentId: string
  readonly entryId: string
  readonly status: 'confirmed' | 'rejected'
}
