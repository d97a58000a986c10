import { z } from 'zod'
import { deadlinesToICalendar } from '../domain/deadlines/icalendar.ts'
import { DEADLINE_KINDS, NATIONS } from '../domain/deadlines/kinds.ts'
import { computeDeadline } from '../domain/deadlines/compute-deadline.ts'
import type { Calendars } from '../domain/deadlines/calendar.ts'
import type { DeadlineKind, DeadlineResult, Nation } from '../domain/deadlines/types.ts'
import {
  aboutAgo,
  between,
  computeDeadlineForUncertainStart,
  someTimeIn,
  type StartRange,
  type UncertainDeadlineResult,
} from '../domain/deadlines/uncertain-start.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { Temporal, parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import { message, type Message } from '../domain/shared/message.ts'
import type { Citation, Step } from '../domain/shared/traced.ts'
import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'
import { rules } from '../rules/load.ts'
import { calendarsCovering } from './calendars.ts'

/**
 * The deadline use case for the CLI and the web: the request schema (zod), turning a request into a deadline,
 * and the JSON shape of the answer. No HTTP or terminal types here.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/
const MONTH = /^(\d{4})-(\d{2})$/

/**
 * What a refused request is told (`deadlineRequest.*` in deadlines-domain.json), looked up when a
 * request is checked, not when this module loads. Values are put in as written (never read again).
 */
const says = (key: string, params: Readonly<Record<string, string>> = {}): string =>
  text(`deadlineRequest.${key}`, params)
const fromHelp = (): string => says('fromHelp')

/** The `from` field as written: a date, a month, a range, or "about N ago". */
export type FromInput =
  | { readonly on: string }
  | { readonly month: string }
  | { readonly between: readonly [string, string] }
  | { readonly about: { readonly days?: number; readonly weeks?: number; readonly months?: number } }

function dateProblem(typed: string): string | null {
  try {
    parseDate(typed)
    return null
  } catch (error) {
    return error instanceof InvalidInput ? text(error.problem) : String(error)
  }
}

const fromSchema = z.unknown().transform((value, ctx): FromInput => {
  const fail = (message: string, path: (string | number)[] = []) => {
    ctx.addIssue({ code: 'custom', message, path })
    return z.NEVER
  }
  if (value === undefined) return fail(says('fromRequired', { help: fromHelp() }))
  if (typeof value === 'string') {
    const month = MONTH.exec(value)
    if (month) {
      const m = Number(month[2])
      return m >= 1 && m <= 12 ? { month: value } : fail(says('notAMonth', { value }))
    }
    if (!DATE.test(value)) return fail(says('fromWritten', { value, help: fromHelp() }))
    const problem = dateProblem(value)
    return problem ? fail(problem) : { on: value }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(fromHelp())
  const keys = Object.keys(value)
  if (keys.length !== 1 || (keys[0] !== 'between' && keys[0] !== 'about')) return fail(fromHelp())
  if ('between' in value) {
    const range = value.between
    if (!Array.isArray(range) || range.length !== 2) return fail(says('twoDates'), ['between'])
    const texts: string[] = []
    for (const [i, d] of range.entries()) {
      if (typeof d !== 'string' || !DATE.test(d)) return fail(says('date'), ['between', i])
      const problem = dateProblem(d)
      if (problem) return fail(problem, ['between', i])
      texts.push(d)
    }
    return { between: [texts[0]!, texts[1]!] }
  }
  const about = (value as { about: unknown }).about
  if (typeof about !== 'object' || about === null || Array.isArray(about))
    return fail(says('aboutLike'), ['about'])
  const out: { days?: number; weeks?: number; months?: number } = {}
  for (const [k, n] of Object.entries(about)) {
    if (k !== 'days' && k !== 'weeks' && k !== 'months') return fail(says('aboutUnit'), ['about', k])
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 400)
      return fail(says('aboutCount'), ['about', k])
    out[k] = n
  }
  return { about: out }
})

const FIELDS = ['kind', 'from', 'nation', 'residentAbroad', 'today'] as const

const dateField = z.string({ error: () => says('date') }).superRefine((text, ctx) => {
  const problem = DATE.test(text) ? dateProblem(text) : says('notADate', { value: text })
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

/** One deadline request as JSON: {"kind", "from", "nation", "residentAbroad"?, "today"?}. Unknown fields are refused. */
export const deadlineRequestSchema = z.preprocess(
  (value, ctx) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const key of Object.keys(value)) {
        if (!(FIELDS as readonly string[]).includes(key))
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: says('unknownField', { fields: FIELDS.join(', ') }),
          })
      }
    }
    return value
  },
  z.object(
    {
      kind: z.enum(DEADLINE_KINDS as [DeadlineKind, ...DeadlineKind[]], {
        error: (issue) =>
          issue.input === undefined
            ? says('kindRequired', { kinds: DEADLINE_KINDS.join(', ') })
            : says('notAKind', { value: JSON.stringify(issue.input), kinds: DEADLINE_KINDS.join(', ') }),
      }),
      from: fromSchema,
      // The four nations, as everywhere else in Redress; England and Wales share one legal system,
      // so both read as "england-and-wales" (still accepted as written).
      nation: z.preprocess(
        (v) => (v === 'england' || v === 'wales' ? 'england-and-wales' : v),
        z.enum(NATIONS as [Nation, ...Nation[]], {
          error: (issue) =>
            issue.input === undefined
              ? says('nationRequired', { nations: says('nations') })
              : says('notANation', { value: JSON.stringify(issue.input), nations: says('nations') }),
        }),
      ),
      residentAbroad: z.boolean({ error: () => says('trueOrFalse') }).default(false),
      today: dateField.optional(),
    },
    {
      error: () => says('object'),
    },
  ),
)

