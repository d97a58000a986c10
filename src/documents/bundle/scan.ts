import type { PDFDocument } from 'pdf-lib'
import { fastPageTexts } from './fast-text.ts'
import { extractPageTexts, type PageText } from './pdf-text.ts'
import type { Redactor, RedactionKind } from './redact.ts'

/** Fewer visible characters than this and a page is treated as having no text layer (a scan). */
const MIN_TEXT = 20

export interface PageScan {
  /** 1-based page within the file. */
  readonly page: number
  readonly noText: boolean
  readonly found: readonly { readonly kind: RedactionKind; readonly whose: string }[]
}

/**
 * Reads the text layer of a file's pages to find the redaction targets and pages that are only
 * images. Text is read directly from the parsed file where every font can be decoded, and with
 * pdf.js otherwise. If the text cannot be read at all, every page is reported to check by eye.
 */
export async function scanFile(
  doc: PDFDocument,
  bytes: Uint8Array,
  redactor: Redactor,
  onPage: () => void,
): Promise<{ pages: PageScan[]; unreadable: boolean }> {
  const pageCount = doc.getPageCount()
  let texts: PageText[]
  try {
    const fast = fastPageTexts(doc)
    if (fast.every((p) => p.complete)) {
      texts = fast
      for (let i = 0; i < fast.length; i++) onPage()
    } else texts = await extractPageTexts(bytes, { onPage: () => onPage() })
  } catch {
    try {
      texts = await extractPageTexts(bytes, { onPage: () => onPage() })
    } catch {
      return {
        pages: Array.from({ length: pageCount }, (_, i) => ({ page: i + 1, noText: true, found: [] })),
        unreadable: true,
      }
    }
  }
  const pages = texts.map((t) => {
    const seen = new Set<string>()
    const found = redactor
      .findLoose(t.text)
      .filter((m) => {
        const key = `${m.kind}|${m.whose}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
      .map((m) => ({ kind: m.kind, whose: m.whose }))
    return { page: t.page, noText: t.text.replace(/\s+/g, '').length < MIN_TEXT, found }
  })
  return { pages, unreadable: false }
}
