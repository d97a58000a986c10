import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseServices } from '../../src/services/case-services.ts'
import { readableEvidencePath } from '../../src/services/case-archive.service.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { WHO, amirasCase, services } from './fixtures.ts'

/** Files inside an export archive have readable names (date and title); the hashes stay in the manifest. */

let db: TestDatabase
let db2: TestDatabase
let s: CaseServices
let s2: CaseServices
beforeAll(async () => {
  ;[db, db2] = await Promise.all([testPglite(), testPglite()])
  s = services(db, db.dataDir)
  s2 = services(db2, db2.dataDir)
})
afterAll(async () => {
  await Promise.all([db?.destroy(), db2?.destroy()])
})

describe('case archive file names', () => {
  it('names a file by date, title and the start of its hash, with only safe characters', () => {
    expect(
      readableEvidencePath({
        sha256: 'ab'.repeat(32),
        title: 'Siân’s payslip: March/April <2025>',
        documentDate: '2025-04-30',
        fileName: 'IMG_0001.JPG',
      }),
    ).toBe('evidence/2025-04-30 Sian s payslip March April 2025 (abababab).jpg')
    expect(
      readableEvidencePath({ sha256: 'cd'.repeat(32), title: '王小明', documentDate: null, fileName: 'x' }),
    ).toBe('evidence/undated document (cdcdcdcd)')
  })

  it('exports readable names with every hash in the manifest, and imports them; an archive named by hash still imports', async () => {
    const { c } = await amirasCase(s)
    const zip = join(db.dataDir, 'readable.zip')
    const manifest = await s.caseArchive.export(WHO, c.id, zip)
    const evidence = manifest.files.filter((f) => f.path.startsWith('evidence/'))
    expect(evidence.length).toBeGreaterThan(0)
    for (const f of evidence) {
      expect(f.path).toMatch(/^evidence\/(\d{4}-\d{2}-\d{2}|undated) .+ \([0-9a-f]{8}\)(\.\w+)?$/)
      expect(f.path).toContain(f.sha256.slice(0, 8))
    }
    const entries = unzipSync(new Uint8Array(readFileSync(zip)))
    expect(
      Object.keys(entries)
        .filter((k) => k.startsWith('evidence/'))
        .sort(),
    ).toEqual(evidence.map((f) => f.path).sort())
    const imported = await s2.caseArchive.import(WHO, zip)
    expect(imported.id).toBe(c.id)
    expect(await s2.evidence.check()).toEqual({ missing: [], corrupt: [] })

    // The same archive as an older Redress wrote it: each file named by its hash.
    const old: Record<string, Uint8Array> = {}
    const oldManifest = {
      ...manifest,
      files: manifest.files.map((f) =>
        f.path.startsWith('evidence/') ? { ...f, path: `evidence/${f.sha256}` } : f,
      ),
    }
    for (const [k, v] of Object.entries(entries)) {
      const f = evidence.find((x) => x.path === k)
      if (k === 'manifest.json') old[k] = new TextEncoder().encode(JSON.stringify(oldManifest))
      else old[f ? `evidence/${f.sha256}` : k] = v
    }
    const oldZip = join(db.dataDir, 'old.zip')
    writeFileSync(oldZip, zipSync(old))
    const again = await s2.caseArchive.import(WHO, oldZip)
    expect(again.importedAsCopy).toBe(true)
  })
})
