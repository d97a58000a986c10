import type { Nation as DeadlineNation } from '../deadlines/types.ts'
import type { Pence } from '../shared/pence.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { UkNation } from '../shared/nations.ts'

/**
 * The facts of a parent's problem(s), as the route advisor takes them. Every date a parent may not
 * know can be 'unknown' ("I don't know"); leaving an optional field out means the same.
 * The web journey and `redress route` both build this shape.
 */

/** Where the parent lives: it decides the CMS (GB or NI), the tribunal, the courts and the holidays. */
export type Nation = UkNation

/** Who the user is in the case. */
export type Role = 'paying' | 'receiving'

export type DateFact = PlainDate | 'unknown'
export type YesNoUnknown = 'yes' | 'no' | 'unknown'

export interface ProblemFacts {
  readonly role: Role
  readonly nation: Nation
  /** One or more problems; routes for all of them come back ranked together. */
  readonly problems: readonly Problem[]
  /** Phone calls with the CMS; any not yet confirmed in writing gets a call-confirmation route. */
  readonly calls?: readonly CallRecord[]
  /** The user must keep their address and phone number from the other parent. */
  readonly keepContactDetailsPrivate?: boolean
  /** The user lives outside the UK (longer time limit for an earnings-order appeal). */
  readonly residentAbroad?: boolean
}

export interface CallRecord {
  readonly on: DateFact
  readonly spokeTo?: string
  readonly summary?: string
  readonly confirmedInWriting?: boolean
}

export type Problem =
  | WrongCalculationProblem
  | ChangeOfCircumstancesProblem
  | UndeclaredIncomeProblem
  | SpecialExpensesProblem
  | PoorServiceProblem
  | ArrearsProblem
  | EnforcementProblem
  | ParentageProblem
  | OverpaymentProblem
  | LegacyArrearsProblem

export type ProblemKind = Problem['kind']

/** Every kind of problem, in the order the questions list them. */
export const PROBLEM_KINDS = [
  'wrongCalculation',
  'changeOfCircumstances',
  'undeclaredIncome',
  'specialExpenses',
  'poorService',
  'arrearsWrong',
  'enforcement',
  'parentage',
  'overpayment',
  'legacyArrears',
] as const satisfies readonly ProblemKind[]
/** A compile error if a kind of problem is added without being listed above. */
const _everyProblemKind: Exclude<ProblemKind, (typeof PROBLEM_KINDS)[number]> extends never ? true : never =
  true

/** What the parent thinks is wrong in the calculation. */
export type CalculationError = 'income' | 'numberOfChildren' | 'nights' | 'otherChildren' | 'other'

/** Where the challenge has got to. */
export type ReconsiderationStatus =
  | 'notAsked'
  | 'waiting'
  | 'refused'
  /** The CMS changed the decision but it is still wrong. */
  | 'revisedStillWrong'
  /** The tribunal (in Northern Ireland, the Appeals Service) has decided the appeal: onward appeal on a point of law. */
  | 'tribunalDecided'
  | 'unknown'

/** Why a reconsideration request is late. */
export type LateReason =
  | 'seriousIllness'
  | 'bereavement'
  | 'hospitalStay'
  | 'awayFromHome'
  | 'postalDisruption'
  | 'domesticAbuse'
  | 'cmsMisdirection'
  | 'disability'
  | 'didNotKnowTimeLimit'
  | 'other'
  | 'none'

export interface WrongCalculationProblem {
  readonly kind: 'wrongCalculation'
  readonly errors: readonly CalculationError[]
  /** The date printed on the decision letter. */
  readonly decisionLetterDate?: DateFact
  readonly reconsideration?: ReconsiderationStatus
  readonly reconsiderationAskedOn?: DateFact
  /** The date printed on the mandatory reconsideration notice. */
  readonly mrNoticeDate?: DateFact
  readonly lateReason?: LateReason
  /** The CMS got it wrong with information it already had (an official error). */
  readonly cmsHadTheRightInformation?: YesNoUnknown
  /** After the appeal: the date the tribunal sent its written reasons (statement of reasons). */
  readonly tribunalReasonsDate?: DateFact
  /** After the appeal: the date a refusal of permission (in NI, of leave) to appeal was sent. */
  readonly permissionRefusedDate?: DateFact
}

/** The changes of circumstances the advisor knows, in the order the questions list them. */
export const CHANGE_KINDS = [
  'childLeftEducation',
  'childTurned20',
  'movedAbroad',
  'childInCareOrAdopted',
  'dayToDayCareStopped',
  'death',
  'incomeChange',
  'movedHouse',
  'overnightCareChanged',
  'newEmployer',
  'benefitsChanged',
  'newChildInHousehold',
  'newQualifyingChild',
] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

export type Person = 'child' | 'receivingParent' | 'payingParent'

export interface ChangeOfCircumstancesProblem {
  readonly kind: 'changeOfCircumstances'
  readonly change: ChangeKind
  /** When it happened (or, if `expected`, when it will happen). */
  readonly changeDate?: DateFact
  readonly expected?: boolean
  /** When the CMS was told, if it has been. */
  readonly reportedOn?: DateFact
  /** Who died or moved abroad. */
  readonly person?: Person
  readonly incomeDirection?: 'increase' | 'decrease'
  /** Did the paying parent's income change by 25% or more? */
  readonly atLeast25Percent?: YesNoUnknown
  readonly nightsDirection?: 'more' | 'fewer'
  /** Is a deduction from earnings order in place (7-day duty on a job change)? */
  readonly earningsOrderInPlace?: boolean
}

