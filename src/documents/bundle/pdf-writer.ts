import { WholeFile, writeAll } from '../whole-file.ts'
import type { PDFDocument as MuDocument, PDFObject } from 'mupdf'
import { bundleText } from './copy.ts'

/**
 * Writes a PDF from the pages of other PDFs (opened with MuPDF), one source at a time, straight to
 * its destination. Only the cross-reference offsets and a few numbers a page stay in memory, so a
 * 3,000-page bundle needs no more memory than its largest file. Page streams, fonts and images are
 * copied as stored (never decoded); each page gets the bundle's page number in a small content
 * stream of its own, drawn after the page's own content.
 */

export interface Sink {
  /** `bytes` may be a view into MuPDF's memory: use or copy it before returning. */
  write(bytes: Uint8Array): void
  /** Text that is all single-byte characters (PDF syntax as MuPDF prints it, ASCII only). */
  writeText(text: string): void
  /** The PDF is whole. */
  close(): void
  /** The build failed: nothing of it is kept. */
  abort(): void
}

/** Collects the PDF in memory. */
export class MemorySink implements Sink {
  private readonly chunks: Uint8Array[] = []
  private size = 0
  write(bytes: Uint8Array): void {
    this.chunks.push(bytes.slice())
    this.size += bytes.length
  }
  writeText(text: string): void {
    const b = Buffer.from(text, 'latin1')
    this.chunks.push(b)
    this.size += b.length
  }
  close(): void {}
  abort(): void {
    this.chunks.length = 0
    this.size = 0
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size)
    let p = 0
    for (const c of this.chunks) {
      out.set(c, p)
      p += c.length
    }
    return out
  }
}

const BLOCK = 1 << 20

/**
 * Writes the PDF to a file (mode 0600) through one reused 1 MB block, so thousands of small
 * objects cost no allocation each (every new buffer is memory the garbage collector must chase);
 * large streams go straight from MuPDF's memory to the file. The file appears at `path` only when
 * it is whole (`WholeFile`): a build that fails leaves whatever was there as it was.
 */
export class FileSink implements Sink {
  private readonly file: WholeFile
  private readonly block = Buffer.allocUnsafe(BLOCK)
  private used = 0
  constructor(path: string) {
    this.file = new WholeFile(path)
  }
  write(bytes: Uint8Array): void {
    if (bytes.length >= BLOCK / 4) {
      this.flush()
      writeAll(this.file.fd, bytes)
      return
    }
    if (bytes.length > BLOCK - this.used) this.flush()
    this.block.set(bytes, this.used)
    this.used += bytes.length
  }
  writeText(text: string): void {
    if (text.length >= BLOCK / 4) {
      this.flush()
      writeAll(this.file.fd, Buffer.from(text, 'latin1'))
      return
    }
    if (text.length > BLOCK - this.used) this.flush()
    this.used += this.block.write(text, this.used, 'latin1')
  }
  private flush(): void {
    if (this.used > 0) writeAll(this.file.fd, this.block.subarray(0, this.used))
    this.used = 0
  }
  close(): void {
    this.flush()
    this.file.commit()
  }

  abort(): void {
    this.file.abort()
  }
}

const latin1 = (s: string): Uint8Array => Buffer.from(s, 'latin1')

/** A PDF text string: UTF-16BE with a byte-order mark, as hex. */
export function pdfText(s: string): string {
  let hex = 'FEFF'
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase()
  return `<${hex}>`
}

/** A name written as PDF requires: delimiters and anything outside printable ASCII as #xx. */
function pdfName(name: string): string {
  let out = '/'
  for (const b of Buffer.from(name, 'utf8')) {
    const c = String.fromCharCode(b)
    out += b < 0x21 || b > 0x7e || '()<>[]{}/%#'.includes(c) ? `#${b.toString(16).padStart(2, '0')}` : c
  }
  return out
}

/**
 * Replaces each indirect reference "N G R" in serialised PDF (as MuPDF prints it) by `map(N)`,
 * leaving literal and hex strings alone.
 */
