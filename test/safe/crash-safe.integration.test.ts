import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/db.ts'
import { DrizzleCaseRepository } from '../../src/store/case.repository.ts'
import { createEncryptedDatabase } from '../../src/store/safe/encrypted-pglite.ts'
import { createKeys, writeKeyFile } from '../../src/store/safe/keyring.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { CRASH_SEED, crashPlan, runCrashChild } from '../helpers/crash.ts'
import { WHO, amirasCase, services } from '../case/fixtures.ts'

/**
 * The case file's crash test (test/case/crash.integration.test.ts) run in safe mode: the same child
 * uploads evidence or imports a case and kills itself (SIGKILL) at a planned step of it
 * (test/helpers/crash.ts: seeded, one kill in each of PER_MODE equal parts of each kind of
 * operation); after each kill the encrypted database (snapshot + journal) and the encrypted
 * evidence files are opened again and checked: every upload reported as committed is there, every
 * row has its whole file, nothing half-done is left. A snapshot is taken every 3 journal records,
 * so the steps of an operation include writing a snapshot and switching the journal.
 */

/** Kills per kind of operation (one in each part of it). REDRESS_CRASH_KILLS asks for more. */
const PER_MODE = Number(process.env.REDRESS_CRASH_KILLS) || 4

let dataDir: string
let archive: string
let caseId: string
let expected: Record<string, number>
let dataKey: Buffer

beforeAll(async () => {
  const template = await ensureTemplate()
  const source = mkdtempSync(join(tmpdir(), 'redress-safe-crash-src-'))
  dataDir = mkdtempSync(join(tmpdir(), 'redress-safe-crash-'))
  cpSync(join(template, 'pglite'), join(source, 'pglite'), { recursive: true })
  const db = await openDatabase({ dataDir: source })
  const s = services(db, source)
  const { c } = await amirasCase(s)
  caseId = c.id
  archive = join(dataDir, '..', `redress-safe-crash-${process.pid}.zip`)
  await s.caseArchive.export(WHO, c.id, archive)
  const rows = await new DrizzleCaseRepository(db.db).exportRows(WHO.ownerId, c.id)
  expected = Object.fromEntries(
    Object.entries(rows)
      .filter(([k]) => k !== 'case')
      .map(([k, v]) => [k, (v as unknown[]).length]),
  )
  expected.audit = expected.audit! + 1
  await db.close()

  // The data folder in safe mode: an encrypted snapshot of the empty database, and the key file.
  // The empty database is a fresh copy of the template (PGlite writes to the folder it opens, and
  // other test files copy the template meanwhile).
  rmSync(join(source, 'pglite'), { recursive: true, force: true })
  cpSync(join(template, 'pglite'), join(source, 'pglite'), { recursive: true })
  const plain = await PGlite.create(join(source, 'pglite'), { extensions: { pg_trgm } })
  const tar = new Uint8Array(await (await plain.dumpDataDir('none')).arrayBuffer())
  await plain.close()
  rmSync(source, { recursive: true, force: true })
  const keys = await createKeys('crash test passphrase', { N: 1024, r: 8, p: 1 })
  dataKey = keys.dataKey
  writeKeyFile(dataDir, { ...keys.file, state: 'on' })
  await createEncryptedDatabase(dataDir, dataKey, tar)
}, 120_000)

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(archive, { force: true })
})

/** Every byte under the data folder, to look for content in the clear. */
function everyFile(dir: string): Buffer {
  const parts: Buffer[] = []
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) parts.push(readFileSync(join(e.parentPath, e.name)))
  return Buffer.concat(parts)
}

describe('a crash in safe mode', () => {
  it(
    'never loses what was committed and never leaves the encrypted case file inconsistent',
    { timeout: 900_000 },
    async () => {
      const committed: string[] = []
      let kills = 0
      let imports = 0
      const steps: string[] = []
      const target = { dataDir, archive, caseId, expected }
      const env = { REDRESS_TEST_DATA_KEY: dataKey.toString('hex'), REDRESS_SAFE_SNAPSHOT_EVERY: '3' }
      for (const kill of crashPlan(PER_MODE)) {
        const run = await runCrashChild(target, kill, env)
        expect(run.check, run.output).not.toBeNull()
        expect(run.check!.problems, `after kill ${kills}`).toEqual([])
        expect(run.timedOut, `the child reached its kill step (${kill.mode} at ${kill.fraction})`).toBe(false)
        expect(run.signal, run.output).toBe('SIGKILL')
        expect(run.steps, 'the first operation counted its steps').toBeGreaterThan(0)
        steps.push(`${kill.mode} ${Math.round(kill.fraction * 100)}% of ${run.steps}`)
        committed.push(...run.committed)
        imports += run.imports
        writeFileSync(join(dataDir, 'committed.json'), JSON.stringify(committed))
        kills++
      }
      const last = await runCrashChild(target, 'check', env)
      console.info(
        `safe-mode crash test (seed ${CRASH_SEED}): ${kills} kills (${steps.join('; ')} steps); ${committed.length} uploads and ${imports} imports committed`,
      )
      expect(last.check!.problems).toEqual([])
      expect(kills).toBe(2 * PER_MODE)
      // Each child finished one whole operation before the one it was killed in.
      expect(committed.length).toBeGreaterThanOrEqual(PER_MODE)
      expect(imports).toBeGreaterThanOrEqual(PER_MODE)
      // The imported case's words never reach the disk in the clear.
      const all = everyFile(dataDir)
      expect(all.includes(Buffer.from('Amira'))).toBe(false)
    },
  )
})
