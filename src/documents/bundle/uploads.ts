import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { constants, deflateSync } from 'node:zlib'
import type { PDFDocument as MuDocument, PDFObject, PDFPage as MuPage, Quad, StructuredText } from 'mupdf'
import { bundleText } from './copy.ts'
import type { Mupdf } from './mupdf.ts'
import { isNotesPage } from './notes-pages.ts'
import type { Range, RedactionKind, Redactor } from './redact.ts'
import type { BundleProblem, ProblemKind } from './types.ts'

/** Fewer visible characters than this and a page is treated as having no text layer (a scan or photo). */
const MIN_TEXT = 20

const MESSAGE_KEYS: Record<ProblemKind, string> = {
  'not-pdf': 'problems.notPdf',
  encrypted: 'problems.encrypted',
  damaged: 'problems.damaged',
  'no-pages': 'problems.noPages',
}

export const problem = (id: string, fileName: string, kind: ProblemKind): BundleProblem => ({
  id,
  fileName,
  kind,
  message: bundleText(MESSAGE_KEYS[kind], { name: fileName }),
})

export type Opened =
  | { readonly ok: true; readonly doc: MuDocument; readonly image: boolean }
  | { readonly ok: false; readonly problem: BundleProblem }

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x)
const isJpeg = (b: Uint8Array): boolean => startsWith(b, [0xff, 0xd8, 0xff])
const isPng = (b: Uint8Array): boolean => startsWith(b, [0x89, 0x50, 0x4e, 0x47])
const looksLikePdf = (b: Uint8Array): boolean =>
  Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 1024)).includes('%PDF-')

/**
 * Opens a PDF held in `bytes`, which must not change while the document is open. MuPDF reads it
 * through a stream, taking each part as it needs it: handed the bytes themselves, mupdf.js would
 * copy the whole file twice (into a new array, then into MuPDF's memory).
 */
export function openPdfBytes(m: Mupdf, bytes: Uint8Array): MuDocument {
  const stream = new m.Stream({
    fileSize: () => bytes.length,
    read: (memory, offset, length, position) => {
      const n = Math.max(0, Math.min(length, bytes.length - position))
      memory.set(bytes.subarray(position, position + n), offset)
      return n
    },
    close: () => undefined,
  })
  try {
    return m.Document.openDocument(stream, 'application/pdf') as MuDocument
  } finally {
    stream.destroy() // the document keeps its own hold on the stream
  }
}

/** A4 in points, turned to suit the picture. */
function pageFor(w: number, h: number): [number, number] {
  return w > h ? [841.89, 595.28] : [595.28, 841.89]
}

/**
 * Opens an uploaded PDF, or makes a one-page PDF of a photo or scan (JPEG or PNG); or says why it
 * cannot be used. A PDF is read from `bytes` as it is used: keep them unchanged until the document
 * is destroyed.
 */
