import type { Color, PDFFont, PDFPage } from 'pdf-lib'
import { runs } from './fonts.ts'

/** Makes text safe to draw: no control characters, tabs as spaces, one kind of line break. */
export function clean(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b\ufeff]/g, '')
  )
}

/** The width of text drawn with `font` and its script fallbacks. */
export function measure(text: string, font: PDFFont, size: number): number {
  let w = 0
  for (const r of runs(text, font)) w += r.font.widthOfTextAtSize(r.text, size)
  return w
}

/** Draws one line of text, each run in the font that has its characters. */
export function drawLine(
  page: PDFPage,
  text: string,
  o: { x: number; y: number; size: number; font: PDFFont; color: Color },
): void {
  let x = o.x
  for (const r of runs(text, o.font)) {
    page.drawText(r.text, { ...o, x, font: r.font })
    x += r.font.widthOfTextAtSize(r.text, o.size)
  }
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
