import { mkdirSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PDFDocument, PDFName } from 'pdf-lib'
import { Temporal } from '../../domain/shared/plain-date.ts'
import { pdfText, solid, squash } from '../../../e2e/support/pdf-text.ts'
import type { WorkingsDocument, WorkingsStep } from './model.ts'
import { renderWorkingsPdf, WORKINGS_PDF_TITLE } from './render-workings.ts'

const source = (n: number, confidence: 'verified' | 'secondary' | 'unverified' = 'verified') => ({
  ruleId: `calculation.rule-${n}`,
  ruleTitle: `Rule number ${n}`,
  instrument: 'Child Support Maintenance Calculation Regulations 2012 (SI 2012/2677)',
  provision: `reg ${30 + n}`,
  url: `https://www.legislation.gov.uk/uksi/2012/2677/regulation/${30 + n}/with/a/long/path/that/wraps/${'x'.repeat(60)}`,
  confidence,
  confidenceLabel: { verified: 'Verified', secondary: 'Secondary source', unverified: 'Unverified' }[
    confidence
  ],
  confidenceText: 'What that means.',
})

const steps: WorkingsStep[] = Array.from({ length: 30 }, (_, i) => ({
  text: `Step text ${i + 1}: the amount for Łukasz and Zoë’s children is worked out with ÷ 365 × 7 and so on, a long sentence that wraps.`,
  ...(i % 3 === 0 ? { amount: `£${i + 1}.00` } : {}),
  ...(i % 6 === 0 ? { unrounded: `£${i + 1}.004…` } : {}),
  source: source(i, i === 2 ? 'unverified' : i === 3 ? 'secondary' : 'verified'),
}))

const doc: WorkingsDocument = {
  preparedOn: Temporal.PlainDate.from('2025-03-01'),
  preparedBy: 'the receiving parent',
  effectiveDate: Temporal.PlainDate.from('2025-02-03'),
  total: '£128.03',
  summary: ['The basic rate applies.'],
  figures: [
    { label: 'Paying parent’s gross income', yours: '£45,000.00 a year', cms: '£598.36 a week' },
    { label: 'Calculation applies from', yours: '3 February 2025', cms: 'Same as mine' },
  ],
  steps,
  comparison: {
    differences: [
      { what: 'Income', cms: '£598.36 a week', user: '£863.01 a week', effect: '+£34.13 a week, to £116.19' },
    ],
    notes: ['With all your figures the weekly amount is £128.03.'],
    cmsSteps: steps.slice(0, 3),
  },
  assumptions: ['We round to the nearest penny.'],
}

describe('renderWorkingsPdf', () => {
  it('writes searchable A4 pages with the amount, every step, amount and source, and page numbers', async () => {
    const bytes = await renderWorkingsPdf(doc)
    mkdirSync('test-artefacts/workings', { recursive: true })
    writeFileSync('test-artefacts/workings/render-test.pdf', bytes)
    const { text, pages, title } = await pdfText(bytes)
    expect(title).toBe(WORKINGS_PDF_TITLE)
    expect(pages).toBeGreaterThan(2)
    const flat = squash(text)
    expect(flat).toContain('£128.03 a week')
    expect(flat).toContain('Prepared with Redress on 1 March 2025 by the receiving parent')
    for (const s of steps) {
      expect(flat).toContain(squash(s.text))
      expect(flat).toContain(`${s.source.instrument}, ${s.source.provision}.`)
      expect(flat).toContain(`(${s.source.ruleId})`)
      expect(flat).toContain(`Confidence: ${s.source.confidenceLabel}.`)
      expect(solid(text)).toContain(solid(s.source.url))
      if (s.amount) expect(flat).toContain(`Amount: ${s.amount}`)
      if (s.unrounded) expect(flat).toContain(`(before rounding ${s.unrounded})`)
    }
    expect(flat).toContain('+£34.13 a week, to £116.19')
    expect(flat).toContain(`Page 1 of ${pages}`)
    expect(flat).toContain(`Page ${pages} of ${pages}`)
    expect(flat).not.toContain('?')
  })

  it('links each source URL and embeds the open font', async () => {
    const pdf = await PDFDocument.load(await renderWorkingsPdf(doc))
    const uris = pdf.getPages().flatMap((p) => {
      const annots = p.node.Annots()
      if (!annots) return []
      return annots.asArray().map((ref) => String(pdf.context.lookup(ref)?.toString() ?? ''))
    })
    expect(uris.filter((u) => u.includes('/URI')).length).toBe(steps.length + 3)
    const fonts = pdf.context
      .enumerateIndirectObjects()
      .filter(
        ([, o]) => 'has' in o && (o as unknown as { has(n: PDFName): boolean }).has(PDFName.of('FontFile2')),
      )
    expect(fonts.length).toBeGreaterThan(0)
  })

  it('leaves the CMS column and comparison out when there is nothing to compare', async () => {
    const { comparison: _, ...alone } = doc
    const flat = squash(
      (await pdfText(await renderWorkingsPdf({ ...alone, figures: [{ label: 'Income', yours: '£1.00' }] })))
        .text,
    )
    expect(flat).not.toContain('The CMS’s figures')
    expect(flat).not.toContain('Where the CMS’s figures differ')
    expect(flat).toContain('Workings on my figures')
  })
})
