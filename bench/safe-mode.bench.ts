/**
 * Safe mode (docs/adr/0005-safe-mode.md), for a case file of 2,000 timeline entries and 300 evidence
 * files:
 * - write latency of a timeline entry and of an upload, safe mode against normal mode: the same
 *   case in two data folders open side by side in this process, the two modes taking turns (so a
 *   change in the machine's load falls on both), wall-clock and CPU medians;
 * - unlock and memory of the real server (`dist/server.mjs`, so `npm run build` first): started on
 *   the safe-mode folder, unlocked through the unlock page, then three case pages loaded twelve
 *   times each. Peak resident memory (VmHWM, the figure the 400 MB target is read against) and
 *   resident memory after ten idle seconds; unlock wall-clock time and the server's CPU time during
 *   it. Run with the server's default (the baseline compiler in safe mode, see src/server.ts) and
 *   with the optimising tier (REDRESS_WASM_TIERING=1), to show what the choice costs in page time.
 * `npx tsx bench/safe-mode.bench.ts` prints JSON; `run()` returns it.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { randomBytes } from 'node:crypto'
import { rules } from '../src/rules/load.ts'
import { createCaseServices, type CaseServices } from '../src/services/case-services.ts'
import { Vault } from '../src/store/safe/vault.ts'
import { LOCAL_OWNER, type Actor } from '../src/domain/case/index.ts'
import { Temporal } from '../src/domain/shared/plain-date.ts'
import { fixedClock } from '../src/services/clock.ts'
import { ensureTemplate } from '../test/helpers/pglite.ts'

const WHO: Actor = { ownerId: LOCAL_OWNER, name: 'benchmark' }
const PASS = 'benchmark passphrase'
const ENTRIES = 2000
const FILES = 300
const ROOT = join(import.meta.dirname, '..')

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
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100
const load = (): number => Math.round(loadavg()[0]! * 10) / 10

function services(vault: Vault, dataDir: string): CaseServices {
  return createCaseServices({
    database: vault,
    dataDir,
    rules: rules(),
    maxUploadBytes: 50 * 1024 * 1024,
    clock: fixedClock('2025-06-01'),
  })
}

/** Wall-clock and CPU milliseconds of one call. */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c = process.cpuUsage()
  const t = performance.now()
  await fn()
  const u = process.cpuUsage(c)
  return { wall: performance.now() - t, cpu: (u.user + u.system) / 1000 }
}

interface Sides {
  readonly normal: { s: CaseServices; caseId: string }
  readonly safe: { s: CaseServices; caseId: string }
}

/** Medians of timeline entries and 200 KB uploads, the two modes taking turns (after a warm-up). */
async function writeLatency(sides: Sides): Promise<Record<string, number>> {
  const runs = { entry: 40, upload: 16 }
  const out: Record<string, number> = {}
  for (const kind of ['entry', 'upload'] as const) {
    const got = {
      normal: { wall: [] as number[], cpu: [] as number[] },
      safe: { wall: [] as number[], cpu: [] as number[] },
    }
    for (let i = 0; i < runs[kind]; i++) {
      // Alternate which mode goes first, so neither always follows the other's fsync.
      const order = i % 2 ? (['safe', 'normal'] as const) : (['normal', 'safe'] as const)
      for (const side of order) {
        const { s, caseId } = sides[side]
        const r = await timed(() =>
          kind === 'entry'
            ? s.cases.addEvent(WHO, caseId, {
                type: 'note',
                occurredOn: '2025-05-01',
                title: `Latency ${i}`,
                details: 'x',
              })
            : s.evidence.add(WHO, caseId, { fileName: `latency-${i}.pdf`, content: once(pdf(200 * 1024)) }),
        )
        if (i >= 4) {
          got[side].wall.push(r.wall)
          got[side].cpu.push(r.cpu)
        }
      }
    }
    const name = kind === 'entry' ? 'entryWrite' : 'upload'
    out[`${name}NormalMs`] = median(got.normal.wall)
    out[`${name}SafeMs`] = median(got.safe.wall)
    out[`${name}Ratio`] = ratio(median(got.safe.wall), median(got.normal.wall))
    out[`${name}NormalCpuMs`] = median(got.normal.cpu)
    out[`${name}SafeCpuMs`] = median(got.safe.cpu)
    out[`${name}CpuRatio`] = ratio(median(got.safe.cpu), median(got.normal.cpu))
  }
  return out
}

interface ServerRun {
  unlockMs: number
  unlockCpuMs: number
  peakMb: number
  steadyMb: number
  casePageMs: number
  timelinePageMs: number
  evidencePageMs: number
  pageCpuMs: number
}

