import { z } from 'zod'
import { MAX_RANGE_DAYS } from '../../../domain/deadlines/uncertain-start.ts'
import type { DeadlineKind } from '../../../domain/deadlines/types.ts'
import { deadlineNation, type Nation } from '../../../domain/remedies/facts.ts'
import { Temporal, isAfter, isBefore, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { translate } from '../../i18n.ts'
import { UK_NATIONS } from '../../../domain/shared/nations.ts'
import { dateField, dateParts, issuesToErrors, one, type FieldError, type Posted } from './form.ts'

/** The "Work out a deadline" form in two steps: what, where and how sure; then when it started (exactly or roughly). */

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

/** The deadlines offered, the commonest first (every kind the engine knows; a test checks none is missing). */
export const KIND_ORDER: readonly DeadlineKind[] = [
  'mandatoryReconsideration',
  'tribunalAppeal',
  'deoAppeal',
  'iceReferral',
  'complaintAcknowledgementTarget',
  'complaintResponseTarget',
  'changeOfAddressNotice',
  'lateMandatoryReconsiderationLimit',
  'tribunalAppealAbsoluteLimit',
  'tribunalPermission',
  'upperTribunalPermission',
  'courtOfAppealPermission',
  'parentageAppeal',
  'phsoViaMp',
  'judicialReview',
  'annualReview',
  'dwpAppealResponse',
]

export const NATION_OPTIONS: readonly Nation[] = UK_NATIONS
export const WHEN_OPTIONS = ['exact', 'about', 'month', 'between'] as const
export const ABOUT_UNITS = ['days', 'weeks', 'months'] as const
export type When = (typeof WHEN_OPTIONS)[number]
export type AboutUnit = (typeof ABOUT_UNITS)[number]

/** The most of each unit "about … ago" can take while the range it stands for stays searchable. */
export const ABOUT_MAX: Record<AboutUnit, number> = {
  days: MAX_RANGE_DAYS,
  weeks: Math.floor(MAX_RANGE_DAYS / 7),
  months: Math.floor(MAX_RANGE_DAYS / 30),
}

const base = z.object({
  kind: z.enum(KIND_ORDER as [DeadlineKind, ...DeadlineKind[]], {
    error: () => copy('deadlines.form.kind.error'),
  }),
  nation: z.enum(NATION_OPTIONS as [Nation, ...Nation[]], {
    error: () => copy('deadlines.form.nation.error'),
  }),
  when: z.enum(WHEN_OPTIONS, { error: () => copy('deadlines.form.when.error') }),
})

/** What the form asked the deadline service for, as its JSON request (see deadlineRequestSchema). */
export interface DeadlineAsk {
  readonly kind: DeadlineKind
  readonly nation: ReturnType<typeof deadlineNation>
  readonly from: string | { between: [string, string] } | { about: Partial<Record<AboutUnit, number>> }
  readonly residentAbroad: boolean
  readonly today: string
}

export type DeadlineFormResult =
  { readonly ok: true; readonly ask: DeadlineAsk } | { readonly ok: false; readonly errors: FieldError[] }

function monthField(posted: Posted, today: PlainDate) {
  return z
    .object({ month: z.string(), year: z.string() })
    .transform((parts, ctx): string => {
      const month = parts.month.trim()
      const year = parts.year.trim()
      const fail = (part: 'month' | 'year', key: string) => {
        ctx.addIssue({ code: 'custom', message: copy(key), path: [`inMonth-${part}`] })
        return z.NEVER
      }
      if (!month && !year) return fail('month', 'deadlines.form.inMonth.required')
      if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12)
        return fail('month', 'deadlines.form.inMonth.month')
      if (!/^\d{4}$/.test(year)) return fail('year', 'deadlines.dateErrors.yearDigits')
      const first = Temporal.PlainDate.from({ year: Number(year), month: Number(month), day: 1 })
      if (isAfter(first, today)) return fail('month', 'deadlines.form.inMonth.future')
      return `${year}-${String(Number(month)).padStart(2, '0')}`
    })
    .safeParse({ month: one(posted, 'inMonth-month'), year: one(posted, 'inMonth-year') })
}

