import type { PDFDocument as MuDocument } from 'mupdf'
import { loadMupdf } from './mupdf.ts'

/**
 * What Redress prints on a page of notes for the parent: "Notes for you, not to send" now (a
 * separate document), and "This page is for you. Do not send it." on the last page of letters
 * made before issue 11, some of which are stored in case files.
 */
export const NOTES_PAGE = /This page is for you\. Do not send it\.|Notes for you, not to send/

/** Whether a page's text (as read from the PDF, any spacing) is a page of notes for the parent. */
export const isNotesPage = (text: string): boolean => NOTES_PAGE.test(text.replace(/\s+/g, ' '))

export interface WithoutNotes {
  /** The PDF without its notes pages; the very bytes given when there were none. */
  readonly bytes: Uint8Array
  /** 1-based numbers of the pages taken out. */
  readonly removed: readonly number[]
}

/**
 * Takes the pages of notes for the parent out of a PDF Redress made (older letters carried one as
 * their last page), so a stored letter can be downloaded, viewed or sent without it. The file is
 * rewritten with unused objects dropped, so nothing of the notes stays in it. A PDF MuPDF cannot
 * open, one protected by a password, or one with no notes page comes back unchanged; a PDF that is
 * nothing but notes also comes back unchanged (there is no letter in it to keep).
 */
export async function withoutNotesPages(bytes: Uint8Array): Promise<WithoutNotes> {
  const m = await loadMupdf()
  let doc: MuDocument
  try {
    doc = m.Document.openDocument(bytes, 'application/pdf') as MuDocument
  } catch {
    return { bytes, removed: [] }
  }
  try {
    if (doc.needsPassword()) return { bytes, removed: [] }
    const count = doc.countPages()
    const notes: number[] = []
    for (let i = 0; i < count; i++) {
      const page = doc.loadPage(i)
      const st = page.toStructuredText('preserve-whitespace')
      if (isNotesPage(st.asText())) notes.push(i)
      st.destroy()
      page.destroy()
    }
    if (notes.length === 0 || notes.length === count) return { bytes, removed: [] }
    for (const i of [...notes].reverse()) doc.deletePage(i)
    const saved = doc.saveToBuffer('garbage=compact')
    const out = saved.asUint8Array().slice()
    saved.destroy()
    return { bytes: out, removed: notes.map((i) => i + 1) }
  } finally {
    doc.destroy()
  }
}
