import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caseAudit, evidencePages } from '../../src/store/schema.ts'
import type { CaseServices } from '../../src/services/case-services.ts'
import { bestByField } from '../../src/domain/reading/suggest.ts'
import { engines } from '../helpers/engines.ts'
import type { TestDatabase } from '../helpers/pglite.ts'
import { WHO, services } from '../case/fixtures.ts'
import { letterPdf, makeSpec } from '../fixtures/letters/synthetic.ts'

async function* bytes(b: Uint8Array): AsyncIterable<Uint8Array> {
  yield b
}

describe.each(engines)('reading and search on %s', (engine, open) => {
  let db: TestDatabase
  let dir: string
  let s: CaseServices
  let caseId: string
  let otherCaseId: string
  let letterId: string
  const spec = {
    ...makeSpec(5, 'annual-review'),
    letterDate: '2025-02-03',
    effectiveDate: '2025-03-10',
    variant: 0,
  }

  beforeAll(async () => {
    db = await open()
    dir = db.dataDir || mkdtempSync(join(tmpdir(), 'redress-read-pg-'))
    s = services(db, dir)
    caseId = (await s.cases.createCase(WHO, { title: 'Reading', nation: 'england', role: 'receiving' })).id
    otherCaseId = (await s.cases.createCase(WHO, { title: 'Other', nation: 'scotland', role: 'paying' })).id
  })
  afterAll(async () => {
    await s?.reading.stop()
    await db?.destroy()
    if (engine === 'postgresql') rmSync(dir, { recursive: true, force: true })
  })

  it('queues reading when a file is added, and reads it as a job: text per page with its method', async () => {
    const e = await s.evidence.add(WHO, caseId, {
      fileName: 'review.pdf',
      content: bytes(await letterPdf(spec, 1)),
      documentDate: spec.letterDate,
    })
    letterId = e.id
    expect(await s.reading.state(e.id)).toMatchObject({ state: 'queued' })
    expect(await s.reading.drain()).toBe(1)
    expect(await s.reading.state(e.id)).toEqual({ state: 'done', pages: 2, language: 'eng' })
    const pages = await s.reading.pages(e.id)
    expect(pages.map((p) => [p.page, p.method, p.confidence])).toEqual([
      [1, 'text-layer', null],
      [2, 'text-layer', null],
    ])
    expect(pages[0]!.text).toContain('Annual review of your child maintenance')
    // Adding the same file again to the same evidence is not read twice.
    await s.reading.queue(WHO, e)
    expect(await s.reading.drain()).toBe(0)
  })

  it('suggests the facts of the letter, ranked against what the case knows', async () => {
    const best = bestByField(await s.reading.suggestions(WHO, caseId, letterId))
    expect(best.letterDate?.value).toBe(spec.letterDate)
    expect(best.decisionKind?.value).toBe('annual-review')
    expect(best.weeklyAmount?.value).toBe((spec.weeklyPence / 100).toFixed(2))
    expect(best.cmsReference).toMatchObject({ value: spec.reference, page: 1 })
    await s.cases.amendCase(WHO, caseId, { cmsReference: spec.reference }).catch(() => undefined)
  })

  it('keeps a file it cannot read, with the reason', async () => {
    const mupdf = await import('mupdf')
    const doc = mupdf.Document.openDocument(await letterPdf(spec), 'application/pdf').asPDF()!
    const locked = doc
      .saveToBuffer('encrypt=aes-256,user-password=secret,owner-password=x')
      .asUint8Array()
      .slice()
    const e = await s.evidence.add(WHO, caseId, { fileName: 'locked.pdf', content: bytes(locked) })
    await s.reading.drain()
    expect(await s.reading.state(e.id)).toMatchObject({ state: 'failed', reason: 'password' })
    expect(s.evidence.files.has(e.sha256)).toBe(true)
    expect((await s.evidence.get(WHO, caseId, e.id)).fileName).toBe('locked.pdf')
  })

  it('says when no text was found (a blank page), keeping the file', async () => {
    const { PDFDocument } = await import('pdf-lib')
    const blank = await PDFDocument.create()
    blank.addPage([200, 280])
    const e = await s.evidence.add(WHO, caseId, { fileName: 'blank.pdf', content: bytes(await blank.save()) })
    await s.reading.drain()
    expect(await s.reading.state(e.id)).toMatchObject({ state: 'failed', reason: 'no-text' })
    expect(s.evidence.files.has(e.sha256)).toBe(true)
  })

  it('searches evidence text, calls and decisions with highlighted snippets, filters and across cases', async () => {
    await s.cases.addEvent(WHO, caseId, {
      type: 'call',
      occurredOn: '2025-01-15',
      title: 'Called the CMS about the annual review',
      details: 'They said the review would be posted next week',
    })
    await s.cases.addDecision(WHO, otherCaseId, {
      kind: 'calculation',
      letterDate: '2025-02-01',
      summary: 'Annual review letter for the other case',
    })
    const hits = await s.reading.search(WHO, { caseId, text: 'annual review' })
    const evidence = hits.find((h) => h.kind === 'evidence')!
    expect(evidence).toMatchObject({ id: letterId, page: 1, caseId, match: 'words' })
    expect(evidence.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toContain('annual')
    expect(hits.some((h) => h.kind === 'call')).toBe(true)
    expect(hits.every((h) => h.caseId === caseId)).toBe(true)
    // Filters: only calls; a date range that leaves the call out.
    expect(
      (await s.reading.search(WHO, { caseId, text: 'review', kinds: ['call'] })).map((h) => h.kind),
    ).toEqual(['call'])
    expect(
      (await s.reading.search(WHO, { caseId, text: 'review', kinds: ['call'], from: '2025-02-01' })).length,
    ).toBe(0)
    // Every case (from "Your cases").
    const all = await s.reading.search(WHO, { caseId: null, text: 'annual review' })
    expect(new Set(all.map((h) => h.caseId))).toEqual(new Set([caseId, otherCaseId]))
    // Stemming: "reviews" finds "review".
    expect((await s.reading.search(WHO, { caseId, text: 'reviews' })).length).toBeGreaterThan(0)
  })

  it('finds reference numbers with or without spaces (word index) and misspelt words (trigrams)', async () => {
    // The letter prints the reference in groups of four; typed without spaces it is still found.
    const ref = await s.reading.search(WHO, { caseId, text: spec.reference })
    expect(ref[0]).toMatchObject({ kind: 'evidence', id: letterId, page: 1, match: 'words' })
    expect(ref[0]!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(spec.reference.match(/\d{4}/g))
    const spaced = await s.reading.search(WHO, {
      caseId,
      text: spec.reference.replace(/(\d{4})(?=\d)/g, '$1 '),
    })
    expect(spaced[0]).toMatchObject({ kind: 'evidence', id: letterId, page: 1, match: 'words' })
    const typo = await s.reading.search(WHO, { caseId, text: 'Mantenance' })
    expect(typo[0]).toMatchObject({ kind: 'evidence', id: letterId, match: 'similar' })
  })

  it('keeps the parent’s confirmation of facts read from a letter in the history', async () => {
    const d = await s.cases.addDecision(WHO, caseId, {
      kind: 'annual-review',
      letterDate: spec.letterDate,
      weeklyAmount: '1.00',
    })
    await s.reading.recordConfirmation(WHO, caseId, d.record.id, letterId, [
      { field: 'letterDate', suggested: spec.letterDate, confirmed: spec.letterDate },
      { field: 'weeklyAmount', suggested: '45.20', confirmed: '1.00' },
    ])
    const audit = await s.cases.audit(WHO, caseId)
    const entry = audit.find((a) => a.entityId === d.record.id && a.summary.startsWith('Facts confirmed'))
    expect(entry?.summary).toBe(
      `Facts confirmed by the parent from evidence ${letterId} read by Redress. Confirmed as read: letterDate. Corrected: weeklyAmount.`,
    )
  })

  it('forgets the text read from a file when the file, or its whole case (with its history), is removed for good', async () => {
    const pagesOf = async (case_: string) =>
      (await db.db.select({ n: count() }).from(evidencePages).where(eq(evidencePages.caseId, case_)))[0]
    const other = await s.evidence.add(WHO, otherCaseId, {
      fileName: 'other.pdf',
      content: bytes(await letterPdf({ ...spec, variant: 1 }, 1)),
    })
    const second = await s.evidence.add(WHO, otherCaseId, {
      fileName: 'second.pdf',
      content: bytes(await letterPdf({ ...spec, variant: 2 }, 1)),
    })
    await s.reading.drain()
    expect((await s.reading.pages(other.id)).length).toBeGreaterThan(0)
    // One file, binned then purged: its pages go; the other file's stay.
    await s.cases.bin(WHO, otherCaseId, 'evidence', other.id)
    expect((await s.reading.pages(other.id)).length).toBeGreaterThan(0) // the bin can still restore it
    await s.cases.purge(WHO, otherCaseId, 'evidence', other.id)
    expect(await s.reading.pages(other.id)).toEqual([])
    expect((await s.reading.pages(second.id)).length).toBeGreaterThan(0)
    // The whole case, purged: nothing read from any of its files is left.
    await s.cases.bin(WHO, otherCaseId, 'case', otherCaseId)
    await s.cases.purge(WHO, otherCaseId, 'case', otherCaseId)
    expect(await s.reading.pages(second.id)).toEqual([])
    expect(await pagesOf(otherCaseId)).toEqual({ n: 0 })
    // Nor its history (titles and summaries of what was in it).
    const history = await db.db
      .select({ n: count() })
      .from(caseAudit)
      .where(eq(caseAudit.caseId, otherCaseId))
    expect(history[0]).toEqual({ n: 0 })
  })
})
