import { PDFDocument, type PDFPage } from 'pdf-lib'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { checkLetter } from '../letters/check.ts'
import type { Letter } from '../letters/model.ts'
import { drawLetter, setMetadata } from '../letters/render-pdf.ts'
import type { ChronologyEntry, DisputedFigure } from '../letters/templates/appeal-pack.ts'
import { embedFonts } from '../pdf/fonts.ts'
import { A4, PageFlow, type Rect } from '../pdf/flow.ts'
import { readFiles, type ReadFile } from './files.ts'
import { drawChronology, drawCover, drawIndex, drawSchedule, type IndexRow } from './generated.ts'
import { describeFindings } from './messages.ts'
import { addLink, addOutline, type OutlineItem } from './navigation.ts'
import { extractPageTexts } from './pdf-text.ts'
import { type Match, redactLetter, Redactor } from './redact.ts'
import { stampFooter } from './stamp.ts'
import {
  SECTIONS,
  type BuildBundleOptions,
  type BundleDocument,
  type BundleEntry,
  type BundleInput,
  type BundleResult,
  type BundleSection,
  type FoundDetail,
  type PageToCheck,
  type RemovedDetail,
} from './types.ts'

type PartMeta = Pick<BundleDocument, 'id' | 'title' | 'date' | 'section'>

type Part =
  | { readonly kind: 'letter'; readonly doc: PartMeta; readonly letter: Letter }
  | { readonly kind: 'file'; readonly doc: PartMeta; readonly file: ReadFile }
  | { readonly kind: 'chronology'; readonly doc: PartMeta; readonly entries: readonly ChronologyEntry[] }
  | { readonly kind: 'schedule'; readonly doc: PartMeta; readonly figures: readonly DisputedFigure[] }

const pagesLabel = (first: number, last: number): string => (first === last ? `${first}` : `${first}–${last}`)

/** Counts what redaction removed, per document and kind of detail. */
class RemovalLog {
  readonly entries: RemovedDetail[] = []

  note(id: string, title: string, matches: readonly Match[]): void {
    for (const m of matches) {
      const i = this.entries.findIndex((x) => x.id === id && x.kind === m.kind && x.whose === m.whose)
      const prev = this.entries[i]
      if (prev) this.entries[i] = { ...prev, count: prev.count + 1 }
      else this.entries.push({ id, title, kind: m.kind, whose: m.whose, count: 1 })
    }
  }
}

