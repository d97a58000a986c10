/**
 * The CLI as a user runs it (`bin/redress.js`, the built bundle), beside a bare `node -e 0` in
 * the same run, interleaved so both see the same machine load:
 *   - CPU time of `redress --help` and of one `redress calc --json`, as medians and as ratios;
 *   - `calc --batch` throughput (requests a second once a long batch has settled: the extra
 *     requests of 100,000 over 20,000, by the extra time) and the whole run of 20,000 with start-up,
 *     beside the same work done in this process (parse, validate, calculate, write JSON), in
 *     wall-clock time and in CPU time; peak memory at 1,000, 20,000 and 100,000 requests;
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

    // Throughput is the rate a long batch settles at: the extra requests of a 100,000-request
    // batch over a 20,000-request one, divided by the extra time they took (start-up, and V8 making
    // the calculation fast, cost both runs the same). The whole run of 20,000 requests, start-up
    // included, is reported beside it. Each run three times, interleaved; medians.
    const small = 1_000
    const mid = 20_000
    const big = 100_000
    const lines = requests(big)
    const write = (name: string, n: number, array: boolean): string => {
      const path = join(dir, name)
      const some = lines.slice(0, n)
      writeFileSync(path, array ? `[${some.join(',\n')}]` : `${some.join('\n')}\n`)
      return path
    }
    const noSteps = [BIN, 'calc', '--batch', '--ndjson', '--no-steps']
    const steps = [BIN, 'calc', '--batch', '--json']
    const smallRun = await measure(noSteps, write('small.ndjson', small, false))
    const inputs = {
      noSteps: [write('mid.ndjson', mid, false), write('big.ndjson', big, false)],
      steps: [write('mid.json', mid, true), write('big.json', big, true)],
    } as const
    const runs = {
      noStepsMid: [] as Child[],
      noStepsBig: [] as Child[],
      stepsMid: [] as Child[],
      stepsBig: [] as Child[],
    }
    for (let i = 0; i < 3; i++) {
      runs.noStepsMid.push(await measure(noSteps, inputs.noSteps[0]))
      runs.noStepsBig.push(await measure(noSteps, inputs.noSteps[1]))
      runs.stepsMid.push(await measure(steps, inputs.steps[0]))
      runs.stepsBig.push(await measure(steps, inputs.steps[1]))
    }
    for (const r of [smallRun, ...Object.values(runs).flat()])
      if (r.code !== 0) throw new Error('batch failed')
    const load = loadavg()[0]!
    const inProcess = (withSteps: boolean) => {
      const three = [0, 1, 2].map(() => inProcessRate(lines.slice(0, mid), withSteps))
      return {
        perSecond: median(three.map((x) => x.perSecond)),
        cpuPerSecond: median(three.map((x) => x.cpuPerSecond)),
      }
    }
    const inProcessNoSteps = inProcess(false)
    const inProcessSteps = inProcess(true)
    const wall = (xs: Child[]): number => median(xs.map((x) => x.wallMs)) / 1000
    const cpu = (xs: Child[]): number => median(xs.map((x) => x.cpuMs)) / 1000
    const rates = (midRuns: Child[], bigRuns: Child[]) => ({
      wholeRun: mid / wall(midRuns),
      steady: (big - mid) / (wall(bigRuns) - wall(midRuns)),
      steadyCpu: (big - mid) / (cpu(bigRuns) - cpu(midRuns)),
    })
    const cliNoSteps = rates(runs.noStepsMid, runs.noStepsBig)
    const cliSteps = rates(runs.stepsMid, runs.stepsBig)
    const peak = (xs: Child[]): number => Math.round(Math.max(...xs.map((x) => x.maxRssMb)))

    return {
      bareNodeCpuMs: round1(median(bare)),
      helpCpuMs: round1(median(help)),
      helpCpuRatio: round2(median(help) / median(bare)),
      calcOneCpuMs: round1(median(calc)),
      calcOneCpuRatio: round2(median(calc) / median(bare)),
      batchNoStepsPerSecond: Math.round(cliNoSteps.steady),
      batchNoStepsInProcessPerSecond: Math.round(inProcessNoSteps.perSecond),
      batchNoStepsShareOfInProcess: round2(cliNoSteps.steady / inProcessNoSteps.perSecond),
      batchNoStepsCpuShareOfInProcess: round2(cliNoSteps.steadyCpu / inProcessNoSteps.cpuPerSecond),
      batchNoStepsWholeRunPerSecond: Math.round(cliNoSteps.wholeRun),
      batchNoStepsWholeRunShareOfInProcess: round2(cliNoSteps.wholeRun / inProcessNoSteps.perSecond),
      batchWithStepsPerSecond: Math.round(cliSteps.steady),
      batchWithStepsInProcessPerSecond: Math.round(inProcessSteps.perSecond),
      batchWithStepsShareOfInProcess: round2(cliSteps.steady / inProcessSteps.perSecond),
      batchWithStepsCpuShareOfInProcess: round2(cliSteps.steadyCpu / inProcessSteps.cpuPerSecond),
      batchWithStepsWholeRunPerSecond: Math.round(cliSteps.wholeRun),
      batchWithStepsWholeRunShareOfInProcess: round2(cliSteps.wholeRun / inProcessSteps.perSecond),
      batch1kPeakMb: Math.round(smallRun.maxRssMb),
      batch20kPeakMb: peak(runs.noStepsMid),
      batch100kPeakMb: peak(runs.noStepsBig),
      batch100kWithStepsPeakMb: peak(runs.stepsBig),
      loadAverageAtStart: round2(startLoad),
      loadAverageAtBatch: round2(load),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run()))
