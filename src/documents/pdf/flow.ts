import { type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import type { LetterTable } from '../letters/model.ts'
import type { Fonts } from './fonts.ts'
import { clean, drawLine, measure, measuringPages, wrap } from './text.ts'

export const A4: [number, number] = [595.28, 841.89]
export const MARGIN = { top: 62, bottom: 62, left: 64, right: 64 } as const

export const SIZE = { body: 10.5, small: 9, heading: 12, title: 15 } as const
const LEADING = 1.38
const BLACK = rgb(0, 0, 0)
const GREY = rgb(0.35, 0.35, 0.35)
const RULE = rgb(0.55, 0.55, 0.55)
const SHADE = rgb(0.92, 0.92, 0.92)

export interface TextOptions {
  readonly font?: PDFFont
  readonly size?: number
  /** Indent from the left margin. */
  readonly indent?: number
  readonly align?: 'left' | 'right'
  readonly grey?: boolean
  /** Space after, in points. */
  readonly after?: number
}

export interface Rect {
  readonly page: PDFPage
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/**
 * A page that takes a layout and draws nothing on it: for learning how many pages something will
 * take without paying for its drawing (a bundle's cover and index, laid out once before the page
 * numbers they list are known).
 */
export function measuringPage(page: PDFPage): PDFPage {
  const skip = (): void => undefined
  measuringPages.add(page)
  return Object.assign(page, { drawRectangle: skip, drawLine: skip, pushOperators: skip })
}

/**
 * Lays text and tables down A4 pages from top to bottom, starting a new page when one is full.
 * Pages come from `addPage`, so a caller can insert them anywhere in a document.
 */
export class PageFlow {
  readonly pages: PDFPage[] = []
  private current: PDFPage | undefined
  y = 0

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly addPage: () => PDFPage = () => doc.addPage(A4),
  ) {}

  get page(): PDFPage {
    return this.current ?? this.newPage()
  }

  get left(): number {
    return MARGIN.left
  }

  get width(): number {
    return A4[0] - MARGIN.left - MARGIN.right
  }

  newPage(): PDFPage {
    const p = this.addPage()
    this.pages.push(p)
    this.current = p
    this.y = A4[1] - MARGIN.top
    return p
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (!this.current || this.y - height < MARGIN.bottom) this.newPage()
  }

  gap(points: number): void {
    this.y -= points
  }

  lineHeight(size: number = SIZE.body): number {
    return size * LEADING
  }

  /** Draws wrapped text, moving to a new page between lines when one is full. */
  text(text: string, o: TextOptions = {}): void {
    const font = o.font ?? this.fonts.regular
    const size = o.size ?? SIZE.body
    const indent = o.indent ?? 0
    const lh = this.lineHeight(size)
    for (const line of wrap(text, font, size, this.width - indent)) {
      this.ensure(lh)
      const x = o.align === 'right' ? this.left + this.width - measure(line, font, size) : this.left + indent
      if (line) drawLine(this.page, line, { x, y: this.y - size, size, font, color: o.grey ? GREY : BLACK })
      this.y -= lh
    }
    this.y -= o.after ?? 0
  }

  /** A paragraph with its number hanging in the margin: "1.  text". */
  numbered(n: number, text: string, after = 6): void {
    const size = SIZE.body
    this.ensure(this.lineHeight(size) * 2)
    drawLine(this.page, `${n}.`, {
      x: this.left,
      y: this.y - size,
      size,
      font: this.fonts.regular,
      color: BLACK,
    })
    this.text(text, { indent: 26, after })
  }

  bullet(text: string, after = 4): void {
    const size = SIZE.body
    this.ensure(this.lineHeight(size))
    drawLine(this.page, '•', {
      x: this.left + 6,
      y: this.y - size,
      size,
      font: this.fonts.regular,
      color: BLACK,
    })
    this.text(text, { indent: 20, after })
  }

  heading(text: string, size: number = SIZE.heading, before = 6): void {
    this.gap(before)
    this.ensure(this.lineHeight(size) + this.lineHeight(SIZE.body) * 2)
    this.text(text, { font: this.fonts.bold, size, after: 4 })
  }

  /** Writes a small line centred at the foot of every page laid so far: `text(n, total)` for page n. */
  footer(text: (page: number, total: number) => string): void {
    const size = SIZE.small
    this.pages.forEach((p, i) => {
      const line = clean(text(i + 1, this.pages.length))
      const x = (A4[0] - measure(line, this.fonts.regular, size)) / 2
      drawLine(p, line, { x, y: MARGIN.bottom / 2, size, font: this.fonts.regular, color: BLACK })
    })
  }

  /** Lines of "Label: value" with the label in bold. */
  labelled(label: string, value: string): void {
    this.text(`${label}: ${value}`, { after: 1 })
  }

  /**
   * Draws a table with a shaded header row repeated on each new page, wrapping cells and splitting
   * tall rows across pages. `onRow` receives where each body row was drawn (for links).
   */
  table(t: LetterTable, onRow?: (index: number, rects: Rect[]) => void): void {
    const size = SIZE.small + 0.5
    const lh = this.lineHeight(size)
    const pad = 3.5
    const total = t.columns.reduce((a, c) => a + (c.weight ?? 1), 0)
    const widths = t.columns.map((c) => ((c.weight ?? 1) / total) * this.width)
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0))
    const cellLines = (row: readonly string[], font: PDFFont): string[][] =>
      widths.map((w, i) => wrap(clean(row[i] ?? ''), font, size, w - pad * 2))

    if (t.caption) this.text(t.caption, { font: this.fonts.bold, after: 2 })
    const header = cellLines(
      t.columns.map((c) => c.header),
      this.fonts.bold,
    )
    const headerHeight = Math.max(...header.map((l) => l.length)) * lh + pad * 2

    const drawRow = (lines: string[][], font: PDFFont, shade: boolean, heavyTop: boolean): Rect => {
      const height = Math.max(1, ...lines.map((l) => l.length)) * lh + pad * 2
      const page = this.page
      if (shade)
        page.drawRectangle({ x: this.left, y: this.y - height, width: this.width, height, color: SHADE })
      lines.forEach((cell, i) => {
        const col = t.columns[i]
        cell.forEach((line, k) => {
          if (!line) return
          const x =
            col?.align === 'right' ? xs[i]! + widths[i]! - pad - measure(line, font, size) : xs[i]! + pad
          drawLine(page, line, { x, y: this.y - pad - k * lh - size, size, font, color: BLACK })
        })
      })
      page.drawLine({
        start: { x: this.left, y: this.y },
        end: { x: this.left + this.width, y: this.y },
        thickness: heavyTop ? 1 : 0.4,
        color: RULE,
      })
      const rect = { page, x: this.left, y: this.y - height, width: this.width, height }
      this.y -= height
      page.drawLine({
        start: { x: this.left, y: this.y },
        end: { x: this.left + this.width, y: this.y },
        thickness: 0.4,
        color: RULE,
      })
      return rect
    }
    const drawHeader = (): void => {
      drawRow(header, this.fonts.bold, true, true)
    }

    this.ensure(headerHeight + lh + pad * 2)
    drawHeader()
    const body = t.rows.map((r) => ({ lines: cellLines(r, this.fonts.regular), bold: false }))
    const totals = (t.totals ?? []).map((r) => ({ lines: cellLines(r, this.fonts.bold), bold: true }))
    ;[...body, ...totals].forEach((row, index) => {
      const rects: Rect[] = []
      let from = 0
      const rowLines = Math.max(1, ...row.lines.map((l) => l.length))
      while (from < rowLines) {
        const room = Math.floor((this.y - MARGIN.bottom - pad * 2) / lh)
        if (room < 1 || (from === 0 && room < Math.min(rowLines, 3))) {
          this.newPage()
          drawHeader()
          continue
        }
        const take = Math.min(room, rowLines - from)
        const slice = row.lines.map((cell) => cell.slice(from, from + take))
        rects.push(
          drawRow(
            slice,
            row.bold ? this.fonts.bold : this.fonts.regular,
            false,
            row.bold && index === body.length && from === 0,
          ),
        )
        from += take
      }
      if (index < body.length) onRow?.(index, rects)
    })
    this.gap(8)
  }
}
