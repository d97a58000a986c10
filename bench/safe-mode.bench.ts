/**
 * Safe mode (docs/adr/0005-safe-mode.md): unlock time for a case file of 2,000 timeline entries
 * and 300 evidence files; write latency of a timeline entry and of an upload, safe mode against
 * normal mode; the server-side memory with safe mode unlocked. `npx tsx bench/safe-mode.bench.ts`
 * prints JSON; `run()` returns it.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { randomBytes } from 'node:crypto'
import { rules } from '../src/rules/load.ts'
import { createCaseServices, type CaseServices } from '../src/services/case-services.ts'
import { fixedClock } from '../src/services/clock.ts'
import { Vault } from '../src/store/safe/vault.ts'
import { LOCAL_OWNER, type Actor } from '../src/domain/case/index.ts'
import { Temporal } from '../src/domain/shared/plain-date.ts'
import { ensureTemplate } from '../test/helpers/pglite.ts'

const WHO: Actor = { ownerId: LOCAL_OWNER, name: 'benchmark' }
const PASS = 'benchmark passphrase'
const ENTRIES = 2000
const FILES = 300

function pdf(bytes: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(bytes), Buffer.from('\n%%EOF\n')])
}
async function* once(b: Uint8Array): AsyncIterable<Uint8Array> {
  yield b
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.floor(s.length / 2)]! * 10) / 10
}

function services(vault: Vault, dataDir: string): CaseServices {
  return createCaseServices({
    database: vault,
    dataDir,
    rules: rules(),
    maxUploadBytes: 50 * 1024 * 1024,
    clock: fixedClock(Temporal.PlainDate.from('2025-06-01')),
  })
}

/** Median milliseconds of adding a timeline entry and of uploading a 200 KB PDF. */
async function writeLatency(s: CaseServices, caseId: string): Promise<{ entryMs: number; uploadMs: number }> {
  const entries: number[] = []
  for (let i = 0; i < 40; i++) {
    const t = performance.now()
    await s.cases.addEvent(WHO, caseId, {
      type: 'note',
      occurredOn: '2025-05-01',
      title: `Latency ${i}`,
      details: 'x',
    })
    entries.push(performance.now() - t)
  }
  const uploads: number[] = []
  for (let i = 0; i < 15; i++) {
    const t = performance.now()
    await s.evidence.add(WHO, caseId, { fileName: `latency-${i}.pdf`, content: once(pdf(200 * 1024)) })
    uploads.push(performance.now() - t)
  }
  return { entryMs: median(entries.slice(5)), uploadMs: median(uploads.slice(2)) }
}

export async function run(): Promise<Record<string, number | null>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-bench-safe-'))
  try {
    cpSync(join(await ensureTemplate(), 'pglite'), join(dataDir, 'pglite'), { recursive: true })
    // A case file of 2,000 timeline entries and 300 evidence files, built in normal mode.
    let vault = await Vault.open({ dataDir })
    let s = services(vault, dataDir)
    const c = await s.cases.createCase(WHO, { title: 'Benchmark', nation: 'england', role: 'receiving' })
    for (let i = 0; i < ENTRIES; i++)
      await s.cases.addEvent(WHO, c.id, {
        type: 'note',
        occurredOn: Temporal.PlainDate.from('2019-01-01').add({ days: i }).toString(),
        title: `Entry ${i}`,
        details: `What happened on day ${i}, in the parent's own words. `.repeat(3),
      })
    for (let i = 0; i < FILES; i++)
      await s.evidence.add(WHO, c.id, { fileName: `letter-${i}.pdf`, content: once(pdf(20 * 1024)) })
    const normal = await writeLatency(s, c.id)

    // Safe mode on (encrypts the database and every file), then locked.
    let t = performance.now()
    await vault.enable(PASS)
    const enableMs = Math.round(performance.now() - t)
    const safe = await writeLatency(s, c.id)
    await vault.close()

    // Unlock: key derivation, decrypting and loading the snapshot, replaying the journal.
    const unlocks: number[] = []
    for (let i = 0; i < 3; i++) {
      vault = await Vault.open({ dataDir })
      t = performance.now()
      await vault.unlock(PASS)
      unlocks.push(performance.now() - t)
      await vault.close()
    }
    // Unlock with 200 writes still in the journal (as after a crash): closing snapshots, so stop uncleanly.
    vault = await Vault.open({ dataDir })
    await vault.unlock(PASS)
    s = services(vault, dataDir)
    for (let i = 0; i < 200; i++)
      await s.cases.addEvent(WHO, c.id, {
        type: 'note',
        occurredOn: '2025-05-02',
        title: `Journal ${i}`,
        details: 'y',
      })
    await vault.close() // snapshots; the child below measures an unclean stop instead
    const rss = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--rss', dataDir],
      {
        encoding: 'utf8',
      },
    )
    const rssMb = Number(/RSS (\d+)/.exec(rss.stdout)?.[1] ?? NaN)
    return {
      entries: ENTRIES,
      evidenceFiles: FILES,
      unlockMs: median(unlocks),
      enableMs,
      entryWriteNormalMs: normal.entryMs,
      entryWriteSafeMs: safe.entryMs,
      entryWriteRatio: Math.round((safe.entryMs / normal.entryMs) * 100) / 100,
      uploadNormalMs: normal.uploadMs,
      uploadSafeMs: safe.uploadMs,
      uploadRatio: Math.round((safe.uploadMs / normal.uploadMs) * 100) / 100,
      rssUnlockedMb: Number.isFinite(rssMb) ? rssMb : null,
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** In a fresh process: unlock, read the timeline, report the resident memory. */
async function rssChild(dataDir: string): Promise<void> {
  const vault = await Vault.open({ dataDir })
  await vault.unlock(PASS)
  const s = services(vault, dataDir)
  const [c] = await s.cases.listCases(WHO, 'all')
  await s.cases.addEvent(WHO, c!.id, { type: 'note', occurredOn: '2025-05-03', title: 'RSS', details: 'z' })
  globalThis.gc?.()
  process.stdout.write(`RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)}\n`)
  await vault.close()
}

if (process.argv[2] === '--rss') await rssChild(process.argv[3]!)
else if (import.meta.url === pathToFileURL(process.argv[1]!).href)
  console.log(JSON.stringify(await run(), null, 2))
