/**
 * A mixed corpus of synthetic case documents for the bundle benchmark and tests: letters made by
 * Redress, browser-printed pages (Chromium's "print to PDF" when Chromium is installed, else
 * pdf-lib pages with embedded fonts), scans (pages that are only a JPEG picture of text, some with
 * an invisible OCR text layer as scanner software writes it) and photos (colour JPEGs, one a page).
 * Every name, address and number is made up. Deterministic for a given seed.
 *
 * Run: npx tsx bench/corpus.ts [pages] [dir]  (writes the files and corpus.json to dir)
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type * as MupdfModule from 'mupdf'
import { PDFDocument, setTextRenderingMode, StandardFonts, TextRenderingMode } from 'pdf-lib'
import { buildLetter, renderLetterPdf } from '../src/documents/index.ts'
import { SAMPLE_INPUTS } from '../test/fixtures/documents/inputs.ts'

export type CorpusKind = 'letter' | 'browser' | 'scan' | 'photo'

export interface CorpusFile {
  readonly name: string
  readonly kind: CorpusKind
  readonly title: string
  /** ISO date the document is dated. */
  readonly date: string
  readonly pages: number
  readonly bytes: Uint8Array
}

/** The made-up details that appear in some documents, to test redaction against. */
export const CORPUS_PEOPLE = {
  parent: {
    name: 'Alex Sample',
    addressLines: ['41 Larkspur Row', 'Westbury Vale'],
    postcode: 'ZE3 9QT',
    phone: '07700 900461',
    email: 'alex.sample@example.org',
  },
  otherParent: {
    name: 'Robin Testfield',
    addressLines: ['8 Quarry Mews', 'Eastcombe'],
    postcode: 'ZW7 2JD',
    phone: '07700 900982',
    email: 'robin.t@example.net',
  },
} as const

const A4: [number, number] = [595.28, 841.89]

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS =
  'payment schedule arrears collection review income weekly nights care decision notice calculation evidence statement period account transfer agreed reference received balance missed partial'.split(
    ' ',
  )

function sentence(rnd: () => number, n = 12): string {
  const w = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]!)
  const s = w.join(' ')
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`
}

const iso = (i: number): string => {
  const day = 1 + (i % 28)
  const month = 1 + (Math.floor(i / 28) % 12)
  return `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Lines of a page of a statement-like document; page 1 names the parent or the other parent. */
function pageLines(rnd: () => number, file: number, page: number): string[] {
  const p = file % 2 === 0 ? CORPUS_PEOPLE.parent : CORPUS_PEOPLE.otherParent
  const head =
    page === 1
      ? [
          `${p.name}`,
          `${p.addressLines.join(', ')}, ${p.postcode}`,
          `Telephone ${p.phone}  Email ${p.email}`,
          '',
          `Statement ${file + 1}: child maintenance payments`,
        ]
      : [`Statement ${file + 1}, page ${page}`]
  const body = Array.from({ length: 34 - head.length }, (_, i) =>
    i % 6 === 5
      ? `${iso(file * 7 + i)}   £${(40 + Math.floor(rnd() * 9000) / 100).toFixed(2)}`
      : sentence(rnd),
  )
  return [...head, ...body]
}

async function textPages(rnd: () => number, file: number, pages: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage(A4)
    pageLines(rnd, file, p).forEach((l, i) => page.drawText(l, { x: 56, y: 780 - i * 20, size: 10.5, font }))
  }
  return doc
}

/** Browser-printed: Chromium's print to PDF of an HTML statement (compressed, subset TrueType fonts). */
function chromiumPdf(html: string, dir: string): Uint8Array | null {
  const src = join(dir, 'page.html')
  const out = join(dir, 'page.pdf')
  writeFileSync(src, html)
  const r = spawnSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-pdf-header-footer',
      `--print-to-pdf=${out}`,
      pathToFileURL(src).href,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  )
  if (r.status !== 0 || !existsSync(out)) return null
  const bytes = new Uint8Array(readFileSync(out))
  rmSync(out)
  return bytes
}

