import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/db.ts'
import { DrizzleCaseRepository } from '../../src/store/case.repository.ts'
import { createEncryptedDatabase } from '../../src/store/safe/encrypted-pglite.ts'
import { createKeys, writeKeyFile } from '../../src/store/safe/keyring.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { WHO, amirasCase, services } from '../case/fixtures.ts'

/**
 * The case file's crash test (test/case/crash.integration.test.ts) run in safe mode: the same child
 * uploads evidence or imports a case until it is killed with SIGKILL at a random moment, many
 * times; after each kill the encrypted database (snapshot + journal) and the encrypted evidence
 * files are opened again and checked: every upload reported as committed is there, every row has
 * its whole file, nothing half-done is left. A snapshot is taken every 3 journal records, so kills
 * also land while a snapshot is written and the journal is switched.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CHILD = fileURLToPath(new URL('../case/crash-child.ts', import.meta.url))
const BUDGET_MS = Number(process.env.REDRESS_CRASH_BUDGET_MS) || 40_000
/** At least this many kills, however slow the machine (each start loads and replays the encrypted database). */
const MIN_KILLS = Number(process.env.REDRESS_CRASH_KILLS) || 8

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
  rmSync(source, { recursive: true, force: true })

  // The data folder in safe mode: an encrypted snapshot of the empty database, and the key file.
  const plain = await PGlite.create(join(template, 'pglite'), { extensions: { pg_trgm } })
  const tar = new Uint8Array(await (await plain.dumpDataDir('none')).arrayBuffer())
  await plain.close()
  const keys = await createKeys('crash test passphrase', { N: 1024, r: 8, p: 1 })
  dataKey = keys.dataKey
  writeKeyFile(dataDir, { ...keys.file, state: 'on' })
  await createEncryptedDatabase(dataDir, dataKey, tar)
}, 120_000)

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(archive, { force: true })
})

interface Run {
  check: { problems: string[]; swept: { temps: number; orphans: number } } | null
  committed: string[]
  imports: number
  output: string
}

function runChild(mode: 'upload' | 'import' | 'check', killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dataDir, mode, archive, caseId, JSON.stringify(expected)],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          REDRESS_TEST_DATA_KEY: dataKey.toString('hex'),
          REDRESS_SAFE_SNAPSHOT_EVERY: '3',
        },
      },
    )
    const run: Run = { check: null, committed: [], imports: 0, output: '' }
    let buffer = ''
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString()
      let nl
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        if (line.startsWith('CHECK ')) run.check = JSON.parse(line.slice(6))
        else if (line.startsWith('COMMITTED ')) run.committed.push(line.slice(10))
        else if (line === 'IMPORTED') run.imports++
        else if (line === 'READY') {
          if (killAfterMs === null) child.kill('SIGKILL')
          else setTimeout(() => child.kill('SIGKILL'), killAfterMs)
        }
      }
    })
    child.stderr.on('data', (d: Buffer) => (run.output += d.toString()))
    child.on('error', reject)
    child.on('exit', () => resolve(run))
  })
}

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
      const started = Date.now()
      const committed: string[] = []
      let kills = 0
      let imports = 0
      while (kills < MIN_KILLS || Date.now() - started < BUDGET_MS) {
        const mode = kills % 2 === 0 ? 'upload' : 'import'
        const run = await runChild(
          mode,
          mode === 'upload' ? 100 + Math.floor(Math.random() * 1400) : 200 + Math.floor(Math.random() * 4000),
        )
        expect(run.check, run.output).not.toBeNull()
        expect(run.check!.problems, `after kill ${kills}`).toEqual([])
        committed.push(...run.committed)
        imports += run.imports
        writeFileSync(join(dataDir, 'committed.json'), JSON.stringify(committed))
        kills++
      }
      const last = await runChild('check', null)
      console.info(
        `safe-mode crash test: ${kills} kills; ${committed.length} uploads and ${imports} imports committed`,
      )
      expect(last.check!.problems).toEqual([])
      expect(kills).toBeGreaterThanOrEqual(MIN_KILLS)
      expect(committed.length + imports).toBeGreaterThan(0)
      // The imported case's words never reach the disk in the clear.
      const all = everyFile(dataDir)
      expect(all.includes(Buffer.from('Amira'))).toBe(false)
    },
  )
})