function aboutField(posted: Posted) {
  return z
    .object({ count: z.string(), unit: z.string() })
    .transform((v, ctx): Partial<Record<AboutUnit, number>> => {
      const unit = (ABOUT_UNITS as readonly string[]).includes(v.unit) ? (v.unit as AboutUnit) : null
      if (!unit) {
        ctx.addIssue({ code: 'custom', message: copy('deadlines.form.about.unit'), path: ['aboutUnit'] })
        return z.NEVER
      }
      const count = v.count.trim()
      const max = ABOUT_MAX[unit]
      if (!/^\d{1,3}$/.test(count) || Number(count) < 1 || Number(count) > max) {
        const message = count
          ? copy('deadlines.form.about.range', { max, unit: copy(`deadlines.form.about.units.${unit}`) })
          : copy('deadlines.form.about.required')
        ctx.addIssue({ code: 'custom', message, path: ['aboutCount'] })
        return z.NEVER
      }
      return { [unit]: Number(count) }
    })
    .safeParse({ count: one(posted, 'aboutCount'), unit: one(posted, 'aboutUnit') })
}

/** The first step's answers: what, where, and how sure the parent is of the start. */
export interface DeadlineStep1 {
  readonly kind: DeadlineKind
  readonly nation: Nation
  readonly when: When
}

export type Step1Result =
  { readonly ok: true; readonly step1: DeadlineStep1 } | { readonly ok: false; readonly errors: FieldError[] }

/** Checks the first step (what, where, how sure). */
export function parseStep1(posted: Posted): Step1Result {
  const head = base.safeParse({
    kind: one(posted, 'kind'),
    nation: one(posted, 'nation'),
    when: one(posted, 'when'),
  })
  return head.success
    ? { ok: true, step1: head.data }
    : { ok: false, errors: issuesToErrors(head.error.issues) }
}

/** Checks the second step (the start, exactly or roughly); on success gives the request for the deadline service. */
export function parseStep2(posted: Posted, step1: DeadlineStep1, today: PlainDate): DeadlineFormResult {
  const issues: z.core.$ZodIssue[] = []
  let from: DeadlineAsk['from'] | null = null
  if (step1.when === 'exact') {
    const r = dateField('exact', { what: copy('deadlines.form.exact.what'), today }).safeParse(
      dateParts(posted, 'exact'),
    )
    if (r.success) from = r.data
    else issues.push(...r.error.issues)
  } else if (step1.when === 'month') {
    const r = monthField(posted, today)
    if (r.success) from = r.data
    else issues.push(...r.error.issues)
  } else if (step1.when === 'about') {
    const r = aboutField(posted)
    if (r.success) from = { about: r.data }
    else issues.push(...r.error.issues)
  } else {
    const a = dateField('from', { what: copy('deadlines.form.between.fromWhat'), today }).safeParse(
      dateParts(posted, 'from'),
    )
    const b = dateField('to', { what: copy('deadlines.form.between.toWhat'), today }).safeParse(
      dateParts(posted, 'to'),
    )
    if (!a.success) issues.push(...a.error.issues)
    if (!b.success) issues.push(...b.error.issues)
    if (a.success && b.success) {
      const first = Temporal.PlainDate.from(a.data)
      const last = Temporal.PlainDate.from(b.data)
      if (isBefore(last, first))
        issues.push({
          code: 'custom',
          message: copy('deadlines.form.between.order'),
          path: ['to-day'],
          input: b.data,
        })
      else if (first.until(last).days > MAX_RANGE_DAYS)
        issues.push({
          code: 'custom',
          message: copy('deadlines.form.between.tooWide', { max: MAX_RANGE_DAYS }),
          path: ['to-day'],
          input: b.data,
        })
      else from = { between: [a.data, b.data] }
    }
  }
  if (issues.length > 0 || from === null) return { ok: false, errors: issuesToErrors(issues) }
  return {
    ok: true,
    ask: {
      kind: step1.kind,
      nation: deadlineNation(step1.nation),
      from,
      residentAbroad: step1.kind === 'deoAppeal' && one(posted, 'residentAbroad') === 'yes',
      today: today.toString(),
    },
  }
}