/** The documents in the usual order: each section in turn, Redress's chronology and schedule first in B. */
function plan(input: BundleInput, files: ReadonlyMap<string, ReadFile>): Part[] {
  const parts: Part[] = []
  const made = (id: string, title: string): PartMeta => ({
    id: `redress:${id}`,
    title,
    date: input.date,
    section: 'appellant',
  })
  for (const s of SECTIONS) {
    if (s.id === 'appellant') {
      if (input.chronology?.length)
        parts.push({ kind: 'chronology', doc: made('chronology', 'Chronology'), entries: input.chronology })
      if (input.disputedFigures?.length)
        parts.push({
          kind: 'schedule',
          doc: made('disputed-figures', 'Schedule of disputed figures'),
          figures: input.disputedFigures,
        })
    }
    for (const d of input.documents.filter((x) => x.section === s.id)) {
      const file = files.get(d.id)
      if (d.source.kind === 'letter') parts.push({ kind: 'letter', doc: d, letter: d.source.letter })
      else if (file) parts.push({ kind: 'file', doc: d, file })
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
 * Builds one PDF from the documents the parent picked: cover, linked index, the documents in the
 * usual order with continuous page numbers, and bookmarks. Contact details in `input.redact` are
 * removed from every page Redress makes and reported wherever they are found in the parent's files.
 * Files that cannot be used are left out and listed; a letter missing particulars stops the build.
 */
export async function buildBundle(
  input: BundleInput,
  options: BuildBundleOptions = {},
): Promise<BundleResult> {
  const progress = options.onProgress ?? (() => undefined)
  const redactor = new Redactor(input.redact ?? [])
  for (const d of input.documents) if (d.source.kind === 'letter') checkLetter(d.source.letter)

  const doc = await PDFDocument.create({ updateMetadata: false })
  const fonts = await embedFonts(doc)
  const read = await readFiles(doc, input.documents, redactor, progress)
  const parts = plan(input, read.files)
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

  // The cover, then the index laid out once with wide page numbers to learn how many pages it takes.
  drawCover(new PageFlow(doc, fonts), input, clean('cover', 'Cover'), parts.length)
  const coverPages = doc.getPageCount()
  const indexRows = (pages: (p: Part) => string): Map<BundleSection, IndexRow[]> => {
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
  const trial = await PDFDocument.create({ updateMetadata: false })
  const trialFlow = new PageFlow(trial, await embedFonts(trial))
  drawIndex(
    trialFlow,
    indexRows(() => '8888–8888'),
    () => undefined,
  )
  const indexPages = trialFlow.pages.length

  // The documents, each starting on a new page.
  const entries: BundleEntry[] = []
  const madePages: number[] = Array.from({ length: coverPages + indexPages }, (_, i) => i + 1)
  const found: FoundDetail[] = []
  const pagesToCheck: PageToCheck[] = []
  for (const [i, p] of parts.entries()) {
    progress({ stage: 'assembling', done: i, total: parts.length, detail: p.doc.title })
    const before = doc.getPageCount()
    const title = titleOf(p.doc.id)
    if (p.kind === 'file') {
      for (const page of p.file.pages) doc.addPage(page)
      for (const s of p.file.scan) {
        const page = before + indexPages + s.page
        if (s.noText) pagesToCheck.push({ id: p.doc.id, title, fileName: p.file.fileName, page })
        for (const f of s.found) found.push({ id: p.doc.id, title, fileName: p.file.fileName, page, ...f })
      }
    } else {
      const flow = new PageFlow(doc, fonts)
      if (p.kind === 'letter') {
        const r = redactLetter(p.letter, redactor)
        removals.note(p.doc.id, title, r.removed)
        drawLetter(flow, r.letter, { notes: false })
      } else if (p.kind === 'chronology') drawChronology(flow, input, p.entries, clean(p.doc.id, title))
      else drawSchedule(flow, input, p.figures, clean(p.doc.id, title))
      for (let n = before; n < doc.getPageCount(); n++) madePages.push(n + indexPages + 1)
    }
    entries.push({
      id: p.doc.id,
      number: numbers.get(p.doc.id) ?? '',
      title,
      section: p.doc.section,
      ...(p.doc.date ? { date: p.doc.date } : {}),
      firstPage: before + indexPages + 1,
      lastPage: doc.getPageCount() + indexPages,
      made: p.kind === 'file' ? 'from a file' : 'by Redress',
      ...(p.kind === 'file' ? { fileName: p.file.fileName } : {}),
    })
  }
  progress({ stage: 'assembling', done: parts.length, total: parts.length })

  // The index, slotted in after the cover, each entry linked to its first page.
  const byId = new Map(entries.map((e) => [e.id, e]))
  let inserted = 0
  const links: { row: IndexRow; rects: Rect[] }[] = []
  drawIndex(
    new PageFlow(doc, fonts, () => doc.insertPage(coverPages + inserted++, A4)),
    indexRows((p) => {
      const e = byId.get(p.doc.id)
      return e ? pagesLabel(e.firstPage, e.lastPage) : ''
    }),
    (row, rects) => links.push({ row, rects }),
  )
  if (inserted !== indexPages)
    throw new Error(`The index took ${inserted} pages, not the ${indexPages} planned`)
  const page = (n: number): PDFPage => doc.getPage(n - 1)
  for (const { row, rects } of links) {
    const e = byId.get(row.id)
    if (e)
      for (const r of rects)
        addLink(doc, r, page(e.firstPage), `Go to ${e.number} ${e.title}, page ${e.firstPage}`)
  }

  // Bookmarks for the cover, the index, each section and each document.
  const outline: OutlineItem[] = [
    { title: 'Cover', page: page(1) },
    { title: 'Index', page: page(coverPages + 1) },
  ]
  for (const s of SECTIONS) {
    const list = entries.filter((e) => e.section === s.id)
    if (list[0])
      outline.push({
        title: `${s.letter}. ${s.title}`,
        page: page(list[0].firstPage),
        children: list.map((e) => ({
          title: `${e.number} ${e.title} (page ${pagesLabel(e.firstPage, e.lastPage)})`,
          page: page(e.firstPage),
        })),
      })
  }
  addOutline(doc, outline)

  // Continuous page numbers on every page.
  const total = doc.getPageCount()
  doc.getPages().forEach((p, i) => {
    stampFooter(p, `Page ${i + 1} of ${total}`, fonts.regular)
    if (i % 50 === 49 || i === total - 1) progress({ stage: 'numbering pages', done: i + 1, total })
  })

  const title = clean('cover', 'Cover')(input.title)
  setMetadata(
    doc,
    title,
    `CMS reference ${input.reference}`,
    clean('cover', 'Cover')(input.preparedBy),
    input.date,
  )
  progress({ stage: 'saving', done: 0, total: 1 })
  // No timer pauses while writing, and plain cross-references: object streams would be deflated in JS.
  const pdf = await doc.save({
    objectsPerTick: Infinity,
    useObjectStreams: false,
    updateFieldAppearances: false,
  })
  progress({ stage: 'saving', done: 1, total: 1 })

  // Read back the pages Redress made, independently (pdf.js): none of the removed details may be left.
  if (redactor.active) {
    madePages.sort((a, b) => a - b)
    progress({ stage: 'checking redaction', done: 0, total: madePages.length })
    const texts = await extractPageTexts(pdf, { pages: madePages })
    const left = texts.filter((t) => redactor.find(t.text).length > 0).map((t) => t.page)
    if (left.length > 0)
      throw new Error(`Contact details were left on pages Redress made: ${left.join(', ')}`)
    progress({ stage: 'checking redaction', done: madePages.length, total: madePages.length })
  }

  const report = {
    title,
    pageCount: total,
    entries,
    problems: read.problems,
    redaction: { removed: removals.entries, found, pagesToCheck },
  }
  return { pdf, report: { ...report, messages: describeFindings(report, read.unreadable, redactor.active) } }
}
