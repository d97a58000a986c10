import type { DeadlineKind, DeadlineRequest, DeadlineResult } from '../deadlines/types.ts'
import type { Message } from '../shared/message.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { Citation } from '../shared/traced.ts'
import type { ProblemKind } from './facts.ts'

/** The deadline engine, injected so the advisor stays pure (and testable before the engine exists). */
export type DeadlineFn = (req: DeadlineRequest) => DeadlineResult

/** The letter a route needs; the letters module builds each kind. */
export type LetterKind =
  | 'mandatoryReconsideration'
  | 'lateReconsideration'
  | 'anyTimeRevision'
  | 'changeOfCircumstances'
  | `variation:${VariationGround}`
  | 'complaint'
  | 'escalation'
  | 'iceReferral'
  | 'mpLetter'
  | 'compensationClaim'
  | 'callConfirmation'
  | 'statementOfAccount'
  | 'subjectAccessRequest'
  | 'appealPack'
  | 'niAppeal'
  | 'parentageDispute'

export type VariationGround =
  | 'contactCosts'
  | 'relevantOtherChildDisability'
  | 'priorDebts'
  | 'boardingSchool'
  | 'formerHomeMortgage'
  | 'unearnedIncome'
  | 'diversionOfIncome'
  | 'assets'
  | 'incomeWhileOnBenefitRate'

export type RouteId =
  | 'mandatory-reconsideration'
  | 'late-reconsideration'
  | 'any-time-revision'
  | 'tribunal-appeal'
  | 'ni-appeal'
  | 'late-appeal'
  | 'permission-to-appeal'
  | 'onward-appeal'
  | 'supersession'
  | 'report-change'
  | 'variation'
  | 'variation-response'
  | 'complaint'
  | 'escalation'
  | 'ice-referral'
  | 'mp-and-ombudsman'
  | 'nipso-complaint'
  | 'compensation-claim'
  | 'statement-of-account'
  | 'subject-access-request'
  | 'call-confirmation'
  | 'earnings-order-appeal'
  | 'good-reason-appeal'
  | 'deduction-order-appeal'
  | 'deduction-hardship'
  | 'liability-order-hearing'
  | 'parentage-dispute'
  | 'parentage-appeal'
  | 'overpayment-adjustment'
  | 'judicial-review'

/** How a route relates to the problem: the main way, one to use alongside, a fallback, or support. */
export type Fit = 'main' | 'alongside' | 'fallback' | 'support'

export type DeadlineStatus = 'open' | 'passed' | 'late-but-possible' | 'unknown'

export interface RouteDeadline {
  /** What must happen by the date. */
  readonly label: Message
  readonly kind: DeadlineKind
  /** The trigger date used, or null when the user does not know it. */
  readonly from: PlainDate | null
  readonly result: DeadlineResult | null
  /** Relative to `today`: still open, passed, passed but a late application is still possible, or unknown. */
  readonly status: DeadlineStatus
  /** A CMS service target, not a legal time limit (missing it is grounds to escalate). */
  readonly target: boolean
  /** Why there is no result, or what else to know. */
  readonly note: Message | null
}

export interface Route {
  readonly id: RouteId
  /** 1 = do this first. */
  readonly rank: number
  /** Index into facts.problems, or null for a route that serves the whole case (e.g. a call confirmation). */
  readonly problem: number | null
  readonly problemKind: ProblemKind | null
  readonly fit: Fit
  readonly title: Message
  readonly whyItFits: Message
  readonly deadlines: readonly RouteDeadline[]
  readonly gather: readonly Message[]
  readonly howToSend: readonly Message[]
  readonly whatHappensNext: Message
  readonly letterKind: LetterKind | null
  /** Where no appeal lies: says so plainly and what to do instead. */
  readonly noAppeal: Message | null
  /** Things to watch: uncertainty in the law, safety, what we could not confirm. */
  readonly cautions: readonly Message[]
  readonly citations: readonly Citation[]
  /** For a change of circumstances: when the new amount starts. */
  readonly effect: ChangeEffect | null
}

export type EffectRule =
  | 'dateOfChange'
  | 'dateExpected'
  | 'dateReported'
  | 'newChildInitialDate'
  | 'calculationEnds'
  | 'noChangeToAmount'

/** When a change of circumstances takes effect (SI 2012/2677 reg 18), and whether that is backdated. */
export interface ChangeEffect {
  readonly rule: EffectRule
  /** True when the new amount starts from the date the change happened, even if reported later. */
  readonly backdated: boolean
  /** The start date where we can tell it, else null. */
  readonly date: PlainDate | null
  readonly text: Message
  readonly cite: Citation | null
}

export interface FreeHelp {
  readonly organisations: readonly Message[]
  readonly notLegalAdvice: Message
}

export interface Advice {
  readonly routes: readonly Route[]
  /** Every "no right of appeal" statement, gathered for a summary. */
  readonly noAppeal: readonly {
    readonly route: RouteId
    readonly problem: number | null
    readonly text: Message
  }[]
  readonly help: FreeHelp
  readonly assumptions: readonly Message[]
}
