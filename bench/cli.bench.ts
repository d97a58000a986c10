/**
 * The CLI as a user runs it (`bin/redress.js`, the built bundle), beside a bare `node -e 0` in
 * the same run, interleaved so both see the same machine load:
 *   - CPU time of `redress --help` and of one `redress calc --json`, as medians and as ratios;
 *   - `calc --batch` throughput (requests a second, whole run) and peak memory at two batch sizes,
 *     beside the same work done in this process (parse, validate, calculate, write JSON), in
 *     wall-clock time and in CPU time (the CLI's whole process beside this process's own);
 *   - the load average when it starts and before the in-process runs.
 * `npx tsx bench/cli.bench.ts` prints JSON; `run()` returns it.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { rules } from '../src/rules/load.ts'
import { calcRequest, quickCalcRequest, runCalculation } from '../src/services/calculation.service.ts'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const REPORTER = fileURLToPath(new URL('support/cpu-at-exit.mjs', import.meta.url))
const BIN = join(ROOT, 'bin/redress.js')

const request = {
  effectiveDate: '2025-04-01',
  income: { grossWeekly: '575.34' },
  benefit: 'none',
  nilRateCategory: false,
  relevantOtherChildren: 1,
  receivingParents: [{ id: 'A', children: [{ nightsPerYear: 0 }, { nightsPerYear: 120 }] }],
  collection: 'direct',
}

/** `n` requests, varied so no two in a row are the same, one JSON object a line. */
function requests(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      ...request,
      income: { grossWeekly: `${100 + (i % 900)}.${String(i % 100).padStart(2, '0')}` },
    }),
  )
}

interface Child {
  readonly cpuMs: number
  readonly maxRssMb: number
  readonly wallMs: number
  readonly code: number | null
}

/** Runs node with `args` (the reporter loaded first), feeding `stdinFile`. */
function measure(args: string[], stdinFile?: string): Promise<Child> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, ['--import', REPORTER, ...args], {
      cwd: ROOT,
      stdio: [stdinFile ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    })
    if (stdinFile) child.stdin!.end(readFileSync(stdinFile))
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const m = /REDRESS_BENCH (\d+) (\d+)/.exec(stderr)
      if (!m) return reject(new Error(`no measurement from ${args.join(' ')}: ${stderr.slice(0, 500)}`))
      resolve({
        cpuMs: Number(m[1]) / 1000,
        maxRssMb: Number(m[2]) / 1024,
        wallMs: performance.now() - start,
        code,
      })
    })
  })
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)]!
}
const round1 = (x: number): number => Math.round(x * 10) / 10
const round2 = (x: number): number => Math.round(x * 100) / 100

/**
 * Requests a second for the batch work done in this process: parse, validate, calculate, JSON. It
 * validates as the CLI does: the quick check for a well-formed request, the schema otherwise.
 */
function inProcessRate(lines: string[], steps: boolean): { perSecond: number; cpuPerSecond: number } {
  const book = rules()
  const once = (line: string): number => {
    const value = JSON.parse(line) as unknown
    const r = runCalculation(book, quickCalcRequest(value) ?? calcRequest.parse(value))
    if (!steps) {
      const { steps: _omit, ...rest } = r
      return JSON.stringify(rest).length
    }
    return JSON.stringify(r).length
  }
  for (const l of lines.slice(0, 2000)) once(l) // warm up
  const start = performance.now()
  const cpu = process.cpuUsage()
  let sink = 0
  for (const l of lines) sink += once(l)
  if (sink < 0) throw new Error('unreachable')
  const used = process.cpuUsage(cpu)
  return {
    perSecond: lines.length / ((performance.now() - start) / 1000),
    cpuPerSecond: lines.length / ((used.user + used.system) / 1e6),
  }
}

