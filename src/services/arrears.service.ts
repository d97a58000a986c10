import { z } from 'zod'
import { reconcile, type Reconciliation } from '../domain/arrears/index.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { parsePounds, pence, toDecimal, type Pence } from '../domain/shared/pence.ts'
import { parseDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import type { Message } from '../domain/shared/message.ts'
import type { Step } from '../domain/shared/traced.ts'
import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'

/** zod message helper: "is required" when the field is missing, `problem` otherwise. */
const says =
  (problem: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : problem

const strict = {
  error: (issue: { code?: string; keys?: string[]; input?: unknown }): string | undefined =>
    issue.code === 'unrecognized_keys'
      ? `unknown field${(issue.keys ?? []).length > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}`
      : issue.input === undefined
        ? 'is required'
        : 'must be an object',
}

/** Why a money string is refused, or null if it is fine. Negative only where `signed`. */
function moneyProblem(text: string, signed: boolean): string | null {
  const t = text.trim()
  if (t.startsWith('-') && !signed) return 'must not be negative'
  const body = signed ? t.replace(/^-/, '') : t
  if (/^\d+\.\d{3,}$/.test(body))
    return `"${text}" has more than two decimal places: give pounds and pence exactly`
  try {
    parsePounds(body)
    return null
  } catch {
    return `"${text}" is not an amount of money in pounds and pence, like "213.03"`
  }
}
const MONEY = 'must be an amount of money written as text, like "213.03"'
const money = z.string({ error: says(MONEY) }).superRefine((v, ctx) => {
  const p = moneyProblem(v, false)
  if (p) ctx.addIssue({ code: 'custom', message: p })
})
const signedMoney = z.string({ error: says(MONEY) }).superRefine((v, ctx) => {
  const p = moneyProblem(v, true)
  if (p) ctx.addIssue({ code: 'custom', message: p })
})
const DATE = 'must be a date written YYYY-MM-DD'
const date = z.string({ error: says(DATE) }).superRefine((v, ctx) => {
  try {
    parseDate(v)
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof InvalidInput ? e.problem : DATE })
  }
})
const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: says(`must be a list of ${what}`) })

/** The JSON contract of `redress arrears --json` (one item of `--batch`). */
export const arrearsRequest = z.strictObject(
  {
    asOf: date,
    liability: list(z.strictObject({ from: date, weekly: money }, strict), 'weekly amounts').optional(),
    schedule: list(
      z.strictObject({ due: date, amount: money, description: z.string().optional() }, strict),
      'schedule entries',
    ),
    payments: list(
      z.strictObject(
        { date, amount: money, reference: z.string({ error: 'must be text' }).optional() },
        strict,
      ),
      'payments',
    ),
    cmsReceived: list(z.strictObject({ date, amount: money }, strict), 'CMS receipts').optional(),
    cmsArrears: signedMoney.optional(),
    matchWindowDays: z
      .number({ error: says('must be a whole number of days from 0 to 366') })
      .int('must be a whole number of days from 0 to 366')
      .min(0, 'must be a whole number of days from 0 to 366')
      .max(366, 'must be a whole number of days from 0 to 366')
      .optional(),
  },
  strict,
)
export type ArrearsRequest = z.infer<typeof arrearsRequest>

const signedPence = (text: string): Pence =>
  text.trim().startsWith('-') ? pence(-parsePounds(text.trim().slice(1))) : parsePounds(text)

export interface StepJson {
  readonly key: string
  readonly text: string
  readonly amount?: string
  readonly date?: string
  readonly unrounded?: string
  readonly source?: { ruleId: string; instrument: string; provision: string; url: string; confidence: string }
}

export const stepJson = (s: Step<Message>, locale: Locale = DEFAULT_LOCALE): StepJson => ({
  key: s.key,
  text: text(s.text, {}, locale),
  ...(s.amount === undefined ? {} : { amount: toDecimal(s.amount) }),
  ...(s.date === undefined ? {} : { date: s.date.toString() }),
  ...(s.unrounded === undefined ? {} : { unrounded: s.unrounded }),
  ...(s.cite === undefined
    ? {}
    : {
        source: {
          ruleId: s.cite.ruleId,
          instrument: s.cite.instrument,
          provision: s.cite.provision,
          url: s.cite.url,
          confidence: s.cite.confidence,
        },
      }),
})

