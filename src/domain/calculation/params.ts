import { z } from 'zod'
import { InvalidInput } from '../shared/errors.ts'
import { parsePounds } from '../shared/pence.ts'
import { formatDate, isBefore, type PlainDate } from '../shared/plain-date.ts'
import { parseFraction, parsePercent, type Ratio } from '../shared/ratio.ts'
import type { PendingPeriod, RuleAt, RuleBook, RulePeriod } from '../shared/rule-book.ts'
import { RULE } from './rule-ids.ts'

/** A percentage from the rules: exact for arithmetic, and as the law writes it for workings. */
export interface Percent {
  readonly ratio: Ratio
  readonly text: string
}

/** One shared-care band: nights from `fromNights` to `toNights` (inclusive; null = no upper end). */
export interface Band {
  readonly fromNights: number
  readonly toNights: number | null
  readonly reduction: Ratio
  readonly text: string
}

const pounds = z.string().transform((s) => parsePounds(s, 'rule value'))
const percent = z.string().transform((s): Percent => ({ ratio: parsePercent(s), text: s }))
const byChildren = z.tuple([percent, percent, percent])
const byOtherChildren = z.tuple([percent, percent, percent, percent])
const nights = z.number().int().min(0).max(366)

/** Each calculation rule's value schema, by role (src/rules/values.ts checks every value with these at load). */
export const schemas = {
  scheme: z.object({ phase: z.string(), pathfinder: z.boolean() }),
  income: z
    .object({ 'annual-to-weekly': z.string(), 'current-income-difference': percent })
    .transform((v) => ({
      annualToWeekly: parseFraction(v['annual-to-weekly']),
      currentDifference: v['current-income-difference'],
    })),
  cap: z.object({ 'capped-amount': pounds }).transform((v) => v['capped-amount']),
  specialExpenses: z.object({ 'threshold-weekly': pounds }).transform((v) => v['threshold-weekly']),
  additionalIncome: z
    .object({ 'unearned-income-threshold-annual': pounds })
    .transform((v) => v['unearned-income-threshold-annual']),
  nil: z.object({ 'income-below': pounds }).transform((v) => v['income-below']),
  flat: z
    .object({ amount: pounds, 'income-up-to': pounds })
    .transform((v) => ({ amount: v.amount, incomeUpTo: v['income-up-to'] })),
  reduced: z
    .object({
      'income-above': pounds,
      'income-below': pounds,
      percentages: z.tuple([byOtherChildren, byOtherChildren, byOtherChildren]),
    })
    .transform((v) => ({
      incomeAbove: v['income-above'],
      incomeBelow: v['income-below'],
      table: v.percentages,
    })),
  basic: z
    .object({ threshold: pounds, 'up-to-threshold': byChildren, 'above-threshold': byChildren })
    .transform((v) => ({ threshold: v.threshold, upTo: v['up-to-threshold'], above: v['above-threshold'] })),
  otherChildren: z.object({ reductions: byChildren }).transform((v) => v.reductions),
  sharedCare: z
    .object({
      bands: z.array(
        z.object({ 'from-nights': nights, 'to-nights': nights.optional(), reduction: z.string() }),
      ),
    })
    .transform((v) =>
      v.bands.map((b): Band => ({
        fromNights: b['from-nights'],
        toNights: b['to-nights'] ?? null,
        reduction: parseFraction(b.reduction),
        text: b.reduction,
      })),
    ),
  sharedCareExtra: z
    .object({ 'from-nights': nights, 'per-child': pounds })
    .transform((v) => ({ fromNights: v['from-nights'], perChild: v['per-child'] })),
  sharedCareMinimum: z.object({ minimum: pounds }).transform((v) => v.minimum),
  sharedCareBenefits: z.object({ 'from-nights': nights }).transform((v) => v['from-nights']),
  collectionFees: z
    .object({ 'paying-parent': percent, 'receiving-parent': percent })
    .transform((v) => ({ payingParent: v['paying-parent'], receivingParent: v['receiving-parent'] })),
  applicationFee: z.object({ fee: pounds }).transform((v) => v.fee),
  defaultRate: z
    .object({
      amounts: z.tuple([pounds, pounds, pounds]),
      'gov-uk-states': z.tuple([z.string(), z.string(), z.string()]),
    })
    .transform((v) => ({ amounts: v.amounts, govUkStates: v['gov-uk-states'] })),
} as const

type Schemas = typeof schemas
type Parsed<K extends keyof Schemas> = z.output<Schemas[K]>

/** Every parameter of the calculation in force on one date, parsed once and kept. */
export type Params = { readonly date: PlainDate; readonly dateText: string } & {
  readonly [K in keyof Schemas]: RuleAt<Parsed<K>>
} & {
  readonly rounding: RuleAt<unknown>
  readonly flatBenefits: RuleAt<unknown>
  readonly apportionment: RuleAt<unknown>
  /** Announced (not in force) fee changes: shown, never applied. */
  readonly feesAnnounced: readonly PendingPeriod[]
}

/** Parsed values are kept per rule period, so each YAML value is parsed once per book. */
const parsedValues = new WeakMap<RulePeriod, unknown>()

function parseAt<K extends keyof Schemas>(book: RuleBook, key: K, on: PlainDate): RuleAt<Parsed<K>> {
  const at = book.at(RULE[key], on)
  let value = parsedValues.get(at.period) as Parsed<K> | undefined
  if (value === undefined) {
    const parsed = schemas[key].safeParse(at.value)
    if (!parsed.success)
      throw new Error(`${RULE[key]}: the value is not in the expected shape: ${parsed.error.message}`)
    value = parsed.data as Parsed<K>
    parsedValues.set(at.period, value)
  }
  return { ...at, value }
}

/** Refuses dates before the 2012 scheme began, naming the field. */
export function checkInScheme(book: RuleBook, on: PlainDate, field = 'effectiveDate'): void {
  const start = book.rule(RULE.scheme).periods[0]
  if (start && isBefore(on, start.from))
    throw new InvalidInput(
      field,
      `${formatDate(on)} is before ${formatDate(start.from)}, when the 2012 child maintenance scheme began. ` +
        'Redress checks 2012-scheme calculations only; the older 1993 and 2003 schemes are out of scope.',
    )
}

function load(book: RuleBook, on: PlainDate): Params {
  checkInScheme(book, on)
  const keys = Object.keys(schemas) as (keyof Schemas)[]
  const parsed = Object.fromEntries(keys.map((k) => [k, parseAt(book, k, on)])) as {
    [K in keyof Schemas]: RuleAt<Parsed<K>>
  }
  return {
    date: on,
    dateText: formatDate(on),
    ...parsed,
    rounding: book.at(RULE.rounding, on),
    flatBenefits: book.at(RULE.flatBenefits, on),
    apportionment: book.at(RULE.apportionment, on),
    feesAnnounced: book.rule(RULE.collectionFees).announced,
  }
}

const MAX_DATES = 4096
const cache = new WeakMap<RuleBook, Map<number, Params>>()

/**
 * The calculation's parameters on `on`, read from the book once per date and kept (the book is
 * immutable). Throws InvalidInput for a date before the scheme, OutsideRuleCoverage if a rule
 * has no value in force.
 */
export function paramsAt(book: RuleBook, on: PlainDate): Params {
  let byDate = cache.get(book)
  if (!byDate) cache.set(book, (byDate = new Map()))
  const key = on.year * 512 + on.month * 32 + on.day
  let params = byDate.get(key)
  if (!params) {
    if (byDate.size >= MAX_DATES) byDate.clear()
    params = load(book, on)
    byDate.set(key, params)
  }
  return params
}
