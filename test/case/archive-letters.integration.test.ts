import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildLetter, renderLetterPdf } from '../../src/documents/index.ts'
import type { CaseServices } from '../../src/services/case-services.ts'
import type { Manifest } from '../../src/services/case-archive.service.ts'
import { inspectPdf, squash } from '../fixtures/documents/inspect.ts'
import { SAMPLE_INPUTS } from '../fixtures/documents/inputs.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { WHO, amirasCase, services } from './fixtures.ts'

/**
 * Issue #11: a letter stored before the notes for the parent became a separate document ends with
 * "This page is for you. Do not send it.". A case export archive carries that letter as the
 * parent would send it (without the notes page), with the manifest and case.json naming the bytes
 * in the archive; the stored file stays as it was, and archives written before this still import.
 */

let db: TestDatabase
let db2: TestDatabase
let s: CaseServices
let s2: CaseServices
let caseId = ''
let letterId = ''
let oldBytes: Uint8Array
const NOTE = 'Keep proof of postage until the CMS replies to this letter.'
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')
const text = async (bytes: Uint8Array): Promise<string> => squash((await inspectPdf(bytes)).pages.join('\n'))

beforeAll(async () => {
  ;[db, db2] = await Promise.all([testPglite(), testPglite()])
  s = services(db, db.dataDir)
  s2 = services(db2, db2.dataDir)
  caseId = (await amirasCase(s)).c.id
  const letter = buildLetter('mandatory-reconsideration', SAMPLE_INPUTS['mandatory-reconsideration'])
  // A letter as Redress made it before issue 11: its notes page printed after the letter.
  oldBytes = await renderLetterPdf({ ...letter, notes: [NOTE] }, { notes: true })
  const added = await s.evidence.add(WHO, caseId, {
    fileName: 'mandatory-reconsideration-2025-02-20.pdf',
    content: Readable.from([Buffer.from(oldBytes)]),
    title: 'Mandatory reconsideration letter',
    documentDate: '2025-02-20',
    tags: ['redress-letter'],
  })
  letterId = added.id
  // An earlier version of the row in the trail, so history names the file too.
  await s.evidence.amend(WHO, caseId, letterId, {
    title: 'Mandatory reconsideration request',
    description: null,
    documentDate: '2025-02-20',
    tags: ['redress-letter', 'mandatory-reconsideration'],
  })
}, 120_000)
afterAll(async () => {
  await Promise.all([db?.destroy(), db2?.destroy()])
})