/** The built server on a copy of `dataDir`: unlock through the page, load pages, read its memory. */
async function serverRun(dataDir: string, tiering: boolean): Promise<ServerRun> {
  const copy = mkdtempSync(join(tmpdir(), 'redress-bench-safe-server-'))
  cpSync(dataDir, copy, { recursive: true })
  const port = 20000 + Math.floor(Math.random() * 20000)
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      REDRESS_DATA_DIR: copy,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDRESS_WASM_TIERING: tiering ? '1' : '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const proc = (): { rss: number; hwm: number; cpu: number } => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
    const kb = (k: string): number => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)![1])
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return {
      rss: Math.round(kb('VmRSS') / 1024),
      hwm: Math.round(kb('VmHWM') / 1024),
      cpu: (Number(stat[11]) + Number(stat[12])) * 10, // clock ticks of 10 ms
    }
  }
  const base = `http://127.0.0.1:${port}`
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  try {
    for (let tries = 0; ; tries++) {
      if (tries > 3600) throw new Error('The server did not start.')
      try {
        const r = await fetch(`${base}/health`) // 503 while locked
        if (r.ok || r.status === 503) break
      } catch {
        // not listening yet
      }
      await sleep(50)
    }
    const page = await fetch(`${base}/unlock`)
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
    const before = proc().cpu
    const t = performance.now()
    const unlocked = await fetch(`${base}/unlock`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams({ _csrf: token, passphrase: PASS }).toString(),
    })
    const unlockMs = Math.round(performance.now() - t)
    const unlockCpuMs = proc().cpu - before
    if (unlocked.status !== 303) throw new Error(`Unlocking answered ${unlocked.status}.`)
    const get = async (u: string): Promise<number> => {
      const t0 = performance.now()
      const r = await fetch(base + u, { headers: { cookie } })
      await r.text()
      if (r.status !== 200) throw new Error(`${u} answered ${r.status}.`)
      return performance.now() - t0
    }
    const id = /\/cases\/([0-9a-f-]{36})/.exec(
      await (await fetch(`${base}/cases`, { headers: { cookie } })).text(),
    )![1]!
    const pages: Record<string, number> = {}
    const cpu0 = proc().cpu
    for (const [name, url] of [
      ['case', `/cases/${id}`],
      ['timeline', `/cases/${id}/timeline`],
      ['evidence', `/cases/${id}/evidence`],
    ] as const) {
      const times: number[] = []
      for (let i = 0; i < 12; i++) times.push(await get(url))
      pages[name] = median(times.slice(2))
    }
    const pageCpuMs = Math.round((proc().cpu - cpu0) / 36)
    await sleep(10_000)
    const { rss, hwm } = proc()
    return {
      unlockMs,
      unlockCpuMs,
      peakMb: hwm,
      steadyMb: rss,
      casePageMs: pages.case!,
      timelinePageMs: pages.timeline!,
      evidencePageMs: pages.evidence!,
      pageCpuMs,
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(copy, { recursive: true, force: true })
  }
}

export async function run(): Promise<Record<string, number | null>> {
  const loadAtStart = load()
  const normalDir = mkdtempSync(join(tmpdir(), 'redress-bench-normal-'))
  const safeDir = mkdtempSync(join(tmpdir(), 'redress-bench-safe-'))
  try {
    cpSync(join(await ensureTemplate(), 'pglite'), join(normalDir, 'pglite'), { recursive: true })
    // A case file of 2,000 timeline entries and 300 evidence files, built in normal mode.
    let vault = await Vault.open({ dataDir: normalDir })
    let s = services(vault, normalDir)
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
    await vault.close()

    // The same case file in a second folder, in safe mode (encrypts the database and every file).
    cpSync(normalDir, safeDir, { recursive: true })
    const safeVault = await Vault.open({ dataDir: safeDir })
    const t = performance.now()
    await safeVault.enable(PASS)
    const enableMs = Math.round(performance.now() - t)
    vault = await Vault.open({ dataDir: normalDir })
    s = services(vault, normalDir)
    const writes = await writeLatency({
      normal: { s, caseId: c.id },
      safe: { s: services(safeVault, safeDir), caseId: c.id },
    })
    await vault.close()
    await safeVault.close() // a snapshot, as when the server stops or locks

    // The server, three times with its default and twice with the optimising tier.
    const byDefault: ServerRun[] = []
    const tiering: ServerRun[] = []
    for (let i = 0; i < 3; i++) byDefault.push(await serverRun(safeDir, false))
    for (let i = 0; i < 2; i++) tiering.push(await serverRun(safeDir, true))
    const m = (runs: ServerRun[], k: keyof ServerRun): number => median(runs.map((r) => r[k]))
    const max = (runs: ServerRun[], k: keyof ServerRun): number => Math.max(...runs.map((r) => r[k]))
    return {
      entries: ENTRIES,
      evidenceFiles: FILES,
      unlockMs: m(byDefault, 'unlockMs'),
      unlockCpuMs: m(byDefault, 'unlockCpuMs'),
      enableMs,
      ...writes,
      rssUnlockedMb: max(byDefault, 'peakMb'),
      rssUnlockedSteadyMb: m(byDefault, 'steadyMb'),
      casePageMs: m(byDefault, 'casePageMs'),
      timelinePageMs: m(byDefault, 'timelinePageMs'),
      evidencePageMs: m(byDefault, 'evidencePageMs'),
      pageCpuMs: m(byDefault, 'pageCpuMs'),
      tieringUnlockMs: m(tiering, 'unlockMs'),
      tieringUnlockCpuMs: m(tiering, 'unlockCpuMs'),
      tieringPeakMb: max(tiering, 'peakMb'),
      tieringSteadyMb: m(tiering, 'steadyMb'),
      tieringCasePageMs: m(tiering, 'casePageMs'),
      tieringTimelinePageMs: m(tiering, 'timelinePageMs'),
      tieringEvidencePageMs: m(tiering, 'evidencePageMs'),
      tieringPageCpuMs: m(tiering, 'pageCpuMs'),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: load(),
    }
  } finally {
    rmSync(normalDir, { recursive: true, force: true })
    rmSync(safeDir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href)
  console.log(JSON.stringify(await run(), null, 2))
