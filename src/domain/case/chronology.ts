import { formatPounds, pence } from '../shared/pence.ts'
import { message, type Message, type MessageParams, type Say } from '../shared/message.ts'
import { compareDates, formatDate, parseDate } from '../shared/plain-date.ts'
import type {
  CaseRecord,
  DecisionKind,
  DecisionRecord,
  EventRecord,
  EventType,
  LetterSubject,
  OtherParent,
} from './types.ts'

/** The case's story in date order, for the printable chronology and the command line. */

const M = (key: string, params?: MessageParams): Message => message(`caseDomain.${key}`, params)

/** "Maintenance calculation", "Supersession (change of circumstances)": a kind of decision, as words. */
export const decisionName = (kind: DecisionKind): Message => M(`decisionKind.${kind}`)

/** "Phone call", "Letter sent": a kind of timeline event, as words. */
export const eventName = (type: EventType): Message => M(`eventType.${type}`)

/** "asking for a mandatory reconsideration", "appeal": what a letter is about, as words. */
export const subjectName = (subject: LetterSubject): Message => M(`letterSubject.${subject}`)

/**
 * Parts joined as sentences: each ends with one full stop (added only when it has no closing
 * punctuation of its own), so the parent's words are never changed and never doubled up.
 */
export function sentences(parts: readonly (string | null | undefined)[]): string {
  return parts
    .map((p) => (p ?? '').trim())
    .filter((p) => p !== '')
    .map((p) => (/[.!?…]["'”’)]?$/.test(p) ? p : `${p}.`))
    .join(' ')
}

export interface ChronologyRow {
  readonly date: string
  readonly time: string | null
  readonly what: string
  readonly detail: string
}

/** Removes the other parent's contact details from text meant for sharing. */
export function redactText(text: string, other: OtherParent): string {
  let out = text
  const targets = [other.address, other.postcode, other.phone, other.email].filter(
    (s): s is string => !!s && s.length >= 3,
  )
  for (const t of targets) {
    for (const line of t
      .split(/\r?\n|,/)
      .map((s) => s.trim())
      .filter((s) => s.length >= 3)) {
      out = out.split(line).join('[removed]')
    }
  }
  return out
}

/**
 * The rows of the chronology, in words (`say` puts the framing into the reader's language; the
 * parent's own words go in as written). The other parent's contact details are taken out of the
 * words unless `includeSensitive`.
 */
export function chronology(
  c: CaseRecord,
  decisions: readonly DecisionRecord[],
  events: readonly EventRecord[],
  say: Say,
  opts: { readonly includeSensitive?: boolean } = {},
): ChronologyRow[] {
  const C = (key: string, params?: MessageParams): string => say(M(`chronology.${key}`, params))
  const rows: ChronologyRow[] = []
  for (const d of decisions.filter((x) => x.deletedAt === null)) {
    const figures = [
      d.weeklyAmountPence !== null
        ? M('chronology.weekly', { amount: formatPounds(pence(d.weeklyAmountPence)) })
        : null,
      d.weeklyIncomePence !== null
        ? M('chronology.income', { amount: formatPounds(pence(d.weeklyIncomePence)) })
        : null,
      d.nights !== null ? M('chronology.nights', { nights: d.nights }) : null,
      d.otherChildren !== null
        ? d.otherChildren === 0
          ? M('chronology.noOtherChildren')
          : M(`chronology.otherChildren.${d.otherChildren === 1 ? 'one' : 'other'}`, {
              count: d.otherChildren,
            })
        : null,
    ].filter((f): f is Message => f !== null)
    rows.push({
      date: d.letterDate,
      time: null,
      what: C('decision', { kind: M(`decisionKindLower.${d.kind}`) }),
      detail: sentences([
        d.summary ? C('about', { summary: d.summary }) : null,
        figures.length
          ? C('figures', {
              figures: figures.reduce((first, second) => M('chronology.semicolon', { first, second })),
            })
          : null,
        d.receivedDate ? C('received', { date: formatDate(parseDate(d.receivedDate)) }) : null,
      ]),
    })
  }
  for (const e of events.filter((x) => x.deletedAt === null)) {
    const parts: (string | null)[] = [e.title, e.details]
    if (e.call) {
      const who = [e.call.personName, e.call.personRole, e.call.personOffice].filter(Boolean).join(', ')
      if (who) parts.push(C('spokeTo', { who }))
      if (e.call.theySaid) parts.push(C('theySaid', { words: e.call.theySaid }))
    }
    if (e.letter) {
      parts.push(C('subject', { subject: subjectName(e.letter.subject) }))
      if (e.letter.trackingNumber) parts.push(C('tracking', { number: e.letter.trackingNumber }))
      if (e.letter.certificateNumber) parts.push(C('certificate', { number: e.letter.certificateNumber }))
    }
    if (e.amountPence !== null) parts.push(C('amount', { amount: formatPounds(pence(e.amountPence)) }))
    rows.push({
      date: e.occurredOn,
      time: e.occurredTime,
      what: say(eventName(e.type)),
      detail: sentences(parts),
    })
  }
  const shown = opts.includeSensitive
    ? rows
    : rows.map((r) => ({ ...r, detail: redactText(r.detail, c.otherParent) }))
  return shown.sort(
    (a, b) =>
      compareDates(parseDate(a.date), parseDate(b.date)) || (a.time ?? '').localeCompare(b.time ?? ''),
  )
}

/** The names of the fields that differ between two versions of a record (for the history and audit). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const skip = new Set([
    'version',
    'updatedAt',
    'updatedBy',
    'createdAt',
    'createdBy',
    'deletedAt',
    'deletedBy',
  ])
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys]
    .filter((k) => !skip.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort()
}

/**
 * The other parent's contact details as a redaction target (the shape the bundle's redaction takes),
 * so that anything made for sharing can leave them out. `say` words whose details they are.
 */
export function otherParentRedaction(
  other: OtherParent,
  say: Say,
): {
  readonly whose: string
  readonly addressLines: readonly string[]
  readonly postcode?: string
  readonly phones: readonly string[]
  readonly emails: readonly string[]
} {
  return {
    whose: say(message('bundleText.service.otherParent')),
    addressLines: (other.address ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    ...(other.postcode ? { postcode: other.postcode } : {}),
    phones: other.phone ? [other.phone] : [],
    emails: other.email ? [other.email] : [],
  }
}
