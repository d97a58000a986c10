import type { z } from 'zod'
import { parsePounds, type Pence } from '../../domain/shared/pence.ts'
import { Temporal, type PlainDate } from '../../domain/shared/plain-date.ts'

/**
 * The one forms module of the web app: the error type every page's error summary takes, reading a
 * GOV.UK date input (day, month, year) as a UK date, and reading an amount of money. The pages keep
 * their own wording (their locale keys): these say *what* is wrong, a page says it in its words.
 */

/** One entry of the error summary: the message and "#" + the id of the field to focus. */
export interface FieldError {
  readonly text: string
  readonly href: string
}

/** An error for the field with id `id`. */
export const fieldError = (id: string, text: string): FieldError => ({ text, href: `#${id}` })

/** The message for one field, if it has an error (for a component's errorMessage). */
export function errorFor(errors: readonly FieldError[], ...ids: string[]): { text: string } | undefined {
  const found = errors.find((e) => ids.some((id) => e.href === `#${id}` || e.href.startsWith(`#${id}-`)))
  return found ? { text: found.text } : undefined
}

/** Zod issues as the error summary's list; each issue's path is the id of the field it belongs to. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const seen = new Set<string>()
  const out: FieldError[] = []
  for (const issue of issues) {
    const id = issue.path.map(String).join('-') || 'main-content'
    if (seen.has(id)) continue
    seen.add(id)
    out.push(fieldError(id, issue.message))
  }
  return out
}

// ——— Dates ———

export const DATE_PARTS = ['day', 'month', 'year'] as const
export type DatePart = (typeof DATE_PARTS)[number]

/** The three parts of a date input as typed (trimmed). */
export interface DateInput {
  readonly day: string
  readonly month: string
  readonly year: string
}

/** The parts of the date input `<id>-day`, `<id>-month`, `<id>-year` from a posted form. */
export function dateInput(posted: Readonly<Record<string, unknown>>, id: string): DateInput {
  const part = (p: DatePart): string => {
    const v = posted[`${id}-${p}`]
    return (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').trim()
  }
  return { day: part('day'), month: part('month'), year: part('year') }
}

/** What reading a UK date input found: the date, or what is wrong and which parts to mark. */
export type DateRead =
  | { readonly ok: true; readonly date: PlainDate; readonly iso: string }
  /** Nothing typed. */
  | { readonly ok: false; readonly problem: 'blank'; readonly parts: readonly DatePart[] }
  /** Some parts typed, these left out. */
  | { readonly ok: false; readonly problem: 'missing'; readonly parts: readonly DatePart[] }
  /** A day or month that is not 1 or 2 digits, or a year that is not digits. */
  | { readonly ok: false; readonly problem: 'notNumber'; readonly parts: readonly DatePart[] }
  /** A year that is not 4 digits. */
  | { readonly ok: false; readonly problem: 'yearDigits'; readonly parts: readonly ['year'] }
  /** Numbers, but no such day (31 June): the month when it is not 1 to 12, otherwise the day. */
  | {
      readonly ok: false
      readonly problem: 'notReal'
      readonly parts: readonly ['day'] | readonly ['month']
      /** The parts as "YYYY-MM-DD", for a page that lets the domain refuse it. */
      readonly iso: string
    }

/**
 * Reads a date typed as day, month and year, the GOV.UK way: every part given, whole numbers, a
 * 4-digit year, a real date. The one date parser of the web pages.
 */
export function readUkDate(input: DateInput): DateRead {
  const { day, month, year } = input
  const missing = DATE_PARTS.filter((p) => input[p] === '')
  if (missing.length === 3) return { ok: false, problem: 'blank', parts: DATE_PARTS }
  if (missing.length > 0) return { ok: false, problem: 'missing', parts: missing }
  const notNumber = DATE_PARTS.filter((p) => !(p === 'year' ? /^\d+$/ : /^\d{1,2}$/).test(input[p]))
  if (notNumber.length > 0) return { ok: false, problem: 'notNumber', parts: notNumber }
  if (year.length !== 4) return { ok: false, problem: 'yearDigits', parts: ['year'] }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  try {
    const date = Temporal.PlainDate.from(
      { year: Number(year), month: Number(month), day: Number(day) },
      { overflow: 'reject' },
    )
    return { ok: true, date, iso: date.toString() }
  } catch {
    const m = Number(month)
    return { ok: false, problem: 'notReal', parts: m < 1 || m > 12 ? ['month'] : ['day'], iso }
  }
}

/** The parts of a stored ISO date, to fill a date input ('' each when there is none). */
export function datePartsOf(iso: string | null | undefined): DateInput {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null
  return m
    ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! }
    : { day: '', month: '', year: '' }
}

// ——— Money ———

/** What reading an amount found: the pence, or what is wrong with it. */
export type MoneyRead =
  | { readonly ok: true; readonly pence: Pence }
  | { readonly ok: false; readonly problem: 'empty' | 'negative' | 'decimals' | 'invalid' }

/**
 * Reads pounds and pence as typed ("£1,234.56", "863.01", "45000"): not blank, not below nil, at
 * most two decimal places. The one money parser of the web pages (a bank statement's signed
 * amounts are the arrears import's own).
 */
export function readMoney(text: string): MoneyRead {
  const s = text.trim()
  if (s === '') return { ok: false, problem: 'empty' }
  if (/^-/.test(s) || /^£\s*-/.test(s)) return { ok: false, problem: 'negative' }
  if (/\.\d{3,}$/.test(s)) return { ok: false, problem: 'decimals' }
  try {
    return { ok: true, pence: parsePounds(s) }
  } catch {
    return { ok: false, problem: 'invalid' }
  }
}
