import type { PDFDocument as MuDocument } from 'mupdf'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, setTextRenderingMode, StandardFonts, TextRenderingMode } from 'pdf-lib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { scannedPdf, textPdf } from '../../../test/fixtures/documents/pdfs.ts'
import { loadMupdf } from './mupdf.ts'
import { MemorySink, PdfWriter } from './pdf-writer.ts'
import { Redactor } from './redact.ts'
import { openUpload, redactUpload, spans } from './uploads.ts'

/**
 * Which pages are laid out to search for details to remove. A page is skipped only when nothing
 * on it can hold text: no text object in its content, no form, no annotation. pdf-lib writes an
 * empty annotation list on every page; an empty list holds no annotation, so a picture-only page
 * with one is not laid out (issue #11, bundle CPU). Annotations other than links are drawn into
 * the page before it is searched: MuPDF's layout reads the page content only, so text typed on with
 * a "fill and sign" tool would otherwise reach the bundle unsearched.
 */

const redactor = new Redactor([
  { whose: 'the other parent', addressLines: ['8 Quarry Mews'], emails: ['robin.t@example.net'] },
])

/** The PDF as the bundle would carry it: the pages copied by the bundle's writer, decompressed. */
async function written(doc: MuDocument): Promise<{ raw: string; out: MuDocument }> {
  const m = await loadMupdf()
  const sink = new MemorySink()
  const writer = new PdfWriter(sink)
  writer.finish(writer.copyDocument(doc), { title: 't', subject: 's', author: 'a', language: 'en-GB' }, [])
  const out = m.Document.openDocument(sink.bytes(), 'application/pdf') as MuDocument
  const plain = out.saveToBuffer('decompress')
  const raw = Buffer.from(plain.asUint8Array()).toString('latin1')
  plain.destroy()
  return { raw, out }
}

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
    const { raw, out } = await written(opened.doc)
    opened.doc.destroy()
    expect(raw).not.toContain('Quarry')
    expect(raw).toContain('please')
    const copied = out.loadPage(0)
    expect(copied.getLinks()).toHaveLength(1)
    expect(copied.getAnnotations()).toHaveLength(0)
    out.destroy()
  })

  it('searches and removes what is typed into a form field', async () => {
    const m = await loadMupdf()
    const form = await PDFDocument.create()
    const page = form.addPage([595.28, 841.89])
    const field = form.getForm().createTextField('address')
    field.setText('8 Quarry Mews, Eastcombe')
    field.addToPage(page, { x: 60, y: 700, width: 300, height: 24 })
    const opened = openUpload(m, 'form', 'form.pdf', await form.save())
    if (!opened.ok) throw new Error('the fixture should open')
    const [result] = redactUpload(m, opened.doc, redactor)
    expect(result!.removed.map((r) => r.kind)).toEqual(['address'])
    expect(result!.left).toEqual([])
    const { raw, out } = await written(opened.doc)
    opened.doc.destroy()
    expect(raw).not.toContain('Quarry')
    expect(raw).toContain('Eastcombe')
    expect(out.loadPage(0).getAnnotations()).toHaveLength(0)
    out.destroy()
  })

  it('takes off a link whose address holds a detail (a mailto: link), keeping other links', async () => {
    const m = await loadMupdf()
    const bytes = await textPdf({
      pages: 1,
      lines: () => ['Write to me by email, the address is below.', 'Thank you.'],
    })
    const opened = openUpload(m, 'mail', 'mail.pdf', bytes)
    if (!opened.ok) throw new Error('the fixture should open')
    const page = opened.doc.loadPage(0)
    page.createLink([60, 60, 300, 80], 'mailto:robin.t%40example.net')
    page.createLink([60, 100, 300, 120], 'https://www.gov.uk/child-maintenance-service')
    page.update()
    const [result] = redactUpload(m, opened.doc, redactor)
    expect(result!.removed).toEqual([{ kind: 'email', whose: 'the other parent', count: 1 }])
    const { raw, out } = await written(opened.doc)
    opened.doc.destroy()
    expect(raw).not.toMatch(/robin\.t(@|%40)example\.net/)
    expect(
      out
        .loadPage(0)
        .getLinks()
        .map((l) => l.getURI()),
    ).toEqual(['https://www.gov.uk/child-maintenance-service'])
    out.destroy()
  })
})