export async function run(): Promise<Record<string, number>> {
  const { buildCli } = (await import(pathToFileURL(join(ROOT, 'scripts/build-cli.mjs')).href)) as {
    buildCli: (o: { ifStale: boolean }) => Promise<boolean>
  }
  await buildCli({ ifStale: true })
  const startLoad = loadavg()[0]!
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-'))
  try {
    const one = join(dir, 'one.json')
    writeFileSync(one, JSON.stringify(request))
    await measure([BIN, '--help']) // fills V8's compile cache, as any earlier run would have
    await measure([BIN, 'calc', '--json'], one)

    const bare: number[] = []
    const help: number[] = []
    const calc: number[] = []
    for (let i = 0; i < 15; i++) {
      bare.push((await measure(['-e', '0'])).cpuMs)
      help.push((await measure([BIN, '--help'])).cpuMs)
      const c = await measure([BIN, 'calc', '--json'], one)
      if (c.code !== 0) throw new Error('calc failed')
      calc.push(c.cpuMs)
    }

    const small = 1_000
    const large = 20_000
    const lines = requests(large)
    const files = {
      smallNd: join(dir, 'small.ndjson'),
      largeNd: join(dir, 'large.ndjson'),
      largeArray: join(dir, 'large.json'),
    }
    writeFileSync(files.smallNd, `${lines.slice(0, small).join('\n')}\n`)
    writeFileSync(files.largeNd, `${lines.join('\n')}\n`)
    writeFileSync(files.largeArray, `[${lines.join(',\n')}]`)
    const smallRun = await measure([BIN, 'calc', '--batch', '--ndjson', '--no-steps'], files.smallNd)
    const largeRun = await measure([BIN, 'calc', '--batch', '--ndjson', '--no-steps'], files.largeNd)
    const withSteps = await measure([BIN, 'calc', '--batch', '--json'], files.largeArray)
    for (const r of [smallRun, largeRun, withSteps]) if (r.code !== 0) throw new Error('batch failed')
    const load = loadavg()[0]!
    const inProcessNoSteps = inProcessRate(lines, false)
    const inProcessSteps = inProcessRate(lines, true)
    const cliNoSteps = large / (largeRun.wallMs / 1000)
    const cliSteps = large / (withSteps.wallMs / 1000)
    // The same in CPU time (the whole CLI process, start-up included, beside this process's own),
    // which a busy machine disturbs less than the wall clock.
    const cliNoStepsCpu = large / (largeRun.cpuMs / 1000)
    const cliStepsCpu = large / (withSteps.cpuMs / 1000)

    return {
      bareNodeCpuMs: round1(median(bare)),
      helpCpuMs: round1(median(help)),
      helpCpuRatio: round2(median(help) / median(bare)),
      calcOneCpuMs: round1(median(calc)),
      calcOneCpuRatio: round2(median(calc) / median(bare)),
      batchNoStepsPerSecond: Math.round(cliNoSteps),
      batchNoStepsInProcessPerSecond: Math.round(inProcessNoSteps.perSecond),
      batchNoStepsShareOfInProcess: round2(cliNoSteps / inProcessNoSteps.perSecond),
      batchNoStepsCpuShareOfInProcess: round2(cliNoStepsCpu / inProcessNoSteps.cpuPerSecond),
      batchWithStepsPerSecond: Math.round(cliSteps),
      batchWithStepsInProcessPerSecond: Math.round(inProcessSteps.perSecond),
      batchWithStepsShareOfInProcess: round2(cliSteps / inProcessSteps.perSecond),
      batchWithStepsCpuShareOfInProcess: round2(cliStepsCpu / inProcessSteps.cpuPerSecond),
      batch1kPeakMb: Math.round(smallRun.maxRssMb),
      batch20kPeakMb: Math.round(largeRun.maxRssMb),
      batch20kWithStepsPeakMb: Math.round(withSteps.maxRssMb),
      loadAverageAtStart: round2(startLoad),
      loadAverageAtBatch: round2(load),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run()))
