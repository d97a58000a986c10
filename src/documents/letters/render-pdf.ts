import { localeOfLetter, trIn } from './copy.ts'
import { PDFDocument } from 'pdf-lib'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { embedFonts } from '../pdf/fonts.ts'
import { PageFlow, SIZE } from '../pdf/flow.ts'
import { checkLetter } from './check.ts'
import { isHeading, isTable, type Letter, type LetterBlock } from './model.ts'

export interface DrawOptions {
  /**
   * Add the page of notes for the parent. Default false: the notes are a separate document
   * (`renderNotesPdf`), never part of what is sent or bundled.
   */
  readonly notes?: boolean
}

function drawBlocks(flow: PageFlow, blocks: readonly LetterBlock[]): void {
  let n = 0
  for (const b of blocks) {
    if (typeof b === 'string') flow.numbered(++n, b)
    else if (isHeading(b)) flow.heading(b.text, SIZE.body + 0.5, 4)
    else if (isTable(b)) flow.table(b)
  }
}

function drawSignature(flow: PageFlow, letter: Letter): void {
  const t = trIn(localeOfLetter(letter.language))
  if (letter.signatureLine) {
    flow.ensure(flow.lineHeight() * 5)
    flow.gap(14)
    flow.text(t('renderPdf.signedDate'), { after: 2 })
    flow.text(letter.sender.name, { after: 10 })
  }
}

function drawEnclosures(flow: PageFlow, letter: Letter): void {
  const t = trIn(localeOfLetter(letter.language))
  flow.heading(t('renderPdf.enclosures'), SIZE.body + 0.5, 8)
  if (letter.enclosures.length === 0) flow.text(t('renderPdf.none'))
  letter.enclosures.forEach((e, i) => flow.numbered(i + 1, e, 2))
}

/** Draws a letter (and its enclosures written by Redress) onto pages from `flow`. */
export function drawLetter(flow: PageFlow, letter: Letter, o: DrawOptions = {}): void {
  const t = trIn(localeOfLetter(letter.language))
  const { fonts } = flow
  flow.newPage()
  if (letter.layout === 'letter') {
    const s = letter.sender
    flow.text(s.name, { align: 'right', font: fonts.bold })
    for (const l of [
      ...s.addressLines,
      ...(s.phone ? [t('renderPdf.phone', { phone: s.phone })] : []),
      ...(s.email ? [t('renderPdf.email', { email: s.email })] : []),
    ])
      flow.text(l, { align: 'right' })
    flow.gap(14)
    const r = letter.recipient
    flow.text(r.organisation, { font: fonts.bold })
    if (r.attention) flow.text(r.attention)
    for (const l of r.addressLines) flow.text(l)
    flow.gap(14)
    flow.text(formatDate(letter.date))
    flow.text(t('renderPdf.cmsReference', { reference: letter.reference }), { after: 4 })
    for (const d of letter.details) flow.labelled(d.label, d.value)
    flow.gap(10)
    flow.text(letter.title, { font: fonts.bold, size: SIZE.title - 1, after: 8 })
    flow.text(letter.salutation, { after: 6 })
    flow.text(letter.subject, { font: fonts.bold, after: 8 })
    drawBlocks(flow, letter.paragraphs)
    flow.ensure(flow.lineHeight() * 5)
    flow.gap(4)
    flow.text(letter.closing, { after: 30 })
    flow.text(letter.sender.name, { after: 4 })
    drawSignature(flow, letter)
    drawEnclosures(flow, letter)
  } else {
    flow.text(letter.title, { font: fonts.bold, size: SIZE.title + 1, after: 4 })
    flow.text(letter.subject, { after: 8 })
    for (const d of letter.details) flow.labelled(d.label, d.value)
    if (!letter.details.some((d) => d.label === t('common.cmsReference')))
      flow.labelled(t('common.cmsReference'), letter.reference)
    flow.labelled(t('renderPdf.date'), formatDate(letter.date))
    flow.gap(10)
    drawBlocks(flow, letter.paragraphs)
    drawSignature(flow, letter)
    drawEnclosures(flow, letter)
  }
  letter.appendices.forEach((a) => {
    flow.newPage()
    flow.text(t('renderPdf.enclosure', { value: letter.enclosures.indexOf(a.title) + 1, title: a.title }), {
      font: fonts.bold,
      size: SIZE.title - 1,
      after: 2,
    })
    flow.text(
      t('renderPdf.cmsReference3', {
        name: letter.sender.name,
        reference: letter.reference,
        date: formatDate(letter.date),
      }),
      {
        grey: true,
        after: 10,
      },
    )
    drawBlocks(flow, a.paragraphs)
  })
  if (o.notes === true && letter.notes.length > 0) {
    flow.newPage()
    flow.text(t('renderPdf.beforeYouSendThis'), { font: fonts.bold, size: SIZE.title, after: 2 })
    flow.text(t('renderPdf.thisPageIsFor'), { font: fonts.italic, after: 10 })
    for (const n of letter.notes) flow.bullet(n, 5)
  }
}