export type AdditionalIncomeKind =
  | 'unearnedIncome'
  | 'diversionOfIncome'
  | 'assets'
  | 'incomeWhileOnBenefitRate'
  | 'hiddenEarnings'
  | 'notSure'

export interface UndeclaredIncomeProblem {
  readonly kind: 'undeclaredIncome'
  readonly incomeKinds: readonly AdditionalIncomeKind[]
  /** Roughly how much a year, if known. */
  readonly yearlyAmount?: Pence
  readonly decisionLetterDate?: DateFact
  readonly haveEvidence?: YesNoUnknown
}

export type SpecialExpense =
  'contactCosts' | 'relevantOtherChildDisability' | 'priorDebts' | 'boardingSchool' | 'formerHomeMortgage'

export interface SpecialExpensesProblem {
  readonly kind: 'specialExpenses'
  readonly expenses: readonly SpecialExpense[]
  readonly weeklyAmount?: Pence
  readonly decisionLetterDate?: DateFact
  /** Is the paying parent on the flat or nil rate because they (or a partner) get a benefit? (reg 57) */
  readonly onBenefitRate?: YesNoUnknown
}

export type ComplaintKind =
  | 'lostDocuments'
  | 'longDelay'
  | 'badAdvice'
  | 'arrearsNotExplained'
  | 'enforcementDelay'
  | 'hardToContact'
  | 'noTranslator'
  | 'discrimination'
  | 'otherMistake'

export type ComplaintStage = 'notYetComplained' | 'complained' | 'escalated' | 'finalResponse' | 'iceDecided'

export interface CostItem {
  readonly description: string
  readonly amount: Pence
}

export interface PoorServiceProblem {
  readonly kind: 'poorService'
  readonly complaints: readonly ComplaintKind[]
  readonly stage: ComplaintStage
  /** When the complaint (or escalation, at that stage) reached the CMS. */
  readonly complainedOn?: DateFact
  /** When the CMS's final response letter arrived. */
  readonly finalResponseReceivedOn?: DateFact
  /** When the parent first knew of the problem (the Ombudsman's one-year clock). */
  readonly becameAwareOn?: DateFact
  readonly costs?: readonly CostItem[]
  /** Receiving parent: maintenance was lost because of the CMS's delay. */
  readonly lostMaintenance?: boolean
}

/** Why arrears may be wrong, in the order the questions list them. */
export const ARREARS_CAUSES = [
  'paymentNotRecorded',
  'directPayDispute',
  'wrongCalculation',
  'wrongEffectiveDate',
  'unknown',
] as const
export type ArrearsCause = (typeof ARREARS_CAUSES)[number]

export interface ArrearsProblem {
  readonly kind: 'arrearsWrong'
  readonly cause: ArrearsCause
  readonly amount?: Pence
  /** The decision the arrears come from, if they come from a wrong decision. */
  readonly decisionLetterDate?: DateFact
  /** When a complaint about the arrears reached the CMS, if one was made. */
  readonly complainedOn?: DateFact
}

export type EnforcementAction =
  | 'deductionFromEarningsOrder'
  | 'regularDeductionOrder'
  | 'lumpSumDeductionOrder'
  | 'liabilityOrder'
  /** Receiving parent: the CMS is not enforcing. */
  | 'notEnforcing'

export type EnforcementGround =
  | 'orderDefective'
  | 'notEarnings'
  /** The CMS decided that the paying parent's "good reason" not to have an earnings order does not apply. */
  | 'goodReasonRefused'
  | 'calculationWrong'
  | 'cannotAfford'
  | 'alreadyPaid'
  | 'unknown'

export interface EnforcementProblem {
  readonly kind: 'enforcement'
  readonly action: EnforcementAction
  /** The date on the order or notice (the date the matter arose). */
  readonly actionDate?: DateFact
  readonly grounds?: readonly EnforcementGround[]
  readonly hearingDate?: DateFact
  /** The date the CMS gave or sent its decision that the "good reason" exclusion does not apply. */
  readonly goodReasonDecisionDate?: DateFact
}

export type ParentageBasis =
  'marriedOrCivilPartner' | 'birthCertificate' | 'dnaTest' | 'adopted' | 'courtOrder' | 'none' | 'unknown'

export interface ParentageProblem {
  readonly kind: 'parentage'
  readonly calculationMade: YesNoUnknown
  readonly assumedBecause?: ParentageBasis
  /** When the user first told the CMS they are not the parent. */
  readonly firstDeniedOn?: DateFact
  /** The date on the decision (or reconsideration notice) that found the user to be the parent: the court appeal runs from it. */
  readonly decisionLetterDate?: DateFact
}

export type OverpaymentCause =
  'calculationReduced' | 'paidMoreThanDue' | 'caseShouldHaveEnded' | 'voluntaryPaymentsIgnored' | 'unknown'

export interface OverpaymentProblem {
  readonly kind: 'overpayment'
  readonly cause: OverpaymentCause
  readonly amount?: Pence
}

export interface LegacyArrearsProblem {
  readonly kind: 'legacyArrears'
  readonly amount?: Pence
  readonly writeOffNoticeReceived?: YesNoUnknown
}

/** The deadline engine's calendar division for a nation. */
export const deadlineNation = (n: Nation): DeadlineNation =>
  n === 'scotland' ? 'scotland' : n === 'northern-ireland' ? 'northern-ireland' : 'england-and-wales'

export const isKnown = (d: DateFact | undefined): d is PlainDate => d !== undefined && d !== 'unknown'
