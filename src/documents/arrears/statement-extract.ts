import { docText } from '../copy.ts'
import { PDFDocument } from 'pdf-lib'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { embedFonts } from '../pdf/fonts.ts'
import { PageFlow, SIZE } from '../pdf/flow.ts'
import type { StatementExtract } from '../../services/arrears-check.service.ts'

/**
 * The evidence record of an imported bank statement: the maintenance payments picked from it, each
 * with its line in the original file, and that file's name and SHA-256 so the original can be
 * matched to it.
 */
export async function renderStatementExtract(s: StatementExtract): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const fonts = await embedFonts(doc)
  const flow = new PageFlow(doc, fonts)
  flow.text('Bank statement: maintenance payments', { font: fonts.bold, size: SIZE.title, after: 8 })
  flow.text(
    docText('statementExtract.theseAreThePayments', {
      fileName: s.fileName,
      importedOn: formatDate(s.importedOn),
      profile: s.profile,
      sha256: s.sha256,
    }),
    { after: 10 },
  )
  flow.table({
    kind: 'table',
    columns: [
      { header: 'Line', weight: 0.6 },
      { header: 'Date', weight: 1.4 },
      { header: 'Description', weight: 3 },
      { header: 'Amount', align: 'right', weight: 1.2 },
      { header: 'Balance', align: 'right', weight: 1.2 },
    ],
    rows: s.lines.map((l) => [String(l.line), l.date, l.description, l.amount, l.balance]),
  })
  doc.setTitle('Bank statement: maintenance payments')
  doc.setCreator('Redress')
  doc.setProducer('Redress')
  return doc.save()
}
