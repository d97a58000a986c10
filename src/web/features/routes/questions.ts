import {
  ARREARS_CAUSES,
  CHANGE_KINDS,
  PROBLEM_KINDS as DOMAIN_PROBLEM_KINDS,
  type ProblemKind,
} from '../../../domain/remedies/facts.ts'
import { UK_NATIONS } from '../../../domain/shared/nations.ts'
import { isAfter, parseDate, type PlainDate } from '../../../domain/shared/plain-date.ts'

/**
 * The "What can I do?" journey as data: every question, in order, with when it is asked. One question per
 * page; the pages, the check-your-answers list and the facts for the route advisor all come from this list.
 * Copy for each question is under routes.q.<id> in the locale file.
 */

/** A saved answer: one choice, several choices, a date question's ISO date or 'unknown', or an amount. */
export type Answer = string | readonly string[]
export type Answers = Readonly<Record<string, Answer>>

interface Common {
  /** Also the page's URL segment and the locale key. */
  readonly id: string
  readonly applies: (a: Answers) => boolean
}

export interface ChoiceQuestion extends Common {
  readonly type: 'radios' | 'checkboxes'
  readonly options: readonly string[]
}

/** A date, or "I don't know" (saved as 'unknown'). */
export interface DateQuestion extends Common {
  readonly type: 'date'
  /** A date in the future is allowed (a change that is expected). */
  readonly allowFuture: boolean
}

/** An amount of money, which may be left empty when not known. */
export interface MoneyQuestion extends Common {
  readonly type: 'money'
}

export type Question = ChoiceQuestion | DateQuestion | MoneyQuestion

/** The domain's list of problem kinds, in question order. */
export const PROBLEM_KINDS: readonly ProblemKind[] = DOMAIN_PROBLEM_KINDS

const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const
const CHANGES = CHANGE_KINDS

const always = (): boolean => true
export const list = (a: Answers, id: string): readonly string[] => {
  const v = a[id]
  return v === undefined ? [] : typeof v === 'string' ? [v] : v
}
const single = (a: Answers, id: string): string | undefined => {
  const v = a[id]
  return typeof v === 'string' ? v : undefined
}
const has = (kind: ProblemKind) => (a: Answers) => list(a, 'problems').includes(kind)
const when =
  (kind: ProblemKind, id: string, values: readonly string[]) =>
  (a: Answers): boolean =>
    has(kind)(a) && values.includes(single(a, id) ?? '')
const unless =
  (kind: ProblemKind, id: string, values: readonly string[]) =>
  (a: Answers): boolean =>
    has(kind)(a) && single(a, id) !== undefined && !values.includes(single(a, id) ?? '')

const radios = (id: string, options: readonly string[], applies: Common['applies']): ChoiceQuestion => ({
  id,
  type: 'radios',
  options,
  applies,
})
const checkboxes = (id: string, options: readonly string[], applies: Common['applies']): ChoiceQuestion => ({
  id,
  type: 'checkboxes',
  options,
  applies,
})
const date = (id: string, applies: Common['applies'], allowFuture = false): DateQuestion => ({
  id,
  type: 'date',
  allowFuture,
  applies,
})

const LOOKED_AGAIN = ['refused', 'revisedStillWrong']
const APPEALED = ['tribunalDecided']

