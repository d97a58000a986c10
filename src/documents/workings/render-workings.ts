import { DEFAULT_LOCALE, type Locale } from '../../copy/translate.ts'
import { trIn } from '../letters/copy.ts'
import { PDFDocument, PDFString, type PDFPage } from 'pdf-lib'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { setMetadata } from '../letters/render-pdf.ts'
import { embedFonts } from '../pdf/fonts.ts'
import { A4, PageFlow, SIZE } from '../pdf/flow.ts'
import { wrap } from '../pdf/text.ts'
import type { WorkingsDocument, WorkingsStep } from './model.ts'

/** The title of the workings document, in the given language. */
export const workingsPdfTitle = (locale: Locale = DEFAULT_LOCALE): string =>
  trIn(locale)('workingsPdf.childMaintenanceCalculationWorkings')
/** The title in English (the default locale). */
export const WORKINGS_PDF_TITLE = workingsPdfTitle()

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

function drawSteps(flow: PageFlow, steps: readonly WorkingsStep[], t: ReturnType<typeof trIn>): void {
  const { regular, bold } = flow.fonts
  const width = flow.width - 26
  steps.forEach((s, i) => {
    const figure =
      s.amount === undefined
        ? undefined
        : s.unrounded === undefined
          ? t('workingsPdf.amount', { amount: s.amount })
          : t('workingsPdf.amountBeforeRounding', { amount: s.amount, unrounded: s.unrounded })
    const src = s.source
    const cite = t('workingsPdf.sourceRule', {
      instrument: src.instrument,
      provision: src.provision,
      ruleTitle: src.ruleTitle,
      ruleId: src.ruleId,
    })
    const confidence = t('workingsPdf.confidence', {
      confidenceLabel: src.confidenceLabel,
      confidenceText: src.confidenceText,
    })
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
  const t = trIn(doc.locale ?? DEFAULT_LOCALE)
  flow.footer((value, total) =>
    t('workingsPdf.workingsFromRedressCalculation', {
      effectiveDate: formatDate(doc.effectiveDate),
      value,
      total,
    }),
  )
}

/** Lays the workings out on A4 pages. */
export function drawWorkings(flow: PageFlow, doc: WorkingsDocument): void {
  const t = trIn(doc.locale ?? DEFAULT_LOCALE)
  const { fonts } = flow
  flow.newPage()
  flow.text(workingsPdfTitle(doc.locale), { font: fonts.bold, size: SIZE.title + 1, after: 4 })
  flow.text(
    t('workingsPdf.preparedWithRedressOn', {
      preparedOn: formatDate(doc.preparedOn),
      preparedBy: doc.preparedBy,
      effectiveDate: formatDate(doc.effectiveDate),
    }),
    { after: 2 },
  )
  flow.text(t('workingsPdf.nameCmsReference'), {
    after: 10,
  })

  flow.heading(t('workingsPdf.theWeeklyAmount'))
  flow.text(t('workingsPdf.aWeek', { total: doc.total }), {
    font: fonts.bold,
    size: SIZE.title + 3,
    after: 4,
  })
  for (const line of doc.summary) flow.text(line, { after: 3 })

  flow.heading(t('workingsPdf.theFiguresUsed'))
  const compared = doc.figures.some((f) => f.cms !== undefined)
  flow.table({
    kind: 'table',
    columns: compared
      ? [
          { header: t('workingsPdf.figure'), weight: 2 },
          { header: t('workingsPdf.myFigures'), weight: 3 },
          { header: t('workingsPdf.theCmsSFigures'), weight: 3 },
        ]
      : [
          { header: t('workingsPdf.figure'), weight: 2 },
          { header: t('workingsPdf.myFigures'), weight: 4 },
        ],
    rows: doc.figures.map((f) => (compared ? [f.label, f.yours, f.cms ?? ''] : [f.label, f.yours])),
  })

  const c = doc.comparison
  if (c) {
    flow.heading(t('workingsPdf.whereTheCmsS'))
    if (c.differences.length > 0)
      flow.table({
        kind: 'table',
        columns: [
          { header: t('workingsPdf.figure'), weight: 2 },
          { header: t('workingsPdf.theCmsUsed'), weight: 2 },
          { header: t('workingsPdf.iSay'), weight: 2 },
          { header: t('workingsPdf.effectOfThisAlone'), weight: 2.5 },
        ],
        rows: c.differences.map((d) => [d.what, d.cms, d.user, d.effect]),
      })
    for (const note of c.notes) flow.text(note, { after: 4 })
  }

  flow.heading(t('workingsPdf.workingsOnMyFigures'))
  flow.text(t('workingsPdf.eachStepSaysWhat'), { grey: true, after: 6 })
  drawSteps(flow, doc.steps, t)

  if (c) {
    flow.heading(t('workingsPdf.workingsOnTheCms'))
    drawSteps(flow, c.cmsSteps, t)
  }

  if (doc.assumptions.length > 0) {
    flow.heading(t('workingsPdf.pointsRedressCouldNot'))
    for (const a of doc.assumptions) flow.bullet(a)
  }

  flow.heading(t('workingsPdf.aboutTheseWorkings'))
  flow.text(t('workingsPdf.redressIsFreeIndependent'), { after: 4 })
}

/** Renders the workings as an A4 PDF with real, searchable text in the embedded open font. */
export async function renderWorkingsPdf(doc: WorkingsDocument): Promise<Uint8Array> {
  const t = trIn(doc.locale ?? DEFAULT_LOCALE)
  const pdf = await PDFDocument.create({ updateMetadata: false })
  const fonts = await embedFonts(pdf)
  const flow = new PageFlow(pdf, fonts)
  drawWorkings(flow, doc)
  drawFooters(flow, doc)
  setMetadata(
    pdf,
    workingsPdfTitle(doc.locale),
    t('workingsPdf.workingsForTheChild', { effectiveDate: formatDate(doc.effectiveDate) }),
    'Redress',
    doc.preparedOn,
  )
  return pdf.save({ objectsPerTick: Infinity })
}
