import { chronology, formatCmsReference, type Actor, type ChronologyRow } from '../domain/case/index.ts'
import { formatDate, parseDate } from '../domain/shared/plain-date.ts'
import { table } from '../documents/letters/model.ts'
import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'
import type { Message } from '../domain/shared/message.ts'
import type { CaseService } from './case.service.ts'

export interface ChronologyOptions {
  /** Include the other parent's contact details (left out by default: a chronology is for sharing). */
  readonly includeSensitive?: boolean
}

/** The printable chronology: every decision and event of a case in date order, as an A4 PDF. */
export class CaseChronologyService {
  constructor(private readonly deps: { readonly cases: CaseService }) {}

  /** The rows in words, in `locale`. */
  async rows(
    who: Actor,
    caseId: string,
    o: ChronologyOptions = {},
    locale: Locale = DEFAULT_LOCALE,
  ): Promise<ChronologyRow[]> {
    const c = await this.deps.cases.getCase(who, caseId)
    const decisions = await this.deps.cases.list(who, caseId, 'decision')
    const events = await this.deps.cases.list(who, caseId, 'event')
    return chronology(c, decisions, events, (m: Message) => text(m, {}, locale), o)
  }

  async pdf(
    who: Actor,
    caseId: string,
    o: ChronologyOptions = {},
    locale: Locale = DEFAULT_LOCALE,
  ): Promise<Uint8Array> {
    const say = (key: string, params: Readonly<Record<string, string | number>> = {}): string =>
      text(`caseDomain.chronology.pdf.${key}`, params, locale)
    const c = await this.deps.cases.getCase(who, caseId)
    const rows = await this.rows(who, caseId, o, locale)
    // The PDF libraries load on first use, not at start-up.
    const [{ PDFDocument }, { embedFonts }, { PageFlow, SIZE }] = await Promise.all([
      import('pdf-lib'),
      import('../documents/pdf/fonts.ts'),
      import('../documents/pdf/flow.ts'),
    ])
    const doc = await PDFDocument.create({ updateMetadata: false })
    const fonts = await embedFonts(doc)
    const flow = new PageFlow(doc, fonts)
    flow.newPage()
    flow.text(say('title', { title: c.title }), { font: fonts.bold, size: SIZE.title, after: 6 })
    if (c.cmsReference)
      flow.text(say('reference', { reference: formatCmsReference(c.cmsReference) }), { after: 2 })
    const today = this.deps.cases.today()
    flow.text(say('prepared', { date: formatDate(today) }), { size: SIZE.small, after: 10 })
    if (rows.length === 0) flow.text(say('empty'))
    else
      flow.table(
        table(
          [
            { header: say('date'), weight: 1.7 },
            { header: say('what'), weight: 1.8 },
            { header: say('details'), weight: 5 },
          ],
          rows.map((r) => [
            `${formatDate(parseDate(r.date))}${r.time ? ` ${r.time}` : ''}`,
            r.what,
            r.detail,
          ]),
        ),
      )
    flow.footer((page, pages) => say('page', { page, pages }))
    doc.setTitle(say('title', { title: c.title }))
    doc.setLanguage('en-GB')
    doc.setCreator('Redress')
    return doc.save()
  }
}
