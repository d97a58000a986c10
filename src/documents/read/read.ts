import { docText } from '../copy.ts'
import { readPdf } from './pdf.ts'
import { checkPixels, heicToJpeg, normaliseForOcr } from './image.ts'
import { emailText } from './eml.ts'
import { wordPages } from './docx.ts'
import { OcrEngine, type OcrLanguage } from './ocr.ts'
import { ReadFailure, type ReadPage, type ReadProgress, type ReadResult } from './types.ts'

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

export interface ReadOptions {
  readonly languages?: readonly OcrLanguage[]
  /** The OCR engine to use (kept between files by the job worker); one is made and closed if absent. */
  readonly ocr?: OcrEngine
  readonly onProgress?: ReadProgress
  readonly maxPixels?: number
}

/**
 * Reads the text of one piece of evidence, page by page: PDF (text layer, OCR for scanned pages),
 * photos and scans (JPEG, PNG, HEIC; straightened and read by OCR), e-mails (.eml) and Word (.docx).
 * Throws ReadFailure with a reason when the file cannot be read; never changes the file.
 */
export async function readDocument(
  bytes: Uint8Array,
  mediaType: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const languages = options.languages ?? ['eng']
  let own = null as OcrEngine | null
  const ocr = (): OcrEngine => options.ocr ?? (own ??= new OcrEngine())
  try {
    const pages = await readPages(bytes, mediaType, languages, ocr, options)
    return { mediaType, pages, language: languages.join('+') }
  } finally {
    await own?.close()
  }
}

async function readPages(
  bytes: Uint8Array,
  mediaType: string,
  languages: readonly OcrLanguage[],
  ocr: () => OcrEngine,
  options: ReadOptions,
): Promise<ReadPage[]> {
  switch (mediaType) {
    case 'application/pdf':
      return readPdf(bytes, ocr, languages, options.onProgress, options.maxPixels)
    case 'image/jpeg':
    case 'image/png':
    case 'image/heic': {
      checkPixels(bytes, mediaType, options.maxPixels)
      await options.onProgress?.(0, 1, 'ocr')
      const decoded = mediaType === 'image/heic' ? await heicToJpeg(bytes) : bytes
      const image = await normaliseForOcr(decoded, mediaType === 'image/heic' ? 'image/jpeg' : mediaType)
      const r = await ocr().recognize(image, languages, { straighten: true })
      await options.onProgress?.(1, 1, 'ocr')
      return [{ page: 1, method: 'ocr', confidence: r.confidence, text: r.text.trim(), rotated: r.rotated }]
    }
    case 'message/rfc822':
      return [{ page: 1, method: 'email', confidence: null, text: emailText(bytes) }]
    case DOCX:
      return wordPages(bytes).map((text, i) => ({ page: i + 1, method: 'word', confidence: null, text }))
    default:
      throw new ReadFailure('unsupported', docText('read.redressCannotReadThe', { mediaType }))
  }
}
