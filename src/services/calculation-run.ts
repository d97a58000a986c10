import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'
import type { Message } from '../domain/shared/message.ts'
import {
  calculate,
  type CalculationInput,
  type Calculation,
  type IncomeInput,
  type Rate,
} from '../domain/calculation/index.ts'
import { parsePounds, toDecimal, type Pence } from '../domain/shared/pence.ts'
import { parseDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import type { Citation, Step, Traced } from '../domain/shared/traced.ts'
import type { CalcRequest } from './calculation.service.ts'

/**
 * Running one calculation request and putting its answer in JSON shape, without the request's
 * zod schema (`calcRequest` in ./calculation.service.ts): a quick command (`redress calc`) checks a
 * well-formed request with `quickCalcRequest` and loads zod only to explain a request it refuses.
 */

type IncomeRequest = CalcRequest['income']

export interface StepJson {
  key: string
  text: string
  amount?: string
  unrounded?: string
  cite: Citation
}

export interface CalcResponse {
  rate: Rate
  grossWeeklyIncome: string
  totalWeekly: string
  perReceivingParent: {
    id: string
    weekly: string
    payerPaysWithFees: string
    receiverGetsAfterFees: string
  }[]
  steps: StepJson[]
  assumptions: string[]
}

function toIncome(v: IncomeRequest): IncomeInput {
  if ('grossWeekly' in v) return { grossWeekly: parsePounds(v.grossWeekly, 'income.grossWeekly') }
  const optional = (text: string | undefined, field: string): Pence | undefined =>
    text === undefined ? undefined : parsePounds(text, field)
  const current = optional(v.currentAnnual, 'income.currentAnnual')
  const pension = optional(v.pensionContributionsAnnual, 'income.pensionContributionsAnnual')
  return {
    historicAnnual: parsePounds(v.historicAnnual, 'income.historicAnnual'),
    ...(current === undefined ? {} : { currentAnnual: current }),
    ...(pension === undefined ? {} : { pensionContributionsAnnual: pension }),
  }
}

/** Maps a validated request to the domain's input (money to pence, dates to PlainDate). */
export function toCalculationInput(request: CalcRequest): CalculationInput {
  const v = request.variations
  return {
    effectiveDate: parseDate(request.effectiveDate, 'effectiveDate'),
    income: toIncome(request.income),
    benefit: request.benefit,
    nilRateCategory: request.nilRateCategory,
    relevantOtherChildren: request.relevantOtherChildren,
    receivingParents: request.receivingParents,
    ...(v === undefined
      ? {}
      : {
          variations: {
            specialExpensesWeekly: parsePounds(
              v.specialExpensesWeekly ?? '0',
              'variations.specialExpensesWeekly',
            ),
            additionalIncomeWeekly: parsePounds(
              v.additionalIncomeWeekly ?? '0',
              'variations.additionalIncomeWeekly',
            ),
          },
        }),
    ...(request.collection === undefined ? {} : { collection: request.collection }),
  }
}

function stepJson(s: Step<Message>, locale: Locale): StepJson {
  if (!s.cite) throw new Error(`The step ${s.key} has no citation`)
  return {
    key: s.key,
    // The domain tells its steps as messages; they are put into words here, in the reader's language.
    text: text(s.text, {}, locale),
    ...(s.amount === undefined ? {} : { amount: toDecimal(s.amount) }),
    ...(s.unrounded === undefined ? {} : { unrounded: s.unrounded }),
    cite: s.cite,
  }
}

/** The JSON shape of a calculation result (money as decimal strings). */
export function calculationJson(
  result: Traced<Calculation, Message, Message>,
  locale: Locale = DEFAULT_LOCALE,
): CalcResponse {
  const v = result.value
  return {
    rate: v.rate,
    grossWeeklyIncome: toDecimal(v.grossWeeklyIncome),
    totalWeekly: toDecimal(v.totalWeekly),
    perReceivingParent: v.perReceivingParent.map((r) => ({
      id: r.id,
      weekly: toDecimal(r.weekly),
      payerPaysWithFees: toDecimal(r.payerPaysWithFees),
      receiverGetsAfterFees: toDecimal(r.receiverGetsAfterFees),
    })),
    steps: result.steps.map((s) => stepJson(s, locale)),
    // The domain says its assumptions as messages; they are put into words here, for the page and the CLI.
    assumptions: result.assumptions.map((m) => text(m, {}, locale)),
  }
}

/** Runs one calculation request. Throws InvalidInput (naming the field) for input the domain refuses. */
export function runCalculation(book: RuleBook, request: CalcRequest): CalcResponse {
  return calculationJson(calculate(book, toCalculationInput(request)))
}

/*
 * A quick check for a well-formed request, for commands that answer many requests or start often:
 * it accepts only what `calcRequest` (the zod schema in ./calculation.service.ts) accepts, and gives
 * the same fields and values (checked side by side in calculation.service.test.ts; only the order of
 * an object's keys may differ, which nothing reads). Anything it does not accept, right or wrong, is
 * for the schema, which says what is wrong.
 */

const REQUEST_KEYS = new Set([
  'effectiveDate',
  'income',
  'benefit',
  'nilRateCategory',
  'relevantOtherChildren',
  'receivingParents',
  'variations',
  'collection',
])
const INCOME_KEYS = new Set(['grossWeekly', 'historicAnnual', 'currentAnnual', 'pensionContributionsAnnual'])
const VARIATION_KEYS = new Set(['specialExpensesWeekly', 'additionalIncomeWeekly'])
const BENEFITS = new Set(['none', 'flatRateBenefit', 'meansTested'])
const COLLECTIONS = new Set(['direct', 'collectAndPay'])

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Every own key is one of `keys`, and no value is undefined (JSON has none). */
function onlyKeys(v: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const k in v) if (!keys.has(k) || v[k] === undefined) return false
  return Object.getPrototypeOf(v) === Object.prototype
}

