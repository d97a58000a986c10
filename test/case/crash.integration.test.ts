import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/db.ts'
import { DrizzleCaseRepository } from '../../src/store/case.repository.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { CRASH_SEED, crashPlan, runCrashChild } from '../helpers/crash.ts'
import { WHO, amirasCase, services } from './fixtures.ts'

/**
 * Kills the process (SIGKILL) while it uploads evidence or imports a case, at planned moments
 * (test/helpers/crash.ts: seeded, one kill in each third of each kind of operation), and checks
 * after each kill that the case file is consistent: every row has its whole file, no half file or
 * temporary file is left, nothing unused is left, an import is all there or not there at all, and
 * every upload reported as committed is still there.
 */

/** Kills per kind of operation: one early, one in the middle, one late. */
const PER_MODE = 3

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

describe('a crash during an upload or an import', () => {
  it(
    'never leaves the case file inconsistent and never loses what was committed',
    { timeout: 300_000 },
    async () => {
      const committed: string[] = []
      let kills = 0
      let imports = 0
      const swept = { temps: 0, orphans: 0 }
      const steps: string[] = []
      const target = { dataDir, archive, caseId, expected }
      for (const kill of crashPlan(PER_MODE)) {
        const run = await runCrashChild(target, kill)
        expect(run.check, run.output).not.toBeNull()
        expect(run.check!.problems, `after kill ${kills}`).toEqual([])
        expect(run.timedOut, `the child reached its kill step (${kill.mode} at ${kill.fraction})`).toBe(false)
        expect(run.signal, `${kill.mode} at ${kill.fraction}: ${run.output}`).toBe('SIGKILL')
        expect(run.steps, 'the first operation counted its steps').toBeGreaterThan(0)
        steps.push(`${kill.mode} ${Math.round(kill.fraction * 100)}% of ${run.steps}`)
        swept.temps += run.check!.swept.temps
        swept.orphans += run.check!.swept.orphans
        committed.push(...run.committed)
        imports += run.imports
        writeFileSync(join(dataDir, 'committed.json'), JSON.stringify(committed))
        kills++
      }
      const last = await runCrashChild(target, 'check')
      console.info(
        `crash test (seed ${CRASH_SEED}): ${kills} kills (${steps.join('; ')} steps); ${committed.length} uploads and ${imports} imports committed; ${swept.temps} temporary and ${swept.orphans} unused files tidied after kills`,
      )
      expect(last.check!.problems).toEqual([])
      expect(kills).toBe(2 * PER_MODE)
      // Each child finished one whole operation before the one it was killed in.
      expect(committed.length).toBeGreaterThanOrEqual(PER_MODE)
      expect(imports).toBeGreaterThanOrEqual(PER_MODE)
    },
  )
})