export interface ArrearsResponse {
  readonly asOf: string
  readonly scheduledDue: string
  readonly liabilityDue: string | null
  readonly paid: string
  readonly cmsRecorded: string | null
  readonly arrearsOnEvidence: string
  readonly cmsArrears: string | null
  readonly difference: string | null
  readonly unrecordedPayments: { date: string; amount: string }[] | null
  readonly months: { month: string; scheduledDue: string; paid: string; cmsRecorded: string | null }[]
  readonly steps: StepJson[]
  readonly assumptions: string[]
}

const dec = (p: Pence | null): string | null => (p === null ? null : toDecimal(p))

/** Turns a checked request into the domain's input (ids by position: s0, p0, c0). */
export function toReconcileInput(r: ArrearsRequest): Parameters<typeof reconcile>[1] {
  return {
    asOf: parseDate(r.asOf, 'asOf'),
    schedule: r.schedule.map((e, i) => ({
      id: `s${i}`,
      date: parseDate(e.due, `schedule.${i}.due`),
      amount: parsePounds(e.amount, `schedule.${i}.amount`),
      ...(e.description === undefined ? {} : { description: e.description }),
    })),
    payments: r.payments.map((p, i) => ({
      id: `p${i}`,
      date: parseDate(p.date, `payments.${i}.date`),
      amount: parsePounds(p.amount, `payments.${i}.amount`),
      ...(p.reference === undefined ? {} : { reference: p.reference }),
    })),
    liability:
      r.liability?.map((l, i) => ({
        from: parseDate(l.from, `liability.${i}.from`),
        weekly: parsePounds(l.weekly, `liability.${i}.weekly`),
      })) ?? null,
    cmsReceived:
      r.cmsReceived?.map((c, i) => ({
        id: `c${i}`,
        date: parseDate(c.date, `cmsReceived.${i}.date`),
        amount: parsePounds(c.amount, `cmsReceived.${i}.amount`),
      })) ?? null,
    cmsArrears: r.cmsArrears === undefined ? null : signedPence(r.cmsArrears),
    ...(r.matchWindowDays === undefined ? {} : { matchWindowDays: r.matchWindowDays }),
  }
}

/** The machine answer of `redress arrears --json`, exactly as the README documents it. */
export function toArrearsResponse(
  result: Reconciliation,
  steps: readonly Step<Message>[],
  assumptions: readonly Message[],
  locale: Locale = DEFAULT_LOCALE,
): ArrearsResponse {
  return {
    asOf: result.asOf.toString(),
    scheduledDue: toDecimal(result.scheduledDue),
    liabilityDue: dec(result.liabilityDue),
    paid: toDecimal(result.paid),
    cmsRecorded: dec(result.cmsRecorded),
    arrearsOnEvidence: toDecimal(result.arrearsOnEvidence),
    cmsArrears: dec(result.cmsArrears),
    difference: result.cmsRecorded === null ? null : dec(result.difference),
    unrecordedPayments:
      result.unrecordedPayments?.map((p) => ({ date: p.date.toString(), amount: toDecimal(p.amount) })) ??
      null,
    months: result.months.map((m) => ({
      month: m.month,
      scheduledDue: toDecimal(m.scheduledDue),
      paid: toDecimal(m.paid),
      cmsRecorded: dec(m.cmsRecorded),
    })),
    steps: steps.map((s) => stepJson(s, locale)),
    assumptions: assumptions.map((a) => text(a, {}, locale)),
  }
}

/** Runs one checked request through the domain; the answer's words are in `locale`. */
export function runArrears(
  book: RuleBook,
  request: ArrearsRequest,
  locale: Locale = DEFAULT_LOCALE,
): ArrearsResponse {
  const t = reconcile(book, toReconcileInput(request))
  return toArrearsResponse(t.value, t.steps, t.assumptions, locale)
}
