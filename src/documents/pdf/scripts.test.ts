import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { Temporal } from '../../domain/shared/plain-date.ts'
import { SAMPLE_INPUTS } from '../../../test/fixtures/documents/inputs.ts'
import { extractPageTexts } from '../bundle/pdf-text.ts'
import { buildBundle } from '../bundle/build-bundle.ts'
import { buildLetter } from '../letters/kinds.ts'
import { renderLetterPdf } from '../letters/render-pdf.ts'
import { renderWorkingsPdf } from '../workings/render-workings.ts'
import { embedFonts, unsupportedCharacters } from './fonts.ts'
import { PageFlow } from './flow.ts'

/** Names and words in every script the issue names, as a parent might type them. */
const SAMPLES = {
  welsh: 'Siân ap Llŷr, Dŵr-y-Felin',
  polish: 'Łukasz Żółkiewski',
  arabic: 'محمد علي',
  urdu: 'عائشہ کے بچے',
  hebrew: 'שרה כהן',
  bengali: 'আমার সোনার বাংলা',
  chinese: '王小明的孩子',
  emoji: '👍 ❤️ 👨‍👩‍👧',
} as const

/** pdf.js marks right-to-left runs with embedding controls; spaces vary with layout. */
const normal = (s: string): string => s.replace(/[\u202a-\u202e\u200e\u200f]/g, '').replace(/\s+/g, ' ')
/** Bengali vowel signs are drawn before their consonant, so text reads back in drawing order: compare the letters. */
const letters = (s: string): string => [...s.normalize('NFD').replace(/\s+/g, '')].sort().join('')

async function textOf(pdf: Uint8Array): Promise<string> {
  return normal((await extractPageTexts(pdf)).map((p) => p.text).join('\n'))
}

function expectAll(text: string): void {
  for (const [name, sample] of Object.entries(SAMPLES)) {
    if (name === 'bengali') {
      const words = text.match(/[\u0980-\u09ff]+(?: [\u0980-\u09ff]+)*/g) ?? []
      expect(
        words.some((w) => letters(w) === letters(sample)),
        `${name} in ${text}`,
      ).toBe(true)
    } else expect(text, name).toContain(sample)
  }
}

describe('text in every script', () => {
  it('has a font for every character of every sample', () => {
    expect(unsupportedCharacters(Object.values(SAMPLES).join(' '))).toEqual([])
  })

  it('reads back from a page drawn with the page flow, in logical order, regular and bold', async () => {
    const doc = await PDFDocument.create()
    const fonts = await embedFonts(doc)
    const flow = new PageFlow(doc, fonts)
    for (const s of Object.values(SAMPLES)) flow.text(`Name: ${s}.`)
    for (const s of Object.values(SAMPLES)) flow.text(s, { font: fonts.bold })
    flow.table({
      kind: 'table',
      columns: [{ header: 'Who' }, { header: 'What' }],
      rows: Object.values(SAMPLES).map((s) => [s, 'note']),
    })
    const text = await textOf(await doc.save())
    expectAll(text)
    expect(text).toContain('Name: محمد علي')
    expect(text).not.toContain('?')
  })

  it('reads back from a letter', async () => {
    const base = buildLetter('mandatory-reconsideration', SAMPLE_INPUTS['mandatory-reconsideration'])
    const letter = {
      ...base,
      sender: { ...base.sender, name: `${SAMPLES.polish} ${SAMPLES.arabic}` },
      paragraphs: [...base.paragraphs, ...Object.values(SAMPLES).map((s) => `My child’s name is ${s}.`)],
    }
    const text = await textOf(await renderLetterPdf(letter))
    expectAll(text)
    expect(text).toContain(`${SAMPLES.polish} ${SAMPLES.arabic}`)
  })

  it('reads back from the workings', async () => {
    const pdf = await renderWorkingsPdf({
      preparedOn: Temporal.PlainDate.from('2025-03-01'),
      preparedBy: `${SAMPLES.chinese} ${SAMPLES.urdu}`,
      effectiveDate: Temporal.PlainDate.from('2025-02-03'),
      total: '£10.00',
      summary: Object.values(SAMPLES),
      figures: [],
      steps: [],
      assumptions: [],
    } as Parameters<typeof renderWorkingsPdf>[0])
    expectAll(await textOf(pdf))
  })

  it('reads back from a bundle’s cover, index and chronology', async () => {
    const { pdf } = await buildBundle({
      title: 'Appeal bundle',
      parties: [
        { label: 'Appellant', value: SAMPLES.arabic },
        { label: 'Other party', value: SAMPLES.chinese },
      ],
      reference: '121098765432',
      preparedBy: SAMPLES.welsh,
      date: Temporal.PlainDate.from('2025-03-20'),
      documents: [],
      chronology: Object.values(SAMPLES).map((s, i) => ({
        date: Temporal.PlainDate.from(`2025-01-${String(i + 10)}`),
        event: `Call with ${s}`,
      })),
      purpose: 'other',
    })
    const text = await textOf(pdf)
    expectAll(text)
    expect(text).toContain(`Appellant: ${SAMPLES.arabic}`)
    expect(text).toContain(`Prepared by ${SAMPLES.welsh}`)
  })
})
