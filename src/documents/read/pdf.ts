import { docText } from '../copy.ts'
import type * as MuPdf from 'mupdf'
import { openPdf, pageTexts } from '../bundle/pdf-text.ts'
import { MAX_PIXELS } from './image.ts'
import type { OcrEngine, OcrLanguage } from './ocr.ts'
import { ReadFailure, type ReadPage, type ReadProgress } from './types.ts'

/** A page with fewer letters or digits than this in its text layer is treated as a scan and read by OCR. */
export const MIN_TEXT_LAYER_CHARACTERS = 20

/** Scanned pages are rendered at this resolution for OCR. */
export const OCR_DPI = 250

/**
 * The lowest resolution a page is rendered at for OCR: below it, ordinary print (10 point) is under
 * about 14 pixels high and OCR reads little of it right, so the page is refused with a reason instead.
 */
export const MIN_OCR_DPI = 100

/**
 * The scale (pixels per point) to render a page of `width` × `height` points for OCR: OCR_DPI, or less
 * so the image stays within `maxPixels` (a page with a huge MediaBox must not allocate gigabytes).
 * Throws a ReadFailure naming the page when even MIN_OCR_DPI would be over the limit.
 */
export function renderScale(page: number, width: number, height: number, maxPixels = MAX_PIXELS): number {
  const wanted = OCR_DPI / 72
  const points = Math.abs(width * height)
  if (!Number.isFinite(points) || points === 0)
    throw new ReadFailure('damaged', docText('pdf.pageOfThePdf', { page }))
  // Pixels are whole: a 1-pixel margin per side keeps the rounded size under the limit too.
  const fits = Math.sqrt(maxPixels / points) * 0.999
  const scale = Math.min(wanted, fits)
  if (scale * 72 < MIN_OCR_DPI) {
    const inches = (pt: number) => Math.round(Math.abs(pt) / 72)
    throw new ReadFailure(
      'page-too-large',
      docText('pdf.pageOfThePdf2', {
        page,
        width: inches(width),
        height: inches(height),
        minOcrDpi: MIN_OCR_DPI,
        value: maxPixels / 1_000_000,
      }),
    )
  }
  return scale
}

const significant = (text: string): number => (text.match(/[\p{L}\p{N}]/gu) ?? []).length

function pdfFailure(error: unknown): ReadFailure {
  const name = (error as { name?: string }).name ?? ''
  if (name === 'PasswordException') return new ReadFailure('password', docText('pdf.thePdfIsProtected'))
  return new ReadFailure('damaged', docText('pdf.thePdfCouldNot'))
}

/**
 * Refuses a page holding a picture over the pixel limit before it is drawn: mupdf decodes a picture
 * whole to draw it, however small the page (a compressed scan of 20,000 × 20,000 pixels is a few
 * hundred kilobytes in the file and 400 MB once decoded). The page is walked without drawing: each
 * picture's size is in its header.
 */
function checkPictures(mupdf: typeof MuPdf, page: MuPdf.Page, n: number, maxPixels: number): void {
  let largest = { width: 0, height: 0 }
  const seen = (image: MuPdf.Image) => {
    const width = image.getWidth()
    const height = image.getHeight()
    if (width * height > largest.width * largest.height) largest = { width, height }
  }
  const device = new mupdf.Device({ fillImage: seen, fillImageMask: seen, clipImageMask: seen })
  try {
    page.run(device, mupdf.Matrix.identity)
    device.close()
  } finally {
    device.destroy()
  }
  if (largest.width * largest.height > maxPixels)
    throw new ReadFailure(
      'too-many-pixels',
      docText('pdf.pageOfThePdf3', {
        n,
        width: largest.width,
        height: largest.height,
        value: maxPixels / 1_000_000,
      }),
    )
}

/** Renders pages of a PDF as grey PNG images at OCR_DPI (less for a very large page), with mupdf. */
async function renderPages(
  bytes: Uint8Array,
  pages: readonly number[],
  maxPixels = MAX_PIXELS,
): Promise<Map<number, Buffer>> {
  const mupdf = await import('mupdf')
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf')
  const out = new Map<number, Buffer>()
  try {
    if (doc.needsPassword()) throw pdfFailure({ name: 'PasswordException' })
    for (const n of pages) {
      const page = doc.loadPage(n - 1)
      const [x0, y0, x1, y1] = page.getBounds()
      let scale: number
      try {
        scale = renderScale(n, x1 - x0, y1 - y0, maxPixels)
        checkPictures(mupdf, page, n, maxPixels)
      } catch (error) {
        page.destroy()
        throw error
      }
      const pix = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceGray, false)
      out.set(n, Buffer.from(pix.asPNG()))
      pix.destroy()
      page.destroy()
    }
  } finally {
    doc.destroy()
  }
  return out
}

/**
 * Reads a PDF page by page: the text layer where there is one (pdf.js), OCR of the rendered page
 * where there is not (a scan). Password-protected and damaged files fail with a clear reason.
 */
export async function readPdf(
  bytes: Uint8Array,
  ocr: () => OcrEngine,
  languages: readonly OcrLanguage[],
  onProgress?: ReadProgress,
  maxPixels = MAX_PIXELS,
): Promise<ReadPage[]> {
  let doc
  try {
    doc = await openPdf(bytes)
  } catch (error) {
    throw pdfFailure(error)
  }
  let layer
  try {
    const total = doc.numPages
    layer = await pageTexts(doc, { onPage: (n) => void onProgress?.(n, total, 'text-layer') })
  } catch (error) {
    throw pdfFailure(error)
  } finally {
    await doc.destroy()
  }
  const scanned = layer.filter((p) => significant(p.text) < MIN_TEXT_LAYER_CHARACTERS).map((p) => p.page)
  const pages: ReadPage[] = layer.map((p) => ({
    page: p.page,
    method: 'text-layer',
    confidence: null,
    text: p.text,
  }))
  let done = 0
  // One page rendered and read at a time, so memory does not grow with the length of the PDF.
  for (const n of scanned) {
    await onProgress?.(done, scanned.length, 'ocr')
    const image = (await renderPages(bytes, [n], maxPixels)).get(n)!
    const r = await ocr().recognize(image, languages, { straighten: true })
    pages[n - 1] = {
      page: n,
      method: 'ocr',
      confidence: r.confidence,
      text: r.text.trim(),
      rotated: r.rotated,
    }
    done++
  }
  if (scanned.length) await onProgress?.(done, scanned.length, 'ocr')
  return pages
}