export function remapReferences(text: string, map: (num: number) => number | null): string {
  let out = ''
  let i = 0
  let from = 0
  const n = text.length
  while (i < n) {
    const ch = text.charCodeAt(i)
    if (ch === 0x28 /* ( */) {
      let depth = 1
      i++
      while (i < n && depth > 0) {
        const c = text.charCodeAt(i)
        if (c === 0x5c /* \ */) i += 2
        else {
          if (c === 0x28) depth++
          else if (c === 0x29) depth--
          i++
        }
      }
      continue
    }
    if (ch === 0x3c /* < */ && text.charCodeAt(i + 1) !== 0x3c) {
      const end = text.indexOf('>', i)
      i = end < 0 ? n : end + 1
      continue
    }
    if (ch === 0x3c) {
      i += 2
      continue
    }
    if (ch >= 0x30 && ch <= 0x39) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20
      const m = /^(\d+)\s+(\d+)\s+R(?![A-Za-z0-9])/.exec(text.slice(i, i + 24))
      if (m && !isRegular(prev)) {
        const to = map(Number(m[1]))
        out += text.slice(from, i) + (to === null ? 'null' : `${to} 0 R`)
        i += m[0].length
        from = i
        continue
      }
      while (i < n && isRegular(text.charCodeAt(i))) i++
      continue
    }
    if (ch === 0x2f /* / */) {
      i++
      while (i < n && isRegular(text.charCodeAt(i))) i++
      continue
    }
    i++
  }
  return out + text.slice(from)
}

/** A character that is part of a token (not white space, not a delimiter). */
function isRegular(c: number): boolean {
  return !(
    c === 0x20 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x09 ||
    c === 0x0c ||
    c === 0x00 ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x2f ||
    c === 0x25
  )
}

/** Helvetica advance widths (thousandths of an em) for the characters page numbers use. */
const HELVETICA: Record<string, number> = { ' ': 278, P: 667, a: 556, g: 556, e: 556, o: 556, f: 278 }
const helveticaWidth = (s: string, size: number): number =>
  ([...s].reduce((a, c) => a + (HELVETICA[c] ?? 556), 0) * size) / 1000

export interface WrittenPage {
  readonly num: number
  /** The visible box [x0, y0, x1, y1] and rotation, for placing the page number. */
  readonly box: readonly [number, number, number, number]
  readonly rotate: number
  readonly footer: number
}

export interface OutlineEntry {
  readonly title: string
  /** 0-based index into the pages in their final order. */
  readonly page: number
  readonly children?: readonly OutlineEntry[]
}

export interface LinkArea {
  /** PDF user space of the page the link is on. */
  readonly rect: readonly [number, number, number, number]
  readonly description: string
}

const FOOTER_FONT = 'RdxFoot'
const FOOTER_SIZE = 9
const FROM_EDGE = 18

export class PdfWriter {
  private readonly offsets: number[] = []
  private position = 0
  private nextNum = 5
  /** 1 catalog, 2 page tree, 3 footer font, 4 the shared "q" that opens each page's own content. */
  private readonly catalog = 1
  private readonly pageTree = 2
  private readonly font = 3
  private readonly save = 4