async function browserPrinted(
  rnd: () => number,
  file: number,
  pages: number,
  dir: string,
): Promise<Uint8Array> {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><style>',
    'body{font-family:"DejaVu Sans",sans-serif;font-size:11pt;margin:0}',
    'section{page-break-after:always;padding:20mm}h1{font-size:16pt}td{padding:2px 8px;border-bottom:1px solid #ccc}',
    '</style></head><body>',
  ]
  for (let p = 1; p <= pages; p++) {
    const lines = pageLines(rnd, file, p)
    html.push(`<section><h1>${esc(lines[0]!)}</h1>`)
    html.push(`<p>${lines.slice(1, 4).map(esc).join('<br>')}</p><table>`)
    for (const l of lines.slice(4, 28)) html.push(`<tr><td>${esc(l)}</td></tr>`)
    html.push('</table></section>')
  }
  html.push('</body></html>')
  const printed = process.env.REDRESS_CORPUS_NO_CHROMIUM ? null : chromiumPdf(html.join('\n'), dir)
  if (printed) {
    // Chromium may add a blank trailing page; keep exactly the pages asked for.
    const doc = await PDFDocument.load(printed)
    while (doc.getPageCount() > pages) doc.removePage(doc.getPageCount() - 1)
    if (doc.getPageCount() === pages) return doc.save({ useObjectStreams: true })
  }
  return (await textPages(rnd, file, pages)).save({ useObjectStreams: true })
}

type Mupdf = typeof MupdfModule

/** A picture of a text page, as a phone or office scanner makes it: grey JPEG at 150 dpi with noise. */
function scanJpeg(m: Mupdf, textPdf: Uint8Array, pageIndex: number, rnd: () => number): Uint8Array {
  const doc = m.Document.openDocument(textPdf, 'application/pdf')
  const page = doc.loadPage(pageIndex)
  const pix = page.toPixmap(m.Matrix.scale(150 / 72, 150 / 72), m.ColorSpace.DeviceGray, false, false)
  const px = pix.getPixels()
  for (let i = 0; i < px.length; i += 1)
    px[i] = Math.max(0, Math.min(255, px[i]! - 12 + Math.floor(rnd() * 10)))
  const jpeg = pix.asJPEG(70)
  pix.destroy()
  page.destroy()
  doc.destroy()
  return jpeg
}

/** A photo: colour JPEG with smooth shapes and sensor noise, 1600 x 1200. */
function photoJpeg(m: Mupdf, rnd: () => number): Uint8Array {
  const w = 1600
  const h = 1200
  const pix = new m.Pixmap(m.ColorSpace.DeviceRGB, [0, 0, w, h], false)
  const px = pix.getPixels()
  const cx = rnd() * w
  const cy = rnd() * h
  const hue = [rnd() * 200, rnd() * 200, rnd() * 200]
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const d = Math.hypot(x - cx, y - cy) / 900
      const i = (y * w + x) * 3
      for (let c = 0; c < 3; c++)
        px[i + c] = Math.max(0, Math.min(255, hue[c]! * (1 - d) + 40 + ((x * (c + 1) + y) % 37) + rnd() * 18))
    }
  const jpeg = pix.asJPEG(80)
  pix.destroy()
  return jpeg
}

async function imagePdf(
  jpegs: readonly Uint8Array[],
  ocr?: (page: number) => readonly string[],
): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (const [i, bytes] of jpegs.entries()) {
    const img = await doc.embedJpg(bytes)
    const landscape = img.width > img.height
    const size: [number, number] = landscape ? [A4[1], A4[0]] : A4
    const page = doc.addPage(size)
    page.drawImage(img, { x: 0, y: 0, width: size[0], height: size[1] })
    const lines = ocr?.(i + 1)
    if (lines) {
      // An invisible text layer (rendering mode 3) over the picture, as OCR software writes it.
      page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible))
      lines.forEach((l, k) => page.drawText(l, { x: 56, y: 780 - k * 20, size: 10.5, font }))
    }
  }
  return doc.save({ useObjectStreams: true })
}

/**
 * Makes the corpus. The page mix is about 7% letters, 33% browser-printed, 33% scans and 27%
 * photos; `pages` is met exactly.
 */