/** Every question, in the order they are asked. */
export const QUESTIONS: readonly Question[] = [
  radios('where-you-live', UK_NATIONS, always),
  radios('your-role', ['paying', 'receiving'], always),
  checkboxes('problems', PROBLEM_KINDS, always),

  checkboxes(
    'calculation-what',
    ['income', 'numberOfChildren', 'nights', 'otherChildren', 'other'],
    has('wrongCalculation'),
  ),
  radios(
    'calculation-look-again',
    ['notAsked', 'waiting', 'refused', 'revisedStillWrong', 'tribunalDecided', 'unknown'],
    has('wrongCalculation'),
  ),
  date(
    'calculation-decision-date',
    unless('wrongCalculation', 'calculation-look-again', [...LOOKED_AGAIN, ...APPEALED]),
  ),
  date('calculation-notice-date', when('wrongCalculation', 'calculation-look-again', LOOKED_AGAIN)),
  date('calculation-reasons-date', when('wrongCalculation', 'calculation-look-again', APPEALED)),
  radios(
    'calculation-cms-information',
    YES_NO_UNKNOWN,
    unless('wrongCalculation', 'calculation-look-again', APPEALED),
  ),

  radios('change-what', CHANGES, has('changeOfCircumstances')),
  radios(
    'change-who',
    ['child', 'receivingParent', 'payingParent'],
    when('changeOfCircumstances', 'change-what', ['movedAbroad', 'death']),
  ),
  radios(
    'change-income',
    ['up25', 'down25', 'under25', 'unknown'],
    when('changeOfCircumstances', 'change-what', ['incomeChange']),
  ),
  radios(
    'change-nights',
    ['more', 'fewer', 'unknown'],
    when('changeOfCircumstances', 'change-what', ['overnightCareChanged']),
  ),
  radios(
    'change-earnings-order',
    YES_NO_UNKNOWN,
    when('changeOfCircumstances', 'change-what', ['newEmployer']),
  ),
  date('change-date', has('changeOfCircumstances'), true),
  radios('change-told', YES_NO_UNKNOWN, has('changeOfCircumstances')),
  date('change-told-date', when('changeOfCircumstances', 'change-told', ['yes'])),

  checkboxes(
    'income-kinds',
    [
      'unearnedIncome',
      'diversionOfIncome',
      'assets',
      'incomeWhileOnBenefitRate',
      'hiddenEarnings',
      'notSure',
    ],
    has('undeclaredIncome'),
  ),
  radios('income-evidence', YES_NO_UNKNOWN, has('undeclaredIncome')),

  checkboxes(
    'expenses-kinds',
    ['contactCosts', 'relevantOtherChildDisability', 'priorDebts', 'boardingSchool', 'formerHomeMortgage'],
    has('specialExpenses'),
  ),
  radios('expenses-benefit-rate', YES_NO_UNKNOWN, has('specialExpenses')),

  checkboxes(
    'complaint-what',
    [
      'lostDocuments',
      'longDelay',
      'badAdvice',
      'arrearsNotExplained',
      'enforcementDelay',
      'hardToContact',
      'noTranslator',
      'discrimination',
      'otherMistake',
    ],
    has('poorService'),
  ),
  radios(
    'complaint-stage',
    ['notYetComplained', 'complained', 'escalated', 'finalResponse', 'iceDecided'],
    has('poorService'),
  ),
  date('complaint-date', when('poorService', 'complaint-stage', ['complained', 'escalated'])),
  date(
    'complaint-final-response-date',
    when('poorService', 'complaint-stage', ['finalResponse', 'iceDecided']),
  ),

  radios('arrears-cause', ARREARS_CAUSES, has('arrearsWrong')),
  { id: 'arrears-amount', type: 'money', applies: has('arrearsWrong') },
  radios('arrears-complained', YES_NO_UNKNOWN, has('arrearsWrong')),
  date('arrears-complained-date', when('arrearsWrong', 'arrears-complained', ['yes'])),

  radios(
    'enforcement-action',
    [
      'deductionFromEarningsOrder',
      'regularDeductionOrder',
      'lumpSumDeductionOrder',
      'liabilityOrder',
      'notEnforcing',
    ],
    has('enforcement'),
  ),
  date('enforcement-date', unless('enforcement', 'enforcement-action', ['notEnforcing'])),

  radios('parentage-calculation', YES_NO_UNKNOWN, has('parentage')),
  date('parentage-decision-date', when('parentage', 'parentage-calculation', ['yes'])),
  radios(
    'overpayment-cause',
    ['calculationReduced', 'paidMoreThanDue', 'caseShouldHaveEnded', 'voluntaryPaymentsIgnored', 'unknown'],
    has('overpayment'),
  ),
  radios('legacy-write-off', YES_NO_UNKNOWN, has('legacyArrears')),

  radios('your-safety', ['yes', 'no'], always),
]

const BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]))
export const questionById = (id: string): Question | undefined => BY_ID.get(id)

/** The questions asked, given the answers so far (a question whose condition is not yet known is left out). */
export const visibleQuestions = (a: Answers): Question[] => QUESTIONS.filter((q) => q.applies(a))

const answered = (q: Question, a: Answers): boolean => a[q.id] !== undefined

/** The first question still to answer, or null when every question asked has an answer. */
export function firstUnanswered(a: Answers): Question | null {
  return visibleQuestions(a).find((q) => !answered(q, a)) ?? null
}

/** The question after `q` (null: go to check your answers). */
export function nextQuestion(q: Question, a: Answers): Question | null {
  const shown = visibleQuestions(a)
  const i = shown.findIndex((x) => x.id === q.id)
  return shown[i + 1] ?? null
}

/** The question before `q` (null: the journey's start page). */
export function previousQuestion(q: Question, a: Answers): Question | null {
  const shown = visibleQuestions(a)
  const i = shown.findIndex((x) => x.id === q.id)
  return i > 0 ? (shown[i - 1] ?? null) : null
}

