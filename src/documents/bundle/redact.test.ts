import { describe, expect, it } from 'vitest'
import { buildLetter } from '../letters/kinds.ts'
import { SAMPLE_INPUTS } from '../../../test/fixtures/documents/inputs.ts'
import { Redactor, redactLetter, REMOVED } from './redact.ts'

const target = {
  whose: 'the other parent',
  addressLines: ['9 Heol y Deri', 'Rhiwbina'],
  postcode: 'CF14 6HA',
  phones: ['07700 900456'],
  emails: ['Ex.Partner@example.net'],
}
const r = new Redactor([target])

describe('finding contact details', () => {
  it.each([
    '07700 900456',
    '07700900456',
    '07700-900-456',
    '+44 7700 900456',
    '+44 (0)7700 900 456',
    '0044 7700 900456',
    '(07700) 900456',
  ])('finds the phone number written as %s', (phone) => {
    expect(r.find(`Call me on ${phone} after six.`).map((m) => m.kind)).toEqual(['phone'])
  })

  it('does not find a longer number that merely contains the digits', () => {
    expect(r.find('Account 1077009004567')).toEqual([])
  })

  it('finds postcodes with or without the space, in any case', () => {
    for (const pc of ['CF14 6HA', 'cf146ha', 'CF14  6HA'])
      expect(r.find(`Cardiff ${pc}`).map((m) => m.kind)).toEqual(['postcode'])
  })

  it('finds address lines across line breaks and commas, in any case', () => {
    expect(r.find('Write to 9 HEOL Y\nDERI, Rhiwbina').map((m) => m.kind)).toEqual(['address', 'address'])
    expect(r.find('Rhiwbinas')).toEqual([])
  })

  it('finds email addresses whatever their case', () => {
    expect(r.find('mail: ex.partner@EXAMPLE.net.').map((m) => m.kind)).toEqual(['email'])
  })

  it('finds details whose letters are spaced one by one, as some PDFs store them', () => {
    const spaced = 'e x . p a r t n e r @ e x a m p l e . n e t  C F 1 4 6 H A'
    expect(r.find(spaced)).toEqual([])
    expect(
      r
        .findLoose(spaced)
        .map((m) => m.kind)
        .sort(),
    ).toEqual(['email', 'postcode'])
  })
})

describe('removing contact details', () => {
  it('replaces each detail, counting what went', () => {
    const out = r.redact(
      'From 9 Heol y Deri, Rhiwbina, Cardiff CF14 6HA. Phone +44 7700 900456, email ex.partner@example.net.',
    )
    expect(out.text).toBe(
      `From ${REMOVED}, ${REMOVED}, Cardiff ${REMOVED}. Phone ${REMOVED}, email ${REMOVED}.`,
    )
    expect(out.removed.map((m) => m.kind).sort()).toEqual([
      'address',
      'address',
      'email',
      'phone',
      'postcode',
    ])
  })

  it('removes details from every part of a letter: blocks, tables, details, enclosures and notes', () => {
    const base = buildLetter('compensation-claim', SAMPLE_INPUTS['compensation-claim'])
    const letter = {
      ...base,
      details: [{ label: 'Their address', value: '9 Heol y Deri, Rhiwbina' }],
      paragraphs: [...base.paragraphs, 'Ring 07700 900456.'],
      enclosures: ['A letter sent to CF14 6HA'],
      notes: ['Email ex.partner@example.net'],
    }
    const { letter: clean, removed } = redactLetter(letter, r)
    expect(JSON.stringify(clean)).not.toMatch(/Heol|Rhiwbina|CF14|900456|example\.net/)
    expect(removed).toHaveLength(5)
    expect(clean.paragraphs.at(-1)).toBe(`Ring ${REMOVED}.`)
  })

  it('does nothing without targets', () => {
    const none = new Redactor([])
    expect(none.active).toBe(false)
    expect(none.redact('07700 900456').text).toBe('07700 900456')
  })
})

describe('details whose letters are split up or spelt differently', () => {
  const other = new Redactor([
    { whose: 'the other parent', addressLines: ['8 Quarry Mews'], texts: ['Stratford-upon-Avon'] },
  ])
  const found = (text: string): string[] => other.locate(text).map((r) => text.slice(r.start, r.end))

  it('finds a detail in another case', () => {
    expect(found('Write to 8 QUARRY MEWS today')).toContain('8 QUARRY MEWS')
    expect(found('write to 8 quarry mews')).toContain('8 quarry mews')
  })

  it('finds a detail broken across lines, with or without a hyphen (hard, soft or non-breaking)', () => {
    for (const text of [
      'Write to 8 Quarry\nMews today',
      'Write to 8 Quar-\nry Mews today',
      'Write to 8 Quar\u00adry Mews today',
      'Write to 8 Quar\u2010\nry Mews today',
      'Write to 8 Q u a r r y  M e w s today',
    ])
      expect(found(text).length, JSON.stringify(text)).toBeGreaterThan(0)
  })

  it('covers every letter of a detail broken by a hyphen, from its first letter to its last', () => {
    const text = 'Write to 8 Quar-\nry Mews today'
    const ranges = other.locate(text)
    expect(ranges.some((r) => r.start === text.indexOf('8') && r.end === text.indexOf('Mews') + 4)).toBe(true)
  })

  it('finds a hyphenated name broken at its own hyphen, or written with spaces or nothing for its hyphens', () => {
    expect(found('Born in Stratford-\nupon-Avon in 2015').length).toBeGreaterThan(0)
    expect(found('Born in Stratford upon Avon in 2015').length).toBeGreaterThan(0)
    expect(found('Born in StratforduponAvon').length).toBeGreaterThan(0)
  })
})

describe('whether a text holds any detail', () => {
  const both = new Redactor([
    target,
    { whose: 'you', addressLines: ['8 Quarry Mews'], texts: ['Stratford-upon-Avon'] },
  ])
  it.each([
    'Call me on 07700 900456 after six.',
    'Account 1077009004567',
    'Write to 9 HEOL Y\nDERI, Rhiwbina',
    'Rhiwbinas',
    'e x . p a r t n e r @ e x a m p l e . n e t',
    'Write to 8 Quar-\nry Mews today',
    'Write to 8 Quar\u00adry Mews today',
    'Born in StratforduponAvon',
    'Nothing to see here, at all.',
    '',
  ])('answers as locate does for %j', (text) => {
    expect(both.has(text)).toBe(both.locate(text).length > 0)
    // Asking twice gives the same answer (the patterns keep no position between calls).
    expect(both.has(text)).toBe(both.has(text))
  })

  it('finds nothing with no targets', () => {
    expect(new Redactor([]).has('07700 900456')).toBe(false)
  })
})
