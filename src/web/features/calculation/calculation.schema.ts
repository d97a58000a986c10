import { z } from 'zod'
import { parsePounds, type Pence } from '../../../domain/shared/pence.ts'
import { Temporal, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { translate } from '../../i18n.ts'
import { fieldError, readMoney, readUkDate, type FieldError } from '../../forms/index.ts'
import { FREQUENCIES } from './income.ts'

/** A posted form: every field as the text the user typed (a repeated field keeps its first value). */
export type FormValues = Readonly<Record<string, string>>

export const formValues = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .catch({})
  .transform((body): FormValues => {
    const out: Record<string, string> = {}
    for (const [key, value] of Object.entries(body))
      out[key] = (Array.isArray(value) ? value[0] : value) ?? ''
    return out
  })

/** `?from=check`: the user came from the check-your-answers page and goes back there. */
export const journeyQuery = z.object({ from: z.literal('check').optional() }).catch({})

/** Whose figures a page asks for: the user's, or the ones the CMS used. */
export type Side = 'yours' | 'cms'

/** One problem with one field: the forms module's error (`href` is "#" + the field's id). */
export type { FieldError } from '../../forms/index.ts'

/** The outcome of validating a form: the typed values, or the problems in page order. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  /** `parts`: for a date, which of day, month and year to highlight. */
  | { readonly ok: false; readonly errors: FieldError[]; readonly parts?: readonly string[] }

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(`calculation.errors.${key}`, params))

/** Runs a zod schema over form values and names each problem by its field (the first key of its path). */
export function check<T>(schema: z.ZodType<T>, values: FormValues): Checked<T> {
  const r = schema.safeParse(values)
  if (r.success) return { ok: true, value: r.data }
  const seen = new Set<string>()
  const errors: FieldError[] = []
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? '')
    if (seen.has(field)) continue
    seen.add(field)
    errors.push(fieldError(field, issue.message))
  }
  return { ok: false, errors }
}

/** A required choice from `options`, with one message whatever went wrong. */
const choice = <T extends readonly [string, ...string[]]>(options: T, message: string) =>
  z.enum(options, { error: message })

// ——— Money ———

/** Messages for one money field: blank, not money, below nil, more than two decimal places. */
interface MoneyCopy {
  readonly empty: string
  readonly invalid: string
  readonly negative: string
  readonly decimals: string
}

const moneyCopy = (key: string): MoneyCopy => ({
  empty: copy(`${key}.empty`),
  invalid: copy(`${key}.invalid`),
  negative: copy(`${key}.negative`),
  decimals: copy(`${key}.decimals`),
})

/** What is wrong with money text, in this field's words (read by the forms module's one money parser). */
function moneyProblem(text: string, m: MoneyCopy): string | undefined {
  const read = readMoney(text)
  return read.ok
    ? undefined
    : { empty: m.empty, negative: m.negative, decimals: m.decimals, invalid: m.invalid }[read.problem]
}

/** Pounds and pence as typed ("£1,234.56", "863.01", "45000"); the value is the text, trimmed. */
const money = (m: MoneyCopy) =>
  z
    .string({ error: m.empty })
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      const problem = moneyProblem(s, m)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })

/** As `money`, but blank means none. */
const optionalMoney = (m: MoneyCopy) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .superRefine((s, ctx) => {
      const problem = s === '' ? undefined : moneyProblem(s, m)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })

/** The pence in money text already checked by `money`; blank is nil. */
export const toPence = (text: string): Pence => parsePounds(text.trim() === '' ? '0' : text)

// ——— Whole numbers ———

interface CountCopy {
  readonly empty: string
  readonly invalid: string
  readonly range: string
}

/** What is wrong with a whole number typed as digits, if anything. */
function countProblem(text: string, min: number, max: number): keyof CountCopy | undefined {
  const s = text.trim()
  if (s === '') return 'empty'
  if (!/^\d+$/.test(s)) return 'invalid'
  if (Number(s) < min || Number(s) > max) return 'range'
  return undefined
}

/** A whole number from `min` to `max`, typed as digits; the value is the text, trimmed. */
const count = (m: CountCopy, min: number, max: number) =>
  z
    .string({ error: m.empty })
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      const problem = countProblem(s, min, max)
      if (problem) ctx.addIssue({ code: 'custom', message: m[problem] })
    })

