import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { random } from '../fixtures/letters/synthetic.ts'

/**
 * The crash tests' plan and their child process (test/case/crash-child.ts).
 *
 * The plan is seeded and fixed: for each kind of operation (an upload, an import) one kill in each
 * third of the operation, at a point drawn from the seed within that third, so every run kills at
 * the same steps and an early, a middle and a late moment of each operation are always covered
 * (what a random timer only covered on average). `REDRESS_CRASH_SEED` runs another plan, to explore.
 */
export const CRASH_SEED = Number(process.env.REDRESS_CRASH_SEED) || 20_261_206

export interface Kill {
  readonly mode: 'upload' | 'import'
  /** Where in the operation the child dies: 0 (its first step) to 1 (its last). */
  readonly fraction: number
  /** The seed for the child's own choices (upload sizes). */
  readonly seed: number
}

/** Alternates uploads and imports; `perMode` kills of each, one in each equal part of the operation. */
export function crashPlan(perMode: number, seed = CRASH_SEED): Kill[] {
  const next = random(seed)
  const plan: Kill[] = []
  for (let i = 0; i < perMode; i++)
    for (const mode of ['upload', 'import'] as const)
      plan.push({ mode, fraction: (i + next()) / perMode, seed: Math.floor(next() * 2 ** 31) })
  return plan
}

export interface CrashRun {
  check: {
    problems: string[]
    swept: { temps: number; orphans: number }
    committed: number
    imported: boolean
  } | null
  committed: string[]
  imports: number
  /** Steps the first, whole operation took (the kill's scale). */
  steps: number | null
  signal: NodeJS.Signals | null
  /** The child never reached its kill step (it is stopped after two minutes). */
  timedOut: boolean
  output: string
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CHILD = fileURLToPath(new URL('../case/crash-child.ts', import.meta.url))

/**
 * Runs the child on `dataDir`: it checks the case file, then runs the planned kill (or, for
 * 'check', only checks and is then stopped).
 */
export function runCrashChild(
  args: { dataDir: string; archive: string; caseId: string; expected: Record<string, number> },
  kill: Kill | 'check',
  env: NodeJS.ProcessEnv = {},
): Promise<CrashRun> {
  const mode = kill === 'check' ? 'check' : kill.mode
  const fraction = kill === 'check' ? 1 : kill.fraction
  const seed = kill === 'check' ? 0 : kill.seed
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        // V8's baseline compiler only, as the CLI runs a command that opens the case file
        // (src/cli/main.ts): a short-lived process spends half the CPU starting the database.
        '--liftoff-only',
        '--import',
        'tsx',
        CHILD,
        args.dataDir,
        mode,
        args.archive,
        args.caseId,
        JSON.stringify(args.expected),
        String(fraction),
        String(seed),
      ],
      { cwd: ROOT, env: { ...process.env, ...env } },
    )
    const run: CrashRun = {
      check: null,
      committed: [],
      imports: 0,
      steps: null,
      signal: null,
      timedOut: false,
      output: '',
    }
    const timer = setTimeout(() => {
      run.timedOut = true
      child.kill('SIGKILL')
    }, 120_000)
    let buffer = ''
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString()
      let nl
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        if (line.startsWith('CHECK ')) run.check = JSON.parse(line.slice(6))
        else if (line.startsWith('COMMITTED ')) run.committed.push(line.slice(10))
        else if (line.startsWith('STEPS ')) run.steps = Number(line.slice(6))
        else if (line === 'IMPORTED') run.imports++
        else if (line === 'READY' && mode === 'check') child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (d: Buffer) => (run.output += d.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      run.signal = signal
      resolve(run)
    })
  })
}