export async function generateCorpus(pages = 300, seed = 11): Promise<CorpusFile[]> {
  const m = await import('mupdf')
  const rnd = random(seed)
  const work = mkdtempSync(join(tmpdir(), 'redress-corpus-'))
  const out: CorpusFile[] = []
  let left = pages
  let n = 0
  const add = (f: Omit<CorpusFile, 'name' | 'date'>, ext = 'pdf'): void => {
    out.push({ ...f, name: `${String(++n).padStart(3, '0')}-${f.kind}.${ext}`, date: iso(n) })
    left -= f.pages
  }
  try {
    // Letters Redress made (the same few kinds each time, real letter code).
    const letterKinds = Object.keys(SAMPLE_INPUTS).slice(0, 8) as (keyof typeof SAMPLE_INPUTS)[]
    const letters: Uint8Array[] = []
    for (const k of letterKinds)
      letters.push(await renderLetterPdf(buildLetter(k, SAMPLE_INPUTS[k] as never)))
    const letterPages = await Promise.all(
      letters.map(async (b) => (await PDFDocument.load(b)).getPageCount()),
    )
    const budget = {
      letter: Math.round(pages * 0.07),
      browser: Math.round(pages * 0.33),
      scan: Math.round(pages * 0.33),
    }
    let used = 0
    for (let i = 0; used < budget.letter && left > 0; i++) {
      const k = i % letters.length
      if (letterPages[k]! > left) break
      add({
        kind: 'letter',
        title: `Letter ${i + 1} sent to the CMS`,
        pages: letterPages[k]!,
        bytes: letters[k]!,
      })
      used += letterPages[k]!
    }
    for (let file = 0, used2 = 0; used2 < budget.browser && left > 0; file++) {
      const p = Math.min(left, 5 + (file % 3) * 5, budget.browser - used2)
      add({
        kind: 'browser',
        title: `Online account statement ${file + 1}`,
        pages: p,
        bytes: await browserPrinted(rnd, file, p, work),
      })
      used2 += p
    }
    for (let file = 0, used3 = 0; used3 < budget.scan && left > 0; file++) {
      const p = Math.min(left, 4 + (file % 4) * 2, budget.scan - used3)
      const src = await (await textPages(rnd, 100 + file, p)).save()
      const jpegs = Array.from({ length: p }, (_, i) => scanJpeg(m, src, i, rnd))
      const withOcr = file % 2 === 0
      // Same seed again so the OCR layer says what the picture shows.
      const ocrLines = withOcr
        ? (page: number): string[] => pageLines(random(seed + file), 100 + file, page)
        : undefined
      add({
        kind: 'scan',
        title: `Scanned letter ${file + 1}${withOcr ? ' (with OCR text)' : ''}`,
        pages: p,
        bytes: await imagePdf(jpegs, ocrLines),
      })
      used3 += p
    }
    for (let i = 0; left > 0; i++)
      add({ kind: 'photo', title: `Photo ${i + 1}`, pages: 1, bytes: await imagePdf([photoJpeg(m, rnd)]) })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return out
}

/** Writes (or reuses) a corpus in `dir`: the files and corpus.json describing them. */
export async function corpusOnDisk(
  dir: string,
  pages = 300,
  seed = 11,
): Promise<(CorpusFile & { path: string })[]> {
  const index = join(dir, 'corpus.json')
  if (existsSync(index)) {
    const meta = JSON.parse(readFileSync(index, 'utf8')) as (Omit<CorpusFile, 'bytes'> & { seed: number })[]
    if (meta.length > 0 && meta[0]!.seed === seed && meta.reduce((a, f) => a + f.pages, 0) === pages)
      return meta.map((f) => ({
        ...f,
        path: join(dir, f.name),
        bytes: new Uint8Array(readFileSync(join(dir, f.name))),
      }))
  }
  mkdirSync(dir, { recursive: true })
  const files = await generateCorpus(pages, seed)
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes)
  writeFileSync(
    index,
    JSON.stringify(
      files.map(({ bytes: _b, ...f }) => ({ ...f, seed })),
      null,
      1,
    ),
  )
  return files.map((f) => ({ ...f, path: join(dir, f.name) }))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const pages = Number(process.argv[2] ?? 300)
  const dir = process.argv[3] ?? join('.tmp', `corpus-${pages}`)
  const files = await corpusOnDisk(dir, pages)
  const by = (k: CorpusKind): number => files.filter((f) => f.kind === k).reduce((a, f) => a + f.pages, 0)
  const bytes = files.reduce((a, f) => a + f.bytes.length, 0)
  console.log(
    `${files.length} files, ${pages} pages (letters ${by('letter')}, browser ${by('browser')}, scans ${by('scan')}, photos ${by('photo')}), ${(bytes / 1e6).toFixed(1)} MB in ${dir}`,
  )
}
