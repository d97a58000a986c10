import { formatPounds, pence } from '../shared/pence.ts'
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

export const DECISION_NAMES: Readonly<Record<DecisionKind, string>> = {
  calculation: 'Maintenance calculation',
  revision: 'Revision',
  supersession: 'Supersession (change of circumstances)',
  variation: 'Variation decision',
  'mandatory-reconsideration-notice': 'Mandatory reconsideration notice',
  'default-decision': 'Default maintenance decision',
  'annual-review': 'Annual review',
  'arrears-notice': 'Arrears notice',
  enforcement: 'Enforcement',
}

export const EVENT_NAMES: Readonly<Record<EventType, string>> = {
  call: 'Phone call',
  'letter-sent': 'Letter sent',
  'letter-received': 'Letter received',
  email: 'Email',
  'online-message': 'Online account message',
  meeting: 'Meeting',
  payment: 'Payment',
  'change-of-circumstances': 'Change of circumstances',
  note: 'Note',
}

export const SUBJECT_NAMES: Readonly<Record<LetterSubject, string>> = {
  'mandatory-reconsideration': 'asking for a mandatory reconsideration',
  appeal: 'appeal',
  complaint: 'complaint',
  'complaint-escalation': 'escalating a complaint',
  'complaint-response': 'reply to a complaint',
  'complaint-final-response': 'final response to a complaint',
  'ice-referral': 'referral to the Independent Case Examiner',
  'call-confirmation': 'confirming a phone call',
  'change-of-circumstances': 'reporting a change',
  'information-request': 'asking for information',
  other: 'other',
}

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

export function chronology(
  c: CaseRecord,
  decisions: readonly DecisionRecord[],
  events: readonly EventRecord[],
  opts: { readonly includeSensitive?: boolean } = {},
): ChronologyRow[] {
  const rows: ChronologyRow[] = []
  for (const d of decisions.filter((x) => x.deletedAt === null)) {
    const figures = [
      d.weeklyAmountPence !== null ? `${formatPounds(pence(d.weeklyAmountPence))} a week` : null,
      d.weeklyIncomePence !== null ? `income ${formatPounds(pence(d.weeklyIncomePence))} a week` : null,
      d.nights !== null ? `${d.nights} nights a year` : null,
      d.otherChildren !== null
        ? d.otherChildren === 0
          ? 'no other children'
          : `${d.otherChildren} other ${d.otherChildren === 1 ? 'child' : 'children'}`
        : null,
    ].filter(Boolean)
    rows.push({
      date: d.letterDate,
      time: null,
      what: `CMS decision (${DECISION_NAMES[d.kind].toLowerCase()})`,
      detail: sentences([
        d.summary ? `About: ${d.summary}` : null,
        figures.length ? `Figures used: ${figures.join('; ')}` : null,
        d.receivedDate ? `Received on ${formatDate(parseDate(d.receivedDate))}` : null,
      ]),
    })
  }
  for (const e of events.filter((x) => x.deletedAt === null)) {
    const parts: (string | null)[] = [e.title, e.details]
    if (e.call) {
      const who = [e.call.personName, e.call.personRole, e.call.personOffice].filter(Boolean).join(', ')
      if (who) parts.push(`Spoke to ${who}`)
      if (e.call.theySaid) parts.push(`They said: ${e.call.theySaid}`)
    }
    if (e.letter) {
      parts.push(`Subject: ${SUBJECT_NAMES[e.letter.subject]}`)
      if (e.letter.trackingNumber) parts.push(`Tracking number ${e.letter.trackingNumber}`)
      if (e.letter.certificateNumber) parts.push(`Certificate of posting ${e.letter.certificateNumber}`)
    }
    if (e.amountPence !== null) parts.push(`Amount: ${formatPounds(pence(e.amountPence))}`)
    rows.push({
      date: e.occurredOn,
      time: e.occurredTime,
      what: EVENT_NAMES[e.type],
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
 * so that anything made for sharing can leave them out.
 */
export function otherParentRedaction(other: OtherParent): {
  readonly whose: string
  readonly addressLines: readonly string[]
  readonly postcode?: string
  readonly phones: readonly string[]
  readonly emails: readonly string[]
} {
  return {
    whose: 'the other parent',
    addressLines: (other.address ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    ...(other.postcode ? { postcode: other.postcode } : {}),
    phones: other.phone ? [other.phone] : [],
    emails: other.email ? [other.email] : [],
  }
}
