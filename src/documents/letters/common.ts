import { tr } from './copy.ts'
import { formatDate, type PlainDate } from '../../domain/shared/plain-date.ts'
import type { Appendix, Detail, Letter, LetterBlock, Recipient, Sender } from './model.ts'
import type { LetterKind } from './kinds.ts'
import { CMS_REFERENCE, type Maybe, type Needs, particular } from './particulars.ts'

export interface SenderInput {
  readonly name?: Maybe<string>
  readonly addressLines?: Maybe<readonly string[]>
  readonly phone?: Maybe<string>
  readonly email?: Maybe<string>
}

export interface RecipientInput {
  readonly organisation?: Maybe<string>
  readonly attention?: Maybe<string>
  readonly addressLines?: Maybe<readonly string[]>
}

/** What every letter needs. Particulars are optional in the type so that gaps are reported, not crashed on. */
export interface LetterBaseInput {
  readonly sender?: Maybe<SenderInput>
  /** The address to write to, passed in from the contact facts (never written into a template). */
  readonly recipient?: Maybe<RecipientInput>
  /** The date the letter is written. */
  readonly date?: Maybe<PlainDate>
  /** The CMS reference: 12 digits starting 121. */
  readonly reference?: Maybe<string>
  /** Evidence and other papers the parent is sending with the letter. */
  readonly enclosures?: Maybe<readonly string[]>
  /** A date to act by, worked out by the deadline engine, repeated in the notes. */
  readonly actBy?: Maybe<{ readonly date: PlainDate; readonly what: string }>
}

export interface DecisionInput {
  /** The date printed on the CMS decision letter. */
  readonly date?: Maybe<PlainDate>
  /** The kind of decision as it reads inside a sentence, e.g. "annual review" ("the annual review decision"). */
  readonly kindName?: Maybe<string>
  /** What the decision was about, in the parent's words (needed when the kind is not known). */
  readonly subject?: Maybe<string>
}

export type ParentRole = 'paying-parent' | 'receiving-parent'

export interface DatedEvent {
  readonly date: PlainDate
  readonly text: string
}

export interface Base {
  readonly sender: Sender
  readonly recipient: Recipient
  readonly date: PlainDate
  readonly reference: string
}

/** Reads and checks the particulars every letter needs. `sendTo` says whose address is missing. */
export function readBase(
  need: Needs,
  input: LetterBaseInput,
  sendTo: string,
  opts: { referencePattern?: RegExp; needPhone?: boolean } = {},
): Base {
  const s = input.sender ?? {}
  const r = input.recipient ?? {}
  const name = need.text(s.name, particular('sender.name', tr('common.yourFullName')))
  const addressLines = need.list(
    s.addressLines,
    particular('sender.addressLines', tr('common.yourPostalAddress')),
  )
  const phone = s.phone?.trim() || undefined
  if (opts.needPhone && !phone) need.add(particular('sender.phone', tr('common.aPhoneNumberThey')))
  const email = s.email?.trim() || undefined
  const organisation = need.text(
    r.organisation,
    particular('recipient.organisation', tr('common.whoToSendIt', { sendTo })),
  )
  const recipientLines = need.list(
    r.addressLines,
    particular('recipient.addressLines', tr('common.thePostalAddressOf', { sendTo })),
  )
  const attention = r.attention?.trim() || undefined
  return {
    sender: {
      name,
      addressLines: addressLines.map((l) => l.trim()),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
    },
    recipient: {
      organisation,
      addressLines: recipientLines.map((l) => l.trim()),
      ...(attention ? { attention } : {}),
    },
    date: need.date(input.date, particular('date', tr('common.theDateYouWill'))),
    reference: need.reference(input.reference, opts.referencePattern ?? CMS_REFERENCE),
  }
}

export interface ReadDecision {
  readonly date: PlainDate
  readonly kindName: string | null
  readonly subject: string | null
}