/** Writes "CMS reference … · Page n of N" at the foot of each page. */
function drawFooters(flow: PageFlow, letter: Letter): void {
  const t = trIn(localeOfLetter(letter.language))
  flow.footer((value, total) =>
    t('renderPdf.cmsReferencePageOf', { reference: letter.reference, value, total }),
  )
}

export function setMetadata(
  doc: PDFDocument,
  title: string,
  subject: string,
  author: string,
  date: { year: number; month: number; day: number },
): void {
  doc.setTitle(title, { showInWindowTitleBar: true })
  doc.setSubject(subject)
  doc.setAuthor(author)
  doc.setLanguage('en-GB')
  doc.setCreator('Redress')
  doc.setProducer('Redress with pdf-lib') // copy: not user-facing (names the software in the file's metadata)
  const when = new Date(Date.UTC(date.year, date.month - 1, date.day, 12))
  doc.setCreationDate(when)
  doc.setModificationDate(when)
}

/** Renders a letter as an A4 PDF with real, searchable text in an embedded open font. */
export async function renderLetterPdf(letter: Letter, o: DrawOptions = {}): Promise<Uint8Array> {
  checkLetter(letter)
  const doc = await PDFDocument.create({ updateMetadata: false })
  const fonts = await embedFonts(doc)
  const flow = new PageFlow(doc, fonts)
  drawLetter(flow, letter, o)
  drawFooters(flow, letter)
  setMetadata(doc, letter.title, letter.subject, letter.sender.name, letter.date)
  return doc.save({ objectsPerTick: Infinity })
}

/**
 * The notes for the parent as their own document ("Before you send this"): never part of the letter
 * that is sent, nor of a bundle.
 */
export async function renderNotesPdf(letter: Letter, extra: readonly string[] = []): Promise<Uint8Array> {
  const t = trIn(localeOfLetter(letter.language))
  const doc = await PDFDocument.create({ updateMetadata: false })
  const fonts = await embedFonts(doc)
  const flow = new PageFlow(doc, fonts)
  flow.newPage()
  flow.text(t('renderPdf.beforeYouSendThis'), { font: fonts.bold, size: SIZE.title, after: 2 })
  flow.text(
    t('renderPdf.notesForYouAbout', { title: letter.title.toLowerCase(), date: formatDate(letter.date) }),
    {
      font: fonts.italic,
      after: 2,
    },
  )
  flow.text(t('renderPdf.keepTheseNotesThey'), {
    font: fonts.italic,
    after: 10,
  })
  for (const n of [...extra, ...letter.notes]) flow.bullet(n, 5)
  flow.footer((value, total) => t('renderPdf.notesForYouNot', { value, total }))
  setMetadata(
    doc,
    t('renderPdf.notesForYou', { title: letter.title }),
    t('renderPdf.notesForYouNot2'),
    letter.sender.name,
    letter.date,
  )
  return doc.save({ objectsPerTick: Infinity })
}
