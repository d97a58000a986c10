import {
  beginText,
  endText,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type Color,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib'
import { runs, shapedWidth, shapeRun, spellsOut, type ShapedGlyph } from './fonts.ts'

/**
 * Makes text safe to draw: no control characters, tabs as spaces, one kind of line break (a line or
 * paragraph separator becomes one too).
 */
export function clean(text: string): string {
  return (
    text
      .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
      .replace(/\t/g, '    ')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b\ufeff]/g, '')
  )
}

/** The width of text drawn with `font` and its script fallbacks. */
export function measure(text: string, font: PDFFont, size: number): number {
  let w = 0
  for (const r of runs(text, font)) w += runWidth(r.font, r.text, size)
  return w
}

const runWidth = (font: PDFFont, text: string, size: number): number =>
  shapedWidth(font, text, size) ?? font.widthOfTextAtSize(text, size)

/** The name each page's resources give a font, added once a page. */
const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>()
function fontKey(page: PDFPage, font: PDFFont): PDFName {
  let keys = fontKeys.get(page)
  if (!keys) fontKeys.set(page, (keys = new Map()))
  let key = keys.get(font)
  if (!key) keys.set(font, (key = page.node.newFontDictionary(font.name, font.ref)))
  return key
}

/** A PDF text string in UTF-16 (big-endian, with its byte-order mark), as hex: any character fits. */
const utf16Hex = (text: string): string => {
  let hex = 'FEFF'
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0')
  return `<${hex}>`
}

/**
 * Draws shaped glyphs in visual order: the letters as one text string, spaced by their shaped
 * advances, then each dot or mark at its own place over or under its letter. Keeping the letters
 * in one string lets PDF readers read a joined (Arabic) word back whole. In a font whose glyphs do
 * not read back in order (a Bengali conjunct), the run is marked with the text it stands for
 * (an ActualText span, which MuPDF, Poppler and Acrobat read in place of the glyphs).
 */
function drawShaped(
  page: PDFPage,
  font: PDFFont,
  text: string,
  glyphs: readonly ShapedGlyph[],
  o: { x: number; y: number; size: number; color: Color },
): PDFOperator[] {
  const k = o.size / 1000
  const letters: (PDFHexString | PDFNumber)[] = []
  const marks: { code: string; x: number; y: number; silent: boolean }[] = []
  let pen = 0
  let drawnTo = 0
  for (const g of glyphs) {
    if (g.dx !== 0 || g.dy !== 0) marks.push({ code: g.code, x: pen + g.dx, y: g.dy, silent: g.silent })
    else {
      const gap = pen - drawnTo
      if (Math.abs(gap) > 0.01) letters.push(PDFNumber.of(Math.round(-gap * 100) / 100))
      letters.push(PDFHexString.of(g.code))
      drawnTo = pen + g.width
    }
    pen += g.advance
  }
  const spelled = spellsOut(font)
  const ops: PDFOperator[] = [
    ...(spelled
      ? [
          PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
            PDFName.of('Span'),
            `<</ActualText${utf16Hex(text)}>>`,
          ]),
        ]
      : []),
    pushGraphicsState(),
    beginText(),
    setFillingColor(o.color),
    setFontAndSize(fontKey(page, font), o.size),
    setTextMatrix(1, 0, 0, 1, o.x, o.y),
    PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [page.doc.context.obj(letters)]),
  ]
  const place = (m: (typeof marks)[number]): void => {
    ops.push(setTextMatrix(1, 0, 0, 1, o.x + m.x * k, o.y + m.y * k), showText(PDFHexString.of(m.code)))
  }
  for (const m of marks) if (!m.silent) place(m)
  ops.push(endText(), popGraphicsState())
  if (spelled) ops.push(PDFOperator.of(PDFOperatorNames.EndMarkedContent))
  page.pushOperators(...ops)
  // Dots split off a letter stand for nothing: drawn after the whole line (so no reader puts
  // anything of them between words) in a span marked as having no text.
  const silent = marks.filter((m) => m.silent)
  if (silent.length === 0) return []
  ops.length = 0
  ops.push(
    PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), '<</ActualText()>>']),
    pushGraphicsState(),
    beginText(),
    setFillingColor(o.color),
    setFontAndSize(fontKey(page, font), o.size),
  )
  silent.forEach(place)
  ops.push(endText(), popGraphicsState(), PDFOperator.of(PDFOperatorNames.EndMarkedContent))
  return [...ops]
}

/** Pages only being laid out to count them (see measuringPage in flow.ts): nothing is drawn on them. */
export const measuringPages = new WeakSet<PDFPage>()

/**
 * Draws one line of text, each run in the font that has its characters. Each font gets one name in
 * the page's resources (pdf-lib's own drawText adds a new name for the font at every call, and
 * looks through all the earlier ones to find a free name).
 */
export function drawLine(
  page: PDFPage,
  text: string,
  o: { x: number; y: number; size: number; font: PDFFont; color: Color },
): void {
  if (measuringPages.has(page)) return
  let x = o.x
  const after: PDFOperator[] = []
  for (const r of runs(text, o.font)) {
    const shaped = shapeRun(r.font, r.text)
    if (shaped) after.push(...drawShaped(page, r.font, r.text, shaped, { ...o, x }))
    else
      page.pushOperators(
        pushGraphicsState(),
        beginText(),
        setFillingColor(o.color),
        setFontAndSize(fontKey(page, r.font), o.size),
        setTextMatrix(1, 0, 0, 1, x, o.y),
        showText(r.font.encodeText(r.text)),
        endText(),
        popGraphicsState(),
      )
    x += runWidth(r.font, r.text, o.size)
  }
  if (after.length) page.pushOperators(...after)
}

/** Breaks text into lines no wider than `width`, at spaces where possible and inside long words otherwise. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = []
  for (const para of clean(text).split('\n')) {
    const words = para.split(/ +/)
    let line = ''
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word
      if (measure(candidate, font, size) <= width) {
        line = candidate
        continue
      }
      if (line) out.push(line)
      line = ''
      let rest = word
      while (measure(rest, font, size) > width) {
        let cut = rest.length - 1
        while (cut > 1 && measure(rest.slice(0, cut), font, size) > width) cut--
        out.push(rest.slice(0, cut))
        rest = rest.slice(cut)
      }
      line = rest
    }
    out.push(line)
  }
  return out
}