/** A grey scan (JPEG, 600 x 848 pixels, light grey) of an A4 page with an invisible OCR layer, as scanners write it. */
async function scanWithOcr(line: string): Promise<Uint8Array> {
  const m = await loadMupdf()
  const pix = new m.Pixmap(m.ColorSpace.DeviceGray, [0, 0, 600, 848], false)
  pix.getPixels().fill(230)
  const jpeg = pix.asJPEG(80)
  pix.destroy()
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage([595.28, 841.89])
  page.drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width: 595.28, height: 841.89 })
  page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible))
  page.drawText(line, { x: 56, y: 700, size: 20, font })
  return doc.save()
}

describe('pictures under removed text', () => {
  it('wipes the pixels under the text and stores the picture compressed (Flate), the rest unchanged', async () => {
    const m = await loadMupdf()
    const opened = openUpload(m, 'scan', 'scan.pdf', await scanWithOcr('Write to 8 Quarry Mews today'))
    if (!opened.ok) throw new Error('the fixture should open')
    const [result] = redactUpload(m, opened.doc, redactor)
    expect(result!.removed.map((r) => r.kind)).toEqual(['address'])
    const { raw, out } = await written(opened.doc)
    expect(raw).not.toContain('Quarry')
    const xobjects = out.findPage(0).get('Resources').get('XObject')
    const images: { filter: string; stored: number; image: ReturnType<typeof out.loadImage> }[] = []
    xobjects.forEach((x) => {
      const stream = x.readRawStream()
      images.push({
        filter: x.resolve().get('Filter').toString(),
        stored: stream.getLength(),
        image: out.loadImage(x),
      })
      stream.destroy()
    })
    expect(images).toHaveLength(1)
    const { filter, stored, image } = images[0]!
    expect(filter).toBe('/FlateDecode')
    // 600 x 848 grey pixels are 508,800 bytes raw; a flat grey page compresses to a few kilobytes.
    expect(stored).toBeLessThan(20_000)
    const pix = image.toPixmap()
    const px = pix.getPixels()
    const at = (xPt: number, yFromTopPt: number): number =>
      px[Math.round((yFromTopPt / 841.89) * 848) * 600 + Math.round((xPt / 595.28) * 600)]!
    // Under "Quarry" (baseline 700 pt up, so about 135 pt from the top; x about 150-215 pt) the
    // pixels were wiped (MuPDF sets them to a flat value; the black box is drawn over them).
    expect([0, 255]).toContain(at(180, 135))
    // Elsewhere the picture is as it was: JPEG of a flat grey, within a step or two of 230.
    expect(Math.abs(at(400, 500) - 230)).toBeLessThanOrEqual(2)
    expect(Math.abs(at(60, 135) - 230)).toBeLessThanOrEqual(2)
    pix.destroy()
    out.destroy()
    opened.doc.destroy()
  })
})

