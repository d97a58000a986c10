import { localeOfLetter, trIn } from './copy.ts'
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { checkLetter } from './check.ts'
import { isHeading, type Letter, type LetterBlock, type LetterTable } from './model.ts'

const NUMBERING = 'paragraphs'
/** A4 text width in twentieths of a point, with 2.25 cm margins. */
const TEXT_WIDTH = 11906 - 2 * 1276

const para = (
  text: string,
  o: { bold?: boolean; right?: boolean; after?: number; italic?: boolean } = {},
): Paragraph =>
  new Paragraph({
    alignment: o.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    spacing: { after: o.after ?? 0 },
    children: [new TextRun({ text, bold: o.bold ?? false, italics: o.italic ?? false })],
  })

const headingPara = (text: string, level: 'title' | 'section', pageBreakBefore = false): Paragraph =>
  new Paragraph({
    heading: level === 'title' ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    pageBreakBefore,
    children: [new TextRun({ text })],
  })

const numbered = (text: string, instance: number): Paragraph =>
  new Paragraph({
    numbering: { reference: NUMBERING, level: 0, instance },
    spacing: { after: 120 },
    children: [new TextRun(text)],
  })

function tableOf(t: LetterTable): Table {
  const total = t.columns.reduce((a, c) => a + (c.weight ?? 1), 0)
  const widths = t.columns.map((c) => Math.round(((c.weight ?? 1) / total) * TEXT_WIDTH))
  const row = (cells: readonly string[], bold: boolean, header: boolean): TableRow =>
    new TableRow({
      tableHeader: header,
      children: t.columns.map(
        (c, i) =>
          new TableCell({
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EDEDED' } } : {}),
            children: [
              new Paragraph({
                alignment: c.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [new TextRun({ text: cells[i] ?? '', bold })],
              }),
            ],
          }),
      ),
    })
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      row(
        t.columns.map((c) => c.header),
        true,
        true,
      ),
      ...t.rows.map((r) => row(r, false, false)),
      ...(t.totals ?? []).map((r) => row(r, true, false)),
    ],
  })
}

function blocks(list: readonly LetterBlock[], instance: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = []
  for (const b of list) {
    if (typeof b === 'string') out.push(numbered(b, instance))
    else if (isHeading(b)) out.push(headingPara(b.text, 'section'))
    else {
      if (b.caption) out.push(para(b.caption, { bold: true, after: 60 }))
      out.push(tableOf(b), para('', { after: 120 }))
    }
  }
  return out
}

function body(letter: Letter): (Paragraph | Table)[] {
  const t = trIn(localeOfLetter(letter.language))
  const out: (Paragraph | Table)[] = []
  const s = letter.sender
  if (letter.layout === 'letter') {
    out.push(para(s.name, { bold: true, right: true }))
    for (const l of s.addressLines) out.push(para(l, { right: true }))
    if (s.phone) out.push(para(t('renderDocx.phone', { phone: s.phone }), { right: true }))
    if (s.email) out.push(para(t('renderDocx.email', { email: s.email }), { right: true }))
    out.push(para(''))
    const r = letter.recipient
    out.push(para(r.organisation, { bold: true }))
    if (r.attention) out.push(para(r.attention))
    for (const l of r.addressLines) out.push(para(l))
    out.push(
      para(''),
      para(formatDate(letter.date)),
      para(t('renderDocx.cmsReference', { reference: letter.reference }), { after: 120 }),
    )
    for (const d of letter.details) out.push(para(`${d.label}: ${d.value}`))
    out.push(
      headingPara(letter.title, 'title'),
      para(letter.salutation, { after: 120 }),
      para(letter.subject, { bold: true, after: 160 }),
    )
    out.push(...blocks(letter.paragraphs, 0))
    out.push(para(letter.closing, { after: 720 }), para(s.name, { after: 120 }))
  } else {
    out.push(headingPara(letter.title, 'title'), para(letter.subject, { after: 160 }))
    for (const d of letter.details) out.push(para(`${d.label}: ${d.value}`))
    if (!letter.details.some((d) => d.label === t('common.cmsReference')))
      out.push(para(t('renderDocx.cmsReference', { reference: letter.reference })))
    out.push(para(t('renderDocx.date', { date: formatDate(letter.date) }), { after: 200 }))
    out.push(...blocks(letter.paragraphs, 0))
  }
  if (letter.signatureLine) out.push(para(''), para(t('renderDocx.signedDate')), para(s.name, { after: 160 }))
  out.push(headingPara(t('renderDocx.enclosures'), 'section'))
  if (letter.enclosures.length === 0) out.push(para(t('renderDocx.none')))
  letter.enclosures.forEach((e) => out.push(numbered(e, 1)))
  letter.appendices.forEach((a, i) => {
    out.push(
      headingPara(
        t('renderDocx.enclosure', { value: letter.enclosures.indexOf(a.title) + 1, title: a.title }),
        'title',
        true,
      ),
    )
    out.push(
      para(
        t('renderDocx.cmsReference2', {
          name: s.name,
          reference: letter.reference,
          date: formatDate(letter.date),
        }),
        { after: 200 },
      ),
    )
    out.push(...blocks(a.paragraphs, i + 2))
  })
  return out
}

function notes(letter: Letter): Paragraph[] {
  const t = trIn(localeOfLetter(letter.language))
  if (letter.notes.length === 0) return []
  return [
    headingPara(t('renderDocx.beforeYouSendThis'), 'title', true),
    para(t('renderDocx.thisPageIsFor'), { italic: true, after: 200 }),
    ...letter.notes.map(
      (n) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 100 }, children: [new TextRun(n)] }),
    ),
  ]
}

/** Renders a letter as an editable Word document with the same paragraphs as the PDF. */
export async function renderLetterDocx(letter: Letter, o: { notes?: boolean } = {}): Promise<Uint8Array> {
  const t = trIn(localeOfLetter(letter.language))
  checkLetter(letter)
  const doc = new Document({
    title: letter.title,
    subject: letter.subject,
    creator: letter.sender.name,
    description: t('renderDocx.writtenWithRedress'),
    lastModifiedBy: letter.sender.name,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22, language: { value: 'en-GB' } } },
        heading1: {
          run: { font: 'Arial', size: 30, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 160 } },
        },
        heading2: {
          run: { font: 'Arial', size: 23, bold: true, color: '000000' },
          paragraph: { spacing: { before: 200, after: 100 } },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: NUMBERING,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 567 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1247, bottom: 1247, left: 1276, right: 1276 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 18,
                    children: [
                      t('renderDocx.cmsReferencePage', { reference: letter.reference }),
                      PageNumber.CURRENT,
                      t('renderDocx.of'),
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children: [...body(letter), ...(o.notes === true ? notes(letter) : [])],
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}
