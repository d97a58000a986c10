import type { PlainDate } from '../../domain/shared/plain-date.ts'
import type { Detail, Letter, LetterBlock } from '../letters/model.ts'
import type { ChronologyEntry, DisputedFigure } from '../letters/templates/appeal-pack.ts'
import { bundleText } from './copy.ts'
import type { RedactionKind, RedactionTarget } from './redact.ts'

/** The sections of a tribunal bundle, in order. */
export type BundleSection = 'decision' | 'appeal' | 'evidence' | 'correspondence' | 'chronology' | 'arrears'

export const SECTIONS: readonly {
  readonly id: BundleSection
  readonly letter: string
  readonly title: string
}[] = (
  [
    ['decision', 'A'],
    ['appeal', 'B'],
    ['evidence', 'C'],
    ['correspondence', 'D'],
    ['chronology', 'E'],
    ['arrears', 'F'],
  ] as const
).map(([id, letter]) => ({
  id,
  letter,
  // Read when used, so the title is in the language asked for at the time.
  get title() {
    return bundleText(`sections.${id}`)
  },
}))

export const isBundleSection = (s: string): s is BundleSection => SECTIONS.some((x) => x.id === s)

/**
 * An uploaded file: a PDF, or a JPEG or PNG picture (made into a page). Read when its turn comes;
 * what `read` gives may be reused by the next file's read, so it is used before the next is read.
 */
export type BundleSource =
  | { readonly kind: 'pdf'; readonly fileName: string; readonly bytes: Uint8Array }
  | { readonly kind: 'pdf'; readonly fileName: string; readonly read: () => Promise<Uint8Array> }
  | { readonly kind: 'letter'; readonly letter: Letter }

export interface BundleDocument {
  readonly id: string
  readonly title: string
  readonly date?: PlainDate
  readonly section: BundleSection
  readonly source: BundleSource
  /** What the document is, where it matters for the checks: the decision appealed, or the reconsideration notice. */
  readonly role?: 'decision' | 'reconsideration-notice'
}

/** An arrears check's ledger (issue 13), drawn by Redress as a document of the arrears section. */
export interface ArrearsLedgerSection {
  /** The check's id. */
  readonly id: string
  readonly title: string
  /** The ledger's "as of" date. */
  readonly date: PlainDate
  /** "The CMS says you owe … Your evidence shows …". */
  readonly headline: string
  /** The discrepancy schedule and the month-by-month ledger. */
  readonly blocks: readonly LetterBlock[]
  /** How it was worked out, step by step, with sources. */
  readonly workings: readonly string[]
  readonly assumptions: readonly string[]
}

export interface BundleInput {
  /** e.g. "Appeal bundle". */
  readonly title: string
  /** Lines for the cover, e.g. Appellant, Respondent, Other party. */
  readonly parties: readonly Detail[]
  /** The CMS reference. */
  readonly reference: string
  readonly tribunalReference?: string
  readonly preparedBy: string
  readonly date: PlainDate
  /** The documents the parent picked, in the order they want within each section. */
  readonly documents: readonly BundleDocument[]
  /** From the case timeline; becomes the chronology at the start of the appellant's documents. */
  readonly chronology?: readonly ChronologyEntry[]
  readonly disputedFigures?: readonly DisputedFigure[]
  /** Arrears ledgers, each a document in the arrears section (left out when empty). */
  readonly arrears?: readonly ArrearsLedgerSection[]
  /** Contact details and other text to keep out of the bundle. */
  readonly redact?: readonly RedactionTarget[]
  /** An appeal bundle is checked for the decision and the mandatory reconsideration notice. */
  readonly purpose?: 'appeal' | 'other'
}

/** The stages of building a bundle, in order (ids: `stageInWords` in messages.ts puts each into words). */
// copy: not user-facing (the stages' ids)
export const BUNDLE_STAGES = ['making pages', 'reading and redacting', 'assembling', 'saving'] as const
export type BundleStage = (typeof BUNDLE_STAGES)[number]

export interface BundleProgress {
  readonly stage: BundleStage
  readonly done: number
  readonly total: number
  readonly detail?: string
}

export interface BuildBundleOptions {
  readonly onProgress?: (p: BundleProgress) => void
  /** Where MuPDF's own text of each uploaded file's pages is kept between bundles (ADR 0008). */
  readonly textCache?: PageTextCache
}

/**
 * MuPDF's text of every page of a document's file, kept by the document's id, the SHA-256 of the
 * bytes it was read from and the engine that read them (`textEngine()` in uploads.ts).
 */
export interface PageTextCache {
  /** The kept text, only if it was read from bytes with this SHA-256 by this engine; else null. */
  get(documentId: string, sha256: string, engine: string): Promise<readonly string[] | null>
  put(documentId: string, sha256: string, engine: string, pages: readonly string[]): Promise<void>
}

export interface BundleEntry {
  readonly id: string
  /** "B2": section letter and position. */
  readonly number: string
  readonly title: string
  readonly section: BundleSection
  readonly date?: PlainDate
  readonly firstPage: number
  readonly lastPage: number
  readonly made: 'by Redress' | 'from a file'
  readonly fileName?: string
}

export type ProblemKind = 'not-pdf' | 'encrypted' | 'damaged' | 'no-pages'

/** A file left out of the bundle, and why. */
export interface BundleProblem {
  readonly id: string
  readonly fileName: string
  readonly kind: ProblemKind
  readonly message: string
}

export interface RemovedDetail {
  readonly id: string
  readonly title: string
  readonly kind: RedactionKind
  readonly whose: string
  readonly count: number
}

/** Contact details found in the text of a page from the parent's own files: still there, to deal with. */
export interface FoundDetail {
  readonly id: string
  readonly title: string
  readonly fileName: string
  readonly page: number
  readonly kind: RedactionKind
  readonly whose: string
}

/** A page from a file with no text layer (a scan or photo), which Redress cannot check. */
export interface PageToCheck {
  readonly id: string
  readonly title: string
  readonly fileName: string
  readonly page: number
}

/** One page of the parent's files that redaction touched or could not check: for the parent only, never in the bundle. */
export interface RedactionLogEntry {
  readonly id: string
  readonly title: string
  readonly fileName: string
  /** Page within the file (1-based) and within the bundle. */
  readonly filePage: number
  readonly bundlePage: number
  readonly removed: readonly {
    readonly kind: RedactionKind
    readonly whose: string
    readonly count: number
  }[]
  /** Still readable after removal: must be dealt with by hand. */
  readonly left: readonly { readonly kind: RedactionKind; readonly whose: string }[]
  /** The page had no text to search (a scan or photo not yet read). */
  readonly notSearchable: boolean
}

export interface BundleReport {
  readonly title: string
  readonly pageCount: number
  readonly entries: readonly BundleEntry[]
  readonly problems: readonly BundleProblem[]
  readonly redaction: {
    readonly removed: readonly RemovedDetail[]
    readonly found: readonly FoundDetail[]
    readonly pagesToCheck: readonly PageToCheck[]
    /** Every page of the parent's files that was changed or could not be searched. */
    readonly log: readonly RedactionLogEntry[]
    /** Pages of notes for the parent found in their files (from older Redress letters), left out; `page` is within the file. */
    readonly notesLeftOut: readonly PageToCheck[]
  }
  /** Core documents missing from an appeal bundle, and similar warnings. */
  readonly warnings: readonly string[]
  /** Plain-English messages for the parent, most important first. */
  readonly messages: readonly string[]
}

export interface BundleResult {
  readonly pdf: Uint8Array
  readonly report: BundleReport
}