/** A one-page PDF; `draw` puts the text on it (Helvetica, or Noto Sans, whose ligatures fontkit applies). */
async function pagePdf(
  draw: (page: ReturnType<PDFDocument['addPage']>, fonts: { helvetica: PDFFontOf; noto: PDFFontOf }) => void,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const helvetica = await doc.embedFont(StandardFonts.Helvetica)
  const path = createRequire(import.meta.url).resolve(
    '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  )
  const noto = await doc.embedFont(readFileSync(path), { subset: true })
  draw(doc.addPage([595.28, 841.89]), { helvetica, noto })
  return doc.save()
}
type PDFFontOf = Awaited<ReturnType<PDFDocument['embedFont']>>

describe('details split up or spelt differently on the page', () => {
  const other = new Redactor([
    { whose: 'the other parent', addressLines: ['8 Quarry Mews'], texts: ['Redcliffe Fields'] },
  ])
  const KEEP = 'Payments were made every month'

  /** Redacts the page and returns the text MuPDF reads in the written PDF, and its raw bytes. */
  async function redacted(bytes: Uint8Array): Promise<{ text: string; raw: string; removed: number }> {
    const m = await loadMupdf()
    const opened = openUpload(m, 'f', 'f.pdf', bytes)
    if (!opened.ok) throw new Error('the fixture should open')
    const [page] = redactUpload(m, opened.doc, other)
    const { raw, out } = await written(opened.doc)
    const st = out.loadPage(0).toStructuredText('preserve-whitespace')
    const text = st.asText()
    st.destroy()
    out.destroy()
    opened.doc.destroy()
    return { text, raw, removed: page!.removed.reduce((a, r) => a + r.count, 0) }
  }
  const squeezed = (s: string): string => s.replace(/[\s,\u00ad-]+/g, '').toLowerCase()

  it.each([
    ['in capitals', ['Write to 8 QUARRY MEWS today.']],
    ['broken across two lines', ['Write to 8 Quarry', 'Mews today.']],
    ['broken by a hyphen at the end of a line', ['Write to 8 Quar-', 'ry Mews today.']],
  ])('removes a detail %s, keeping the rest', async (_what, lines) => {
    const { text, raw, removed } = await redacted(
      await pagePdf((page, f) => {
        ;[...lines, KEEP].forEach((l, i) =>
          page.drawText(l, { x: 56, y: 700 - i * 16, size: 12, font: f.helvetica }),
        )
      }),
    )
    expect(removed).toBeGreaterThan(0)
    expect(squeezed(text)).not.toContain('quarrymews')
    expect(raw).not.toMatch(/Quar|QUAR|Mews|MEWS/)
    expect(text).toContain(KEEP)
  })

  it('removes a detail drawn one letter at a time, each letter its own text object', async () => {
    const { text, raw, removed } = await redacted(
      await pagePdf((page, f) => {
        let x = 56
        for (const ch of 'Write to 8 Quarry Mews today.') {
          page.drawText(ch, { x, y: 700, size: 12, font: f.helvetica })
          x += f.helvetica.widthOfTextAtSize(ch, 12)
        }
        page.drawText(KEEP, { x: 56, y: 680, size: 12, font: f.helvetica })
      }),
    )
    expect(removed).toBeGreaterThan(0)
    expect(squeezed(text)).not.toContain('quarrymews')
    expect(raw).not.toMatch(/\(Q\)[\s\S]*\(M\)\s*Tj[\s\S]*\(w\)/)
    expect(text).toContain(KEEP)
  })

  it('removes a detail printed with ligatures (ﬀ as one glyph, or the ﬀ character itself)', async () => {
    for (const line of ['Write to Redcliffe Fields today.', 'Write to Redcli\ufb00e Fields today.']) {
      const { text, removed } = await redacted(
        await pagePdf((page, f) => {
          page.drawText(line, { x: 56, y: 700, size: 12, font: f.noto })
          page.drawText(KEEP, { x: 56, y: 680, size: 12, font: f.noto })
        }),
      )
      expect(removed, line).toBeGreaterThan(0)
      const plain = squeezed(text.normalize('NFKC'))
      expect(plain, line).not.toContain('redcliffe')
      expect(plain, line).not.toContain('fields')
      expect(text.normalize('NFKC'), line).toContain(KEEP)
    }
  })
})

describe('the places covered on a page', () => {
  const text =
    'Robin Testfield\n8 Quarry Mews, Eastcombe, ZW7 2JD\nTelephone 07700 900982  Email robin.t@example.net'
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length })
  const range = (s: string) => ({ kind: 'address' as const, whose: 'the other parent', ...at(s) })

  it('joins a detail found twice and the parts of an address apart only by commas and spaces', () => {
    const got = spans(
      [range('Eastcombe'), range('8 Quarry Mews'), range('8 Quarry Mews'), range('ZW7 2JD'), range('Quarry')],
      text,
    )
    expect(got).toEqual([at('8 Quarry Mews, Eastcombe, ZW7 2JD')])
  })

  it('keeps apart details with other words between them, or on other lines', () => {
    const got = spans([range('07700 900982'), range('robin.t@example.net'), range('ZW7 2JD')], text)
    expect(got).toEqual([at('ZW7 2JD'), at('07700 900982'), at('robin.t@example.net')])
  })
})
