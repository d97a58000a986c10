import { createHash } from 'node:crypto'
import { PDFDocument, type PDFPage } from 'pdf-lib'
import type { PDFDocument as MuDocument } from 'mupdf'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { drawLedger } from '../arrears/ledger-pdf.ts'
import { checkLetter } from '../letters/check.ts'
import type { Letter } from '../letters/model.ts'
import { drawLetter } from '../letters/render-pdf.ts'
import type { ChronologyEntry, DisputedFigure } from '../letters/templates/appeal-pack.ts'
import { embedFonts, type Fonts } from '../pdf/fonts.ts'
import { A4, measuringPage, PageFlow, type Rect } from '../pdf/flow.ts'
import { bundleText } from './copy.ts'
import { drawChronology, drawCover, drawIndex, drawSchedule, type IndexRow } from './generated.ts'
import { describeFindings, missingCoreDocuments } from './messages.ts'
import { loadMupdf } from './mupdf.ts'
import {
  FileSink,
  MemorySink,
  PdfWriter,
  type OutlineEntry,
  type Sink,
  type WrittenPage,
} from './pdf-writer.ts'
import { type Match, redactLetter, Redactor } from './redact.ts'
import { openPdfBytes, openUpload, problem, redactUpload, textEngine, type PageTexts } from './uploads.ts'
import {
  SECTIONS,
  type ArrearsLedgerSection,
  type BuildBundleOptions,
  type BundleDocument,
  type BundleEntry,
  type BundleInput,
  type BundleProblem,
  type BundleReport,
  type BundleResult,
  type BundleSection,
  type FoundDetail,
  type PageToCheck,
  type RedactionLogEntry,
  type RemovedDetail,
} from './types.ts'

type PartMeta = Pick<BundleDocument, 'id' | 'title' | 'date' | 'section'>

type Part =
  | { readonly kind: 'letter'; readonly doc: PartMeta; readonly letter: Letter }
  | {
      readonly kind: 'file'
      readonly doc: PartMeta
      readonly source: Extract<BundleDocument['source'], { kind: 'pdf' }>
    }
  | { readonly kind: 'chronology'; readonly doc: PartMeta; readonly entries: readonly ChronologyEntry[] }
  | { readonly kind: 'schedule'; readonly doc: PartMeta; readonly figures: readonly DisputedFigure[] }
  | { readonly kind: 'arrears'; readonly doc: PartMeta; readonly ledger: ArrearsLedgerSection }

const pagesLabel = (first: number, last: number): string => (first === last ? `${first}` : `${first}–${last}`)

/** Counts what redaction removed, per document and kind of detail. */
class RemovalLog {
  readonly entries: RemovedDetail[] = []

  add(id: string, title: string, kind: RemovedDetail['kind'], whose: string, count: number): void {
    const i = this.entries.findIndex((x) => x.id === id && x.kind === kind && x.whose === whose)
    const prev = this.entries[i]
    if (prev) this.entries[i] = { ...prev, count: prev.count + count }
    else this.entries.push({ id, title, kind, whose, count })
  }

  note(id: string, title: string, matches: readonly Match[]): void {
    for (const m of matches) this.add(id, title, m.kind, m.whose, 1)
  }
}

/** The documents in section order, the parent's order kept within each section. */
function plan(input: BundleInput): Part[] {
  const parts: Part[] = []
  const made = (id: string, title: string, section: BundleSection): PartMeta => ({
    id: `redress:${id}`,
    title,
    date: input.date,
    section,
  })
  for (const s of SECTIONS) {
    if (s.id === 'appeal' && input.disputedFigures?.length)
      parts.push({
        kind: 'schedule',
        doc: made('disputed-figures', bundleText('made.schedule'), 'appeal'),
        figures: input.disputedFigures,
      })
    if (s.id === 'chronology' && input.chronology?.length)
      parts.push({
        kind: 'chronology',
        doc: made('chronology', bundleText('made.chronology'), 'chronology'),
        entries: input.chronology,
      })
    if (s.id === 'arrears')
      for (const a of input.arrears ?? [])
        parts.push({
          kind: 'arrears',
          doc: { id: `redress:arrears-${a.id}`, title: a.title, date: a.date, section: 'arrears' },
          ledger: a,
        })
    for (const d of input.documents.filter((x) => x.section === s.id)) {
      if (d.source.kind === 'letter') parts.push({ kind: 'letter', doc: d, letter: d.source.letter })
      else parts.push({ kind: 'file', doc: d, source: d.source })
    }
  }
  return parts
}

