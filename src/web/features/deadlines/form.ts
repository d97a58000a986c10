import { z } from 'zod'
import { isAfter, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { MissingCopy, translate } from '../../i18n.ts'
import { datePartsOf, readUkDate, type FieldError } from '../../forms/index.ts'

export { errorFor, issuesToErrors, type FieldError } from '../../forms/index.ts'

/**
 * Form helpers shared by the routes, deadlines and duties journeys: reading the posted body, and
 * day/month/year date fields in zod, with this journey's wording. The error type, the date parser
 * and turning zod issues into the error summary are the one forms module's (src/web/forms).
 */

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
      const read = readUkDate({ day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() })
      if (!read.ok) {
        const first = read.parts[0] ?? 'day'
        switch (read.problem) {
          case 'blank':
            return fail('day', copy('deadlines.dateErrors.required', { what }))
          case 'missing':
            return fail(first, copy('deadlines.dateErrors.missing', { what: capital(what), part: first }))
          case 'notNumber':
            return first === 'year'
              ? fail('year', copy('deadlines.dateErrors.yearDigits'))
              : fail(first, copy('deadlines.dateErrors.notReal', { what: capital(what) }))
          case 'yearDigits':
            return fail('year', copy('deadlines.dateErrors.yearDigits'))
          case 'notReal':
            return fail('day', copy('deadlines.dateErrors.notReal', { what: capital(what) }))
        }
      }
      const date = read.date
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
export const partsOf = (iso: string | undefined): { day: string; month: string; year: string } =>
  datePartsOf(iso)

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