/**
 * Checks numbered whole-number fields (one per child or per receiving parent) without building a
 * schema for each: `fields` gives each field's id, what it holds, and the copy key and params for
 * its messages.
 */
function checkCounts(
  values: FormValues,
  fields: readonly { id: string; key: string; params: Record<string, string | number> }[],
  min: number,
  max: number,
): Checked<Record<string, string>> {
  const errors: FieldError[] = []
  const out: Record<string, string> = {}
  for (const f of fields) {
    const text = values[f.id] ?? ''
    const problem = countProblem(text, min, max)
    if (problem) errors.push(fieldError(f.id, copy(`${f.key}.${problem}`, { ...f.params, max })))
    else out[f.id] = text.trim()
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out }
}

/** Builds a form schema once, on first use (the copy does not change while the app runs). */
function once<T>(build: () => T): () => T {
  let value: T | undefined
  return () => (value ??= build())
}

/** Builds a form schema once for each side. */
function perSide<T>(build: (side: Side) => T): (side: Side) => T {
  const yours = once(() => build('yours'))
  const cms = once(() => build('cms'))
  return (side) => (side === 'yours' ? yours() : cms())
}

export const MAX_CHILDREN = 20
export const MAX_RECEIVING_PARENTS = 8
export const MAX_NIGHTS = 366
export const MAX_NAME = 40
/** The CMS's count of other children is at most this (Schedule 1 uses 1, 2, 3 or more). */
export const MAX_OTHER_CHILDREN = 20

// ——— The forms ———

export const WHO = ['receiving', 'paying', 'helper'] as const
export type Who = (typeof WHO)[number]
export const whoForm = once(() => z.object({ who: choice(WHO, copy('who')) }))

export const BENEFITS = ['none', 'flatRateBenefit', 'meansTested', 'nilRate'] as const
export type BenefitAnswer = (typeof BENEFITS)[number]
export const benefitForm = perSide((side) => z.object({ benefit: choice(BENEFITS, copy(`benefit.${side}`)) }))

export const COLLECTIONS = ['direct', 'collectAndPay', 'unknown'] as const
export type CollectionAnswer = (typeof COLLECTIONS)[number]
export const collectionForm = once(() => z.object({ collection: choice(COLLECTIONS, copy('collection')) }))

export const YES_NO = ['yes', 'no'] as const
export const compareForm = once(() => z.object({ compare: choice(YES_NO, copy('compare')) }))

export const otherChildrenForm = perSide((side) =>
  z.object({
    otherChildren: count(
      {
        empty: copy(`otherChildren.${side}.empty`),
        invalid: copy('otherChildren.invalid'),
        range: copy('otherChildren.range', { max: MAX_OTHER_CHILDREN }),
      },
      0,
      MAX_OTHER_CHILDREN,
    ),
  }),
)

export const incomeForm = perSide((side) =>
  z.object({
    amount: money(moneyCopy(`income.${side}`)),
    frequency: choice(FREQUENCIES, copy('frequency')),
  }),
)
export type IncomeForm = z.infer<ReturnType<typeof incomeForm>>

export const variationsForm = once(() =>
  z.object({
    additionalIncome: optionalMoney(moneyCopy('additionalIncome')),
    specialExpenses: optionalMoney(moneyCopy('specialExpenses')),
  }),
)
export type VariationsForm = z.infer<ReturnType<typeof variationsForm>>

export const statedForm = once(() => z.object({ stated: money(moneyCopy('stated')) }))

// ——— The date ———

export interface DateParts {
  readonly day: string
  readonly month: string
  readonly year: string
}

const PARTS = ['day', 'month', 'year'] as const

/**
 * The date the calculation applies from, typed as day, month and year. Problems link to the
 * first part that is wrong; `parts` says which parts to highlight. Whether the rules cover the
 * date is checked by the caller, which has the rule book.
 */
