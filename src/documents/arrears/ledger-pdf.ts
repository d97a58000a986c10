import { docText } from '../copy.ts'
import { PDFDocument } from 'pdf-lib'
import type { Appendix, LetterBlock } from '../letters/model.ts'
import { isHeading, isTable } from '../letters/model.ts'
import { embedFonts } from '../pdf/fonts.ts'
import { PageFlow, SIZE } from '../pdf/flow.ts'

/** What the ledger document shows (the same in the case file's PDF and in the bundle's arrears section). */
export interface LedgerDocument {
  readonly title: string
  readonly headline: string
  readonly blocks: readonly LetterBlock[]
  readonly workings: readonly string[]
  readonly assumptions?: readonly string[]
  /** Printed under the title (the bundle gives the CMS reference). */
  readonly subtitle?: string
}

/**
 * Draws the ledger onto `flow`, starting a new page: the headline, the discrepancy schedule and the
 * month-by-month ledger, then the workings and what could not be confirmed. Every piece of text
 * passes through `r` first (the bundle removes contact details with it).
 */
export function drawLedger(flow: PageFlow, input: LedgerDocument, r: (s: string) => string = (s) => s): void {
  flow.newPage()
  flow.text(r(input.title), { font: flow.fonts.bold, size: SIZE.title, after: 4 })
  if (input.subtitle) flow.text(r(input.subtitle), { after: 4 })
  flow.gap(4)
  flow.text(r(input.headline), { after: 8 })
  for (const block of input.blocks) {
    if (typeof block === 'string') flow.text(r(block), { after: 6 })
    else if (isHeading(block)) flow.heading(r(block.text))
    else if (isTable(block)) {
      flow.table({
        ...block,
        rows: block.rows.map((row) => row.map(r)),
        ...(block.totals ? { totals: block.totals.map((row) => row.map(r)) } : {}),
      })
      flow.gap(8)
    }
  }
  if (input.workings.length > 0) {
    flow.heading(docText('ledgerPdf.howItWasWorked'))
    input.workings.forEach((w, i) => flow.numbered(i + 1, r(w), 3))
  }
  if (input.assumptions && input.assumptions.length > 0) {
    flow.heading(docText('ledgerPdf.whatCouldNotBe'))
    for (const a of input.assumptions) flow.bullet(r(a))
  }
  flow.gap(6)
  flow.text(docText('ledgerPdf.workedOutByRedress'), { grey: true, size: SIZE.small })
}

/**
 * The arrears ledger as a document of its own, for the case file: the headline, the discrepancy
 * schedule and the month-by-month ledger, then the workings.
 */
export async function renderLedgerPdf(input: {
  readonly title: string
  readonly headline: string
  readonly schedule: Appendix
  readonly workings: readonly string[]
}): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const fonts = await embedFonts(doc)
  drawLedger(new PageFlow(doc, fonts), {
    title: input.title,
    headline: input.headline,
    blocks: input.schedule.paragraphs,
    workings: input.workings,
  })
  doc.setTitle(input.title)
  doc.setCreator('Redress')
  doc.setProducer('Redress')
  return doc.save()
}
