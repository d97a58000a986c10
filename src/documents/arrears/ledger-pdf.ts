import { PDFDocument } from 'pdf-lib'
import type { Appendix } from '../letters/model.ts'
import { isHeading, isTable } from '../letters/model.ts'
import { embedFonts } from '../pdf/fonts.ts'
import { PageFlow, SIZE } from '../pdf/flow.ts'

/**
 * The arrears ledger as a document of its own, for the case file (and so for the bundle, which is
 * built from the case's documents): the headline, the workings' sources, then the discrepancy
 * schedule and the month-by-month ledger.
 */
export async function renderLedgerPdf(input: {
  readonly title: string
  readonly headline: string
  readonly schedule: Appendix
  readonly workings: readonly string[]
}): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const fonts = await embedFonts(doc)
  const flow = new PageFlow(doc, fonts)
  flow.text(input.title, { font: fonts.bold, size: SIZE.title, after: 8 })
  flow.text(input.headline, { after: 8 })
  for (const block of input.schedule.paragraphs) {
    if (typeof block === 'string') flow.text(block, { after: 6 })
    else if (isHeading(block)) flow.heading(block.text)
    else if (isTable(block)) {
      flow.table(block)
      flow.gap(8)
    }
  }
  if (input.workings.length > 0) {
    flow.heading('How it was worked out')
    input.workings.forEach((w, i) => flow.numbered(i + 1, w, 3))
  }
  flow.gap(6)
  flow.text(
    'Worked out by Redress from the parent’s bank statements and the CMS’s figures. This is not legal advice.',
    { grey: true, size: SIZE.small },
  )
  doc.setTitle(input.title)
  doc.setCreator('Redress')
  doc.setProducer('Redress')
  return doc.save()
}
