import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/db.ts'
import { DrizzleCaseRepository } from '../../src/store/case.repository.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { WHO, amirasCase, services } from './fixtures.ts'

/**
 * Kills the process (SIGKILL) at random moments while it uploads evidence or imports a case, many
 * times, and checks after each kill that the case file is consistent: every row has its whole file,
 * no half file or temporary file is left, nothing unused is left, an import is all there or not
 * there at all, and every upload reported as committed is still there.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url))
const BUDGET_MS = 40_000

let dataDir: string
let archive: string
let caseId: string
let expected: Record<string, number>

beforeAll(async () => {
  const template = await ensureTemplate()
  const source = mkdtempSync(join(tmpdir(), 'redress-crash-src-'))
  dataDir = mkdtempSync(join(tmpdir(), 'redress-crash-'))
  for (const d of [source, dataDir]) cpSync(join(template, 'pglite'), join(d, 'pglite'), { recursive: true })
  const db = await openDatabase({ dataDir: source })
  const s = services(db, source)
  const { c } = await amirasCase(s)
  caseId = c.id
  archive = join(dataDir, '..', `redress-crash-${process.pid}.zip`)
  await s.caseArchive.export(WHO, c.id, archive)
  const rows = await new DrizzleCaseRepository(db.db).exportRows(WHO.ownerId, c.id)
  expected = Object.fromEntries(
    Object.entries(rows)
      .filter(([k]) => k !== 'case')
      .map(([k, v]) => [k, (v as unknown[]).length]),
  )
  expected.audit = expected.audit! + 1 // the import adds its own entry
  await db.close()
  rmSync(source, { recursive: true, force: true })
})

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(archive, { force: true })
})

interface Run {
  check: {
    problems: string[]
    swept: { temps: number; orphans: number }
    committed: number
    imported: boolean
  } | null
  committed: string[]
  imports: number
  output: string
}

/** Runs the child; kills it `killAfterMs` after it is ready (or lets the check finish when null). */
function runChild(mode: 'upload' | 'import' | 'check', killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dataDir, mode, archive, caseId, JSON.stringify(expected)],
      { cwd: ROOT },
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

describe('a crash during an upload or an import', () => {
  it(
    'never leaves the case file inconsistent and never loses what was committed',
    { timeout: 120_000 },
    async () => {
      const started = Date.now()
      const committed: string[] = []
      let kills = 0
      let imports = 0
      const swept = { temps: 0, orphans: 0 }
      while (Date.now() - started < BUDGET_MS) {
        const mode = kills % 2 === 0 ? 'upload' : 'import'
        // An import (purge of the previous copy, then the import) takes longer than an upload: kill it over a wider window.
        const run = await runChild(
          mode,
          mode === 'upload' ? 100 + Math.floor(Math.random() * 1400) : 200 + Math.floor(Math.random() * 4000),
        )
        expect(run.check, run.output).not.toBeNull()
        expect(run.check!.problems, `after kill ${kills}`).toEqual([])
        swept.temps += run.check!.swept.temps
        swept.orphans += run.check!.swept.orphans
        committed.push(...run.committed)
        imports += run.imports
        writeFileSync(join(dataDir, 'committed.json'), JSON.stringify(committed))
        kills++
      }
      const last = await runChild('check', null)
      console.info(
        `crash test: ${kills} kills; ${committed.length} uploads and ${imports} imports committed; ${swept.temps} temporary and ${swept.orphans} unused files tidied after kills`,
      )
      expect(last.check!.problems).toEqual([])
      expect(kills).toBeGreaterThanOrEqual(6)
      // The kills landed at different moments: some uploads and imports finished, some were cut off.
      expect(committed.length + imports).toBeGreaterThan(0)
    },
  )
})
