import type { PDFDocument as MuDocument } from 'mupdf'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildLetter, renderLetterPdf } from '../../../documents/index.ts'
import { withoutNotesPages } from '../../../documents/bundle/notes-pages.ts'
import { loadMupdf } from '../../../documents/bundle/mupdf.ts'
import { testApp, type TestApp } from '../../../../test/helpers/app.ts'
import { amira, WHO } from '../../../../test/letters/personas.ts'
import { SAMPLE_INPUTS } from '../../../../test/fixtures/documents/inputs.ts'
import { textPdf } from '../../../../test/fixtures/documents/pdfs.ts'
import { inspectPdf, squash } from '../../../../test/fixtures/documents/inspect.ts'

/**
 * Issue #11: letters stored before the notes for the parent became a separate document still end
 * with the page "This page is for you. Do not send it.". Such a page never reaches the parent's
 * hands again: it is taken out whenever the stored letter is downloaded or viewed, and left out
 * of any bundle, while the stored file itself is kept as it was.
 */

let t: TestApp
let caseId = ''
let oldLetterId = ''
let otherId = ''
let oldBytes: Uint8Array
let otherBytes: Uint8Array
const NOTE = 'Keep proof of postage until the CMS replies to this letter.'

beforeAll(async () => {
  t = await testApp()
  caseId = (await amira(t.services)).c.id
  const letter = buildLetter('mandatory-reconsideration', SAMPLE_INPUTS['mandatory-reconsideration'])
  // A letter as Redress made it before issue 11: its notes page printed after the letter.
  oldBytes = await renderLetterPdf({ ...letter, notes: [NOTE] }, { notes: true })
  const add = (fileName: string, bytes: Uint8Array, tags: string[]) =>
    t.services.caseFile.evidence.add(WHO, caseId, {
      fileName,
      content: Readable.from([Buffer.from(bytes)]),
      title: fileName,
      documentDate: '2025-02-20',
      tags,
    })
  oldLetterId = (await add('mandatory-reconsideration-2025-02-20.pdf', oldBytes, ['redress-letter'])).id
  otherBytes = await textPdf({ pages: 2 })
  otherId = (await add('payslip.pdf', otherBytes, [])).id
}, 60_000)
afterAll(() => t.close())

const text = async (bytes: Uint8Array): Promise<string> => squash((await inspectPdf(bytes)).pages.join('\n'))

describe('a stored letter with the old notes page', () => {
  it('really has the notes page as stored (the fixture is what older letters were)', async () => {
    const stored = await text(oldBytes)
    expect(stored).toContain('This page is for you. Do not send it.')
    expect(stored).toContain(NOTE)
  })

  it('is downloaded without the notes page, the letter whole, with the right length', async () => {
    const r = await t.app.inject(`/cases/${caseId}/evidence/${oldLetterId}/download`)
    expect(r.statusCode).toBe(200)
    expect(Number(r.headers['content-length'])).toBe(r.rawPayload.length)
    const got = new Uint8Array(r.rawPayload)
    const words = await text(got)
    expect(words).not.toContain('Do not send it')
    expect(words).not.toContain(NOTE)
    expect(words).not.toContain('Before you send this')
    expect(words).toContain('mandatory reconsideration')
    expect((await inspectPdf(got)).pageCount).toBe((await inspectPdf(oldBytes)).pageCount - 1)
  })

  it('is shown in the browser without the notes page', async () => {
    const r = await t.app.inject(`/cases/${caseId}/evidence/${oldLetterId}/file`)
    expect(r.statusCode).toBe(200)
    expect(r.headers['content-type']).toContain('application/pdf')
    const words = await text(new Uint8Array(r.rawPayload))
    expect(words).not.toContain('Do not send it')
    expect(words).not.toContain(NOTE)
  })

  it('keeps nothing of the notes in the file: no unused objects left, even decompressed', async () => {
    const { bytes, removed } = await withoutNotesPages(oldBytes)
    expect(removed).toEqual([(await inspectPdf(oldBytes)).pageCount])
    const m = await loadMupdf()
    const objectsBefore = objectCount(m, oldBytes)
    const after = m.Document.openDocument(bytes, 'application/pdf') as MuDocument
    const plain = after.saveToBuffer('decompress')
    const raw = Buffer.from(plain.asUint8Array()).toString('latin1')
    plain.destroy()
    // Every object left is reachable from the letter's pages: the count of objects fell, and no
    // content stream draws the notes (the notes page's own text is gone from every page).
    expect(after.countObjects()).toBeLessThan(objectsBefore)
    expect(raw).not.toMatch(/Do not send|Before you send/)
    after.destroy()
  })

  it('leaves the stored file as it was, and other files untouched', async () => {
    const stored = await t.services.caseFile.evidence.get(WHO, caseId, oldLetterId)
    expect(stored.sizeBytes).toBe(oldBytes.length)
    const r = await t.app.inject(`/cases/${caseId}/evidence/${otherId}/download`)
    expect(Buffer.compare(r.rawPayload, Buffer.from(otherBytes))).toBe(0)
    expect(Number(r.headers['content-length'])).toBe(otherBytes.length)
  })

  it('never goes into a bundle with its notes page', async () => {
    const built = await t.services.bundles.build(WHO, caseId, { documents: [oldLetterId] })
    const words = await text(built.pdf)
    expect(words).not.toContain('Do not send it')
    expect(words).not.toContain(NOTE)
    expect(words).toContain('mandatory reconsideration')
    expect(built.report.redaction.notesLeftOut.map((n) => n.id)).toEqual([oldLetterId])
  })
})

/** The number of objects in a PDF, read with MuPDF. */
function objectCount(m: Awaited<ReturnType<typeof loadMupdf>>, bytes: Uint8Array): number {
  const doc = m.Document.openDocument(bytes, 'application/pdf') as MuDocument
  const n = doc.countObjects()
  doc.destroy()
  return n
}
