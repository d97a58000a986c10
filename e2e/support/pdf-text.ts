import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** The whole text layer of a PDF, read back with pdf.js (independently of how it was written), pages in order. */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number; title?: string }> {
  const doc = await getDocument({
    data: bytes.slice(),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
  }).promise
  try {
    let text = ''
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ')
      text += '\n'
      page.cleanup()
    }
    const info = (await doc.getMetadata()).info as Record<string, unknown>
    const title = typeof info['Title'] === 'string' ? info['Title'] : undefined
    return { text, pages: doc.numPages, ...(title === undefined ? {} : { title }) }
  } finally {
    await doc.destroy()
  }
}

/** Collapses runs of whitespace, so text wrapped onto several lines compares equal to what was laid out. */
export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim()

/** Removes all whitespace: for URLs, which may be broken across lines inside a word. */
export const solid = (s: string): string => s.replace(/\s+/g, '')
