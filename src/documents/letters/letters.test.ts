import { describe, expect, it } from 'vitest'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { SAMPLE_INPUTS } from '../../../test/fixtures/documents/inputs.ts'
import {
  embedsTrueTypeFont,
  inspectPdf,
  saveArtefact,
  squash,
} from '../../../test/fixtures/documents/inspect.ts'
import { docxParagraphs, docxPart } from '../../../test/fixtures/documents/zip.ts'
import { buildLetter, COMMON_PARTICULARS, LETTER_KINDS, listLetterKinds, type LetterKind } from './kinds.ts'
import { isHeading, isTable, type Letter } from './model.ts'
import { renderLetterDocx } from './render-docx.ts'
import { renderLetterPdf, renderNotesPdf } from './render-pdf.ts'
import { unsupportedCharacters } from '../pdf/fonts.ts'

const build = <K extends LetterKind>(kind: K): Letter => buildLetter(kind, SAMPLE_INPUTS[kind])

/** Every piece of text a letter must carry, whatever its kind. */
function particulars(letter: Letter): string[] {
  const blocks = [...letter.paragraphs, ...letter.appendices.flatMap((a) => a.paragraphs)]
  return [
    letter.title,
    letter.sender.name,
    // A statement (grounds, chronology, schedule, answers) names the appellant; a letter has both address blocks.
    ...(letter.layout === 'letter'
      ? [...letter.sender.addressLines, letter.recipient.organisation, ...letter.recipient.addressLines]
      : []),
    formatDate(letter.date),
    letter.reference,
    letter.subject,
    ...letter.details.map((d) => `${d.label}: ${d.value}`),
    ...blocks.flatMap((b) =>
      typeof b === 'string' ? [b] : isHeading(b) ? [b.text] : b.rows.flat().filter((c) => c !== ''),
    ),
    'Enclosures',
    ...letter.enclosures,
  ]
}

describe('the letter registry', () => {
  it('lists every kind with a title, a summary and the particulars it needs', () => {
    const kinds = listLetterKinds()
    expect(kinds.map((k) => k.kind)).toEqual(LETTER_KINDS)
    expect(kinds).toHaveLength(26)
    for (const k of kinds) {
      expect(k.title).not.toBe('')
      expect(k.summary).not.toBe('')
      for (const c of COMMON_PARTICULARS) expect(k.required).toContainEqual(c)
    }
    expect(
      kinds.filter((k) => k.kind.startsWith('variation-')).every((k) => (k.evidence ?? []).length > 0),
    ).toBe(true)
  })
})

describe.each(LETTER_KINDS)('%s', (kind) => {
  const letter = build(kind)

  it('renders an A4 PDF whose text holds every particular, with title and language set', async () => {
    const pdf = await renderLetterPdf(letter)
    saveArtefact(kind, pdf)
    const read = await inspectPdf(pdf)
    const text = squash(read.pages.join('\n'))
    for (const p of particulars(letter)) expect(text, `missing: ${p}`).toContain(squash(p))
    // The notes for the parent are a separate document, never part of the letter to send.
    for (const n of letter.notes) expect(text).not.toContain(squash(n))
    const first = letter.paragraphs.find((b) => typeof b === 'string')
    expect(text).toContain(`1. ${squash(String(first))}`)
    expect(read.title).toBe(letter.title)
    expect(read.language).toBe('en-GB')
    for (const s of read.sizes) expect([Math.round(s.width), Math.round(s.height)]).toEqual([595, 842])
    expect(text).not.toContain('Do not send')
    expect(await embedsTrueTypeFont(pdf)).toBe(true)
  })

  it('puts the notes for the parent in a document of their own', async () => {
    const notes = squash((await inspectPdf(await renderNotesPdf(letter))).pages.join('\n'))
    expect(notes).toContain('Before you send this')
    expect(notes).toContain('do not send them')
    for (const n of letter.notes) expect(notes).toContain(squash(n))
    expect(notes).toContain('certificate of posting')
  })

  it('renders a .docx holding the same paragraphs', async () => {
    const docx = await renderLetterDocx(letter)
    const paras = docxParagraphs(docx)
    for (const b of [...letter.paragraphs, ...letter.appendices.flatMap((a) => a.paragraphs)]) {
      if (typeof b === 'string') expect(paras).toContain(b)
      else if (isHeading(b)) expect(paras).toContain(b.text)
      else if (isTable(b)) for (const c of b.rows.flat()) if (c) expect(paras).toContain(c)
    }
    const name = letter.layout === 'letter' ? letter.sender.name : `Appellant: ${letter.sender.name}`
    for (const p of [
      name,
      letter.subject,
      letter.title,
      `CMS reference: ${letter.reference}`,
      ...letter.enclosures,
    ])
      expect(paras).toContain(p)
    for (const n of letter.notes) expect(paras).not.toContain(n)
    expect(docxPart(docx, 'docProps/core.xml')).toContain(
      `<dc:title>${letter.title.replace(/&/g, '&amp;')}</dc:title>`,
    )
    expect(docxPart(docx, 'word/styles.xml')).toContain('w:val="en-GB"')
  })
})

