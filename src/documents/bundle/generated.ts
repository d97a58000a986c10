import { formatDate } from '../../domain/shared/plain-date.ts'
import { table, type LetterTable } from '../letters/model.ts'
import {
  chronologyTable,
  disputedFiguresTable,
  type ChronologyEntry,
  type DisputedFigure,
} from '../letters/templates/appeal-pack.ts'
import { SIZE, type PageFlow, type Rect } from '../pdf/flow.ts'
import { bundleText } from './copy.ts'
import { SECTIONS, type BundleInput, type BundleSection } from './types.ts'

type Text = (s: string) => string

export function drawCover(flow: PageFlow, input: BundleInput, r: Text, documentCount: number): void {
  flow.newPage()
  flow.gap(120)
  flow.text(r(input.title), { font: flow.fonts.bold, size: 24, after: 18 })
  for (const p of input.parties)
    flow.text(bundleText('made.party', { label: r(p.label), value: r(p.value) }), { size: 12, after: 4 })
  flow.gap(10)
  flow.text(bundleText('made.cmsReference', { reference: input.reference }), { size: 12, after: 4 })
  if (input.tribunalReference)
    flow.text(bundleText('made.tribunalReference', { reference: r(input.tribunalReference) }), {
      size: 12,
      after: 4,
    })
  flow.gap(24)
  flow.text(bundleText('made.preparedBy', { name: r(input.preparedBy), date: formatDate(input.date) }), {
    after: 4,
  })
  flow.text(
    bundleText('made.documentCount', {
      count: documentCount,
      documents: bundleText(documentCount === 1 ? 'made.document' : 'made.documents'),
    }),
  )
}

export interface IndexRow {
  readonly id: string
  readonly number: string
  readonly title: string
  readonly date: string
  readonly pages: string
}

/** Draws the index, one table per section; `onRow` gets where each entry was drawn, for its link. */
export function drawIndex(
  flow: PageFlow,
  rows: ReadonlyMap<BundleSection, readonly IndexRow[]>,
  onRow: (row: IndexRow, rects: Rect[]) => void,
): void {
  flow.newPage()
  flow.text(bundleText('made.index'), { font: flow.fonts.bold, size: SIZE.title + 3, after: 4 })
  flow.text(bundleText('made.indexHint'), { grey: true, after: 8 })
  for (const s of SECTIONS) {
    const list = rows.get(s.id) ?? []
    if (list.length === 0) continue
    flow.heading(bundleText('made.sectionHeading', { letter: s.letter, title: s.title }), SIZE.heading, 8)
    flow.table(
      table(
        [
          { header: bundleText('made.columnNumber'), weight: 0.6 },
          { header: bundleText('made.columnDocument'), weight: 5 },
          { header: bundleText('made.columnDate'), weight: 1.8 },
          { header: bundleText('made.columnPages'), align: 'right', weight: 1.2 },
        ],
        list.map((e) => [e.number, e.title, e.date, e.pages]),
      ),
      (i, rects) => {
        const row = list[i]
        if (row) onRow(row, rects)
      },
    )
  }
}

export function drawChronology(
  flow: PageFlow,
  input: BundleInput,
  entries: readonly ChronologyEntry[],
  r: Text,
): void {
  flow.newPage()
  flow.text(bundleText('made.chronology'), { font: flow.fonts.bold, size: SIZE.title + 1, after: 4 })
  flow.text(bundleText('made.cmsReference', { reference: input.reference }), { after: 10 })
  flow.table(redactTable(chronologyTable(entries), r))
}

export function drawSchedule(
  flow: PageFlow,
  input: BundleInput,
  figures: readonly DisputedFigure[],
  r: Text,
): void {
  flow.newPage()
  flow.text(bundleText('made.schedule'), { font: flow.fonts.bold, size: SIZE.title + 1, after: 4 })
  flow.text(bundleText('made.cmsReference', { reference: input.reference }), { after: 10 })
  flow.table(redactTable(disputedFiguresTable(figures), r))
}

const redactTable = (t: LetterTable, r: Text): LetterTable => ({
  ...t,
  rows: t.rows.map((row) => row.map(r)),
})
