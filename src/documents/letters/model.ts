import type { PlainDate } from '../../domain/shared/plain-date.ts'
import type { LetterKind } from './kinds.ts'

/** The person writing: the parent (or their adviser on their behalf). */
export interface Sender {
  readonly name: string
  readonly addressLines: readonly string[]
  readonly phone?: string
  readonly email?: string
}

/** Who the letter goes to. Contact facts are always passed in as data, never written into templates. */
export interface Recipient {
  readonly organisation: string
  /** "For the attention of", e.g. an MP's name or a team. */
  readonly attention?: string
  readonly addressLines: readonly string[]
}

export interface TableColumn {
  readonly header: string
  readonly align?: 'left' | 'right'
  /** Relative width; columns share the line in proportion (default 1). */
  readonly weight?: number
}

/** A table inside a letter or enclosure: workings, costs, chronology, disputed figures. */
export interface LetterTable {
  readonly kind: 'table'
  readonly caption?: string
  readonly columns: readonly TableColumn[]
  readonly rows: readonly (readonly string[])[]
  /** Rows printed in bold after the body rows (subtotals, totals). */
  readonly totals?: readonly (readonly string[])[]
}

/** A heading between paragraphs; it is not numbered. */
export interface LetterHeading {
  readonly kind: 'heading'
  readonly text: string
}

/** A string is a numbered paragraph. */
export type LetterBlock = string | LetterTable | LetterHeading

/** A document sent with the letter that Redress writes too (for example the workings). */
export interface Appendix {
  readonly title: string
  readonly paragraphs: readonly LetterBlock[]
}

/** A label and value printed in a statement's header, e.g. "Appellant" and the name. */
export interface Detail {
  readonly label: string
  readonly value: string
}

/**
 * A letter (or a statement such as grounds of appeal) as plain data. Templates fill it from the case
 * file; the parent may edit any part before it is rendered; the renderers check it still has every
 * particular a letter needs.
 */
export interface Letter {
  readonly kind: LetterKind
  /** 'letter': sender and recipient blocks, salutation, sign-off. 'statement': a titled document. */
  readonly layout: 'letter' | 'statement'
  readonly title: string
  readonly sender: Sender
  readonly recipient: Recipient
  readonly date: PlainDate
  /** The 12-digit CMS reference. */
  readonly reference: string
  readonly subject: string
  /** Extra particulars printed under the title of a statement or above the salutation of a letter. */
  readonly details: readonly Detail[]
  readonly salutation: string
  readonly paragraphs: readonly LetterBlock[]
  readonly closing: string
  /** Print "Signed … Date …" lines for a wet signature (appeal documents). */
  readonly signatureLine: boolean
  /** What is sent with the letter, in order; appendices are listed here too. */
  readonly enclosures: readonly string[]
  readonly appendices: readonly Appendix[]
  /** Notes for the parent, printed on a separate page that is not sent. */
  readonly notes: readonly string[]
  readonly language: 'en-GB'
}

export const table = (
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  extra: { caption?: string; totals?: readonly (readonly string[])[] } = {},
): LetterTable => ({ kind: 'table', columns, rows, ...extra })

export const heading = (text: string): LetterHeading => ({ kind: 'heading', text })

export const isTable = (b: LetterBlock): b is LetterTable => typeof b !== 'string' && b.kind === 'table'
export const isHeading = (b: LetterBlock): b is LetterHeading => typeof b !== 'string' && b.kind === 'heading'
