import { PDFDocument, rgb } from 'pdf-lib'
import { describe, expect, it, vi } from 'vitest'
import { Temporal } from '../../domain/shared/plain-date.ts'
import { SAMPLE_INPUTS } from '../../../test/fixtures/documents/inputs.ts'
import { extractPageTexts } from '../bundle/pdf-text.ts'
import { buildBundle } from '../bundle/build-bundle.ts'
import { buildLetter } from '../letters/kinds.ts'
import { renderLetterPdf } from '../letters/render-pdf.ts'
import { renderWorkingsPdf } from '../workings/render-workings.ts'
import { embedFonts, unsupportedCharacters } from './fonts.ts'
import { PageFlow } from './flow.ts'
import { clean, drawLine, measure, wrap } from './text.ts'
import { loadMupdf } from '../bundle/mupdf.ts'

/** Names and words in every script the issue names, as a parent might type them. */
const SAMPLES = {
  welsh: 'Siân ap Llŷr, Dŵr-y-Felin',
  polish: 'Łukasz Żółkiewski',
  arabic: 'محمد علي',
  urdu: 'عائشہ کے بچے',
  hebrew: 'שרה כהן',
  bengali: 'আমার সোনার বাংলা',
  chinese: '王小明的孩子',
  emoji: '👍 ❤️ 👨‍👩‍👧',
} as const

/** pdf.js marks right-to-left runs with embedding controls; spaces vary with layout. */
const normal = (s: string): string => s.replace(/[\u202a-\u202e\u200e\u200f]/g, '').replace(/\s+/g, ' ')
/** Bengali vowel signs are drawn before their consonant, so text reads back in drawing order: compare the letters. */
const letters = (s: string): string => [...s.normalize('NFD').replace(/\s+/g, '')].sort().join('')

async function textOf(pdf: Uint8Array): Promise<string> {
  return normal((await extractPageTexts(pdf)).map((p) => p.text).join('\n'))
}

function expectAll(text: string): void {
  for (const [name, sample] of Object.entries(SAMPLES)) {
    if (name === 'bengali') {
      const words = text.match(/[\u0980-\u09ff]+(?: [\u0980-\u09ff]+)*/g) ?? []
      expect(
        words.some((w) => letters(w) === letters(sample)),
        `${name} in ${text}`,
      ).toBe(true)
    } else expect(text, name).toContain(sample)
  }
}

/**
 * Draws text with a fresh copy of the font modules. The fonts are parsed once per process and
 * fontkit keeps one glyph object a glyph, with the characters of its first use: a fresh copy makes
 * that first use happen in the test.
 */
async function freshFonts(): Promise<(text: string) => Promise<Uint8Array>> {
  vi.resetModules()
  const fresh = await import('./fonts.ts')
  const freshFlow = await import('./flow.ts')
  return async (text) => {
    const doc = await PDFDocument.create()
    new freshFlow.PageFlow(doc, await fresh.embedFonts(doc)).text(text)
    return doc.save()
  }
}