export function readDecision(need: Needs, d: Maybe<DecisionInput>, what = 'decision'): ReadDecision {
  const date = need.date(d?.date, particular(`${what}.date`, tr('common.theDateOfThe', { what })))
  const kindName = d?.kindName?.trim() || null
  const subject = kindName
    ? d?.subject?.trim() || null
    : need.text(d?.subject, particular(`${what}.subject`, tr('common.whatTheWasAbout', { what })))
  return { date, kindName, subject }
}

/** "the annual review decision dated 3 February 2025", or "the decision dated 3 February 2025 about …". */
export const describeDecision = (d: ReadDecision): string =>
  d.kindName
    ? tr('common.theDecisionDated', { kindName: d.kindName, date: formatDate(d.date) })
    : tr('common.theDecisionDatedAbout', { date: formatDate(d.date), subject: d.subject ?? '' })

/** The decision for a subject line or a label: "Annual review decision dated 3 February 2025". */
export const decisionTitle = (d: ReadDecision): string => upperFirst(describeDecision(d).replace(/^the /, ''))

export const upperFirst = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s)

/**
 * The parent's own words as a paragraph: exactly as written (the surrounding space trimmed), with a
 * closing full stop added only when the text ends in a letter or digit with no punctuation of its own.
 */
export const own = (s: string): string => {
  const t = s.trim()
  return /[\p{L}\p{N}]$/u.test(t) ? `${t}.` : t
}

export const NOTE_PROOF_OF_POSTAGE = (): string => tr('common.postItWithFree')

export const NOTE_NOT_ADVICE = (): string => tr('common.redressHelpsYouSet')

export const NOTE_KEEP_COPY = (): string => tr('common.keepACopyOf')

/** Appeal papers go to the other parent as well: a warning, with where to ask for the address to be kept back. */
export const noteSharedWithOtherParent = (where: 'form' | 'letter'): string =>
  tr('common.theAppealPapersAre', {
    where: where === 'form' ? tr('common.onTheForm') : tr('common.inYourLetter'),
  })

function actByNote(input: LetterBaseInput): string[] {
  return input.actBy
    ? [tr('common.redressWorkedOutThat', { date: formatDate(input.actBy.date), what: input.actBy.what })]
    : []
}

export interface Compose {
  readonly kind: LetterKind
  readonly layout?: 'letter' | 'statement'
  readonly title: string
  readonly subject: string
  readonly paragraphs: readonly LetterBlock[]
  readonly details?: readonly Detail[]
  readonly salutation?: string
  readonly closing?: string
  readonly signatureLine?: boolean
  readonly enclosures?: readonly string[]
  readonly appendices?: readonly Appendix[]
  readonly notes?: readonly string[]
}

/** Puts a letter together with the enclosures and notes every letter has. */
export function compose(base: Base, input: LetterBaseInput, c: Compose): Letter {
  const appendices = c.appendices ?? []
  const enclosures = [
    ...appendices.map((a) => a.title),
    ...(c.enclosures ?? []),
    ...(input.enclosures ?? []).map((e) => e.trim()).filter((e) => e !== ''),
  ]
  return {
    kind: c.kind,
    layout: c.layout ?? 'letter',
    title: c.title,
    sender: base.sender,
    recipient: base.recipient,
    date: base.date,
    reference: base.reference,
    subject: c.subject,
    details: c.details ?? [],
    salutation: c.salutation ?? tr('common.dearSirOrMadam'),
    paragraphs: c.paragraphs,
    closing: c.closing ?? tr('common.yoursFaithfully'),
    signatureLine: c.signatureLine ?? false,
    enclosures: [...new Set(enclosures)],
    appendices,
    notes: [
      ...actByNote(input),
      ...(c.notes ?? []),
      NOTE_PROOF_OF_POSTAGE(),
      NOTE_KEEP_COPY(),
      NOTE_NOT_ADVICE(),
    ],
    language: 'en-GB',
  }
}

/** "a, b and c" */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return tr('common.listAnd', { first: items.slice(0, -1).join(', '), last: items[items.length - 1] })
}

export const sentence = (s: string): string => {
  const t = s.trim()
  return /[.!?]$/.test(t) ? t : `${t}.`
}

export const dated = (e: DatedEvent): string =>
  tr('common.on', { date: formatDate(e.date), text: sentence(e.text) })
