import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { buildLetter } from '../letters/kinds.ts'
import { renderLetterPdf } from '../letters/render-pdf.ts'
import { SAMPLE_INPUTS } from '../../../test/fixtures/documents/inputs.ts'
import { scannedPdf, textPdf } from '../../../test/fixtures/documents/pdfs.ts'
import { lex } from './content-lexer.ts'
import { fastPageTexts } from './fast-text.ts'
import { extractPageTexts } from './pdf-text.ts'

const squeeze = (s: string): string => s.replace(/\s+/g, '')
const bytes = (s: string): Uint8Array => new Uint8Array([...s].map((c) => c.charCodeAt(0)))

describe('reading text straight from a parsed PDF', () => {
  it('reads the same text as pdf.js from letters in the embedded open font', async () => {
    const pdf = await renderLetterPdf(
      buildLetter('mandatory-reconsideration', SAMPLE_INPUTS['mandatory-reconsideration']),
    )
    const fast = fastPageTexts(await PDFDocument.load(pdf))
    const slow = await extractPageTexts(pdf)
    expect(fast.every((p) => p.complete)).toBe(true)
    expect(fast.map((p) => squeeze(p.text))).toEqual(slow.map((p) => squeeze(p.text)))
    expect(fast[0]?.text).toContain('Amira Łukasz-Haddad')
  })

  it('reads the standard-font text of other files and finds nothing on a scan', async () => {
    const text = fastPageTexts(
      await PDFDocument.load(await textPdf({ pages: 1, lines: () => ['Payment of £612 (late) – 3 March'] })),
    )
    expect(text[0]).toEqual({ page: 1, text: 'Payment of £612 (late) – 3 March', complete: true })
    const scan = fastPageTexts(await PDFDocument.load(await scannedPdf(1)))
    expect(scan[0]?.text).toBe('')
  })
})

describe('the content stream lexer', () => {
  it('reads literal and hex strings, arrays and operators, and steps over inline images', () => {
    const ops: { op: string; operands: unknown[] }[] = []
    lex(
      bytes('BT /F1 12 Tf (a\\(b\\) \\101) Tj [(x) -300 <4142>] TJ ET BI /W 1 ID \x00\xffE I\x45 EI\n q Q'),
      (i) => ops.push(i),
    )
    expect(ops.map((o) => o.op)).toEqual(['BT', 'Tf', 'Tj', 'TJ', 'ET', 'BI', 'q', 'Q'])
    expect(ops[1]?.operands).toEqual(['/F1', 12])
    expect(new TextDecoder().decode(ops[2]?.operands[0] as Uint8Array)).toBe('a(b) A')
    const tj = ops[3]?.operands[0] as unknown[]
    expect(tj[1]).toBe(-300)
    expect([...(tj[2] as Uint8Array)]).toEqual([0x41, 0x42])
  })
})