/** Several requests, answered in order. */
export const deadlineBatchSchema = z.array(deadlineRequestSchema, {
  error: () => says('batch'),
})

export type DeadlineRequestInput = z.infer<typeof deadlineRequestSchema>

export interface DeadlineDeps {
  readonly book?: RuleBook
  readonly calendars?: Calendars
}

function startRange(input: DeadlineRequestInput): StartRange | PlainDate {
  const from = input.from
  if ('on' in from) return parseDate(from.on, 'from')
  if ('month' in from) {
    const [year, month] = from.month.split('-').map(Number) as [number, number]
    return someTimeIn(year, month)
  }
  if ('between' in from)
    return between(parseDate(from.between[0], 'from.between.0'), parseDate(from.between[1], 'from.between.1'))
  if (input.today === undefined) throw new InvalidInput('today', message('deadlineRequest.todayNeeded'))
  return aboutAgo(parseDate(input.today, 'today'), from.about)
}

/** Works out one deadline from a validated request (an exact date, or the earliest for an uncertain one). */
export function computeDeadlineFromInput(
  input: DeadlineRequestInput,
  deps: DeadlineDeps = {},
): DeadlineResult | UncertainDeadlineResult {
  const book = deps.book ?? rules()
  const start = startRange(input)
  const base = { kind: input.kind, nation: input.nation, residentAbroad: input.residentAbroad }
  if (start instanceof Temporal.PlainDate) {
    return computeDeadline(book, deps.calendars ?? calendarsCovering(start), { ...base, from: start })
  }
  const calendars = deps.calendars ?? calendarsCovering(start.earliest, start.latest)
  return computeDeadlineForUncertainStart(book, calendars, { ...base, from: start })
}

export interface CitationJson {
  readonly rule: string
  readonly instrument: string
  readonly provision: string
  readonly url: string
  readonly confidence: string
}

export interface StepJson {
  readonly key: string
  readonly text: string
  readonly date: string | null
  readonly cite: CitationJson | null
}

/** The JSON answer: the contract fields first, then the detail. */
export interface DeadlineJson {
  readonly deadline: string
  readonly actBy: string
  readonly outerLimit: string | null
  readonly rule: string
  readonly source: { readonly instrument: string; readonly provision: string; readonly url: string }
  readonly confidence: string
  readonly steps: readonly StepJson[]
  readonly kind: DeadlineKind
  readonly from: string
  readonly nation: Nation
  readonly title: string
  readonly timeOfDay: string | null
  readonly nature: string
  readonly mustBe: string
  readonly by: string
  readonly readings: readonly {
    readonly key: string
    readonly date: string
    readonly status: string
    readonly text: string
    readonly cite: CitationJson | null
  }[]
  readonly assumptions: readonly string[]
  readonly startRange?: { readonly earliest: string; readonly latest: string; readonly description: string }
  readonly latestDeadline?: string
  readonly why?: string
}

const citeJson = (c: Citation | undefined): CitationJson | null =>
  c
    ? {
        rule: c.ruleId,
        instrument: c.instrument,
        provision: c.provision,
        url: c.url,
        confidence: c.confidence,
      }
    : null

const stepJson = (s: Step<Message>, locale: Locale): StepJson => ({
  key: s.key,
  text: text(s.text, {}, locale),
  date: s.date?.toString() ?? null,
  cite: citeJson(s.cite),
})

const isUncertain = (r: DeadlineResult): r is UncertainDeadlineResult => 'startRange' in r

/** Maps a result to its JSON answer (dates as "YYYY-MM-DD"), its words in `locale`. */
export function deadlineToJson(
  result: DeadlineResult | UncertainDeadlineResult,
  locale: Locale = DEFAULT_LOCALE,
): DeadlineJson {
  const say = (m: Message): string => text(m, {}, locale)
  const json: DeadlineJson = {
    deadline: result.deadline.toString(),
    actBy: result.actBy.toString(),
    outerLimit: result.outerLimit?.toString() ?? null,
    rule: result.rule,
    source: {
      instrument: result.source.instrument,
      provision: result.source.provision,
      url: result.source.url,
    },
    confidence: result.confidence,
    steps: result.steps.map((s) => stepJson(s, locale)),
    kind: result.kind,
    from: result.from.toString(),
    nation: result.nation,
    title: result.title,
    timeOfDay: result.timeOfDay,
    nature: result.nature,
    mustBe: result.mustBe,
    by: result.by,
    readings: result.readings.map((r) => ({
      key: r.key,
      date: r.date.toString(),
      status: r.status,
      text: say(r.text),
      cite: citeJson(r.cite),
    })),
    assumptions: result.assumptions.map(say),
  }
  if (!isUncertain(result)) return json
  return {
    ...json,
    startRange: {
      earliest: result.startRange.earliest.toString(),
      latest: result.startRange.latest.toString(),
      description: say(result.startRange.description),
    },
    latestDeadline: result.latestDeadline.toString(),
    why: say(result.why),
  }
}

/** An iCalendar file for the results; `dtstamp` is when the file is made (the caller reads the clock). */
export function deadlinesToIcs(
  results: readonly DeadlineResult[],
  dtstamp: Temporal.Instant,
  locale: Locale = DEFAULT_LOCALE,
): string {
  return deadlinesToICalendar(results, { dtstamp, say: (m) => text(m, {}, locale) })
}
