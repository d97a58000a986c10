import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface PageText {
  /** 1-based page number within the PDF read. */
  readonly page: number
  readonly text: string
}

const OPTIONS = {
  verbosity: 0,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  stopAtErrors: false,
}

/** Opens a PDF with pdf.js (Node legacy build). The bytes are copied: pdf.js may take ownership of its buffer. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ ...OPTIONS, data: bytes.slice() }).promise
}

/**
 * Extracts the text layer of each page, items joined with spaces and a line break where pdf.js
 * reports one. A page with no text layer (a scan) gives an empty string.
 */
export async function extractPageTexts(
  bytes: Uint8Array,
  opts: { pages?: readonly number[]; onPage?: (page: number) => void } = {},
): Promise<PageText[]> {
  const doc = await openPdf(bytes)
  try {
    return await pageTexts(doc, opts)
  } finally {
    await doc.destroy()
  }
}

export async function pageTexts(
  doc: PDFDocumentProxy,
  opts: { pages?: readonly number[]; onPage?: (page: number) => void } = {},
): Promise<PageText[]> {
  const wanted = opts.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1)
  const out: PageText[] = []
  for (const n of wanted) {
    const page = await doc.getPage(n)
    const content = await page.getTextContent({ disableNormalization: true })
    let text = ''
    for (const item of content.items) {
      if (!('str' in item)) continue
      text += item.str
      text += item.hasEOL ? '\n' : ' '
    }
    page.cleanup()
    out.push({ page: n, text: text.replace(/[ \t]+/g, ' ').trim() })
    opts.onPage?.(n)
  }
  return out
}
