import type { PlainDate } from '../../domain/shared/plain-date.ts'
import type { Detail, Letter } from '../letters/model.ts'
import type { ChronologyEntry, DisputedFigure } from '../letters/templates/appeal-pack.ts'
import type { RedactionKind, RedactionTarget } from './redact.ts'

/** The usual order of a tribunal bundle. */
export type BundleSection = 'decision' | 'appellant' | 'correspondence' | 'evidence'

export const SECTIONS: readonly {
  readonly id: BundleSection
  readonly letter: string
  readonly title: string
}[] = [
  { id: 'decision', letter: 'A', title: 'The decision and the mandatory reconsideration notice' },
  { id: 'appellant', letter: 'B', title: 'The appellant’s documents' },
  { id: 'correspondence', letter: 'C', title: 'Correspondence' },
  { id: 'evidence', letter: 'D', title: 'Evidence' },
]

export type BundleSource =
  | { readonly kind: 'pdf'; readonly fileName: string; readonly bytes: Uint8Array }
  | { readonly kind: 'letter'; readonly letter: Letter }

export interface BundleDocument {
  readonly id: string
  readonly title: string
  readonly date?: PlainDate
  readonly section: BundleSection
  readonly source: BundleSource
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
  /** Contact details to keep out of the bundle. */
  readonly redact?: readonly RedactionTarget[]
}

export type BundleStage =
  'checking files' | 'reading text' | 'assembling' | 'numbering pages' | 'checking redaction' | 'saving'

export interface BundleProgress {
  readonly stage: BundleStage
  readonly done: number
  readonly total: number
  readonly detail?: string
}

export interface BuildBundleOptions {
  readonly onProgress?: (p: BundleProgress) => void
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

export interface BundleReport {
  readonly title: string
  readonly pageCount: number
  readonly entries: readonly BundleEntry[]
  readonly problems: readonly BundleProblem[]
  readonly redaction: {
    readonly removed: readonly RemovedDetail[]
    readonly found: readonly FoundDetail[]
    readonly pagesToCheck: readonly PageToCheck[]
  }
  /** Plain-English messages for the parent, most important first. */
  readonly messages: readonly string[]
}

export interface BundleResult {
  readonly pdf: Uint8Array
  readonly report: BundleReport
}