/** True when `q` can be asked now: its condition holds and every question before it is answered. */
export function canAsk(q: Question, a: Answers): boolean {
  const shown = visibleQuestions(a)
  const i = shown.findIndex((x) => x.id === q.id)
  return i >= 0 && shown.slice(0, i).every((x) => answered(x, a))
}

const ISO = /^\d{4}-\d{2}-\d{2}$/

/**
 * The answers as the route service's JSON input (`routeInputSchema`): only questions still asked count, and
 * "I don't know" stays 'unknown'. A change dated after `today` is an expected change.
 */
export function toRouteInput(a: Answers, today: PlainDate): Record<string, unknown> {
  const shown = new Set(visibleQuestions(a).map((q) => q.id))
  const get = (id: string): string | undefined => (shown.has(id) ? single(a, id) : undefined)
  const all = (id: string): readonly string[] => (shown.has(id) ? list(a, id) : [])
  const dateFact = (id: string): string | undefined => {
    const v = get(id)
    return v === 'unknown' || (v !== undefined && ISO.test(v)) ? v : undefined
  }
  /** A date asked only after a yes: the date, 'unknown' when they do not know whether or when, else left out. */
  const afterYes = (question: string, dateId: string): string | undefined =>
    get(question) === 'yes'
      ? (dateFact(dateId) ?? 'unknown')
      : get(question) === 'unknown'
        ? 'unknown'
        : undefined
  const yesNo = (id: string): boolean | undefined =>
    get(id) === 'yes' ? true : get(id) === 'no' ? false : undefined

  const build: Record<ProblemKind, () => Record<string, unknown>> = {
    wrongCalculation: () => ({
      errors: all('calculation-what'),
      reconsideration: get('calculation-look-again'),
      decisionLetterDate: dateFact('calculation-decision-date'),
      mrNoticeDate: dateFact('calculation-notice-date'),
      tribunalReasonsDate: dateFact('calculation-reasons-date'),
      cmsHadTheRightInformation: get('calculation-cms-information'),
    }),
    changeOfCircumstances: () => {
      const changeDate = dateFact('change-date')
      const income = get('change-income')
      const nights = get('change-nights')
      return {
        change: get('change-what'),
        changeDate,
        expected:
          changeDate && changeDate !== 'unknown' && isAfter(parseDate(changeDate), today) ? true : undefined,
        reportedOn: afterYes('change-told', 'change-told-date'),
        person: get('change-who'),
        incomeDirection: income === 'up25' ? 'increase' : income === 'down25' ? 'decrease' : undefined,
        atLeast25Percent:
          income === 'up25' || income === 'down25'
            ? 'yes'
            : income === 'under25'
              ? 'no'
              : income === 'unknown'
                ? 'unknown'
                : undefined,
        nightsDirection: nights === 'more' || nights === 'fewer' ? nights : undefined,
        earningsOrderInPlace: yesNo('change-earnings-order'),
      }
    },
    undeclaredIncome: () => ({ incomeKinds: all('income-kinds'), haveEvidence: get('income-evidence') }),
    specialExpenses: () => ({
      expenses: all('expenses-kinds'),
      onBenefitRate: get('expenses-benefit-rate'),
    }),
    poorService: () => ({
      complaints: all('complaint-what'),
      stage: get('complaint-stage'),
      complainedOn: dateFact('complaint-date'),
      finalResponseReceivedOn: dateFact('complaint-final-response-date'),
    }),
    arrearsWrong: () => ({
      cause: get('arrears-cause'),
      amount: get('arrears-amount') || undefined,
      complainedOn: afterYes('arrears-complained', 'arrears-complained-date'),
    }),
    enforcement: () => ({ action: get('enforcement-action'), actionDate: dateFact('enforcement-date') }),
    parentage: () => ({
      calculationMade: get('parentage-calculation'),
      decisionLetterDate: dateFact('parentage-decision-date'),
    }),
    overpayment: () => ({ cause: get('overpayment-cause') }),
    legacyArrears: () => ({ writeOffNoticeReceived: get('legacy-write-off') }),
  }
  const chosen = PROBLEM_KINDS.filter((k) => all('problems').includes(k))
  return compact({
    role: get('your-role'),
    nation: get('where-you-live'),
    problems: chosen.map((kind) => compact({ kind, ...build[kind]() })),
    keepContactDetailsPrivate: get('your-safety') === 'yes' ? true : undefined,
  })
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
}