describe('text in every script', () => {
  it('has a font for every character of every sample', () => {
    expect(unsupportedCharacters(Object.values(SAMPLES).join(' '))).toEqual([])
  })

  it('reads a letter back as itself after an earlier document drew it only inside another (Z after Ż)', async () => {
    // Z is first reached as a part of Ż while the first document's subset is written.
    const draw = await freshFonts()
    expect(await textOf(await draw('Żółw'))).toContain('Żółw')
    expect(await textOf(await draw('Zoë and Zara'))).toContain('Zoë and Zara')
  })

  it('reads a fallback script back as itself after an earlier document used the same glyph (❤ after ❤️)', async () => {
    // Noto Emoji draws ❤ and ❤️ with one glyph; the first use must not name the second's characters.
    const draw = await freshFonts()
    expect(await textOf(await draw('With love ❤️'))).toContain('With love ❤️')
    const plain = await textOf(await draw('With love ❤ from us'))
    expect(plain).toContain('With love ❤ from us')
    expect(plain).not.toContain('\ufe0f')
  })

  it('draws a Bengali conjunct in place and reads it back whole, with no made-up characters', async () => {
    // স্বাস্থ্য ("health") has two conjuncts whose parts the font places below and before the pen,
    // and one part that stands for no character (the head line of স্ব).
    const word = 'স্বাস্থ্য'
    const doc = await PDFDocument.create()
    new PageFlow(doc, await embedFonts(doc)).text(`Name: ${word} Sample`)
    const pdf = await doc.save()
    // pdf.js orders text by where it is drawn: every letter, nothing else.
    const read = await textOf(pdf)
    const bengali = read.match(/[\u0980-\u09ff][\u0980-\u09ff ]*[\u0980-\u09ff]/g)?.join('') ?? ''
    expect(letters(bengali)).toBe(letters(word))
    // eslint-disable-next-line no-control-regex -- a made-up control character is the fault
    expect(read).not.toMatch(/[\u0000-\u001f\ufffd\u25cc]/)
    // MuPDF (as the bundle reads pages) takes the text the run is marked with: the word in order.
    const m = await loadMupdf()
    const muDoc = m.Document.openDocument(pdf, 'application/pdf')
    const page = muDoc.loadPage(0)
    const st = page.toStructuredText('preserve-whitespace')
    const text = st.asText()
    st.destroy()
    page.destroy()
    muDoc.destroy()
    expect(text.replace(/\s+/g, '')).toContain(`Name:${word}Sample`)
    // eslint-disable-next-line no-control-regex -- a made-up control character is the fault
    expect(text).not.toMatch(/[\u0000-\u0008\ufffd]/)
  })

  it('reads back from a page drawn with the page flow, in logical order, regular and bold', async () => {
    const doc = await PDFDocument.create()
    const fonts = await embedFonts(doc)
    const flow = new PageFlow(doc, fonts)
    for (const s of Object.values(SAMPLES)) flow.text(`Name: ${s}.`)
    for (const s of Object.values(SAMPLES)) flow.text(s, { font: fonts.bold })
    flow.table({
      kind: 'table',
      columns: [{ header: 'Who' }, { header: 'What' }],
      rows: Object.values(SAMPLES).map((s) => [s, 'note']),
    })
    const text = await textOf(await doc.save())
    expectAll(text)
    expect(text).toContain('Name: محمد علي')
    expect(text).not.toContain('?')
  })

  it('reads back from a letter', async () => {
    const base = buildLetter('mandatory-reconsideration', SAMPLE_INPUTS['mandatory-reconsideration'])
    const letter = {
      ...base,
      sender: { ...base.sender, name: `${SAMPLES.polish} ${SAMPLES.arabic}` },
      paragraphs: [...base.paragraphs, ...Object.values(SAMPLES).map((s) => `My child’s name is ${s}.`)],
    }
    const text = await textOf(await renderLetterPdf(letter))
    expectAll(text)
    expect(text).toContain(`${SAMPLES.polish} ${SAMPLES.arabic}`)
  })

  it('reads back from the workings', async () => {
    const pdf = await renderWorkingsPdf({
      preparedOn: Temporal.PlainDate.from('2025-03-01'),
      preparedBy: `${SAMPLES.chinese} ${SAMPLES.urdu}`,
      effectiveDate: Temporal.PlainDate.from('2025-02-03'),
      total: '£10.00',
      summary: Object.values(SAMPLES),
      figures: [],
      steps: [],
      assumptions: [],
    } as Parameters<typeof renderWorkingsPdf>[0])
    expectAll(await textOf(pdf))
  })

  it('reads back from a bundle’s cover, index and chronology', async () => {
    const { pdf } = await buildBundle({
      title: 'Appeal bundle',
      parties: [
        { label: 'Appellant', value: SAMPLES.arabic },
        { label: 'Other party', value: SAMPLES.chinese },
      ],
      reference: '121098765432',
      preparedBy: SAMPLES.welsh,
      date: Temporal.PlainDate.from('2025-03-20'),
      documents: [],
      chronology: Object.values(SAMPLES).map((s, i) => ({
        date: Temporal.PlainDate.from(`2025-01-${String(i + 10)}`),
        event: `Call with ${s}`,
      })),
      purpose: 'other',
    })
    const text = await textOf(pdf)
    expectAll(text)
    expect(text).toContain(`Appellant: ${SAMPLES.arabic}`)
    expect(text).toContain(`Prepared by ${SAMPLES.welsh}`)
  })
})

