import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { Document, Packer, PageBreak, Paragraph, TextRun } from 'docx'
import { PDFDocument, PDFName } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bestByField, suggestFacts } from '../../domain/reading/suggest.ts'
import { letterPdf, makeSpec, photoImage, scanImage } from '../../../test/fixtures/letters/synthetic.ts'
import { HEIC_FIXTURE, HEIC_SPEC } from '../../../test/fixtures/letters/make-heic-fixture.ts'
import { OcrEngine, localLangPath, parseLanguages } from './ocr.ts'
import { MIN_OCR_DPI, OCR_DPI, renderScale } from './pdf.ts'
import { MAX_PIXELS } from './image.ts'
import { DOCX, readDocument } from './read.ts'
import { ReadFailure } from './types.ts'

const spec = makeSpec(11, 'calculation')
let pdf: Uint8Array
let ocr: OcrEngine

const failure = async (p: Promise<unknown>): Promise<ReadFailure> => {
  try {
    await p
  } catch (e) {
    if (e instanceof ReadFailure) return e
    throw e
  }
  throw new Error('expected a ReadFailure')
}

beforeAll(async () => {
  pdf = await letterPdf(spec)
  ocr = new OcrEngine()
})
afterAll(async () => ocr?.close())

describe('reading evidence', () => {
  it('reads the text layer of a PDF, page by page, without OCR', async () => {
    const r = await readDocument(await letterPdf(spec, 2), 'application/pdf', { ocr })
    expect(r.pages.map((p) => [p.page, p.method, p.confidence])).toEqual([
      [1, 'text-layer', null],
      [2, 'text-layer', null],
      [3, 'text-layer', null],
    ])
    expect(bestByField(suggestFacts(r.pages)).cmsReference?.value).toBe(spec.reference)
  })

  it('reads a scanned PDF (no text layer) by OCR, with its confidence', async () => {
    const scan = await PDFDocument.create()
    const png = await scan.embedPng(await scanImage(pdf, 150))
    scan.addPage([595, 842]).drawImage(png, { x: 0, y: 0, width: 595, height: 842 })
    const r = await readDocument(await scan.save(), 'application/pdf', { ocr })
    expect(r.pages).toHaveLength(1)
    expect(r.pages[0]).toMatchObject({ page: 1, method: 'ocr' })
    expect(r.pages[0]!.confidence).toBeGreaterThan(70)
    expect(bestByField(suggestFacts(r.pages)).letterDate?.value).toBe(spec.letterDate)
  })

  it('straightens a photo taken sideways before reading it', async () => {
    const photo = await photoImage(pdf, 3, 90)
    const r = await readDocument(photo, 'image/jpeg', { ocr })
    expect([90, 270]).toContain(r.pages[0]!.rotated)
    expect(r.pages[0]!.text).toContain('Child Maintenance Service')
  })

  it('reads a HEIC photo after converting it (a real HEVC-coded file)', async () => {
    const heic = new Uint8Array(readFileSync(HEIC_FIXTURE))
    const r = await readDocument(heic, 'image/heic', { ocr })
    expect(r.mediaType).toBe('image/heic')
    expect(r.pages).toHaveLength(1)
    expect(r.pages[0]).toMatchObject({ page: 1, method: 'ocr' })
    expect(r.pages[0]!.confidence).toBeGreaterThan(70)
    expect(r.pages[0]!.text).toContain('Child Maintenance Service')
    const best = bestByField(suggestFacts(r.pages))
    expect(best.cmsReference?.value).toBe(HEIC_SPEC.reference)
    expect(best.letterDate?.value).toBe(HEIC_SPEC.letterDate)
    expect(best.decisionKind?.value).toBe('annual-review')
    // A damaged HEIC (its header, then nothing) is refused with a reason, not a crash.
    const cut = await failure(readDocument(heic.slice(0, 2000), 'image/heic', { ocr }))
    expect(cut.reason).toBe('damaged')
  })

  it('reads a Welsh letter with the Welsh trained data', async () => {
    const { PDFDocument, StandardFonts } = await import('pdf-lib')
    const doc = await PDFDocument.create()
    const font = await doc.embedFont(StandardFonts.Helvetica)
    const page = doc.addPage([420, 200])
    const lines = [
      'Gwasanaeth Cynhaliaeth Plant',
      'Dyddiad y llythyr: 3 Chwefror 2025',
      'Rhaid talu £45.20 bob wythnos',
    ]
    lines.forEach((l, i) => page.drawText(l, { x: 20, y: 160 - i * 30, size: 16, font }))
    const png = await scanImage(await doc.save(), 200)
    const r = await readDocument(png, 'image/png', { ocr, languages: ['cym', 'eng'] })
    expect(r.language).toBe('cym+eng')
    expect(r.pages[0]!.text).toContain('Chwefror')
    const best = bestByField(suggestFacts(r.pages))
    expect(best.letterDate?.value).toBe('2025-02-03')
    expect(best.weeklyAmount?.value).toBe('45.20')
  })

  it('gives a clear reason for a password-protected, damaged or oversized file', async () => {
    const mupdf = await import('mupdf')
    const doc = mupdf.Document.openDocument(pdf, 'application/pdf').asPDF()!
    const locked = new Uint8Array(
      doc.saveToBuffer('encrypt=aes-256,user-password=secret,owner-password=x').asUint8Array().slice(),
    )
    const p = await failure(readDocument(locked, 'application/pdf', { ocr }))
    expect(p.reason).toBe('password')
    expect(p.message).toMatch(/password/)
    expect(
      (await failure(readDocument(new TextEncoder().encode('%PDF-1.7 nonsense'), 'application/pdf'))).reason,
    ).toBe('damaged')
    // A PNG header claiming 20,000 x 20,000 pixels is refused before anything decodes it.
    const png = new Uint8Array(33)
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    new DataView(png.buffer).setUint32(16, 20_000)
    new DataView(png.buffer).setUint32(20, 20_000)
    const big = await failure(readDocument(png, 'image/png', { ocr }))
    expect(big.reason).toBe('too-many-pixels')
    expect(big.message).toContain('20000 × 20000')
  })

  it('bounds the pixels of a scanned PDF page rendered for OCR', async () => {
    // A4 renders at OCR_DPI; a 50-inch square page is scaled down to stay within MAX_PIXELS.
    expect(renderScale(1, 595, 842)).toBe(OCR_DPI / 72)
    const big = renderScale(1, 3600, 3600)
    expect(Math.ceil(3600 * big) ** 2).toBeLessThanOrEqual(MAX_PIXELS)
    expect(big * 72).toBeGreaterThanOrEqual(MIN_OCR_DPI)

    // A crafted scan: a 200-inch square page (the largest MediaBox PDF allows) with no text layer.
    const huge = await PDFDocument.create()
    const page = huge.addPage([14_400, 14_400])
    page.drawImage(await huge.embedPng(await scanImage(pdf, 50)), { x: 0, y: 0, width: 595, height: 842 })
    const refused = await failure(readDocument(await huge.save(), 'application/pdf', { ocr }))
    expect(refused.reason).toBe('page-too-large')
    expect(refused.message).toContain('Page 1 of the PDF is 200 × 200 inches')

    // A crafted scan: an A4 page holding a 8,000 × 8,000 picture (64 million pixels, 200 KB
    // compressed) is refused before mupdf decodes the picture to draw it.
    const bomb = await PDFDocument.create()
    const side = 8000
    const picture = bomb.context.stream(deflateSync(Buffer.alloc(side * side, 255)), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: side,
      Height: side,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
    })
    const a4 = bomb.addPage([595, 842])
    a4.node.setXObject(PDFName.of('Im0'), bomb.context.register(picture))
    a4.node.set(
      PDFName.of('Contents'),
      bomb.context.register(bomb.context.stream('q 595 0 0 842 0 0 cm /Im0 Do Q')),
    )
    const pictured = await failure(readDocument(await bomb.save(), 'application/pdf', { ocr }))
    expect(pictured.reason).toBe('too-many-pixels')
    expect(pictured.message).toContain('Page 1 of the PDF holds a picture of 8000 × 8000 pixels')

    // Under a tighter limit an A4 scan is rendered smaller (about 175 dpi, not 250) and still read.
    const scan = await PDFDocument.create()
    const png = await scan.embedPng(await scanImage(pdf, 150))
    scan.addPage([595, 842]).drawImage(png, { x: 0, y: 0, width: 595, height: 842 })
    const small = await readDocument(await scan.save(), 'application/pdf', { ocr, maxPixels: 3_000_000 })
    expect(small.pages[0]).toMatchObject({ page: 1, method: 'ocr' })
    expect(bestByField(suggestFacts(small.pages)).cmsReference?.value).toBe(spec.reference)
  })

  it('reads the body of an e-mail', async () => {
    const eml = [
      'From: CMS <cms@example.invalid>',
      'Subject: =?utf-8?Q?Your_payment_=C2=A345.20?=',
      'Date: Mon, 3 Feb 2025 09:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'You must pay =C2=A345.20 each week from 10 March 2025.=',
      ' Reference 1212 3456 7890',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>ignored</p>',
      '--b1--',
    ].join('\r\n')
    const r = await readDocument(new TextEncoder().encode(eml), 'message/rfc822')
    expect(r.pages).toHaveLength(1)
    expect(r.pages[0]).toMatchObject({ method: 'email', confidence: null })
    expect(r.pages[0]!.text).toContain('Subject: Your payment £45.20')
    expect(r.pages[0]!.text).toContain(
      'You must pay £45.20 each week from 10 March 2025. Reference 1212 3456 7890',
    )
    expect(r.pages[0]!.text).not.toContain('ignored')
  })

  it('reads a Word document, split at its page breaks', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('Notes of the call on 3 February 2025')] }),
            new Paragraph({ children: [new TextRun('They said £45.20 & more'), new PageBreak()] }),
            new Paragraph({ children: [new TextRun('Second page')] }),
          ],
        },
      ],
    })
    const r = await readDocument(new Uint8Array(await Packer.toBuffer(doc)), DOCX)
    expect(r.pages.map((p) => [p.page, p.method, p.text])).toEqual([
      [1, 'word', 'Notes of the call on 3 February 2025\nThey said £45.20 & more'],
      [2, 'word', 'Second page'],
    ])
  })
})

