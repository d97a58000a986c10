import { InvalidInput, domainProblem } from '../shared/errors.ts'
import { parsePounds, type Pence } from '../shared/pence.ts'
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

/* A rule value not in the shape the calculation reads is a TypeError (the rule book's check at load stops it first). */

const record = (v: unknown): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError('expected an object')
  return v as Record<string, unknown>
}
const str = (v: unknown): string => {
  if (typeof v !== 'string') throw new TypeError('expected text')
  return v
}
const list = <T>(v: unknown, length: number | undefined, item: (x: unknown) => T): T[] => {
  if (!Array.isArray(v) || (length !== undefined && v.length !== length))
    throw new TypeError(`expected a list${length === undefined ? '' : ` of ${length}`}`)
  return v.map(item)
}
const pounds = (v: unknown): Pence => parsePounds(str(v), 'rule value')
const percent = (v: unknown): Percent => {
  const text = str(v)
  return { ratio: parsePercent(text), text }
}
const byChildren = (v: unknown): [Percent, Percent, Percent] =>
  list(v, 3, percent) as [Percent, Percent, Percent]
const byOtherChildren = (v: unknown): [Percent, Percent, Percent, Percent] =>
  list(v, 4, percent) as [Percent, Percent, Percent, Percent]
const nights = (v: unknown): number => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > 366)
    throw new TypeError('expected a number of nights from 0 to 366')
  return v
}

/**
 * How the calculation reads each of its rules' values, by role: plain functions (./value-schemas.ts
 * has the same as zod schemas, for the check at load).
 */
export const readers = {
  scheme: (v: unknown) => {
    const o = record(v)
    if (typeof o.pathfinder !== 'boolean') throw new TypeError('pathfinder: expected true or false')
    return { phase: str(o.phase), pathfinder: o.pathfinder }
  },
  income: (v: unknown) => {
    const o = record(v)
    return {
      annualToWeekly: parseFraction(str(o['annual-to-weekly'])),
      currentDifference: percent(o['current-income-difference']),
    }
  },
  cap: (v: unknown) => pounds(record(v)['capped-amount']),
  specialExpenses: (v: unknown) => pounds(record(v)['threshold-weekly']),
  additionalIncome: (v: unknown) => pounds(record(v)['unearned-income-threshold-annual']),
  nil: (v: unknown) => pounds(record(v)['income-below']),
  flat: (v: unknown) => {
    const o = record(v)
    return { amount: pounds(o.amount), incomeUpTo: pounds(o['income-up-to']) }
  },
  reduced: (v: unknown) => {
    const o = record(v)
    return {
      incomeAbove: pounds(o['income-above']),
      incomeBelow: pounds(o['income-below']),
      table: list(o.percentages, 3, byOtherChildren) as [
        ReturnType<typeof byOtherChildren>,
        ReturnType<typeof byOtherChildren>,
        ReturnType<typeof byOtherChildren>,
      ],
    }
  },
  basic: (v: unknown) => {
    const o = record(v)
    return {
      threshold: pounds(o.threshold),
      upTo: byChildren(o['up-to-threshold']),
      above: byChildren(o['above-threshold']),
    }
  },
  otherChildren: (v: unknown) => byChildren(record(v).reductions),
  sharedCare: (v: unknown) =>
    list(record(v).bands, undefined, (x): Band => {
      const b = record(x)
      const reduction = str(b.reduction)
      return {
        fromNights: nights(b['from-nights']),
        toNights: b['to-nights'] === undefined ? null : nights(b['to-nights']),
        reduction: parseFraction(reduction),
        text: reduction,
      }
    }),
  sharedCareExtra: (v: unknown) => {
    const o = record(v)
    return { fromNights: nights(o['from-nights']), perChild: pounds(o['per-child']) }
  },
  sharedCareMinimum: (v: unknown) => pounds(record(v).minimum),
  sharedCareBenefits: (v: unknown) => nights(record(v)['from-nights']),
  collectionFees: (v: unknown) => {
    const o = record(v)
    return { payingParent: percent(o['paying-parent']), receivingParent: percent(o['receiving-parent']) }
  },
  applicationFee: (v: unknown) => pounds(record(v).fee),
  defaultRate: (v: unknown) => {
    const o = record(v)
    return {
      amounts: list(o.amounts, 3, pounds) as [Pence, Pence, Pence],
      govUkStates: list(o['gov-uk-states'], 3, str) as [string, string, string],
    }
  },
} as const

type Readers = typeof readers
type Parsed<K extends keyof Readers> = ReturnType<Readers[K]>

/** Every parameter of the calculation in force on one date, parsed once and kept. */
export type Params = { readonly date: PlainDate; readonly dateText: string } & {
  readonly [K in keyof Readers]: RuleAt<Parsed<K>>
} & {
  readonly rounding: RuleAt<unknown>
  readonly flatBenefits: RuleAt<unknown>
  readonly apportionment: RuleAt<unknown>
  /** Announced (not in force) fee changes: shown, never applied. */
  readonly feesAnnounced: readonly PendingPeriod[]
}

/** Parsed values are kept per rule period, so each YAML value is parsed once per book. */
const parsedValues = new WeakMap<RulePeriod, unknown>()

function parseAt<K extends keyof Readers>(book: RuleBook, key: K, on: PlainDate): RuleAt<Parsed<K>> {
  const at = book.at(RULE[key], on)
  let value = parsedValues.get(at.period) as Parsed<K> | undefined
  if (value === undefined) {
    try {
      value = readers[key](at.value) as Parsed<K>
    } catch (e) {
      throw new Error(`${RULE[key]}: the value is not in the expected shape: ${(e as Error).message}`)
    }
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
      domainProblem('calculationInput.beforeScheme', { on: formatDate(on), start: formatDate(start.from) }),
    )
}

function load(book: RuleBook, on: PlainDate): Params {
  checkInScheme(book, on)
  const keys = Object.keys(readers) as (keyof Readers)[]
  const parsed = Object.fromEntries(keys.map((k) => [k, parseAt(book, k, on)])) as {
    [K in keyof Readers]: RuleAt<Parsed<K>>
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