describe('Arabic and Urdu joined', () => {
  /** A page with each line of `lines` drawn large with the page flow, as letters draw text. */
  async function page(lines: readonly string[], size = 40): Promise<Uint8Array> {
    const doc = await PDFDocument.create()
    const fonts = await embedFonts(doc)
    const flow = new PageFlow(doc, fonts)
    for (const l of lines) flow.text(l, { size } as Parameters<PageFlow['text']>[1])
    return doc.save()
  }

  /** Pieces of ink on the rendered first line (8-connected dark pixels), as a reader's eye sees them. */
  async function inkPieces(pdf: Uint8Array): Promise<number> {
    const m = await loadMupdf()
    const doc = m.Document.openDocument(pdf, 'application/pdf')
    const pix = doc.loadPage(0).toPixmap(m.Matrix.scale(2, 2), m.ColorSpace.DeviceGray, false)
    const w = pix.getWidth()
    const h = pix.getHeight()
    const px = pix.getPixels()
    const seen = new Uint8Array(w * h)
    let pieces = 0
    for (let i = 0; i < w * h; i++) {
      if (seen[i] || px[i]! > 128) continue
      pieces++
      const stack = [i]
      seen[i] = 1
      while (stack.length) {
        const p = stack.pop()!
        const x = p % w
        const y = (p - x) / w
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx
            const ny = y + dy
            const q = ny * w + nx
            if (nx >= 0 && ny >= 0 && nx < w && ny < h && !seen[q] && px[q]! <= 128) {
              seen[q] = 1
              stack.push(q)
            }
          }
      }
    }
    doc.destroy()
    return pieces
  }

  it('joins the letters of a word: محمد prints as one connected shape, not four letters', async () => {
    // م ح م د all join: one piece of ink. Drawn one letter at a time, they would be four.
    expect(await inkPieces(await page(['محمد']))).toBe(1)
    // Spaced apart, the same letters are four pieces (the check can tell the difference).
    expect(await inkPieces(await page(['م ح م د']))).toBe(4)
  })

  it('reads back letter for letter with MuPDF (the redaction reader) and pdf.js, letters that share a shape included', async () => {
    // ح and چ, ب and ت and ث share their shapes in the font; each reads back as itself.
    const lines = ['محمد علي', 'عائشہ کے بچے', 'بچے ح چ ب ت ث', 'لا سلام عليكم', `Name: ${SAMPLES.urdu}`]
    const pdf = await page(lines, 14)
    const m = await loadMupdf()
    const doc = m.Document.openDocument(pdf, 'application/pdf')
    const st = doc.loadPage(0).toStructuredText('preserve-whitespace')
    const mupdfText = st.asText()
    st.destroy()
    doc.destroy()
    const pdfjsText = await textOf(pdf)
    for (const l of lines) {
      expect(normal(mupdfText), `MuPDF: ${l}`).toContain(l)
      expect(pdfjsText, `pdf.js: ${l}`).toContain(l)
    }
    expect(mupdfText).not.toContain('\ufffd')
  })

  it('draws right-to-left: each later letter of a word is further left on the page', async () => {
    const m = await loadMupdf()
    const doc = m.Document.openDocument(await page(['محمد علي'], 24), 'application/pdf')
    const st = doc.loadPage(0).toStructuredText('preserve-whitespace')
    const xs: { c: string; x: number }[] = []
    st.walk({
      onChar(c: string, origin: [number, number]) {
        if (/[\u0600-\u06ff]/.test(c)) xs.push({ c, x: origin[0] })
      },
    })
    st.destroy()
    doc.destroy()
    expect(xs.map((x) => x.c).join('')).toBe('محمدعلي')
    for (let i = 1; i < xs.length; i++) expect(xs[i]!.x, xs[i]!.c).toBeLessThan(xs[i - 1]!.x)
  })

  it('measures a line by its joined letters, as wide as it prints (so wrapping keeps it inside the margin)', async () => {
    const doc = await PDFDocument.create()
    const fonts = await embedFonts(doc)
    const page = doc.addPage([400, 200])
    const text = 'عائشہ کے بچے'
    drawLine(page, text, { x: 50, y: 100, size: 20, font: fonts.regular, color: rgb(0, 0, 0) })
    const m = await loadMupdf()
    const read = m.Document.openDocument(await doc.save(), 'application/pdf')
    const st = read.loadPage(0).toStructuredText('preserve-whitespace')
    const lines = (JSON.parse(st.asJSON()) as { blocks: { bbox: { x: number; w: number } }[] }).blocks
    st.destroy()
    read.destroy()
    const printed = lines[0]!.bbox
    expect(printed.x).toBeGreaterThanOrEqual(49)
    expect(Math.abs(printed.w - measure(text, fonts.regular, 20))).toBeLessThan(2)
    const separate = [...text].reduce((a, c) => a + measure(c, fonts.regular, 20), 0)
    expect(Math.abs(separate - measure(text, fonts.regular, 20))).toBeGreaterThan(2)
  })
})

describe('a parent’s line breaks', () => {
  it('breaks the line at a line or paragraph separator, as at a new line', async () => {
    expect(clean('one\u2028two\u2029three\u0085four\r\nfive')).toBe('one\ntwo\nthree\nfour\nfive')
    const doc = await PDFDocument.create()
    const fonts = await embedFonts(doc)
    expect(wrap('Flat 3\u2028Ash Grove', fonts.regular, 10, 400)).toEqual(['Flat 3', 'Ash Grove'])
  })
})

describe('fonts in a page’s resources', () => {
  it('names each font once a page however many lines use it, and a footer reads back on every page', async () => {
    const doc = await PDFDocument.create()
    const fonts = await embedFonts(doc)
    const flow = new PageFlow(doc, fonts)
    for (let i = 0; i < 60; i++) {
      flow.text(`Line ${i} in regular, with ${SAMPLES.arabic}`)
      flow.text(`Line ${i} in bold`, { font: fonts.bold })
      flow.bullet(`Point ${i}`)
    }
    flow.footer((page, total) => `Page ${page} of ${total}`)
    const pdf = await doc.save()
    const read = await PDFDocument.load(pdf)
    expect(read.getPageCount()).toBeGreaterThan(1)
    for (const page of read.getPages()) {
      const names = page.node.normalizedEntries().Font.keys()
      // Noto Sans regular and bold, and the Arabic fallback: one name each.
      expect(names.length).toBe(3)
    }
    const texts = (await extractPageTexts(pdf)).map((p) => normal(p.text))
    texts.forEach((t, i) => expect(t).toContain(`Page ${i + 1} of ${texts.length}`))
    expect(texts.join(' ')).toContain('• Point 59')
  })
})
