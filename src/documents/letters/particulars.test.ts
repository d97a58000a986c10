import { describe, expect, it } from 'vitest'
import { pence } from '../../domain/shared/pence.ts'
import { Temporal } from '../../domain/shared/plain-date.ts'
import { step } from '../../domain/shared/traced.ts'
import { appealInput, SAMPLE_INPUTS } from '../../../test/fixtures/documents/inputs.ts'
import { buildLetter } from './kinds.ts'
import { MissingParticulars } from './particulars.ts'
import { renderLetterDocx } from './render-docx.ts'
import { renderLetterPdf } from './render-pdf.ts'
import { LATE_REASONS } from './templates/late-mandatory-reconsideration.ts'
import { appealPack } from './templates/appeal-pack.ts'
import { workingsFromSteps } from './workings.ts'

function missing(fn: () => unknown): MissingParticulars {
  try {
    fn()
  } catch (e) {
    if (e instanceof MissingParticulars) return e
    throw e
  }
  throw new Error('expected MissingParticulars')
}

const mr = SAMPLE_INPUTS['mandatory-reconsideration']

describe('missing particulars stop a letter and say what to add', () => {
  it('lists a missing reference number and decision date together', () => {
    const e = missing(() =>
      buildLetter('mandatory-reconsideration', { ...mr, reference: undefined, decision: { subject: 'x' } }),
    )
    expect(e.missing.map((m) => m.field)).toEqual(['reference', 'decision.date'])
    expect(e.message).toContain('Please add: your CMS reference number (12 digits, starting 121')
    expect(e.message).toContain('the date of the decision (the date printed on the CMS letter)')
  })

  it('refuses a reference that is not 12 digits starting 121, saying what it should be', () => {
    expect(
      missing(() => buildLetter('complaint', { ...SAMPLE_INPUTS.complaint, reference: '12345' })).message,
    ).toContain(
      'a CMS reference number of 12 digits starting 121 (the one given, "12345", is not in that form)',
    )
    expect(
      buildLetter('complaint', { ...SAMPLE_INPUTS.complaint, reference: '1215 5500 0111' }).reference,
    ).toBe('121555000111')
  })

  it('names every missing part of the sender, recipient and date', () => {
    const e = missing(() => buildLetter('statement-of-account', {}))
    expect(e.missing.map((m) => m.field)).toEqual([
      'sender.name',
      'sender.addressLines',
      'recipient.organisation',
      'recipient.addressLines',
      'date',
      'reference',
    ])
  })

  it('never accepts "I did not know the time limit" as the reason a request is late', () => {
    const input = SAMPLE_INPUTS['late-mandatory-reconsideration']
    const e = missing(() =>
      buildLetter('late-mandatory-reconsideration', {
        ...input,
        lateness: { reason: 'family-emergency', details: "I didn't know there was a time limit for this." },
      }),
    )
    expect(e.missing[0]?.field).toBe('lateness.details')
    expect(e.message).toContain('not knowing the time limit is not accepted as a reason')
    for (const r of Object.values(LATE_REASONS)) expect(r).not.toMatch(/time limit|did not know|didn’t know/i)
  })

  it('needs a National Insurance number, a phone, and an email if that is how to reply, for the Independent Case Examiner', () => {
    const input = {
      ...SAMPLE_INPUTS['ice-referral'],
      sender: { name: 'Priya Sharma', addressLines: ['1 Road'] },
      nationalInsuranceNumber: 'AB12',
    }
    const e = missing(() => buildLetter('ice-referral', input))
    expect(e.missing.map((m) => m.field)).toEqual(['sender.phone', 'nationalInsuranceNumber', 'sender.email'])
  })

  it('asks for costs, distress or lost maintenance before a compensation claim', () => {
    const input = { ...SAMPLE_INPUTS['compensation-claim'], costs: [], distress: [], lostMaintenance: [] }
    expect(missing(() => buildLetter('compensation-claim', input)).missing[0]?.field).toBe('costs')
  })

  it('checks a letter again after the parent has edited it', async () => {
    const letter = buildLetter('mandatory-reconsideration', mr)
    const edited = { ...letter, reference: '', subject: '  ' }
    await expect(renderLetterPdf(edited)).rejects.toBeInstanceOf(MissingParticulars)
    await expect(renderLetterDocx(edited)).rejects.toThrow(/CMS reference number; a subject line/)
    const reworded = { ...letter, paragraphs: ['My own words instead.', ...letter.paragraphs.slice(1)] }
    expect((await renderLetterPdf(reworded)).length).toBeGreaterThan(1000)
  })

  it('accepts a 12-digit Northern Ireland reference for the NI appeal only', () => {
    const ni = SAMPLE_INPUTS['ni-appeal']
    expect(buildLetter('ni-appeal', { ...ni, reference: '998877665544' }).reference).toBe('998877665544')
    expect(() => buildLetter('complaint', { ...SAMPLE_INPUTS.complaint, reference: '998877665544' })).toThrow(
      MissingParticulars,
    )
  })
})

describe('workings from the calculation engine', () => {
  it('turns traced steps into workings lines with amounts and citations', () => {
    const steps = [
      step('income', 'Gross weekly income', {
        amount: pence(86301),
        cite: {
          ruleId: 'calculation.income',
          instrument: 'SI 2012/2677',
          provision: 'reg 37',
          url: 'https://www.legislation.gov.uk/uksi/2012/2677/regulation/37',
          confidence: 'verified',
        },
      }),
      step('date', 'Effective date', {
        date: Temporal.PlainDate.from('2025-02-03'),
        cite: { ruleId: 'x', instrument: 'Guidance', provision: 'p', url: 'u', confidence: 'unverified' },
      }),
    ]
    expect(workingsFromSteps(steps)).toEqual([
      { text: 'Gross weekly income', amount: 86301, citation: 'SI 2012/2677, reg 37' },
      { text: 'Effective date (3 February 2025)', citation: 'Guidance, p (unverified)' },
    ])
  })
})

describe('the appeal pack', () => {
  it('has a covering letter, grounds, chronology, schedule and answers sheet, in that order', () => {
    expect(appealPack(appealInput).map((l) => l.kind)).toEqual([
      'appeal-covering-letter',
      'appeal-grounds',
      'appeal-chronology',
      'appeal-disputed-figures',
      'appeal-sscs2-answers',
    ])
    expect(appealPack(appealInput)[0]?.enclosures).toEqual([
      'Form SSCS2, completed and signed',
      'A copy of the mandatory reconsideration notice dated 14 March 2025',
      'Grounds of appeal',
      'Chronology',
      'Schedule of disputed figures',
    ])
  })
})