describe('OCR offline', () => {
  it('uses trained data copied from the npm packages to a local folder, gzipped, never a URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-ocr-'))
    try {
      localLangPath(dir)
      expect(readdirSync(dir).sort()).toEqual([
        'cym.traineddata.gz',
        'eng.traineddata.gz',
        'osd.traineddata.gz',
      ])
      expect(() => new OcrEngine({ langPath: 'https://example.invalid/tessdata' })).toThrow(/local folder/)
      expect(() => new OcrEngine({ langPath: 'relative/path' })).toThrow(/local folder/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('says which language has no trained data installed, and still reads the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-ocr-'))
    const engine = new OcrEngine({ langPath: dir })
    try {
      for (const lang of ['eng', 'osd'] as const)
        copyFileSync(join(localLangPath(), `${lang}.traineddata.gz`), join(dir, `${lang}.traineddata.gz`))
      const png = await scanImage(pdf, 100)
      const welsh = await failure(readDocument(png, 'image/png', { ocr: engine, languages: ['cym'] }))
      expect(welsh.reason).toBe('ocr-data-missing')
      expect(welsh.message).toContain('"cym" is not installed')
      const english = await readDocument(png, 'image/png', { ocr: engine, languages: ['eng'] })
      expect(english.pages[0]!.text).toContain('Child Maintenance')
    } finally {
      await engine.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reads English and Welsh; refuses a language it has no data for', () => {
    expect(parseLanguages('eng+cym')).toEqual(['eng', 'cym'])
    expect(() => parseLanguages('fra')).toThrow(/no trained data to read "fra"/)
  })
})
