import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isMap, isScalar, parseDocument } from 'yaml'
import { isCmsReference } from '../../src/domain/remedies/contacts.ts'
import { CONTACTS_FILE, ContactsFileError, loadContacts, parseContacts } from '../../src/services/contacts.ts'

/** Contact facts (rules/contacts.yaml) and the rule that no paid call-connection number is ever shown. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const contacts = loadContacts()

describe('contacts.yaml', () => {
  it('records the free CMS number, Relay UK, the postal address and the reference format', () => {
    expect(contacts.cms.phone.value).toBe('0800 171 2345')
    // Its sources are advice charities (Citizens Advice, One Parent Families Scotland): secondary, as
    // the file's own scale says, until an official page is read.
    expect(contacts.cms.phone.confidence).toBe('secondary')
    expect(contacts.cms.postalAddress.confidence).toBe('secondary')
    expect(contacts.cms.relayUk.value).toBe('18001 then 0800 171 2345')
    expect(contacts.cms.postalAddress.value).toBe(
      'Child Maintenance Service 21\nMail Handling Site A\nWolverhampton\nWV98 2BU',
    )
    expect(contacts.cms.referenceNumber.value).toMatch(/12 digits beginning 121/)
  })

  it('gives every fact at least one https source and a checked-on date', () => {
    const facts = [
      ...Object.values(contacts.cms),
      ...Object.values(contacts.northernIreland),
      contacts.tribunal.sscs2,
      contacts.independentCaseExaminer,
    ]
    for (const f of facts) {
      expect(f.sources.length).toBeGreaterThan(0)
      for (const s of f.sources) expect(s.url).toMatch(/^https:\/\//)
      expect(f.checkedOn.year).toBeGreaterThanOrEqual(2025)
    }
    expect(contacts.paidNumberWarning.sources.length).toBeGreaterThan(0)
  })

  it('marks what the research could not confirm as unverified (Welsh-language line, opening hours)', () => {
    expect(contacts.cms.welshLanguageLine.confidence).toBe('unverified')
    expect(contacts.cms.openingHours.confidence).toBe('unverified')
    expect(contacts.cms.openingHours.note).toMatch(/disagree/)
  })

  it('warns that 0843 and 0844 numbers are paid call-connection services not run by the CMS', () => {
    const w = contacts.paidNumberWarning.text
    expect(w).toMatch(/0843/)
    expect(w).toMatch(/0844/)
    expect(w).toMatch(/call-connection/)
    expect(w).toMatch(/not by the CMS/)
    expect(w).toMatch(/free\s+number on your CMS letters/)
  })

  it('checks CMS reference numbers: 12 digits beginning 121', () => {
    expect(isCmsReference(contacts, '121 234 567 890')).toBe(true)
    expect(isCmsReference(contacts, '121234567890')).toBe(true)
    expect(isCmsReference(contacts, '12123456789')).toBe(false)
    expect(isCmsReference(contacts, '131234567890')).toBe(false)
  })

  it('refuses a file with a missing checked-on date, a plain-http source or an unknown key', () => {
    const text = readFileSync(CONTACTS_FILE, 'utf8')
    expect(() => parseContacts(text.replace(/checked-on: 2026-11-23\n/, ''))).toThrow(ContactsFileError)
    expect(() => parseContacts(text.replace('url: https://opfs', 'url: http://opfs'))).toThrow(/url/)
    expect(() => parseContacts(`${text}\nextra: 1\n`)).toThrow(/extra|Unrecognized/i)
  })
})

/** Paid or premium-rate numbers: 084x, 087x and 09x, with or without spaces. */
const PAID = /(?<![\w.])0(?:8[47]|9\d)\d(?:[ -]?\d){0,8}(?![\w])/g

function* textFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) yield* textFiles(full)
    else if (/\.(ts|yaml|yml|json|njk|md|txt)$/.test(name)) yield full
  }
}

/** The contacts file with the warning's own text cut out (the one place the prefixes may appear). */
function contactsWithoutWarning(): string {
  const text = readFileSync(CONTACTS_FILE, 'utf8')
  const doc = parseDocument(text)
  const warning = doc.getIn(['paid-number-warning', 'text'], true)
  if (!isScalar(warning) || !warning.range) throw new Error('paid-number-warning.text not found')
  const [start, , end] = warning.range
  return text.slice(0, start) + text.slice(end)
}

describe('no paid call-connection numbers', () => {
  it('appear anywhere in rules/ or src/ except inside the warning', () => {
    expect(isMap(parseDocument(readFileSync(CONTACTS_FILE, 'utf8')).contents)).toBe(true)
    const found: string[] = []
    for (const dir of ['rules', 'src']) {
      for (const file of textFiles(join(ROOT, dir))) {
        const text = file === CONTACTS_FILE ? contactsWithoutWarning() : readFileSync(file, 'utf8')
        for (const m of text.matchAll(PAID)) found.push(`${relative(ROOT, file)}: ${m[0]}`)
      }
    }
    expect(found).toEqual([])
  })

  it('would catch one if it were there', () => {
    expect('call 0843 850 0000 now'.match(PAID)).not.toBeNull()
    expect('0870 123 4567'.match(PAID)).not.toBeNull()
    expect('09012345678'.match(PAID)).not.toBeNull()
    expect('free on 0800 171 2345, dated 2009-09-01'.match(PAID)).toBeNull()
  })
})
