import { message, type Message, type Say } from '../shared/message.ts'
import { Temporal, formatLongDate, type PlainDate } from '../shared/plain-date.ts'
import type { DeadlineResult } from './types.ts'

const M = (key: string, params?: Parameters<typeof message>[1]): Message =>
  message(`deadlinesDomain.calendar.${key}`, params)

/** RFC 5545 iCalendar output: all-day events for deadlines. Pure: the timestamp is passed in. */

export interface AllDayEvent {
  /** Stable identifier; the same content always gives the same UID, so re-imports update rather than duplicate. */
  readonly uid: string
  readonly date: PlainDate
  readonly summary: string
  readonly description: string
  readonly url?: string
  /** Days before the event to show a reminder, if any. */
  readonly reminderDaysBefore?: number
}

export interface ICalendarOptions {
  /** DTSTAMP for every event: when the file was made (the caller reads the clock, not us). */
  readonly dtstamp: Temporal.Instant
  readonly prodId?: string
  /** The calendar's name (the default is "Redress deadlines", in the reader's language). */
  readonly name?: string
  /** Puts the calendar's words into the reader's language. */
  readonly say: Say
}

const CRLF = '\r\n'

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

const utf8Length = (codePoint: number): number =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4

/**
 * Folds a content line so no line is longer than 75 octets of UTF-8 (RFC 5545 §3.1): continuation lines start
 * with a single space. Neither a multi-byte character nor an escape sequence ("\\n", "\\,") is split.
 */
export function foldLine(line: string): string {
  const out: string[] = []
  let current = ''
  let octets = 0
  const chars = [...line]
  for (let i = 0; i < chars.length; i++) {
    let unit = chars[i]!
    if (unit === '\\' && i + 1 < chars.length) unit += chars[++i]!
    let size = 0
    for (const ch of unit) size += utf8Length(ch.codePointAt(0)!)
    if (octets + size > 75) {
      out.push(current)
      current = ' '
      octets = 1
    }
    current += unit
    octets += size
  }
  out.push(current)
  return out.join(CRLF)
}

/** A 64-bit FNV-1a hash of the text's UTF-8 bytes, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte)
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, '0')
}

/** A UID built only from the given parts. */
export const stableUid = (parts: readonly string[]): string => `${fnv1a64(JSON.stringify(parts))}@redress`

const basicDate = (d: PlainDate): string => d.toString().replace(/-/g, '')

function basicUtc(instant: Temporal.Instant): string {
  const z = instant.toZonedDateTimeISO('UTC')
  const two = (n: number) => String(n).padStart(2, '0')
  return `${String(z.year).padStart(4, '0')}${two(z.month)}${two(z.day)}T${two(z.hour)}${two(z.minute)}${two(z.second)}Z`
}

/** A VCALENDAR with one all-day VEVENT per event, CRLF line endings, folded and escaped. */
export function renderICalendar(events: readonly AllDayEvent[], options: ICalendarOptions): string {
  const dtstamp = basicUtc(options.dtstamp)
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.prodId ?? '-//Redress//Deadlines//EN'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name ?? options.say(M('name')))}`,
  ]
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${basicDate(e.date)}`,
      `DTEND;VALUE=DATE:${basicDate(e.date.add({ days: 1 }))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      ...(e.url ? [`URL:${e.url}`] : []),
      'TRANSP:TRANSPARENT',
    )
    if (e.reminderDaysBefore !== undefined && e.reminderDaysBefore > 0) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(options.say(M('reminder', { summary: e.summary })))}`,
        `TRIGGER:-P${e.reminderDaysBefore}D`,
        'END:VALARM',
      )
    }
    lines.push('END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join(CRLF) + CRLF
}

const summaryLabel = (nature: DeadlineResult['nature']): Message => M(`summary.${nature}`)

function describe(result: DeadlineResult, say: Say): string {
  const label = summaryLabel(result.nature)
  const deadline = formatLongDate(result.deadline)
  const lines: Message[] = [
    M(result.timeOfDay ? 'dateLineByTime' : 'dateLine', {
      label,
      date: deadline,
      time: result.timeOfDay ?? '',
    }),
    M('actBy', { date: formatLongDate(result.actBy) }),
    ...(result.outerLimit ? [M('outerLimit', { date: formatLongDate(result.outerLimit) })] : []),
    M('rule', { rule: result.rule }),
    M('source', { ...result.source }),
    M('confidence', { confidence: result.confidence }),
    M('from', { date: formatLongDate(result.from) }),
    M('howWorkedOut'),
    ...result.steps.map((s, i) => M('step', { n: i + 1, text: s.text })),
    ...(result.assumptions.length > 0
      ? [M('assumptions'), ...result.assumptions.map((a) => M('assumption', { text: a }))]
      : []),
    M('notAdvice'),
  ]
  return [result.title, ...lines.map((m) => say(m))].join('\n')
}

/**
 * Calendar events for deadline results: the act-by date (when it differs), the deadline, and any outer limit.
 * Each description holds the rule, its source and confidence, and the steps.
 */
export function deadlineEvents(results: readonly DeadlineResult[], say: Say): AllDayEvent[] {
  const events: AllDayEvent[] = []
  for (const r of results) {
    const description = describe(r, say)
    const key = [r.rule, r.kind, r.nation, r.from.toString()]
    const acts = r.nature === 'deadline' || r.nature === 'outer-limit'
    const separateActBy = acts && Temporal.PlainDate.compare(r.actBy, r.deadline) !== 0
    if (separateActBy) {
      events.push({
        uid: stableUid([...key, 'act-by', r.actBy.toString()]),
        date: r.actBy,
        summary: say(M('actBySummary', { title: r.title })),
        description,
        url: r.source.url,
        reminderDaysBefore: 7,
      })
    }
    events.push({
      uid: stableUid([...key, 'deadline', r.deadline.toString()]),
      date: r.deadline,
      summary: say(M('summaryLine', { label: summaryLabel(r.nature), title: r.title })),
      description,
      url: r.source.url,
      ...(acts && !separateActBy ? { reminderDaysBefore: 7 } : {}),
    })
    if (r.outerLimit) {
      events.push({
        uid: stableUid([...key, 'outer-limit', r.outerLimit.toString()]),
        date: r.outerLimit,
        summary: say(M('outerLimitSummary', { title: r.title })),
        description,
        url: r.source.url,
      })
    }
  }
  return events
}

/** An iCalendar file for deadline results. */
export const deadlinesToICalendar = (results: readonly DeadlineResult[], options: ICalendarOptions): string =>
  renderICalendar(deadlineEvents(results, options.say), options)