function numbersFor(parts: readonly Part[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const s of SECTIONS)
    parts.filter((p) => p.doc.section === s.id).forEach((p, i) => out.set(p.doc.id, `${s.letter}${i + 1}`))
  return out
}

/**
 * Fails if any redaction target can still be read on the pages Redress drew itself: the made
 * documents' pages first, then (from page `madeCount` on) the cover and index.
 */
function checkMadePages(doc: MuDocument, redactor: Redactor, madeCount: number): void {
  if (!redactor.active) return
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i)
    const st = page.toStructuredText('preserve-whitespace')
    const found = redactor.has(st.asText())
    st.destroy()
    page.destroy()
    if (!found) continue
    const front = i >= madeCount
    throw new Error(
      bundleText('pdf.leftInMadePages', {
        page: front ? i - madeCount + 1 : i + 1,
        what: bundleText(front ? 'pdf.coverAndIndex' : 'pdf.madeDocuments'),
      }),
    )
  }
}

/**
 * Builds the bundle into `sink`: cover, linked index, the documents by section with continuous
 * page numbers, and bookmarks. Redaction targets are removed from the pages Redress draws (before
 * drawing) and from the parent's own files (MuPDF redaction: text and picture pixels under it).
 * Files that cannot be used are left out and listed; a letter missing particulars stops the build.
 */
