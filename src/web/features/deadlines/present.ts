import type { DeadlineResult, ReadingStatus } from '../../../domain/deadlines/types.ts'
import type { UncertainDeadlineResult } from '../../../domain/deadlines/uncertain-start.ts'
import { compareDates, formatLongDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import type { Message } from '../../../domain/shared/message.ts'
import type { Citation, Confidence } from '../../../domain/shared/traced.ts'
import { text, translate } from '../../i18n.ts'

/**
 * Turns a deadline result into what a page shows: every date in words, each with its rule, its source and a
 * confidence label with the reason for it. Presentation only: the dates themselves come from the engine.
 */

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

export interface SourceView {
  readonly instrument: string
  readonly provision: string
  readonly url: string
}

export interface ConfidenceView {
  readonly level: Confidence
  readonly label: string
  readonly tagClass: string
  /** Why we are as sure as we are, in plain words (always at least one). */
  readonly reasons: readonly string[]
}

export interface DateView {
  readonly iso: string
  readonly text: string
}

export interface StepView {
  readonly text: string
  readonly source: (SourceView & { readonly rule: string; readonly confidence: ConfidenceView }) | null
}

export interface ReadingView {
  readonly date: DateView
  readonly status: ReadingStatus
  readonly statusLabel: string
  readonly text: string
  readonly source: (SourceView & { readonly rule: string; readonly confidence: ConfidenceView }) | null
}

export interface OuterLimitView {
  readonly date: DateView
  readonly title: string
  readonly rule: string
  readonly source: SourceView
  readonly confidence: ConfidenceView
}

export interface DeadlineView {
  readonly kind: string
  readonly title: string
  readonly nature: DeadlineResult['nature']
  /** A date for the parent to act by (a deadline or outer limit), not a target or review date. */
  readonly forYou: boolean
  readonly from: DateView
  readonly actBy: DateView
  readonly deadline: DateView
  readonly actByIsEarlier: boolean
  /** The act-by explanation in one sentence (for a date the parent acts by), from the engine. */
  readonly actBySentence: string | null
  readonly mustBe: string
  /** "5pm", where a rule sets a time of day. */
  readonly timeOfDay: string | null
  readonly notForYou: string | null
  readonly outerLimit: OuterLimitView | null
  readonly rule: string
  readonly source: SourceView
  readonly confidence: ConfidenceView
  readonly steps: readonly StepView[]
  readonly readings: readonly ReadingView[]
  readonly assumptions: readonly string[]
  readonly uncertain: {
    readonly description: string
    readonly earliest: DateView
    readonly latest: DateView
    readonly latestDeadline: DateView
    readonly why: string
  } | null
}

const TAG: Record<Confidence, string> = {
  verified: 'govuk-tag--green',
  secondary: 'govuk-tag--yellow',
  unverified: 'govuk-tag--orange',
}

const RANK: Record<Confidence, number> = { verified: 2, secondary: 1, unverified: 0 }

export const dateView = (d: PlainDate): DateView => ({ iso: d.toString(), text: formatLongDate(d) })

export function confidenceView(level: Confidence, extra: readonly string[] = []): ConfidenceView {
  return {
    level,
    label: copy(`deadlines.confidence.${level}.label`),
    tagClass: TAG[level],
    reasons: [copy(`deadlines.confidence.${level}.reason`), ...extra],
  }
}

const citeView = (c: Citation | undefined) =>
  c
    ? {
        instrument: c.instrument,
        provision: c.provision,
        url: c.url,
        rule: c.ruleId,
        confidence: confidenceView(c.confidence),
      }
    : null

/** "17:00" as "5pm", "09:30" as "9.30am". */
export function formatTime(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  const suffix = h >= 12 ? 'pm' : 'am'
  const hour = h % 12 === 0 ? 12 : h % 12
  return m === 0 ? `${hour}${suffix}` : `${hour}.${String(m).padStart(2, '0')}${suffix}`
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

const isUncertain = (r: DeadlineResult): r is UncertainDeadlineResult => 'startRange' in r

/** The reasons behind a result's confidence label, beyond what its level says. */
function reasonsFor(result: DeadlineResult): string[] {
  const reasons: string[] = []
  if (result.readings.some((r) => r.status === 'conservative'))
    reasons.push(copy('deadlines.confidence.earlier'))
  if (result.readings.some((r) => r.status === 'may-not-be-accepted' || r.status === 'not-relied-on'))
    reasons.push(copy('deadlines.confidence.later'))
  if (isUncertain(result) && compareDates(result.startRange.earliest, result.startRange.latest) !== 0)
    reasons.push(copy('deadlines.confidence.uncertainStart'))
  const weakest = result.steps.reduce<Confidence | null>((low, s) => {
    const c = s.cite?.confidence
    if (!c) return low
    return low === null || RANK[c] < RANK[low] ? c : low
  }, null)
  if (weakest && RANK[weakest] < RANK[result.confidence]) reasons.push(copy('deadlines.confidence.partly'))
  return reasons
}

/** The engine's words (steps, readings, assumptions), in the page's language. */
const say = (m: Message): string => text(m)

/** The engine's act-by explanation in one sentence, in words, or null if it gave none. */
export function actBySentence(result: DeadlineResult): string | null {
  const step = result.steps.find((s) => s.key === 'act-by')
  return step ? say(step.text) : null
}

/** Everything a page needs to show one deadline result. */
export function presentDeadline(result: DeadlineResult): DeadlineView {
  const forYou = result.nature === 'deadline' || result.nature === 'outer-limit'
  const outerStep = result.steps.find((s) => s.key === 'outer-limit')
  const outerLimit: OuterLimitView | null =
    result.outerLimit && outerStep?.cite
      ? {
          date: dateView(result.outerLimit),
          title: say(outerStep.text),
          rule: outerStep.cite.ruleId,
          source: {
            instrument: outerStep.cite.instrument,
            provision: outerStep.cite.provision,
            url: outerStep.cite.url,
          },
          confidence: confidenceView(outerStep.cite.confidence),
        }
      : null
  const by = capital(result.by)
  const uncertain =
    isUncertain(result) && compareDates(result.startRange.earliest, result.startRange.latest) !== 0
      ? {
          description: say(result.startRange.description),
          earliest: dateView(result.startRange.earliest),
          latest: dateView(result.startRange.latest),
          latestDeadline: dateView(result.latestDeadline),
          why: say(result.why),
        }
      : null
  return {
    kind: result.kind,
    title: result.title,
    nature: result.nature,
    forYou,
    from: dateView(result.from),
    actBy: dateView(result.actBy),
    deadline: dateView(result.deadline),
    actByIsEarlier: compareDates(result.actBy, result.deadline) < 0,
    actBySentence: forYou ? actBySentence(result) : null,
    mustBe: copy(`deadlines.mustBe.${result.mustBe}`, { by, byLower: result.by }),
    timeOfDay: result.timeOfDay ? formatTime(result.timeOfDay) : null,
    notForYou: forYou ? null : copy(`deadlines.nature.${result.nature}`, { by: result.by }),
    outerLimit,
    rule: result.rule,
    source: {
      instrument: result.source.instrument,
      provision: result.source.provision,
      url: result.source.url,
    },
    confidence: confidenceView(result.confidence, reasonsFor(result)),
    steps: result.steps.map((s) => ({ text: say(s.text), source: citeView(s.cite) })),
    readings: result.readings
      .filter((r) => r.status !== 'legal')
      .map((r) => ({
        date: dateView(r.date),
        status: r.status,
        statusLabel: copy(`deadlines.readingStatus.${r.status}`),
        text: say(r.text),
        source: citeView(r.cite),
      })),
    assumptions: result.assumptions.map(say),
    uncertain,
  }
}

export interface StatusView {
  readonly key: 'open' | 'passed' | 'late-but-possible' | 'target-passed' | 'unknown'
  readonly text: string
  readonly tagClass: string
}

const STATUS_TAG: Record<StatusView['key'], string> = {
  open: 'govuk-tag--blue',
  passed: 'govuk-tag--red',
  'late-but-possible': 'govuk-tag--orange',
  'target-passed': 'govuk-tag--grey',
  unknown: 'govuk-tag--grey',
}

/** A status label for a date as at `today` (the same meanings as the route advisor's statuses). */
export function statusView(key: StatusView['key'], params: Record<string, string | number> = {}): StatusView {
  return { key, text: copy(`deadlines.status.${key}`, params), tagClass: STATUS_TAG[key] }
}

/** Where `result` stands today: still open, passed, or passed with a late application still possible. */
export function deadlineStatus(result: DeadlineResult, today: PlainDate): StatusView {
  const forYou = result.nature === 'deadline' || result.nature === 'outer-limit'
  if (compareDates(today, result.deadline) <= 0) return statusView('open')
  if (!forYou) return statusView('target-passed')
  if (result.outerLimit && compareDates(today, result.outerLimit) <= 0)
    return statusView('late-but-possible', { date: formatLongDate(result.outerLimit) })
  return statusView('passed')
}