export function openUpload(m: Mupdf, id: string, fileName: string, bytes: Uint8Array): Opened {
  if (isJpeg(bytes) || isPng(bytes)) {
    try {
      const img = new m.Image(bytes)
      const doc = new m.PDFDocument()
      const [pw, ph] = pageFor(img.getWidth(), img.getHeight())
      const scale = Math.min(pw / img.getWidth(), ph / img.getHeight())
      const w = img.getWidth() * scale
      const h = img.getHeight() * scale
      const res = doc.newDictionary()
      const xobjects = doc.newDictionary()
      xobjects.put('Im0', doc.addImage(img))
      res.put('XObject', xobjects)
      // copy: not user-facing (PDF drawing operators)
      const ops = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${((pw - w) / 2).toFixed(2)} ${((ph - h) / 2).toFixed(2)} cm /Im0 Do Q`
      doc.insertPage(-1, doc.addPage([0, 0, pw, ph], 0, res, ops))
      return { ok: true, doc, image: true }
    } catch {
      return { ok: false, problem: problem(id, fileName, 'damaged') }
    }
  }
  if (!looksLikePdf(bytes)) return { ok: false, problem: problem(id, fileName, 'not-pdf') }
  let doc: MuDocument
  try {
    doc = openPdfBytes(m, bytes)
  } catch {
    return { ok: false, problem: problem(id, fileName, 'damaged') }
  }
  try {
    if (doc.needsPassword()) {
      doc.destroy()
      return { ok: false, problem: problem(id, fileName, 'encrypted') }
    }
    const pages = doc.countPages()
    if (pages === 0) {
      const repaired = doc.wasRepaired()
      doc.destroy()
      return { ok: false, problem: problem(id, fileName, repaired ? 'damaged' : 'no-pages') }
    }
  } catch {
    doc.destroy()
    return { ok: false, problem: problem(id, fileName, 'damaged') }
  }
  return { ok: true, doc, image: false }
}

export interface PageRedaction {
  /** 1-based page within the file. */
  readonly page: number
  /** The page had (almost) no text to search: a scan or photo not yet read. */
  readonly noText: boolean
  /** What was removed from the page content, by kind and whose. */
  readonly removed: readonly {
    readonly kind: RedactionKind
    readonly whose: string
    readonly count: number
  }[]
  /** A page of notes for the parent from a Redress letter (older letters carried one): never for the bundle. */
  readonly notes: boolean
  /** What could still be read on the page after removal (should never happen; reported if it does). */
  readonly left: readonly { readonly kind: RedactionKind; readonly whose: string }[]
}

/** The text with the quad of each UTF-16 unit (null for the line breaks added between lines). */
function charsOf(st: StructuredText): { text: string; quads: (Quad | null)[] } {
  let text = ''
  const quads: (Quad | null)[] = []
  st.walk({
    onChar(c: string, _origin: unknown, _font: unknown, _size: number, quad: Quad) {
      text += c
      for (let i = 0; i < c.length; i++) quads.push(quad)
    },
    endLine() {
      text += '\n'
      quads.push(null)
    },
  })
  return { text, quads }
}

const level = (q: Quad): boolean => Math.abs(q[1] - q[3]) < 0.5 && Math.abs(q[5] - q[7]) < 0.5

/**
 * One quad a line for runs of upright characters (MuPDF checks every glyph against every quad, so
 * fewer quads is much faster); characters on a slant keep their own quads.
 */
function mergeLines(quads: readonly (Quad | null)[]): Quad[] {
  const out: Quad[] = []
  let run: Quad | null = null
  const flush = (): void => {
    if (run) out.push(run)
    run = null
  }
  for (const q of quads) {
    if (!q) {
      flush()
      continue
    }
    if (!level(q)) {
      flush()
      out.push(q)
      continue
    }
    if (!run) {
      run = [...q] as Quad
      continue
    }
    const r: Quad = run
    const x0 = Math.min(r[0], q[0])
    const x1 = Math.max(r[2], q[2])
    const y0 = Math.min(r[1], q[1])
    const y1 = Math.max(r[5], q[5])
    run = [x0, y0, x1, y0, x0, y1, x1, y1]
  }
  flush()
  return out
}

/**
 * The places to cover, each once: ranges that overlap (a detail found both exactly and with its
 * spacing ignored) or that are apart only by spaces and commas (the lines of an address) become
 * one span. Every character of every range stays covered; fewer, longer quads are much cheaper
 * for MuPDF, which checks each glyph drawn against each quad.
 */
export function spans(ranges: readonly Range[], text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1]
    if (last && (r.start <= last.end || /^[ \t,]*$/.test(text.slice(last.end, r.start))))
      last.end = Math.max(last.end, r.end)
    else out.push({ start: r.start, end: r.end })
  }
  return out
}

function summarise(ranges: readonly Range[]): PageRedaction['removed'] {
  const out: { kind: RedactionKind; whose: string; count: number }[] = []
  for (const r of ranges) {
    const e = out.find((x) => x.kind === r.kind && x.whose === r.whose)
    if (e) e.count++
    else out.push({ kind: r.kind, whose: r.whose, count: 1 })
  }
  return out
}

const distinct = (ranges: readonly Range[]): { kind: RedactionKind; whose: string }[] =>
  summarise(ranges).map(({ kind, whose }) => ({ kind, whose }))

/**
 * Whether a page may hold text: its content has a text object, or it draws a form (which may).
 * Pages that are only a picture (scans, photos) are answered from their small content stream
 * without MuPDF laying out the page.
 */
function mayHaveText(page: MuPage): boolean {
  try {
    const obj = page.getObject()
    const contents = obj.get('Contents')
    const streams: PDFObject[] = []
    if (contents.isArray()) contents.resolve().forEach((c) => streams.push(c))
    else if (!contents.isNull()) streams.push(contents)
    let size = 0
    for (const c of streams) {
      const buf = c.readStream()
      const text = buf.asString()
      buf.destroy()
      size += text.length
      if (size > 1 << 16 || /\bBT\b/.test(text)) return true
    }
    const xobjects = obj.getInheritable('Resources').get('XObject')
    let form = false
    if (xobjects.isDictionary())
      xobjects.forEach((x) => {
        const subtype = x.get('Subtype')
        if (subtype.isName() && subtype.asName() === 'Form') form = true
      })
    if (form) return true
    // An annotation may carry text; an empty list (pdf-lib writes one on every page) carries none.
    const annots = obj.get('Annots')
    return annots.isArray() && annots.resolve().length > 0
  } catch {
    return true
  }
}

/**
 * Takes off the page every link whose address or description holds a detail to remove
 * ("mailto:" and the other parent's email, say, as browsers print an email address): no text
 * search sees a link's address, yet it would be in the bundle. Returns what was found, one range
 * a link. The page's annotation list is rewritten directly, so the change holds however the page
 * was loaded.
 */
function linksWithDetails(doc: MuDocument, page: MuPage, redactor: Redactor): Range[] {
  const obj = page.getObject()
  const annots = obj.get('Annots')
  if (!annots.isArray()) return []
  const found: Range[] = []
  const keep = doc.newArray()
  annots.resolve().forEach((a) => {
    const d = a.resolve()
    const subtype = d.get('Subtype')
    const texts: string[] = []
    if (subtype.isName() && subtype.asName() === 'Link') {
      const action = d.get('A')
      const uri = action.isDictionary() ? action.get('URI') : null
      if (uri?.isString()) {
        const s = uri.asString()
        texts.push(s)
        try {
          texts.push(decodeURIComponent(s))
        } catch {
          // not percent-encoded: searched as it is
        }
      }
      const contents = d.get('Contents')
      if (contents.isString()) texts.push(contents.asString())
      texts.push(d.toString(true, true))
    }
    const hit = texts.flatMap((t) => redactor.locate(t))[0]
    if (hit) found.push(hit)
    else keep.push(a)
  })
  if (found.length > 0) obj.put('Annots', keep)
  return found
}

/**
 * Whether any page carries an annotation other than a link: a comment, text typed on with a
 * "fill and sign" tool, a stamp, a filled-in form field. MuPDF's text layout reads the page
 * content only, so text held in such annotations would never be searched.
 */
function hasMarkup(doc: MuDocument): boolean {
  for (let i = 0; i < doc.countPages(); i++) {
    const annots = doc.findPage(i).get('Annots')
    if (!annots.isArray()) continue
    let markup = false
    annots.resolve().forEach((a) => {
      const subtype = a.resolve().get('Subtype')
      if (!(subtype.isName() && subtype.asName() === 'Link')) markup = true
    })
    if (markup) return true
  }
  return false
}

/** Pictures whose pixels MuPDF rewrote are stored again compressed when larger than this (bytes). */
const RECOMPRESS_OVER = 16 * 1024

/**
 * MuPDF stores each picture it blacked out as raw pixels (about 2.2 MB for a scanned A4 page in
 * grey). Each is stored again losslessly compressed (Flate, zlib's fastest level: a few tens of
 * milliseconds a page, about half the size on a noisy scan and far less on a clean one; JPEG would
 * be smaller still but took 4-6 times the CPU in MuPDF's encoder). zlib's run-length strategy is
 * used: on a grey scan it took about 70% of the CPU of the default strategy at level 1 and made a
 * slightly smaller stream. The pixels, black boxes included, are exactly the ones MuPDF wrote.
 */
function recompressPictures(doc: MuDocument, page: MuPage): void {
  const xobjects = page.getObject().getInheritable('Resources').get('XObject')
  if (!xobjects.isDictionary()) return
  const raw: PDFObject[] = []
  xobjects.forEach((x) => {
    if (!x.isStream()) return
    const dict = x.resolve()
    const subtype = dict.get('Subtype')
    const parms = dict.get('DecodeParms')
    if (
      subtype.isName() &&
      subtype.asName() === 'Image' &&
      dict.get('Filter').isNull() &&
      (parms.isNull() || (parms.isDictionary() && parms.toString() === '<<>>'))
    )
      raw.push(x)
  })
  for (const obj of raw) {
    const data = obj.readRawStream()
    if (data.getLength() > RECOMPRESS_OVER) {
      const packed = deflateSync(data.asUint8Array(), { level: 1, strategy: constants.Z_RLE })
      data.destroy()
      obj.writeRawStream(packed)
      const dict = obj.resolve()
      dict.put('Filter', doc.newName('FlateDecode'))
      dict.delete('DecodeParms')
    } else data.destroy()
  }
}

/**
 * What produced a page's text, for keeping it (ADR 0008, "MuPDF's own page text, kept"): MuPDF's
 * version and the way Redress asks it (structured text with white space preserved, after drawing
 * annotations into the page, picture-only pages answered from their content). Text kept under
 * any other engine is never used. Null when MuPDF's version cannot be read: nothing is kept.
 */
export const textEngine = (() => {
  let engine: string | null | undefined
  return (): string | null => {
    if (engine !== undefined) return engine
    try {
      const main = createRequire(import.meta.url).resolve('mupdf')
      const pkg = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as {
        name?: unknown
        version?: unknown
      }
      const version = pkg.name === 'mupdf' && typeof pkg.version === 'string' ? pkg.version : null
      // copy: not user-facing (a cache key naming the engine and how it is asked)
      const how = 'page text 1 (preserve-whitespace, baked, picture pages by content)'
      engine = version === null ? null : `mupdf ${version}; ${how}`
    } catch {
      engine = null
    }
    return engine
  }
})()

/** MuPDF's text of one page of `doc` as it stands: laid out, unless its content shows it is only pictures. */
function readPage(doc: MuDocument, i: number): string {
  const page = doc.loadPage(i)
  try {
    if (!mayHaveText(page)) return ''
    const st = page.toStructuredText('preserve-whitespace')
    const text = st.asText()
    st.destroy()
    return text
  } finally {
    page.destroy()
  }
}

/** Page text kept from an earlier reading of the same bytes by the same engine, and where to put this reading's. */
export interface PageTexts {
  /**
   * MuPDF's text of each page, read by `readPage` from the same bytes by the same MuPDF (the caller
   * checks the SHA-256 and `textEngine()`). Used only when it has one entry a page.
   */
  readonly cached?: readonly string[] | null
  /** Receives the text of every page as read before any change (or as kept), for keeping. */
  readonly out?: string[]
}

/**
 * Reads each page's text with MuPDF and removes every redaction target found: a redaction
 * annotation over the characters, then MuPDF applies it, taking the text out of the page content
 * and blacking out the pixels of any picture under it (a scan with an OCR layer). Each touched page
 * is read again to confirm nothing is left. Annotations other than links (comments, typed-on
 * text, stamps, form fields) are first drawn into the page content ("baked", as printing would),
 * so their text is searched and removed like the rest of the page; a link whose address holds a
 * detail (a "mailto:" link) is taken off.
 *
 * Every page's text is read first, before any page is changed, so what decides whether a page is
 * searched closely depends on the file's bytes alone; `texts.cached` may stand in for that
 * reading (the same engine's text of the same bytes), and then only the pages whose text holds
 * a target are laid out again.
 */
export function redactUpload(
  m: Mupdf,
  doc: MuDocument,
  redactor: Redactor,
  texts: PageTexts = {},
): PageRedaction[] {
  if (hasMarkup(doc)) doc.bake(true, true)
  const out: PageRedaction[] = []
  const count = doc.countPages()
  const kept = texts.cached?.length === count ? texts.cached : null
  const read: string[] = []
  for (let i = 0; i < count; i++) read.push(kept ? kept[i]! : readPage(doc, i))
  texts.out?.push(...read)
  for (let i = 0; i < count; i++) {
    const text = read[i]!
    const noText = text.replace(/\s+/g, '').length < MIN_TEXT
    const notes = isNotesPage(text)
    let ranges: Range[] = []
    let left: PageRedaction['left'] = []
    const page = doc.loadPage(i)
    if (redactor.active && redactor.has(text)) {
      // Laid out again for the place of each character (and as the page now stands).
      const st = page.toStructuredText('preserve-whitespace')
      const chars = charsOf(st)
      st.destroy()
      ranges = redactor.locate(chars.text)
      // One redaction annotation for the page, holding every place found: MuPDF checks each
      // character drawn against every annotation, looking each one up again, so one is cheaper.
      const quads = spans(ranges, chars.text).flatMap((r) => mergeLines(chars.quads.slice(r.start, r.end)))
      if (quads.length > 0) page.createAnnotation('Redact').setQuadPoints(quads)
      page.applyRedactions(
        true,
        m.PDFPage.REDACT_IMAGE_PIXELS,
        m.PDFPage.REDACT_LINE_ART_NONE,
        m.PDFPage.REDACT_TEXT_REMOVE,
      )
      recompressPictures(doc, page)
      const again = page.toStructuredText('preserve-whitespace')
      left = distinct(redactor.locate(again.asText()))
      again.destroy()
    }
    const links = redactor.active ? linksWithDetails(doc, page, redactor) : []
    page.destroy()
    out.push({ page: i + 1, noText, notes, removed: summarise([...ranges, ...links]), left })
  }
  return out
}
