import { z } from 'zod'
import type { Problem } from '../../../domain/case/index.ts'
import { translate, type Params } from '../../i18n.ts'
import type { Message } from '../../../domain/shared/message.ts'
import { dateInput, datePartsOf, readUkDate, type FieldError } from '../../forms/index.ts'

export type { FieldError } from '../../forms/index.ts'

/**
 * Form helpers for the case-file pages: the posted body as strings, GOV.UK day/month/year dates
 * (read by the one forms module, src/web/forms, in this page's words), and problems turned into
 * the error summary (each linked to its field, keeping what was typed).
 */

/** What the user typed, to show again. */
export type Posted = Readonly<Record<string, string>>

/** A form body or query string: text fields (a repeated field keeps its values joined by commas). */
export const postedSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]).optional())
  .catch({})
  .transform((body): Posted => {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(body))
      if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : v
    return out
  })

export const readPosted = (body: unknown): Posted => postedSchema.parse(body ?? {})

export const one = (p: Posted, key: string): string => (p[key] ?? '').trim()

const copy = (key: string | Message, params: Params = {}): string => String(translate(key, params))

/** A dotted domain field ("call.followUpOn") as the id of its input ("call-followUpOn"). */
export const fieldId = (field: string): string => field.replace(/\./g, '-')

export interface DateRead {
  /** "YYYY-MM-DD", '' when left blank, or the parts as typed when they are not a date (the domain refuses it). */
  readonly text: string
  /** A message in the GOV.UK style when parts are missing or not numbers. */
  readonly problem: string | null
}

/** Reads a GOV.UK date input (`<id>-day`, `<id>-month`, `<id>-year`). */
export function readDate(p: Posted, id: string): DateRead {
  const input = dateInput(p, id)
  const read = readUkDate(input)
  const raw = `${input.year}-${input.month}-${input.day}`
  if (read.ok) return { text: read.iso, problem: null }
  switch (read.problem) {
    case 'blank':
      return { text: '', problem: null }
    case 'missing':
      return { text: raw, problem: copy('case.errors.dateMissing', { parts: read.parts.join(' and ') }) }
    case 'notNumber':
      return {
        text: raw,
        problem: copy(
          read.parts.every((x) => x === 'year') ? 'case.errors.dateYear' : 'case.errors.dateReal',
        ),
      }
    case 'yearDigits':
      return { text: raw, problem: copy('case.errors.dateYear') }
    case 'notReal':
      // Numbers, but no such day: the domain refuses it, and toErrors says so in the date's words.
      return { text: read.iso, problem: null }
  }
}

/** The parts of an ISO date, to fill a date input. */
export function dateValues(id: string, iso: string | null | undefined): Record<string, string> {
  const d = datePartsOf(iso)
  return d.year ? { [`${id}-day`]: d.day, [`${id}-month`]: d.month, [`${id}-year`]: d.year } : {}
}

/**
 * Problems as the error summary's list. `dates` are the ids of date inputs: their link goes to the
 * day field, and a message from reading the parts (`dateProblems`) replaces the domain's.
 */
export function toErrors(
  problems: readonly Problem[],
  dates: ReadonlySet<string>,
  dateProblems: ReadonlyMap<string, string> = new Map(),
): FieldError[] {
  const out: FieldError[] = []
  const seen = new Set<string>()
  for (const p of problems) {
    const id = fieldId(p.field)
    if (seen.has(id)) continue
    seen.add(id)
    const isDate = dates.has(id)
    const problem = copy(p.problem)
    let text = dateProblems.get(id) ?? problem
    if (isDate && !dateProblems.has(id) && /^"/.test(problem)) text = copy('case.errors.dateReal')
    out.push({ text, href: `#${id}${isDate ? '-day' : ''}` })
  }
  return out
}

/** The message for each field id, for the components' errorMessage. */
export function errorMap(errors: readonly FieldError[]): Record<string, { text: string }> {
  const out: Record<string, { text: string }> = {}
  for (const e of errors) out[e.href.slice(1).replace(/-day$/, '')] = { text: e.text }
  return out
}

/** What a form template gets: the values to show, the errors by field, and the summary list. */
export interface FormView {
  readonly values: Posted
  readonly errors: readonly FieldError[]
  readonly err: Record<string, { text: string }>
}

export const formView = (values: Posted, errors: readonly FieldError[] = []): FormView => ({
  values,
  errors,
  err: errorMap(errors),
})
