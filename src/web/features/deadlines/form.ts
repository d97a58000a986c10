import { z } from 'zod'
import { Temporal, isAfter, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { MissingCopy, translate } from '../../i18n.ts'

/**
 * Form helpers shared by the routes, deadlines and duties journeys: reading the posted body, day/month/year
 * date fields checked the GOV.UK way, and turning zod issues into the layout's error summary.
 */

/** One entry of the error summary; `href` is "#" + the id of the field to focus. */
export interface FieldError {
  readonly text: string
  readonly href: string
}

/** What the user typed, kept to show again beside an error. */
export type Posted = Readonly<Record<string, string | readonly string[]>>

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

/** Copy that a page may or may not have (an optional hint): null when the locale file has none. */
export function maybeCopy(key: string): string | null {
  try {
    return String(translate(key))
  } catch (error) {
    if (error instanceof MissingCopy) return null
    throw error
  }
}

/** The posted form as strings (repeated fields as arrays), ignoring anything that is not text. */
export function readBody(body: unknown): Posted {
  const out: Record<string, string | string[]> = {}
  if (!body || typeof body !== 'object') return out
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string')
  }
  return out
}

/** One posted value as a trimmed string ('' when missing). */
export const one = (posted: Posted, key: string): string => {
  const v = posted[key]
  return (typeof v === 'string' ? v : (v?.[0] ?? '')).trim()
}

/** A posted value as a list (checkboxes), without the hidden empty value some forms send. */
export const many = (posted: Posted, key: string): string[] => {
  const v = posted[key]
  const list = v === undefined ? [] : typeof v === 'string' ? [v] : [...v]
  return list.map((s) => s.trim()).filter((s) => s !== '')
}

/** Zod issues as the error summary's list; each issue's path is the id of the field it belongs to. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const seen = new Set<string>()
  const out: FieldError[] = []
  for (const issue of issues) {
    const id = issue.path.map(String).join('-') || 'main-content'
    if (seen.has(id)) continue
    seen.add(id)
    out.push({ text: issue.message, href: `#${id}` })
  }
  return out
}

/** The message for one field, if it has an error (for the component's errorMessage). */
export function errorFor(errors: readonly FieldError[], ...ids: string[]): { text: string } | undefined {
  const found = errors.find((e) => ids.some((id) => e.href === `#${id}` || e.href.startsWith(`#${id}-`)))
  return found ? { text: found.text } : undefined
}

export interface DateOptions {
  /** The date in words for messages, e.g. "the date on the letter". */
  readonly what: string
  readonly today: PlainDate
  readonly allowFuture?: boolean
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * Reads a GOV.UK date input (fields `<id>-day`, `<id>-month`, `<id>-year`) and checks it: every part given,
 * whole numbers, a 4-digit year, a real date, and (unless allowed) not in the future. Issues name the part
 * to focus, so the error summary links to it.
 */
export function dateField(id: string, options: DateOptions) {
  const what = options.what
  return z
    .object({ day: z.string(), month: z.string(), year: z.string() })
    .transform((parts, ctx): string => {
      const fail = (part: 'day' | 'month' | 'year', message: string) => {
        ctx.addIssue({ code: 'custom', message, path: [`${id}-${part}`] })
        return z.NEVER
      }
      const day = parts.day.trim()
      const month = parts.month.trim()
      const year = parts.year.trim()
      if (!day && !month && !year) return fail('day', copy('deadlines.dateErrors.required', { what }))
      if (!day) return fail('day', copy('deadlines.dateErrors.missing', { what: capital(what), part: 'day' }))
      if (!month)
        return fail('month', copy('deadlines.dateErrors.missing', { what: capital(what), part: 'month' }))
      if (!year)
        return fail('year', copy('deadlines.dateErrors.missing', { what: capital(what), part: 'year' }))
      if (!/^\d{1,2}$/.test(day))
        return fail('day', copy('deadlines.dateErrors.notReal', { what: capital(what) }))
      if (!/^\d{1,2}$/.test(month))
        return fail('month', copy('deadlines.dateErrors.notReal', { what: capital(what) }))
      if (!/^\d{4}$/.test(year)) return fail('year', copy('deadlines.dateErrors.yearDigits'))
      let date: PlainDate
      try {
        date = Temporal.PlainDate.from(
          { year: Number(year), month: Number(month), day: Number(day) },
          { overflow: 'reject' },
        )
      } catch {
        return fail('day', copy('deadlines.dateErrors.notReal', { what: capital(what) }))
      }
      if (!options.allowFuture && isAfter(date, options.today))
        return fail('day', copy('deadlines.dateErrors.future', { what: capital(what) }))
      return date.toString()
    })
}

/** The three parts of a date input as posted, for `dateField` and to show again. */
export const dateParts = (posted: Posted, id: string) => ({
  day: one(posted, `${id}-day`),
  month: one(posted, `${id}-month`),
  year: one(posted, `${id}-year`),
})

/** The parts of a stored ISO date, to fill a date input. */
export function partsOf(iso: string | undefined): { day: string; month: string; year: string } {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null
  return m
    ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! }
    : { day: '', month: '', year: '' }
}

/** Items for govukDateInput, marking the parts named in the errors. */
export function dateItems(
  id: string,
  values: { day: string; month: string; year: string },
  errors: readonly FieldError[],
  parts: readonly ('day' | 'month' | 'year')[] = ['day', 'month', 'year'],
) {
  const wrong = errors.filter((e) => e.href.startsWith(`#${id}-`))
  const allWrong = wrong.length > 0 && wrong.some((e) => e.href === `#${id}-day`)
  return parts.map((part) => ({
    name: part,
    label: copy(`deadlines.dateParts.${part}`),
    value: values[part],
    classes: `govuk-input--width-${part === 'year' ? 4 : 2}${allWrong || wrong.some((e) => e.href === `#${id}-${part}`) ? ' govuk-input--error' : ''}`,
    inputmode: 'numeric',
  }))
}