export async function buildBundleInto(
  sink: Sink,
  input: BundleInput,
  options: BuildBundleOptions = {},
): Promise<BundleReport> {
  const progress = options.onProgress ?? (() => undefined)
  const redactor = new Redactor(input.redact ?? [])
  for (const d of input.documents) if (d.source.kind === 'letter') checkLetter(d.source.letter)

  const parts = plan(input)
  const numbers = numbersFor(parts)
  const removals = new RemovalLog()
  const titles = new Map(parts.map((p) => [p.doc.id, redactor.redact(p.doc.title)]))
  for (const [id, t] of titles) removals.note(id, t.text, t.removed)
  const titleOf = (id: string): string => titles.get(id)?.text ?? ''
  const clean =
    (id: string, title: string) =>
    (s: string): string => {
      const out = redactor.redact(s)
      removals.note(id, title, out.removed)
      return out.text
    }

  // The pages Redress draws (letters, chronology, schedule), all in one PDF with the fonts once.
  progress({ stage: 'making pages', done: 0, total: parts.length })
  const gen = await PDFDocument.create({ updateMetadata: false })
  const genFonts = await embedFonts(gen)
  const madeRange = new Map<string, [number, number]>()
  for (const p of parts) {
    if (p.kind === 'file') continue
    const before = gen.getPageCount()
    const flow = new PageFlow(gen, genFonts)
    const title = titleOf(p.doc.id)
    if (p.kind === 'letter') {
      const r = redactLetter(p.letter, redactor)
      removals.note(p.doc.id, title, r.removed)
      drawLetter(flow, r.letter, { notes: false })
    } else if (p.kind === 'chronology') drawChronology(flow, input, p.entries, clean(p.doc.id, title))
    else if (p.kind === 'schedule') drawSchedule(flow, input, p.figures, clean(p.doc.id, title))
    else
      drawLedger(
        flow,
        { ...p.ledger, title, subtitle: bundleText('made.cmsReference', { reference: input.reference }) },
        clean(p.doc.id, title),
      )
    madeRange.set(p.doc.id, [before, gen.getPageCount()])
  }
  progress({ stage: 'making pages', done: parts.length, total: parts.length })

  // The cover and the index laid out once with wide page numbers, drawing nothing, to learn how
  // many pages they take.
  const rowsFor = (pages: (p: Part) => string): Map<BundleSection, IndexRow[]> => {
    const m = new Map<BundleSection, IndexRow[]>()
    for (const p of parts)
      m.set(p.doc.section, [
        ...(m.get(p.doc.section) ?? []),
        {
          id: p.doc.id,
          number: numbers.get(p.doc.id) ?? '',
          title: titleOf(p.doc.id),
          date: p.doc.date ? formatDate(p.doc.date) : '',
          pages: pages(p),
        },
      ])
    return m
  }
  const drawFront = (
    doc: PDFDocument,
    fonts: Fonts,
    pages: (p: Part) => string,
    onRow: (row: IndexRow, rects: Rect[]) => void,
    measureOnly = false,
  ): { pages: PDFPage[]; coverPages: number } => {
    const addPage = (): PDFPage => (measureOnly ? measuringPage(doc.addPage(A4)) : doc.addPage(A4))
    const cover = new PageFlow(doc, fonts, addPage)
    drawCover(cover, input, clean('cover', bundleText('pdf.cover')), parts.length)
    const index = new PageFlow(doc, fonts, addPage)
    drawIndex(index, rowsFor(pages), onRow)
    return { pages: [...cover.pages, ...index.pages], coverPages: cover.pages.length }
  }
  const trialDoc = await PDFDocument.create({ updateMetadata: false })
  const frontCount = drawFront(
    trialDoc,
    await embedFonts(trialDoc),
    () => '8888–8888',
    () => undefined,
    true,
  ).pages.length

  const m = await loadMupdf()
  const writer = new PdfWriter(sink)

  // The documents in order; each uploaded file is read, redacted, copied and let go before the next.
  // A page Redress drew is held by its index among `gen`'s pages until those are copied, last.
  const body: (WrittenPage | number)[] = []
  const entries: BundleEntry[] = []
  const problems: BundleProblem[] = []
  const found: FoundDetail[] = []
  const pagesToCheck: PageToCheck[] = []
  const log: RedactionLogEntry[] = []
  const notesLeftOut: PageToCheck[] = []
  const files = parts.filter((p) => p.kind === 'file').length
  let fileNo = 0
  for (const p of parts) {
    const title = titleOf(p.doc.id)
    const first = frontCount + body.length + 1
    let fileName: string | undefined
    if (p.kind === 'file') {
      fileName = p.source.fileName
      // copy: not user-facing (a stage's id: the CLI and the page put it into words)
      progress({ stage: 'reading and redacting', done: fileNo++, total: files, detail: title })
      let bytes: Uint8Array
      try {
        bytes = 'bytes' in p.source ? p.source.bytes : await p.source.read()
      } catch {
        problems.push(problem(p.doc.id, fileName, 'damaged'))
        continue
      }
      const opened = openUpload(m, p.doc.id, fileName, bytes)
      if (!opened.ok) {
        problems.push(opened.problem)
        continue
      }
      // MuPDF's own text of this file's pages, if it read these very bytes before (ADR 0008).
      const cache = options.textCache
      const engine = cache && !opened.image ? textEngine() : null
      const sha256 = engine ? createHash('sha256').update(bytes).digest('hex') : ''
      const texts: PageTexts & { out: string[] } = {
        cached: engine ? await cache!.get(p.doc.id, sha256, engine).catch(() => null) : null,
        out: [],
      }
      let written: WrittenPage[]
      try {
        const pages = redactUpload(m, opened.doc, redactor, texts)
        if (engine && !texts.cached)
          // Kept for the next bundle; a failure to keep it costs only time then.
          await cache!.put(p.doc.id, sha256, engine, texts.out).catch(() => undefined)
        const notes = new Set(pages.filter((r) => r.notes).map((r) => r.page - 1))
        written = writer.copyDocument(opened.doc, undefined, (i) => notes.has(i))
        let at = first
        for (const r of pages) {
          if (r.notes) {
            notesLeftOut.push({ id: p.doc.id, title, fileName, page: r.page })
            continue
          }
          const bundlePage = at++
          for (const x of r.removed) removals.add(p.doc.id, title, x.kind, x.whose, x.count)
          for (const x of r.left) found.push({ id: p.doc.id, title, fileName, page: bundlePage, ...x })
          if (r.noText) pagesToCheck.push({ id: p.doc.id, title, fileName, page: bundlePage })
          if (r.removed.length || r.left.length || r.noText)
            log.push({
              id: p.doc.id,
              title,
              fileName,
              filePage: r.page,
              bundlePage,
              removed: r.removed,
              left: r.left,
              notSearchable: r.noText,
            })
        }
      } catch {
        problems.push(problem(p.doc.id, fileName, 'damaged'))
        continue
      } finally {
        opened.doc.destroy()
      }
      if (written.length === 0) continue
      body.push(...written)
    } else {
      const [from, to] = madeRange.get(p.doc.id) ?? [0, 0]
      for (let i = from; i < to; i++) body.push(i)
    }
    entries.push({
      id: p.doc.id,
      number: numbers.get(p.doc.id) ?? '',
      title,
      section: p.doc.section,
      ...(p.doc.date ? { date: p.doc.date } : {}),
      firstPage: first,
      lastPage: frontCount + body.length,
      // copy: not user-facing (an identifier in the report and the CLI's JSON)
      made: p.kind === 'file' ? 'from a file' : 'by Redress',
      ...(fileName ? { fileName } : {}),
    })
  }
  // copy: not user-facing (a stage's id: the CLI and the page put it into words)
  progress({ stage: 'reading and redacting', done: files, total: files })
  progress({ stage: 'assembling', done: 0, total: 1 })

  // The cover and index with the real page numbers, each index entry linked to its first page,
  // drawn after the made documents in the same PDF (its fonts written once), which is then checked
  // and copied whole.
  const byId = new Map(entries.map((e) => [e.id, e]))
  const links: { row: IndexRow; rects: Rect[] }[] = []
  const madeCount = gen.getPageCount()
  const front = drawFront(
    gen,
    genFonts,
    (p) => {
      const e = byId.get(p.doc.id)
      return e ? pagesLabel(e.firstPage, e.lastPage) : bundleText('pdf.leftOut')
    },
    (row, rects) => links.push({ row, rects }),
  )
  if (front.pages.length !== frontCount)
    throw new Error(bundleText('pdf.frontPages', { took: front.pages.length, planned: frontCount }))
  const genIndex = new Map(front.pages.map((pg, i) => [pg, madeCount + i]))
  const genDoc = openPdfBytes(m, await gen.save({ objectsPerTick: Infinity, useObjectStreams: false }))
  checkMadePages(genDoc, redactor, madeCount)
  const genPages = writer.copyDocument(genDoc, (i, pageNum) => {
    const out: number[] = []
    if (i < madeCount) return out
    for (const { row, rects } of links) {
      const e = byId.get(row.id)
      const target = e ? body[e.firstPage - frontCount - 1] : undefined
      const num = typeof target === 'number' ? pageNum(target) : target?.num
      if (!e || num === undefined) continue
      for (const r of rects)
        if (genIndex.get(r.page) === i)
          out.push(
            writer.link(
              {
                rect: [r.x, r.y, r.x + r.width, r.y + r.height],
                description: bundleText('pdf.goTo', { number: e.number, title: e.title, page: e.firstPage }),
              },
              num,
            ),
          )
    }
    return out
  })
  genDoc.destroy()
  const frontPages = genPages.slice(madeCount)

  // Bookmarks for the cover, the index, each section and each document.
  const outline: OutlineEntry[] = [
    { title: bundleText('pdf.cover'), page: 0 },
    { title: bundleText('pdf.index'), page: front.coverPages },
  ]
  for (const s of SECTIONS) {
    const list = entries.filter((e) => e.section === s.id)
    if (list[0])
      outline.push({
        title: bundleText('made.sectionHeading', { letter: s.letter, title: s.title }),
        page: list[0].firstPage - 1,
        children: list.map((e) => ({
          title: bundleText('pdf.documentBookmark', {
            number: e.number,
            title: e.title,
            pages: pagesLabel(e.firstPage, e.lastPage),
          }),
          page: e.firstPage - 1,
        })),
      })
  }

  progress({ stage: 'assembling', done: 1, total: 1 })
  progress({ stage: 'saving', done: 0, total: 1 })
  const title = clean('cover', bundleText('pdf.cover'))(input.title)
  const all = [...frontPages, ...body.map((b) => (typeof b === 'number' ? genPages[b]! : b))]
  writer.finish(
    all,
    {
      title,
      subject: bundleText('pdf.subject', { reference: input.reference }),
      author: clean('cover', bundleText('pdf.cover'))(input.preparedBy),
      language: 'en-GB',
    },
    outline,
  )
  progress({ stage: 'saving', done: 1, total: 1 })

  const report = {
    title,
    pageCount: all.length,
    entries,
    problems,
    redaction: { removed: removals.entries, found, pagesToCheck, log, notesLeftOut },
    warnings: missingCoreDocuments(input, entries),
  }
  return { ...report, messages: describeFindings(report, redactor.active) }
}

/** Builds the bundle in memory. */
export async function buildBundle(
  input: BundleInput,
  options: BuildBundleOptions = {},
): Promise<BundleResult> {
  const sink = new MemorySink()
  const report = await buildBundleInto(sink, input, options)
  return { pdf: sink.bytes(), report }
}

/**
 * Builds the bundle straight into a file (mode 0600), keeping memory use flat however long it is.
 * The file is at `path` only once it is whole; a build that fails leaves `path` as it was.
 */
export async function buildBundleToFile(
  input: BundleInput,
  path: string,
  options: BuildBundleOptions = {},
): Promise<BundleReport> {
  const sink = new FileSink(path)
  try {
    return await buildBundleInto(sink, input, options)
  } catch (error) {
    sink.abort()
    throw error
  }
}