describe('what particular letters say', () => {
  const text = async (l: Letter): Promise<string> =>
    squash((await inspectPdf(await renderLetterPdf(l))).pages.join('\n'))

  it('prints names outside Latin-1, such as Łukasz, as real text', async () => {
    expect(await text(build('mandatory-reconsideration'))).toContain('Amira Łukasz-Haddad')
    // Scripts with no Noto font embedded yet (Ethiopic here) are the ones that would print as "?".
    expect(unsupportedCharacters('Łukasz Żaneta Αλέξης Дмитрий 😀 محمد 王 ሀ')).toEqual(['ሀ'])
  })

  it('numbers the paragraphs of the .docx with Word numbering, so they renumber when edited', async () => {
    expect(docxPart(await renderLetterDocx(build('complaint')), 'word/document.xml')).toContain('<w:numPr>')
  })

  it('names the decision by date and subject in a reconsideration request, and asks for the notice', async () => {
    const t = await text(build('mandatory-reconsideration'))
    expect(t).toContain(
      'the decision dated 3 February 2025 about the annual review of the maintenance calculation',
    )
    expect(t).toContain('not to any later decision')
    expect(t).toContain('mandatory reconsideration notice')
    expect(t).toContain('Enclosure 1: Workings from the calculation checker')
    expect(t).toContain('£863.01')
  })

  it('heads a complaint "Complaint" and asks for what the parent wants', async () => {
    const l = build('complaint')
    expect(l.title).toBe('Complaint')
    const t = await text(l)
    expect(t).toContain('Complaint Dear Sir or Madam')
    expect(t).toContain('I ask for an apology.')
    expect(t).toContain('I ask for the mistake to be put right: enforce the missed payments now.')
    expect(t.indexOf('3 June 2024')).toBeLessThan(t.indexOf('1 July 2024'))
  })

  it('itemises compensation costs with subtotals and a total in exact pence', async () => {
    const t = await text(build('compensation-claim'))
    expect(t).toContain('Subtotal: phone calls £38.40')
    expect(t).toContain('Subtotal: bank charges £12.00')
    expect(t).toContain('Total £50.40')
    expect(t).toContain('I have paid £50.40 in costs')
    expect(t).toContain('On 10 September 2024:')
  })

  it('confirms a phone call: when, with whom, and what was agreed', async () => {
    const t = await text(build('call-confirmation'))
    expect(t).toContain(
      'when I spoke to an adviser called Kelly on 10 February 2025 at 10.15am, as discussed on that call',
    )
    expect(t).toContain('Kelly said the CMS would look into Dan’s current income.')
  })

  it('gives the DWP one calendar month in a subject access request', async () => {
    expect(await text(build('subject-access-request'))).toContain('one calendar month')
  })

  it('encloses the final response with an ICE complaint and gives the details ICE asks for', async () => {
    const t = await text(build('ice-referral'))
    expect(t).toContain('The final response dated 2 September 2025')
    expect(t).toContain('National Insurance number: QQ123456C')
    expect(t).toContain('Phone: 029 2018 0000')
  })

  it('asks an MP for help and for a referral to the Ombudsman', async () => {
    const t = await text(build('mp-letter'))
    expect(t).toContain('Dear Jane Example')
    expect(t).toContain('refer my complaint to the Parliamentary and Health Service Ombudsman')
    expect(t).toContain('Yours sincerely')
  })

  it('gives a late request a reason that can count, never ignorance of the time limit', async () => {
    const t = await text(build('late-mandatory-reconsideration'))
    expect(t).toContain('I, or someone I care for, was in hospital from 20 February 2025 to 1 May 2025')
    expect(t.toLowerCase()).not.toMatch(/i did not know (about )?the time limit/)
  })

  it('writes one variation letter per ground, each with the evidence that ground needs', () => {
    for (const k of listLetterKinds().filter((x) => x.kind.startsWith('variation-'))) {
      const l = build(k.kind)
      expect(l.subject).toMatch(/^Application for a variation on the ground of /)
      expect(l.notes.join(' ')).toContain((k.evidence ?? [])[0] ?? '')
    }
  })

  it('builds the appeal answers sheet in the order of form SSCS2 and says it is not the form', () => {
    const l = build('appeal-sscs2-answers')
    const headings = l.paragraphs.filter(isHeading).map((h) => h.text)
    expect(headings).toEqual([
      'The mandatory reconsideration notice',
      'About you',
      'Your representative',
      'The other parent',
      'The decision you are appealing',
      'Your reasons for appealing',
      'If your appeal is late',
      'The hearing',
      'Signature',
    ])
    expect(l.notes[0]).toContain('This sheet is not the official form')
  })

  it('writes the Northern Ireland appeal as a signed letter to The Appeals Service', async () => {
    const t = await text(build('ni-appeal'))
    expect(t).toContain('The mandatory reconsideration notice is dated 8 May 2025 and I enclose a copy.')
    expect(t).toContain('Signed:')
  })
})
