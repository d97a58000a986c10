import type { PDFDocument as MuDocument } from 'mupdf'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { scannedPdf } from '../../../test/fixtures/documents/pdfs.ts'
import { loadMupdf } from './mupdf.ts'
import { MemorySink, PdfWriter } from './pdf-writer.ts'
import { Redactor } from './redact.ts'
import { openUpload, redactUpload } from './uploads.ts'

/**
 * Which pages are laid out to search for details to remove. A page is skipped only when nothing
 * on it can hold text: no text object in its content, no form, no annotation. pdf-lib writes an
 * empty annotation list on every page; an empty list holds no annotation, so a picture-only page
 * with one is not laid out (issue #11, bundle CPU). Annotations other than links are drawn into
 * the page before it is searched: MuPDF's layout reads the page content only, so text typed on with
 * a "fill and sign" tool would otherwise reach the bundle unsearched.
 */

const redactor = new Redactor([{ whose: 'the other parent', addressLines: ['8 Quarry Mews'] }])

afterEach(() => vi.restoreAllMocks())

describe('pages searched for details to remove', () => {
  it('does not lay out a picture-only page whose annotation list is empty, and lists it as not searchable', async () => {
    const m = await loadMupdf()
    const bytes = await scannedPdf(2)
    const opened = openUpload(m, 'scan', 'scan.pdf', bytes)
    if (!opened.ok) throw new Error('the fixture should open')
    // The fixture really has the empty list pdf-lib writes.
    expect(opened.doc.loadPage(0).getObject().get('Annots').isArray()).toBe(true)
    const layout = vi.spyOn(m.PDFPage.prototype, 'toStructuredText')
    const pages = redactUpload(m, opened.doc, redactor)
    expect(layout).not.toHaveBeenCalled()
    expect(pages.map((p) => p.noText)).toEqual([true, true])
    opened.doc.destroy()
  })

  it('searches and removes text held in an annotation (typed on, a comment), keeping links', async () => {
    const m = await loadMupdf()
    const opened = openUpload(m, 'scan', 'scan.pdf', await scannedPdf(2))
    if (!opened.ok) throw new Error('the fixture should open')
    const page = opened.doc.loadPage(0)
    const note = page.createAnnotation('FreeText')
    note.setRect([60, 60, 400, 100])
    note.setContents('Send it to 8 Quarry Mews please')
    note.update()
    page.createLink([10, 10, 50, 50], '#page=2')
    page.update()
    // MuPDF's layout reads page content only: the annotation's text is not there yet.
    expect(page.toStructuredText('preserve-whitespace').asText()).not.toContain('Quarry')
    const layout = vi.spyOn(m.PDFPage.prototype, 'toStructuredText')
    const [first, second] = redactUpload(m, opened.doc, redactor)
    expect(layout).toHaveBeenCalled()
    expect(first!.removed.map((r) => [r.kind, r.whose])).toEqual([['address', 'the other parent']])
    expect(first!.left).toEqual([])
    expect(second!.noText).toBe(true)

    // Written out, the address is nowhere in the file, even decompressed; the link is kept.
    const sink = new MemorySink()
    const writer = new PdfWriter(sink)
    const pages = writer.copyDocument(opened.doc)
    writer.finish(pages, { title: 't', subject: 's', author: 'a', language: 'en-GB' }, [])
    opened.doc.destroy()
    const out = m.Document.openDocument(sink.bytes(), 'application/pdf') as MuDocument
    const plain = out.saveToBuffer('decompress')
    const raw = Buffer.from(plain.asUint8Array()).toString('latin1')
    plain.destroy()
    expect(raw).not.toContain('Quarry')
    expect(raw).toContain('please')
    const copied = out.loadPage(0)
    expect(copied.getLinks()).toHaveLength(1)
    expect(copied.getAnnotations()).toHaveLength(0)
    out.destroy()
  })
})
