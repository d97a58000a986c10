import { z } from 'zod'
import { reconcile, type Reconciliation } from '../domain/arrears/index.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { parsePounds, pence, toDecimal, type Pence } from '../domain/shared/pence.ts'
import { parseDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import type { Message } from '../domain/shared/message.ts'
import type { Step } from '../domain/shared/traced.ts'
import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'

/**
 * What a refused request is told (`arrearsRequest.*` in arrears-domain.json), looked up when a
 * request is checked, not when this module loads.
 */
const words = (key: string, params: Readonly<Record<string, string>> = {}): string =>
  text(`arrearsRequest.${key}`, params)

/** zod message helper: "is required" when the field is missing, the problem (`key`) otherwise. */
const says =
  (key: string, params: Readonly<Record<string, string>> = {}) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? words('required') : words(key, params)

const strict = {
  error: (issue: { code?: string; keys?: string[]; input?: unknown }): string | undefined =>
    issue.code === 'unrecognized_keys'
      ? words(`unknownField.${(issue.keys ?? []).length > 1 ? 'other' : 'one'}`, {
          fields: (issue.keys ?? []).map((k) => `"${k}"`).join(', '),
        })
      : issue.input === undefined
        ? words('required')
        : words('object'),
}

/** Why a money string is refused, or null if it is fine. Negative only where `signed`. */
function moneyProblem(text: string, signed: boolean): string | null {
  const t = text.trim()
  if (t.startsWith('-') && !signed) return words('negative')
  const body = signed ? t.replace(/^-/, '') : t
  if (/^\d+\.\d{3,}$/.test(body)) return words('decimals', { value: text })
  try {
    parsePounds(body)
    return null
  } catch {
    return words('notMoney', { value: text })
  }
}
const money = z.string({ error: says('money') }).superRefine((v, ctx) => {
  const p = moneyProblem(v, false)
  if (p) ctx.addIssue({ code: 'custom', message: p })
})
const signedMoney = z.string({ error: says('money') }).superRefine((v, ctx) => {
  const p = moneyProblem(v, true)
  if (p) ctx.addIssue({ code: 'custom', message: p })
})
const date = z.string({ error: says('date') }).superRefine((v, ctx) => {
  try {
    parseDate(v)
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof InvalidInput ? text(e.problem) : words('date') })
  }
})
const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: (issue) => says('list', { what: words(`what.${what}`) })(issue) })

/** The JSON contract of `redress arrears --json` (one item of `--batch`). */
export const arrearsRequest = z.strictObject(
  {
    asOf: date,
    liability: list(z.strictObject({ from: date, weekly: money }, strict), 'weeklyAmounts').optional(),
    schedule: list(
      z.strictObject({ due: date, amount: money, description: z.string().optional() }, strict),
      'scheduleEntries',
    ),
    payments: list(
      z.strictObject(
        { date, amount: money, reference: z.string({ error: () => words('text') }).optional() },
        strict,
      ),
      'payments',
    ),
    cmsReceived: list(z.strictObject({ date, amount: money }, strict), 'cmsReceipts').optional(),
    cmsArrears: signedMoney.optional(),
    matchWindowDays: z
      .number({ error: says('window') })
      .int({ error: () => words('window') })
      .min(0, { error: () => words('window') })
      .max(366, { error: () => words('window') })
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
