import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textEngine } from '../../src/documents/bundle/uploads.ts'
import { evidenceMupdfText } from '../../src/store/schema.ts'
import { DrizzleMupdfTextRepository } from '../../src/store/mupdf-text.repository.ts'
import { inspectPdf, squash } from '../fixtures/documents/inspect.ts'
import { textPdf } from '../fixtures/documents/pdfs.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { jordan, services, upload, WHO, type Services } from './personas.ts'

/**
 * MuPDF's own page text, kept between bundles (ADR 0008): read from the same bytes by the same
 * MuPDF, it decides which pages are laid out again; it goes when its file or case is removed for good.
 */

let db: TestDatabase
let s: Services
let caseId: string
const ids: string[] = []

const file = (n: number, pages: number, extra: (p: number) => string[]) =>
  textPdf({
    pages,
    lines: (p) => [`Document ${n}, page ${p}`, ...extra(p), 'Payments, dates and amounts as recorded.'],
  })

const rows = async (where = eq(evidenceMupdfText.caseId, caseId)) =>
  db.db
    .select({
      id: evidenceMupdfText.evidenceId,
      engine: evidenceMupdfText.engine,
      pages: evidenceMupdfText.pages,
    })
    .from(evidenceMupdfText)
    .where(where)

beforeAll(async () => {
  db = await testPglite()
  s = services(db, db.dataDir)
  caseId = (await jordan(s)).c.id
  const files = [
    await file(1, 3, (p) => (p === 2 ? ['The children attend Hillside Primary every weekday.'] : [])),
    await file(2, 2, (p) => (p === 2 ? ['Handed over at 12 Quarry Lane on Fridays.'] : [])),
    await file(3, 1, () => []),
  ]
  for (const [i, bytes] of files.entries())
    ids.push((await upload(s, caseId, `kept-${i + 1}.pdf`, bytes, { title: `Kept ${i + 1}` })).id)
}, 120_000)
afterAll(() => db.destroy())

describe('MuPDF’s page text kept between bundles', () => {
  it('is kept the first time a file is bundled, one text a page, under the engine that read it', async () => {
    expect(await rows()).toEqual([])
    const { report } = await s.bundles.build(WHO, caseId, { documents: ids, redact: ['Hillside Primary'] })
    expect(report.problems).toEqual([])
    const kept = await rows()
    expect(kept.map((r) => r.id).sort()).toEqual([...ids].sort())
    for (const r of kept) expect(r.engine).toBe(textEngine())
    expect(textEngine()).toMatch(/^mupdf \d+\.\d+\.\d+; /)
    const first = kept.find((r) => r.id === ids[0])!
    expect(first.pages).toHaveLength(3)
    expect(first.pages[1]).toContain('Hillside Primary')
  })

  it('gives the same redaction from the kept text, and finds details it was not asked for before', async () => {
    const ask = { documents: ids, redact: ['Hillside Primary'] }
    const before = await s.bundles.build(WHO, caseId, ask)
    const again = await s.bundles.build(WHO, caseId, ask)
    expect(again.report.redaction).toEqual(before.report.redaction)
    expect(again.report.redaction.log.map((l) => [l.title, l.filePage, l.removed.length])).toEqual([
      ['Kept 1', 2, 1],
    ])
    // The kept text is what MuPDF read, not what it decided: another detail is found from it too.
    const other = await s.bundles.build(WHO, caseId, { documents: ids, redact: ['Quarry Lane'] })
    expect(other.report.redaction.log.map((l) => [l.title, l.filePage, l.removed.length])).toEqual([
      ['Kept 2', 2, 1],
    ])
    const read = await inspectPdf(other.pdf)
    expect(squash(read.pages.join(' '))).not.toContain('Quarry Lane')
    expect(squash(read.pages.join(' '))).toContain('Hillside Primary')
  })

  it('is what decides which pages are laid out again, and is read afresh when the engine differs', async () => {
    // Kept text saying the third file's page holds nothing: the bundle believes it (it lists the
    // page as having no text), which shows the kept text is used rather than a new reading.
    const repo = new DrizzleMupdfTextRepository(db.db)
    const [third] = await rows(eq(evidenceMupdfText.evidenceId, ids[2]!))
    const sha = (await s.caseFile.cases.get(WHO, caseId, 'evidence', ids[2]!)).sha256
    await repo.put([
      {
        ownerId: WHO.ownerId,
        caseId,
        evidenceId: ids[2]!,
        sha256: sha,
        engine: third!.engine,
        pages: [''],
      },
    ])
    const trusted = await s.bundles.build(WHO, caseId, { documents: ids })
    expect(trusted.report.redaction.pagesToCheck.map((p) => p.title)).toEqual(['Kept 3'])
    // Under another engine (another MuPDF version, say) the same row is not used, and is replaced.
    await repo.put([
      {
        ownerId: WHO.ownerId,
        caseId,
        evidenceId: ids[2]!,
        sha256: sha,
        engine: 'mupdf 0.0.1; x',
        pages: [''],
      },
    ])
    const fresh = await s.bundles.build(WHO, caseId, { documents: ids })
    expect(fresh.report.redaction.pagesToCheck).toEqual([])
    const [replaced] = await rows(eq(evidenceMupdfText.evidenceId, ids[2]!))
    expect(replaced!.engine).toBe(textEngine())
    expect(replaced!.pages[0]).toContain('Document 3, page 1')
    // Nor is text kept for other bytes (another SHA-256).
    await repo.put([
      {
        ownerId: WHO.ownerId,
        caseId,
        evidenceId: ids[2]!,
        sha256: '0'.repeat(64),
        engine: textEngine()!,
        pages: [''],
      },
    ])
    expect((await s.bundles.build(WHO, caseId, { documents: ids })).report.redaction.pagesToCheck).toEqual([])
  })

  it('is deleted when its file, or its whole case, is removed for good', async () => {
    await s.caseFile.cases.bin(WHO, caseId, 'evidence', ids[0]!)
    expect(await rows(eq(evidenceMupdfText.evidenceId, ids[0]!))).toHaveLength(1) // the bin can still restore it
    await s.caseFile.cases.purge(WHO, caseId, 'evidence', ids[0]!)
    expect(await rows(eq(evidenceMupdfText.evidenceId, ids[0]!))).toEqual([])
    expect((await rows()).map((r) => r.id).sort()).toEqual([ids[1], ids[2]].sort())
    await s.caseFile.cases.bin(WHO, caseId, 'case', caseId)
    await s.caseFile.cases.purge(WHO, caseId, 'case', caseId)
    expect(await rows()).toEqual([])
    expect(await rows(and(eq(evidenceMupdfText.ownerId, WHO.ownerId)))).toEqual([])
  })
})