describe('a case export with a letter stored with its old notes page', () => {
  let zip = ''
  let manifest: Manifest
  let entries: Record<string, Uint8Array>

  it('the stored letter really has the notes page (the fixture is what older letters were)', async () => {
    const words = await text(oldBytes)
    expect(words).toContain('This page is for you. Do not send it.')
    expect(words).toContain(NOTE)
  })

  it('puts the letter in the archive without the notes page, its hash and size in the manifest and case.json', async () => {
    zip = join(db.dataDir, 'letters.zip')
    manifest = await s.caseArchive.export(WHO, caseId, zip)
    entries = unzipSync(new Uint8Array(readFileSync(zip)))
    const listed = manifest.files.find((f) => f.path.includes('Mandatory reconsideration request'))
    expect(listed).toBeDefined()
    const inArchive = entries[listed!.path]!
    expect(sha(inArchive)).toBe(listed!.sha256)
    expect(inArchive.length).toBe(listed!.sizeBytes)
    expect(listed!.sha256).not.toBe(sha(oldBytes))
    expect(listed!.path).toContain(listed!.sha256.slice(0, 8))

    const words = await text(inArchive)
    expect(words).not.toContain('Do not send it')
    expect(words).not.toContain(NOTE)
    expect(words).toContain('mandatory reconsideration')
    expect((await inspectPdf(inArchive)).pageCount).toBe((await inspectPdf(oldBytes)).pageCount - 1)
    // Nothing of the notes in the raw bytes either (they are not hidden in an unused object).
    expect(Buffer.from(inArchive).toString('latin1')).not.toContain('Do not send')

    // Every file in the archive matches its manifest entry, and case.json names the letter as sent.
    for (const f of manifest.files) expect(sha(entries[f.path]!)).toBe(f.sha256)
    const rows = JSON.parse(Buffer.from(entries['case.json']!).toString('utf8')) as {
      evidence: { id: string; sha256: string; sizeBytes: number }[]
      revisions: { entity: string; entityId: string; data: { sha256?: string; sizeBytes?: number } }[]
    }
    const row = rows.evidence.find((e) => e.id === letterId)!
    expect(row).toMatchObject({ sha256: listed!.sha256, sizeBytes: listed!.sizeBytes })
    const history = rows.revisions.filter((r) => r.entity === 'evidence' && r.entityId === letterId)
    expect(history.length).toBeGreaterThanOrEqual(2)
    for (const r of history) expect(r.data.sha256).toBe(listed!.sha256)
    expect(JSON.stringify(rows)).not.toContain(sha(oldBytes))
  })

  it('leaves the stored file here as it was, and other files as stored', async () => {
    const here = await s.evidence.get(WHO, caseId, letterId)
    expect(here.sha256).toBe(sha(oldBytes))
    expect(here.sizeBytes).toBe(oldBytes.length)
    const others = manifest.files.filter(
      (f) => f.path.startsWith('evidence/') && !f.path.includes('Mandatory reconsideration'),
    )
    expect(others.length).toBeGreaterThan(0)
    const stored = await s.evidence.choices(WHO, caseId)
    const storedHashes = new Set(stored.map((e) => e.sha256))
    for (const f of others) expect(storedHashes.has(f.sha256)).toBe(true)
  })

  it('imports the new archive: the letter stored as sent, every file whole', async () => {
    const imported = await s2.caseArchive.import(WHO, zip)
    expect(imported.id).toBe(caseId)
    expect(await s2.evidence.check()).toEqual({ missing: [], corrupt: [] })
    const { stream } = await s2.evidence.open(WHO, caseId, letterId)
    const chunks: Buffer[] = []
    for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c)
    const words = await text(new Uint8Array(Buffer.concat(chunks)))
    expect(words).not.toContain('Do not send it')
    expect(words).toContain('mandatory reconsideration')
  })

  it('still imports an archive written before (the letter with its notes page, named by hash)', async () => {
    // The same case as an older Redress exported it: the stored bytes, each file named by its hash.
    const rows = JSON.parse(Buffer.from(entries['case.json']!).toString('utf8')) as {
      evidence: { sha256: string; sizeBytes: number }[]
      revisions: { entity: string; data: { sha256?: string; sizeBytes?: number } }[]
    }
    const listed = manifest.files.find((f) => f.path.includes('Mandatory reconsideration request'))!
    const back = { sha256: sha(oldBytes), sizeBytes: oldBytes.length }
    for (const e of rows.evidence) if (e.sha256 === listed.sha256) Object.assign(e, back)
    for (const r of rows.revisions) if (r.data.sha256 === listed.sha256) Object.assign(r.data, back)
    const caseJson = strToU8(JSON.stringify(rows))
    const old: Record<string, Uint8Array> = { 'case.json': caseJson }
    const files = manifest.files.map((f) => {
      if (f.path === 'case.json') return { ...f, sha256: sha(caseJson), sizeBytes: caseJson.length }
      const bytes = f === listed ? oldBytes : entries[f.path]!
      const h = sha(bytes)
      old[`evidence/${h}`] = bytes
      return { path: `evidence/${h}`, sha256: h, sizeBytes: bytes.length }
    })
    old['manifest.json'] = strToU8(JSON.stringify({ ...manifest, files }))
    const oldZip = join(db.dataDir, 'old-letters.zip')
    writeFileSync(oldZip, zipSync(old))
    const again = await s2.caseArchive.import(WHO, oldZip)
    expect(again.importedAsCopy).toBe(true)
    expect(await s2.evidence.check()).toEqual({ missing: [], corrupt: [] })
    // The copy's letter is stored as the older archive held it, and still opens without the notes.
    const copy = (await s2.evidence.choices(WHO, again.id)).find((e) => e.tags.includes('redress-letter'))!
    expect(copy.sha256).toBe(sha(oldBytes))
    const { stream } = await s2.evidence.open(WHO, again.id, copy.id)
    const chunks: Buffer[] = []
    for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c)
    expect(await text(new Uint8Array(Buffer.concat(chunks)))).not.toContain('Do not send it')
  })
})
