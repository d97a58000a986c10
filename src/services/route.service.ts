import { z } from 'zod'
import { computeDeadline } from '../domain/deadlines/compute-deadline.ts'
import type { Calendars } from '../domain/deadlines/calendar.ts'
import { adviseRoutes } from '../domain/remedies/advisor.ts'
import type { Contacts } from '../domain/remedies/contacts.ts'
import {
  ARREARS_CAUSES,
  CHANGE_KINDS,
  type DateFact,
  type Problem,
  type ProblemFacts,
} from '../domain/remedies/facts.ts'
import type { DutiesChecklist, DutyItem } from '../domain/remedies/duties.ts'
import type { Advice, DeadlineFn, Route, RouteDeadline } from '../domain/remedies/route.ts'
import type { DeadlineResult } from '../domain/deadlines/types.ts'
import { message, type Message } from '../domain/shared/message.ts'
import type { Step } from '../domain/shared/traced.ts'
import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'
import { parsePounds, type Pence } from '../domain/shared/pence.ts'
import { Temporal, parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import { rules } from '../rules/load.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { buildCalendars } from './calendars.ts'
import { contacts as projectContacts } from './contacts.ts'
import { systemClock } from './clock.ts'
import { UK_NATIONS } from '../domain/shared/nations.ts'

/**
 * `redress route` and the web journey: validates the facts of a problem (zod, strict), then asks the
 * route advisor with the real deadline engine, the project's rules and the contact facts.
 */

const ISO = /^\d{4}-\d{2}-\d{2}$/

const realDate = z.string().transform((s, ctx): PlainDate => {
  if (!ISO.test(s)) {
    ctx.addIssue({ code: 'custom', message: text('remedies.input.notIsoDate', { value: s }) })
    return z.NEVER
  }
  try {
    return parseDate(s)
  } catch {
    ctx.addIssue({ code: 'custom', message: text('remedies.input.notRealDate', { value: s }) })
    return z.NEVER
  }
})

/** A date, or "unknown" when the parent does not know it. */
const knownOrUnknown = z.string().transform((s, ctx): DateFact => {
  if (s === 'unknown') return 'unknown'
  if (!ISO.test(s)) {
    ctx.addIssue({ code: 'custom', message: text('remedies.input.notIsoDateOrUnknown', { value: s }) })
    return z.NEVER
  }
  try {
    return parseDate(s)
  } catch {
    ctx.addIssue({ code: 'custom', message: text('remedies.input.notRealDate', { value: s }) })
    return z.NEVER
  }
})
const dateFact = knownOrUnknown.optional()

const money = z.string().transform((s, ctx): Pence => {
  try {
    return parsePounds(s)
  } catch {
    ctx.addIssue({ code: 'custom', message: text('remedies.input.notMoney', { value: s }) })
    return z.NEVER
  }
})

const yesNo = z.enum(['yes', 'no', 'unknown'])

const wrongCalculation = z.strictObject({
  kind: z.literal('wrongCalculation'),
  errors: z.array(z.enum(['income', 'numberOfChildren', 'nights', 'otherChildren', 'other'])).min(1),
  decisionLetterDate: dateFact,
  reconsideration: z
    .enum(['notAsked', 'waiting', 'refused', 'revisedStillWrong', 'tribunalDecided', 'unknown'])
    .optional(),
  reconsiderationAskedOn: dateFact,
  tribunalReasonsDate: dateFact,
  permissionRefusedDate: dateFact,
  mrNoticeDate: dateFact,
  lateReason: z
    .enum([
      'seriousIllness',
      'bereavement',
      'hospitalStay',
      'awayFromHome',
      'postalDisruption',
      'domesticAbuse',
      'cmsMisdirection',
      'disability',
      'didNotKnowTimeLimit',
      'other',
      'none',
    ])
    .optional(),
  cmsHadTheRightInformation: yesNo.optional(),
})

const changeOfCircumstances = z.strictObject({
  kind: z.literal('changeOfCircumstances'),
  change: z.enum(CHANGE_KINDS),
  changeDate: dateFact,
  expected: z.boolean().optional(),
  reportedOn: dateFact,
  person: z.enum(['child', 'receivingParent', 'payingParent']).optional(),
  incomeDirection: z.enum(['increase', 'decrease']).optional(),
  atLeast25Percent: yesNo.optional(),
  nightsDirection: z.enum(['more', 'fewer']).optional(),
  earningsOrderInPlace: z.boolean().optional(),
})

const undeclaredIncome = z.strictObject({
  kind: z.literal('undeclaredIncome'),
  incomeKinds: z
    .array(
      z.enum([
        'unearnedIncome',
        'diversionOfIncome',
        'assets',
        'incomeWhileOnBenefitRate',
        'hiddenEarnings',
        'notSure',
      ]),
    )
    .min(1),
  yearlyAmount: money.optional(),
  decisionLetterDate: dateFact,
  haveEvidence: yesNo.optional(),
})

const specialExpenses = z.strictObject({
  kind: z.literal('specialExpenses'),
  expenses: z
    .array(
      z.enum([
        'contactCosts',
        'relevantOtherChildDisability',
        'priorDebts',
        'boardingSchool',
        'formerHomeMortgage',
      ]),
    )
    .min(1),
  weeklyAmount: money.optional(),
  decisionLetterDate: dateFact,
  onBenefitRate: yesNo.optional(),
})

const poorService = z.strictObject({
  kind: z.literal('poorService'),
  complaints: z
    .array(
      z.enum([
        'lostDocuments',
        'longDelay',
        'badAdvice',
        'arrearsNotExplained',
        'enforcementDelay',
        'hardToContact',
        'noTranslator',
        'discrimination',
        'otherMistake',
      ]),
    )
    .min(1),
  stage: z.enum(['notYetComplained', 'complained', 'escalated', 'finalResponse', 'iceDecided']),
  complainedOn: dateFact,
  finalResponseReceivedOn: dateFact,
  becameAwareOn: dateFact,
  costs: z.array(z.strictObject({ description: z.string().min(1).max(200), amount: money })).optional(),
  lostMaintenance: z.boolean().optional(),
})

const arrearsWrong = z.strictObject({
  kind: z.literal('arrearsWrong'),
  cause: z.enum(ARREARS_CAUSES),
  amount: money.optional(),
  decisionLetterDate: dateFact,
  complainedOn: dateFact,
})

const enforcement = z.strictObject({
  kind: z.literal('enforcement'),
  action: z.enum([
    'deductionFromEarningsOrder',
    'regularDeductionOrder',
    'lumpSumDeductionOrder',
    'liabilityOrder',
    'notEnforcing',
  ]),
  actionDate: dateFact,
  grounds: z
    .array(
      z.enum([
        'orderDefective',
        'notEarnings',
        'goodReasonRefused',
        'calculationWrong',
        'cannotAfford',
        'alreadyPaid',
        'unknown',
      ]),
    )
    .optional(),
  hearingDate: dateFact,
  goodReasonDecisionDate: dateFact,
})

const parentage = z.strictObject({
  kind: z.literal('parentage'),
  calculationMade: yesNo,
  assumedBecause: z
    .enum([
      'marriedOrCivilPartner',
      'birthCertificate',
      'dnaTest',
      'adopted',
      'courtOrder',
      'none',
      'unknown',
    ])
    .optional(),
  firstDeniedOn: dateFact,
  decisionLetterDate: dateFact,
})

const overpayment = z.strictObject({
  kind: z.literal('overpayment'),
  cause: z.enum([
    'calculationReduced',
    'paidMoreThanDue',
    'caseShouldHaveEnded',
    'voluntaryPaymentsIgnored',
    'unknown',
  ]),
  amount: money.optional(),
})

const legacyArrears = z.strictObject({
  kind: z.literal('legacyArrears'),
  amount: money.optional(),
  writeOffNoticeReceived: yesNo.optional(),
})

export const problemSchema = z.discriminatedUnion('kind', [
  wrongCalculation,
  changeOfCircumstances,
  undeclaredIncome,
  specialExpenses,
  poorService,
  arrearsWrong,
  enforcement,
  parentage,
  overpayment,
  legacyArrears,
])

/** The JSON `redress route` reads on stdin. Dates are "YYYY-MM-DD" or "unknown"; money is "612.00". */
export const routeInputSchema = z.strictObject({
  today: realDate.optional(),
  role: z.enum(['paying', 'receiving']),
  nation: z.enum(UK_NATIONS),
  problems: z.array(problemSchema).min(1, { error: () => text('remedies.input.atLeastOneProblem') }),
  calls: z
    .array(
      z.strictObject({
        on: knownOrUnknown,
        spokeTo: z.string().max(100).optional(),
        summary: z.string().max(500).optional(),
        confirmedInWriting: z.boolean().optional(),
      }),
    )
    .optional(),
  keepContactDetailsPrivate: z.boolean().optional(),
  residentAbroad: z.boolean().optional(),
})

export type RouteInput = z.infer<typeof routeInputSchema>

/** Strips undefined optionals so the facts match the domain's exact optional fields. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

/** The validated input as the domain's ProblemFacts (plus the `today` the caller gave, if any). */
export function toProblemFacts(input: RouteInput): ProblemFacts {
  return compact({
    role: input.role,
    nation: input.nation,
    problems: input.problems.map((p): Problem => compact(p)),
    calls: input.calls?.map((c) => compact(c)),
    keepContactDetailsPrivate: input.keepContactDetailsPrivate,
    residentAbroad: input.residentAbroad,
  })
}

let calendars: Calendars | undefined
/** The real deadline engine over the project's rules and the UK bank-holiday calendars (built once). */
export function realDeadlineFn(book: RuleBook = rules()): DeadlineFn {
  return (req) => computeDeadline(book, (calendars ??= buildCalendars()), req)
}

export interface RouteDeps {
  readonly book?: RuleBook
  readonly deadline?: DeadlineFn
  readonly contacts?: Contacts
  /** Today, from the caller's clock (the real date in the UK when not given). */
  readonly today?: PlainDate
}

export interface RouteAnswer extends Advice {
  readonly today: PlainDate
  readonly contact: {
    readonly phone: string | null
    readonly relayUk: string | null
    readonly postalAddress: string | null
    readonly paidNumberWarning: string
  }
}

/** Advises on validated facts: ranked routes, no-appeal statements, free help. */
export function adviseOnFacts(facts: ProblemFacts, deps: RouteDeps = {}): RouteAnswer {
  const book = deps.book ?? rules()
  const c = deps.contacts ?? projectContacts()
  const today = deps.today ?? systemClock.today()
  const advice = adviseRoutes(facts, {
    book,
    deadline: deps.deadline ?? realDeadlineFn(book),
    today,
    contacts: c,
  })
  const gb = facts.nation !== 'northern-ireland'
  return {
    today,
    ...advice,
    contact: {
      phone: gb ? c.cms.phone.value : null,
      relayUk: gb ? c.cms.relayUk.value : null,
      postalAddress: gb ? c.cms.postalAddress.value : null,
      paidNumberWarning: c.paidNumberWarning.text,
    },
  }
}

/** Advises on validated input (the `today` in the input wins over the clock). */
export function adviseOnInput(input: RouteInput, deps: RouteDeps = {}): RouteAnswer {
  const today = input.today ?? deps.today ?? systemClock.today()
  refuseFutureDates(input, today)
  return adviseOnFacts(toProblemFacts(input), { ...deps, today })
}

/** Things that have already happened (a complaint made, a problem noticed) cannot be after today. */
const PAST_FACTS = ['complainedOn', 'becameAwareOn', 'finalResponseReceivedOn'] as const

function refuseFutureDates(input: RouteInput, today: PlainDate): void {
  input.problems.forEach((problem, i) => {
    for (const field of PAST_FACTS) {
      const value = (problem as Partial<Record<(typeof PAST_FACTS)[number], DateFact>>)[field]
      if (value && value !== 'unknown' && Temporal.PlainDate.compare(value, today) > 0)
        throw new InvalidInput(
          `problems[${i}].${field}`,
          message('remedies.input.afterToday', { value: value.toString(), today: today.toString() }),
        )
    }
  })
}

/** One piece of the advisor's copy in words, in the reader's language. */
const words = (t: Message, locale: Locale): string => text(t, {}, locale)

/** A deadline engine result with its steps, readings and assumptions in words (the same shape otherwise). */
export interface DeadlineResultInWords extends Omit<DeadlineResult, 'steps' | 'readings' | 'assumptions'> {
  readonly steps: readonly Step[]
  readonly readings: readonly (Omit<DeadlineResult['readings'][number], 'text'> & { readonly text: string })[]
  readonly assumptions: readonly string[]
}

export interface RouteDeadlineInWords extends Omit<RouteDeadline, 'label' | 'note'> {
  readonly label: string
  readonly note: string | null
}

const resultInWords = (r: DeadlineResult, locale: Locale): DeadlineResultInWords => ({
  ...r,
  steps: r.steps.map((s) => ({ ...s, text: words(s.text, locale) })),
  readings: r.readings.map((x) => ({ ...x, text: words(x.text, locale) })),
  assumptions: r.assumptions.map((m) => words(m, locale)),
})

type RouteWords = 'title' | 'whyItFits' | 'deadlines' | 'gather' | 'howToSend' | 'whatHappensNext'
type MoreRouteWords = 'noAppeal' | 'cautions' | 'effect'

/** A route as a person reads it: every message put into words. */
export interface RouteInWords extends Omit<Route, RouteWords | MoreRouteWords> {
  readonly title: string
  readonly whyItFits: string
  readonly deadlines: readonly RouteDeadlineInWords[]
  readonly gather: readonly string[]
  readonly howToSend: readonly string[]
  readonly whatHappensNext: string
  readonly noAppeal: string | null
  readonly cautions: readonly string[]
  readonly effect: (Omit<NonNullable<Route['effect']>, 'text'> & { readonly text: string }) | null
}

export interface AdviceInWords {
  readonly routes: readonly RouteInWords[]
  readonly noAppeal: readonly (Omit<Advice['noAppeal'][number], 'text'> & { readonly text: string })[]
  readonly help: { readonly organisations: readonly string[]; readonly notLegalAdvice: string }
  readonly assumptions: readonly string[]
}

export const deadlineInWords = (d: RouteDeadline, locale: Locale = DEFAULT_LOCALE): RouteDeadlineInWords => ({
  ...d,
  label: words(d.label, locale),
  note: d.note === null ? null : words(d.note, locale),
})

export function routeInWords(r: Route, locale: Locale = DEFAULT_LOCALE): RouteInWords {
  const say = (t: Message): string => words(t, locale)
  return {
    ...r,
    title: say(r.title),
    whyItFits: say(r.whyItFits),
    deadlines: r.deadlines.map((d) => deadlineInWords(d, locale)),
    gather: r.gather.map(say),
    howToSend: r.howToSend.map(say),
    whatHappensNext: say(r.whatHappensNext),
    noAppeal: r.noAppeal === null ? null : say(r.noAppeal),
    cautions: r.cautions.map(say),
    effect: r.effect ? { ...r.effect, text: say(r.effect.text) } : null,
  }
}

/**
 * The advisor's answer in words (the same shape, every message put into words in `locale`): what the
 * page, `redress route` and its `--json` show.
 */
export function adviceInWords<A extends Advice>(
  a: A,
  locale: Locale = DEFAULT_LOCALE,
): Omit<A, keyof AdviceInWords> & AdviceInWords {
  const say = (t: Message): string => words(t, locale)
  return {
    ...a,
    routes: a.routes.map((r) => routeInWords(r, locale)),
    noAppeal: a.noAppeal.map((n) => ({ ...n, text: say(n.text) })),
    help: {
      ...a.help,
      organisations: a.help.organisations.map(say),
      notLegalAdvice: say(a.help.notLegalAdvice),
    },
    assumptions: a.assumptions.map(say),
  }
}

export type RouteAnswerInWords = ReturnType<typeof adviceInWords<RouteAnswer>>

/**
 * The answer as `redress route --json` prints it: in words, the deadline engine's results included
 * (their steps, readings and assumptions).
 */
export function adviceToJson(answer: RouteAnswer, locale: Locale = DEFAULT_LOCALE) {
  const a = adviceInWords(answer, locale)
  return {
    ...a,
    routes: a.routes.map((r) => ({
      ...r,
      deadlines: r.deadlines.map((d) => ({
        ...d,
        result: d.result ? resultInWords(d.result, locale) : null,
      })),
    })),
  }
}

export interface DutiesInWords extends Omit<DutiesChecklist, 'items' | 'fine' | 'address'> {
  readonly items: readonly (Omit<DutyItem, 'text'> & { readonly text: string })[]
  readonly fine: Omit<DutiesChecklist['fine'], 'text'> & { readonly text: string }
  readonly address: RouteDeadlineInWords | null
}

/** The reporting-duties checklist in words. */
export function dutiesInWords(c: DutiesChecklist, locale: Locale = DEFAULT_LOCALE): DutiesInWords {
  return {
    ...c,
    items: c.items.map((i) => ({ ...i, text: text(i.text, {}, locale) })),
    fine: { ...c.fine, text: text(c.fine.text, {}, locale) },
    address: c.address ? deadlineInWords(c.address, locale) : null,
  }
}
