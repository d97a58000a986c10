/** How a page's text was obtained. */
export type ReadMethod = 'text-layer' | 'ocr' | 'email' | 'word'

export interface ReadPage {
  /** 1-based. */
  readonly page: number
  readonly method: ReadMethod
  /** OCR mean confidence 0-100; null when the text was in the file. */
  readonly confidence: number | null
  readonly text: string
  /** For OCR: degrees the image was turned to read it. */
  readonly rotated?: number
}

export interface ReadResult {
  readonly mediaType: string
  readonly pages: readonly ReadPage[]
  /** The language(s) OCR used ("eng", "cym", "eng+cym"). */
  readonly language: string
}

/**
 * Why a file could not be read. `reason` is a short code the pages turn into a sentence from the
 * locale file; `message` is plain English for the command line. The file itself is always kept.
 */
export type ReadReason =
  | 'password'
  | 'damaged'
  | 'too-many-pixels'
  | 'page-too-large'
  | 'unsupported'
  | 'language'
  | 'ocr-data-missing'
  | 'no-text'

export class ReadFailure extends Error {
  override name = 'ReadFailure'
  constructor(
    readonly reason: ReadReason,
    message: string,
  ) {
    super(message)
  }
}

export interface ReadProgress {
  (done: number, total: number, note: 'text-layer' | 'ocr' | 'rendering'): void | Promise<void>
}