  constructor(private readonly sink: Sink) {
    this.raw(latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'))
    this.object(this.font, '<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>')
    this.object(this.save, '<</Length 2>>', 'q\n')
  }

  private raw(b: Uint8Array): void {
    this.sink.write(b)
    this.position += b.length
  }

  private text(s: string): void {
    this.sink.writeText(s)
    this.position += s.length
  }

  allocate(): number {
    return this.nextNum++
  }

  object(num: number, body: string, stream?: Uint8Array | string): void {
    this.offsets[num] = this.position
    if (stream) {
      this.text(`${num} 0 obj\n${body}\nstream\n`)
      if (typeof stream === 'string') this.text(stream)
      else this.raw(stream)
      this.text('\nendstream\nendobj\n')
    } else this.text(`${num} 0 obj\n${body}\nendobj\n`)
  }

  /**
   * Copies every page of `src` (in order) with everything the pages use, and of their annotations
   * the links only (anything else should have been drawn into the page first). `annotsFor(i)` may add
   * annotation object numbers to page i (0-based within `src`); its `pageNum(j)` gives the object
   * number page j of `src` is copied to (for a link to it). Pages `leave(i)` says to leave out
   * are not copied, and any reference to them (a link, an annotation) becomes null, so nothing of
   * theirs reaches the output.
   */
  copyDocument(
    src: MuDocument,
    annotsFor?: (index: number, pageNum: (index: number) => number | undefined) => number[],
    leave: (index: number) => boolean = () => false,
  ): WrittenPage[] {
    const map = new Map<number, number>()
    const left = new Set<number>()
    const queue: number[] = []
    const refFor = (n: number): number | null => {
      if (left.has(n)) return null
      let m = map.get(n)
      if (m === undefined) {
        m = this.allocate()
        map.set(n, m)
        queue.push(n)
      }
      return m
    }
    const remap = (o: PDFObject): string => {
      if (!o.isIndirect()) return remapReferences(o.toString(true, true), refFor)
      const to = refFor(o.asIndirect())
      return to === null ? 'null' : `${to} 0 R`
    }

    const count = src.countPages()
    const pageObjs: PDFObject[] = []
    for (let i = 0; i < count; i++) {
      const ref = src.findPage(i)
      pageObjs.push(ref)
      // Reserve the page's own number first, so links and annotations pointing at it land on the copy.
      if (ref.isIndirect()) {
        if (leave(i)) left.add(ref.asIndirect())
        else map.set(ref.asIndirect(), this.allocate())
      }
    }
    const pageNum = (j: number): number | undefined => {
      const ref = pageObjs[j]
      return ref?.isIndirect() ? map.get(ref.asIndirect()) : undefined
    }
    const written: WrittenPage[] = []
    for (const [i, ref] of pageObjs.entries()) {
      if (leave(i)) continue
      const num = ref.isIndirect() ? map.get(ref.asIndirect())! : this.allocate()
      const page = ref.resolve()
      const footer = this.allocate()
      const parts: string[] = [`/Type/Page/Parent ${this.pageTree} 0 R`]
      const skip = new Set([
        'Type',
        'Parent',
        'Resources',
        'MediaBox',
        'CropBox',
        'Rotate',
        'Contents',
        'Annots',
      ])
      page.forEach((val, key) => {
        const k = String(key)
        if (!skip.has(k)) parts.push(`${pdfName(k)} ${remap(val)}`)
      })
      const media = numbers(page.getInheritable('MediaBox'), [0, 0, 595.28, 841.89])
      const cropObj = page.getInheritable('CropBox')
      const crop = cropObj.isArray() ? numbers(cropObj, media) : media
      const rotate = page.getInheritable('Rotate')
      const angle = rotate.isNumber() ? (((Math.round(rotate.asNumber() / 90) * 90) % 360) + 360) % 360 : 0
      parts.push(`/MediaBox[${media.join(' ')}]`)
      if (cropObj.isArray()) parts.push(`/CropBox[${crop.join(' ')}]`)
      if (angle) parts.push(`/Rotate ${angle}`)
      parts.push(`/Resources${this.resources(page.getInheritable('Resources'), remap)}`)
      const contents = page.get('Contents')
      const own: string[] = []
      if (contents.isArray()) contents.resolve().forEach((c) => own.push(remap(c)))
      else if (!contents.isNull()) own.push(remap(contents))
      parts.push(`/Contents[${this.save} 0 R ${own.join(' ')} ${footer} 0 R]`)
      const annots: string[] = []
      const existing = page.get('Annots')
      // Links only: any other annotation could hold text no search saw (uploads have theirs baked
      // into the page first, see redactUpload).
      if (existing.isArray())
        existing.resolve().forEach((a) => {
          const subtype = a.resolve().get('Subtype')
          if (subtype.isName() && subtype.asName() === 'Link') annots.push(remap(a))
        })
      for (const a of annotsFor?.(i, pageNum) ?? []) annots.push(`${a} 0 R`)
      if (annots.length) parts.push(`/Annots[${annots.join(' ')}]`)
      this.object(num, `<<${parts.join('')}>>`)
      written.push({ num, box: crop as unknown as WrittenPage['box'], rotate: angle, footer })
    }
    while (queue.length > 0) {
      const n = queue.shift()!
      const out = map.get(n)!
      const obj = src.newIndirect(n)
      const value = obj.resolve()
      if (obj.isStream()) {
        const dict = value.toString(true, true).replace(/\/Length\s+\d+(?:\s+\d+\s+R)?/, '')
        // A view into MuPDF's memory: written before any other MuPDF call can move it.
        const raw = obj.readRawStream()
        const data = raw.asUint8Array()
        const body = remapReferences(dict, refFor).replace(/^<</, `<</Length ${data.length}`)
        this.object(out, body, data)
        raw.destroy()
      } else this.object(out, value.isNull() ? 'null' : remapReferences(value.toString(true, true), refFor))
    }
    return written
  }

  /** The page's resources with the page-number font added (a copy, so shared dictionaries stay as they were). */
  private resources(res: PDFObject, remap: (o: PDFObject) => string): string {
    const parts: string[] = []
    let fonts = ''
    const dict = res.resolve()
    if (dict.isDictionary())
      dict.forEach((val, key) => {
        if (String(key) === 'Font') {
          const f = val.resolve()
          if (f.isDictionary()) f.forEach((fv, fk) => (fonts += `${pdfName(String(fk))} ${remap(fv)}`))
        } else parts.push(`${pdfName(String(key))} ${remap(val)}`)
      })
    parts.push(`/Font<<${fonts}/${FOOTER_FONT} ${this.font} 0 R>>`)
    return `<<${parts.join('')}>>`
  }

  /** Writes an annotation that links an area of a page to another page (its object number). */
  link(area: LinkArea, to: number): number {
    const num = this.allocate()
    this.object(
      num,
      `<</Type/Annot/Subtype/Link/Rect[${area.rect.map(fixed).join(' ')}]/Border[0 0 0]` +
        `/Contents${pdfText(area.description)}/Dest[${to} 0 R/Fit]>>`,
    )
    return num
  }

  /**
   * Numbers the pages ("Page 3 of 120"), writes the page tree, bookmarks, document information and
   * catalogue, and the cross-reference table; then closes the sink.
   */
  finish(
    pages: readonly WrittenPage[],
    info: { title: string; subject: string; author: string; language: string },
    outline: readonly OutlineEntry[],
  ): void {
    pages.forEach((p, i) => {
      const text = bundleText('pdf.pageOf', { page: i + 1, pages: pages.length })
      const w = helveticaWidth(text, FOOTER_SIZE)
      const [x0, y0, x1, y1] = p.box
      const width = x1 - x0
      const height = y1 - y0
      const at = {
        0: [1, 0, 0, 1, x0 + (width - w) / 2, y0 + FROM_EDGE],
        90: [0, 1, -1, 0, x1 - FROM_EDGE, y0 + (height - w) / 2],
        180: [-1, 0, 0, -1, x0 + (width + w) / 2, y1 - FROM_EDGE],
        270: [0, -1, 1, 0, x0 + FROM_EDGE, y0 + (height + w) / 2],
      }[p.rotate as 0 | 90 | 180 | 270]!
      const ops = `Q\nq BT 0 g /${FOOTER_FONT} ${FOOTER_SIZE} Tf ${at.map(fixed).join(' ')} Tm (${text}) Tj ET Q\n`
      this.object(p.footer, `<</Length ${ops.length}>>`, ops)
    })
    this.object(
      this.pageTree,
      `<</Type/Pages/Count ${pages.length}/Kids[${pages.map((p) => `${p.num} 0 R`).join(' ')}]>>`,
    )

    const outlineRoot = outline.length ? this.writeOutline(outline, pages) : null
    const infoNum = this.allocate()
    this.object(
      infoNum,
      `<</Title${pdfText(info.title)}/Subject${pdfText(info.subject)}/Author${pdfText(info.author)}` +
        `/Producer${pdfText('Redress')}/Creator${pdfText('Redress')}>>`,
    )
    this.object(
      this.catalog,
      `<</Type/Catalog/Pages ${this.pageTree} 0 R/Lang${pdfText(info.language)}` +
        `/ViewerPreferences<</DisplayDocTitle true>>` +
        (outlineRoot ? `/Outlines ${outlineRoot} 0 R/PageMode/UseOutlines` : '') +
        '>>',
    )
    const size = this.nextNum
    const xref = this.position
    let table = `xref\n0 ${size}\n0000000000 65535 f \n`
    for (let n = 1; n < size; n++) {
      const off = this.offsets[n]
      table += off === undefined ? '0000000000 65535 f \n' : `${String(off).padStart(10, '0')} 00000 n \n`
    }
    table += `trailer\n<</Size ${size}/Root ${this.catalog} 0 R/Info ${infoNum} 0 R>>\nstartxref\n${xref}\n%%EOF\n`
    this.text(table)
    this.sink.close()
  }

  private writeOutline(items: readonly OutlineEntry[], pages: readonly WrittenPage[]): number {
    const root = this.allocate()
    const build = (
      list: readonly OutlineEntry[],
      parent: number,
    ): { first: number; last: number; count: number } => {
      const nums = list.map(() => this.allocate())
      let count = 0
      list.forEach((item, i) => {
        const kids = item.children?.length ? build(item.children, nums[i]!) : null
        const to = pages[item.page]
        let body = `<</Title${pdfText(item.title)}/Parent ${parent} 0 R${to ? `/Dest[${to.num} 0 R/Fit]` : ''}`
        if (i > 0) body += `/Prev ${nums[i - 1]} 0 R`
        if (i < nums.length - 1) body += `/Next ${nums[i + 1]} 0 R`
        if (kids) body += `/First ${kids.first} 0 R/Last ${kids.last} 0 R/Count ${kids.count}`
        this.object(nums[i]!, `${body}>>`)
        count += 1 + (kids?.count ?? 0)
      })
      return { first: nums[0]!, last: nums[nums.length - 1]!, count }
    }
    const top = build(items, root)
    this.object(root, `<</Type/Outlines/First ${top.first} 0 R/Last ${top.last} 0 R/Count ${top.count}>>`)
    return root
  }
}

const fixed = (n: number): string => (Math.round(n * 100) / 100).toString()

function numbers(o: PDFObject, fallback: readonly number[]): number[] {
  const a = o.resolve()
  if (!a.isArray() || a.length !== 4) return [...fallback]
  const out: number[] = []
  a.forEach((v) => out.push(v.resolve().isNumber() ? v.resolve().asNumber() : 0))
  const [x0, y0, x1, y1] = out as [number, number, number, number]
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]
}
