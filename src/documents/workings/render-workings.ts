import { PDFDocument, PDFString, type PDFPage } from 'pdf-lib'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { setMetadata } from '../letters/render-pdf.ts'
import { embedFonts } from '../pdf/fonts.ts'
import { A4, MARGIN, PageFlow, SIZE } from '../pdf/flow.ts'
import { wrap } from '../pdf/text.ts'
import type { WorkingsDocument, WorkingsStep } from './model.ts'

export const WORKINGS_PDF_TITLE = 'Child maintenance calculation: workings'

interface Area {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** Makes an area of a page open `url` when clicked (the URL is also printed, for paper). */
function link(page: PDFPage, rect: Area, url: string): void {
  const context = page.doc.context
  const annot = context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
  })
  page.node.addAnnot(context.register(annot))
}

function drawSteps(flow: PageFlow, steps: readonly WorkingsStep[]): void {
  const { regular, bold } = flow.fonts
  const width = flow.width - 26
  steps.forEach((s, i) => {
    const figure =
      s.amount === undefined
        ? undefined
        : s.unrounded === undefined
          ? `Amount: ${s.amount}`
          : `Amount: ${s.amount} (before rounding ${s.unrounded})`
    const src = s.source
    const cite = `Source: ${src.instrument}, ${src.provision}. Rule: ${src.ruleTitle} (${src.ruleId}).`
    const confidence = `Confidence: ${src.confidenceLabel}. ${src.confidenceText}`
    const confidenceFont = src.confidence === 'verified' ? regular : bold
    // Keep a step and its source together on one page where they fit.
    const height =
      wrap(s.text, regular, SIZE.body, width).length * flow.lineHeight() +
      (figure ? wrap(figure, bold, SIZE.body, width).length * flow.lineHeight() : 0) +
      (wrap(cite, regular, SIZE.small, width).length +
        wrap(confidence, confidenceFont, SIZE.small, width).length +
        wrap(src.url, regular, SIZE.small, width).length) *
        flow.lineHeight(SIZE.small)
    if (height < A4[1] / 2) flow.ensure(height + 4)
    flow.numbered(i + 1, s.text, 1)
    if (figure) flow.text(figure, { indent: 26, font: bold, after: 1 })
    flow.text(cite, { indent: 26, size: SIZE.small, after: 1 })
    flow.text(confidence, { indent: 26, size: SIZE.small, font: confidenceFont, after: 1 })
    // The URL is kept on one page so the whole of it can be a link.
    const lines = wrap(src.url, regular, SIZE.small, width).length
    flow.ensure(lines * flow.lineHeight(SIZE.small))
    const page = flow.page
    const top = flow.y
    flow.text(src.url, { indent: 26, size: SIZE.small, grey: true })
    link(page, { x: flow.left + 26, y: flow.y, width: flow.width - 26, height: top - flow.y }, src.url)
    flow.gap(7)
  })
}

function drawFooters(flow: PageFlow, doc: WorkingsDocument): void {
  const total = flow.pages.length
  flow.pages.forEach((p, i) => {
    const text = `Workings from Redress · calculation from ${formatDate(doc.effectiveDate)} · Page ${i + 1} of ${total}`
    const w = flow.fonts.regular.widthOfTextAtSize(text, SIZE.small)
    p.drawText(text, { x: (A4[0] - w) / 2, y: MARGIN.bottom / 2, size: SIZE.small, font: flow.fonts.regular })
  })
}

/** Lays the workings out on A4 pages. */
export function drawWorkings(flow: PageFlow, doc: WorkingsDocument): void {
  const { fonts } = flow
  flow.newPage()
  flow.text(WORKINGS_PDF_TITLE, { font: fonts.bold, size: SIZE.title + 1, after: 4 })
  flow.text(
    `Prepared with Redress on ${formatDate(doc.preparedOn)} by ${doc.preparedBy}, for the calculation from ${formatDate(doc.effectiveDate)}.`,
    { after: 2 },
  )
  flow.text('Name: ______________________________     CMS reference: ______________________', {
    after: 10,
  })

  flow.heading('The weekly amount')
  flow.text(`${doc.total} a week`, { font: fonts.bold, size: SIZE.title + 3, after: 4 })
  for (const line of doc.summary) flow.text(line, { after: 3 })

  flow.heading('The figures used')
  const compared = doc.figures.some((f) => f.cms !== undefined)
  flow.table({
    kind: 'table',
    columns: compared
      ? [
          { header: 'Figure', weight: 2 },
          { header: 'My figures', weight: 3 },
          { header: 'The CMS’s figures', weight: 3 },
        ]
      : [
          { header: 'Figure', weight: 2 },
          { header: 'My figures', weight: 4 },
        ],
    rows: doc.figures.map((f) => (compared ? [f.label, f.yours, f.cms ?? ''] : [f.label, f.yours])),
  })

  const c = doc.comparison
  if (c) {
    flow.heading('Where the CMS’s figures differ from mine')
    if (c.differences.length > 0)
      flow.table({
        kind: 'table',
        columns: [
          { header: 'Figure', weight: 2 },
          { header: 'The CMS used', weight: 2 },
          { header: 'I say', weight: 2 },
          { header: 'Effect of this alone', weight: 2.5 },
        ],
        rows: c.differences.map((d) => [d.what, d.cms, d.user, d.effect]),
      })
    for (const note of c.notes) flow.text(note, { after: 4 })
  }

  flow.heading('Workings on my figures')
  flow.text(
    'Each step says what was done, the figure it gives and the law or official guidance it comes from. ' +
      'Sources marked unverified have not yet been checked against the law itself.',
    { grey: true, after: 6 },
  )
  drawSteps(flow, doc.steps)

  if (c) {
    flow.heading('Workings on the CMS’s figures')
    drawSteps(flow, c.cmsSteps)
  }

  if (doc.assumptions.length > 0) {
    flow.heading('Points Redress could not confirm')
    for (const a of doc.assumptions) flow.bullet(a)
  }

  flow.heading('About these workings')
  flow.text(
    'Redress is free, independent software. It is not the Child Maintenance Service and this is not legal ' +
      'advice. It works the calculation out from the figures above under the 2012-scheme rules, to the penny.',
    { after: 4 },
  )
}

/** Renders the workings as an A4 PDF with real, searchable text in the embedded open font. */
export async function renderWorkingsPdf(doc: WorkingsDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false })
  const fonts = await embedFonts(pdf)
  const flow = new PageFlow(pdf, fonts)
  drawWorkings(flow, doc)
  drawFooters(flow, doc)
  setMetadata(
    pdf,
    WORKINGS_PDF_TITLE,
    `Workings for the child maintenance calculation from ${formatDate(doc.effectiveDate)}`,
    'Redress',
    doc.preparedOn,
  )
  return pdf.save({ objectsPerTick: Infinity })
}