function isMoney(v: unknown): boolean {
  if (typeof v !== 'string') return false
  try {
    parsePounds(v)
    return true
  } catch {
    return false
  }
}

const isCount = (v: unknown, max: number): boolean =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max && !Object.is(v, -0)

function isIncome(v: unknown): boolean {
  if (!isRecord(v) || !onlyKeys(v, INCOME_KEYS)) return false
  if ('grossWeekly' in v) return Object.keys(v).length === 1 && isMoney(v.grossWeekly)
  if (!('historicAnnual' in v)) return false
  for (const k in v) if (!isMoney(v[k])) return false
  return true
}

function isReceivingParents(v: unknown): boolean {
  if (!Array.isArray(v) || v.length === 0) return false
  const ids = new Set<string>()
  for (const r of v) {
    if (!isRecord(r) || !onlyKeys(r, PARENT_KEYS) || typeof r.id !== 'string' || r.id === '') return false
    if (ids.has(r.id)) return false
    ids.add(r.id)
    const kids = r.children
    if (!Array.isArray(kids) || kids.length === 0) return false
    for (const c of kids)
      if (!isRecord(c) || !onlyKeys(c, CHILD_KEYS) || !isCount(c.nightsPerYear, 366)) return false
  }
  return true
}
const PARENT_KEYS = new Set(['id', 'children'])
const CHILD_KEYS = new Set(['nightsPerYear'])

/** `value` as a request when it is plainly one (see above); undefined when the schema must judge it. */
export function quickCalcRequest(value: unknown): CalcRequest | undefined {
  if (!isRecord(value) || !onlyKeys(value, REQUEST_KEYS)) return undefined
  const v = value
  if (typeof v.effectiveDate !== 'string') return undefined
  try {
    parseDate(v.effectiveDate)
  } catch {
    return undefined
  }
  if (!isIncome(v.income) || typeof v.benefit !== 'string' || !BENEFITS.has(v.benefit)) return undefined
  if (typeof v.nilRateCategory !== 'boolean' || !isCount(v.relevantOtherChildren, Number.MAX_SAFE_INTEGER))
    return undefined
  if (!isReceivingParents(v.receivingParents)) return undefined
  if ('variations' in v) {
    const x = v.variations
    if (!isRecord(x) || !onlyKeys(x, VARIATION_KEYS)) return undefined
    for (const k in x) if (!isMoney(x[k])) return undefined
  }
  if ('collection' in v && !(typeof v.collection === 'string' && COLLECTIONS.has(v.collection)))
    return undefined
  // What the schema gives: the same fields, each as given.
  return value as unknown as CalcRequest
}
