import { zipSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { checkFileName, checkFileType, detectType, formatBytes } from './file-check.ts'
import { message } from '../shared/message.ts'
import { text as words } from '../../copy/translate.ts'
import { refusal } from '../../../test/helpers/refusal.ts'

const bytes = (...xs: number[]) => new Uint8Array(xs)
const text = (s: string) => new TextEncoder().encode(s)
const heic = () => {
  const b = new Uint8Array(32)
  b.set([0, 0, 0, 24], 0)
  b.set(text('ftypheic'), 4)
  b.set(text('mif1heic'), 16)
  return b
}
const docxEntries = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml']

describe('detecting the type from the content', () => {
  it.each([
    ['PDF', text('%PDF-1.7\n'), 'application/pdf'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    ['HEIC', heic(), 'image/heic'],
    ['email', text('From: a@example.com\r\nTo: b@example.com\r\nSubject: Hi\r\n\r\nBody'), 'message/rfc822'],
  ])('%s', (_, head, type) => {
    expect(detectType(head)).toEqual({ known: true, mediaType: type })
  })
  it('a Word .docx is a zip with word/document.xml', () => {
    const zip = zipSync({ '[Content_Types].xml': strToU8('<x/>'), 'word/document.xml': strToU8('<w/>') })
    expect(detectType(zip.slice(0, 64), docxEntries)).toMatchObject({ known: true })
    expect(detectType(zip.slice(0, 64), ['a.txt'])).toEqual({
      known: false,
      what: message('domainErrors.file.looksLike.zip'),
    })
  })
  it('names what it refuses where it can', () => {
    expect(detectType(text('MZ\x90\x00'))).toEqual({
      known: false,
      what: message('domainErrors.file.looksLike.program'),
    })
    expect(words(message('domainErrors.file.looksLike.program'))).toBe('a program (.exe)')
    const office = detectType(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))
    expect(!office.known && office.what && words(office.what)).toMatch(/\.doc/)
    expect(detectType(text('just some text\nwith lines'))).toEqual({ known: false, what: null })
    expect(detectType(text('Subject: no sender\n\n'))).toEqual({ known: false, what: null })
  })
})

describe('checking the name and type together', () => {
  it('keeps a file whose name agrees with its content, and adds an extension when there is none', () => {
    expect(checkFileType('letter.PDF', { known: true, mediaType: 'application/pdf' })).toEqual({
      mediaType: 'application/pdf',
      fileName: 'letter.PDF',
    })
    expect(checkFileType('scan', { known: true, mediaType: 'image/jpeg' })).toEqual({
      mediaType: 'image/jpeg',
      fileName: 'scan.jpg',
    })
  })
  it('refuses a disguised file, saying what it really is', () => {
    expect(refusal(() => checkFileType('letter.pdf', { known: true, mediaType: 'image/png' }))).toMatch(
      /named as a PDF document but its content is a PNG image/,
    )
    expect(
      refusal(() =>
        checkFileType('virus.pdf', { known: false, what: message('domainErrors.file.looksLike.program') }),
      ),
    ).toMatch(/looks like a program/)
    expect(refusal(() => checkFileType('notes.txt', { known: false, what: null }))).toMatch(
      /could not tell what kind of file/,
    )
  })
  it.each([
    ['../../etc/passwd', /folder path/],
    ['..\\x.pdf', /folder path/],
    ['C:evil.pdf', /drive letter/],
    ['a..pdf', /“\.\.”/],
    ['.hidden.pdf', /starts with a dot/],
    ['bad\u0000name.pdf', /control characters/],
    ['', /no name/],
    ['x'.repeat(201), /too long/],
  ])('refuses the name %j', (name, why) => {
    expect(refusal(() => checkFileName(name))).toMatch(why)
  })
  it('accepts ordinary names, including spaces and accents', () => {
    expect(checkFileName('Lettre de Zoë 3 Feb.pdf')).toBe('Lettre de Zoë 3 Feb.pdf')
  })
})

describe('file sizes for people', () => {
  it('says bytes, whole kilobytes, or megabytes and gigabytes to a tenth', () => {
    const sizes = [
      500,
      2048,
      1_536_000,
      50 * 1024 * 1024,
      1_258_291,
      53_792_359,
      2 * 1024 ** 3,
      2.55 * 1024 ** 3,
    ]
    expect(sizes.map(formatBytes)).toEqual([
      '500 bytes',
      '2 KB',
      '1.5 MB',
      '50 MB',
      '1.2 MB',
      '51.3 MB',
      '2 GB',
      '2.6 GB',
    ])
  })
})