export function checkDate(
  values: FormValues,
):
  | { ok: true; value: DateParts; date: PlainDate }
  | { ok: false; errors: FieldError[]; parts: readonly string[] } {
  const parts: DateParts = {
    day: (values['date-day'] ?? '').trim(),
    month: (values['date-month'] ?? '').trim(),
    year: (values['date-year'] ?? '').trim(),
  }
  const fail = (text: string, wrong: readonly string[]) => ({
    ok: false as const,
    errors: [fieldError(`date-${wrong[0] ?? 'day'}`, text)],
    parts: [...wrong],
  })
  // The forms module's one date parser; this journey's words and the parts to highlight.
  const read = readUkDate(parts)
  if (read.ok) return { ok: true, value: parts, date: read.date }
  switch (read.problem) {
    case 'blank':
      return fail(copy('date.empty'), PARTS)
    case 'missing':
      return fail(
        copy('date.missing', { parts: read.parts.map((p) => copy(`date.part.${p}`)).join(copy('date.and')) }),
        read.parts,
      )
    case 'notNumber':
    case 'notReal':
      return fail(copy('date.real'), read.parts)
    case 'yearDigits':
      return fail(copy('date.year'), ['year'])
  }
}

/** The date as the calculation service takes it: YYYY-MM-DD. */
export const isoDate = (p: DateParts): string =>
  Temporal.PlainDate.from({ year: Number(p.year), month: Number(p.month), day: Number(p.day) }).toString()

// ——— Receiving parents and children ———

export interface ParentRow {
  readonly name: string
  readonly children: string
}

/** The rows of the receiving-parents form, in order: parent-0-name, parent-0-children, … */
export function parentRows(values: FormValues): ParentRow[] {
  const rows: ParentRow[] = []
  for (let i = 0; i < MAX_RECEIVING_PARENTS; i++) {
    const name = values[`parent-${i}-name`]
    const children = values[`parent-${i}-children`]
    if (name === undefined && children === undefined) break
    rows.push({ name: name ?? '', children: children ?? '' })
  }
  return rows.length > 0 ? rows : [{ name: '', children: '' }]
}

/** The letter a receiving parent without a name is known by: A, B, C… */
export const letterFor = (i: number): string => String.fromCharCode(65 + i)

/** The id used in the workings: the name given, or a letter. */
export const parentId = (row: ParentRow, i: number): string => row.name.trim() || letterFor(i)

/** Checks each row: a whole number of children from 1, names short and different. */
export function checkParents(rows: readonly ParentRow[]): Checked<ParentRow[]> {
  const errors: FieldError[] = []
  const ids = new Map<string, number>()
  rows.forEach((row, i) => {
    const n = i + 1
    const name = row.name.trim()
    if (name.length > MAX_NAME)
      errors.push(fieldError(`parent-${i}-name`, copy('parentName.long', { n, max: MAX_NAME })))
    else {
      const id = parentId(row, i).toLowerCase()
      if (ids.has(id)) errors.push(fieldError(`parent-${i}-name`, copy('parentName.duplicate', { n })))
      ids.set(id, i)
    }
    const c = checkCounts({ v: row.children }, [{ id: 'v', key: 'children', params: { n } }], 1, MAX_CHILDREN)
    if (!c.ok) errors.push(fieldError(`parent-${i}-children`, c.errors[0]!.text))
  })
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, value: rows.map((r) => ({ name: r.name.trim(), children: r.children.trim() })) }
}

/** The CMS's count of children for each receiving parent: cms-children-0, cms-children-1, … */
export function checkCmsChildren(values: FormValues, labels: readonly string[]): Checked<string[]> {
  const fields = labels.map((parent, i) => ({
    id: `cms-children-${i}`,
    key: 'cmsChildren',
    params: { parent },
  }))
  const r = checkCounts(values, fields, 1, MAX_CHILDREN)
  return r.ok ? { ok: true, value: fields.map((f) => r.value[f.id]!) } : r
}

/** Nights a year for each child: nights-0-0, nights-0-1, … (0 to 366). `labels[i][j]` names child j of parent i. */
export function checkNights(values: FormValues, labels: readonly (readonly string[])[]): Checked<string[][]> {
  const fields = labels.flatMap((kids, i) =>
    kids.map((child, j) => ({ id: `nights-${i}-${j}`, key: 'nights', params: { child } })),
  )
  const r = checkCounts(values, fields, 0, MAX_NIGHTS)
  return r.ok
    ? { ok: true, value: labels.map((kids, i) => kids.map((_, j) => r.value[`nights-${i}-${j}`]!)) }
    : r
}
