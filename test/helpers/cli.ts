import { spawn } from 'node:child_process'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../bin/redress.js', import.meta.url))

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the real `redress` command as a child process, feeding `stdin` if given. For the contract
 * tests: exit codes, `--help`, piped input and output, progress output and the `--liftoff-only`
 * re-run of a command that opens the case file. Everything else uses `runInProcess`.
 */
export function runCli(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    // A command that refuses its input may exit before reading it all: that is not the test's failure.
    child.stdin.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e)
    })
    child.stdin.end(stdin ?? '')
  })
}

type Write = typeof process.stdout.write

/** Runs one after another: an in-process run takes over the process's output, input and settings. */
let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs the `redress` program inside this process, as `bin/redress.js` would run it in a child of
 * its own (the same `run` from src/cli/program.ts, after taking out `--passphrase-file`, and the
 * same error handling as src/cli/main.ts), with the same arguments, standard input and settings
 * as `runCli`, and answers the same: exit code, stdout and stderr. It saves a process start, the
 * bundle's load and, for commands that open the case file, the database's start-up code (PGlite's
 * WebAssembly is compiled once per process), which is most of what a CLI test used to wait for.
 *
 * For the run, process.env gets `env` on top (as the child's environment would), stdout and
 * stderr are captured and are not terminals (as a pipe to a child is not), process.stdin is a
 * stream of `stdin` (empty if not given), and process.exitCode starts unset. All of it is put back
 * after, including any setting the command made (`--passphrase-file` sets one). The command
 * closes what it opens (the database, through withServices or the vault), as it must for a
 * real run to end. What it does not do in process: the `--liftoff-only` re-run (main.ts), and
 * dying by a signal; tests of those use `runCli`.
 */
export function runInProcess(
  args: string[],
  stdin?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const turn = queue.then(() => inProcess(args, stdin, env))
  queue = turn.catch(() => undefined)
  return turn
}

async function inProcess(
  args: string[],
  stdin: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<CliResult> {
  const [{ run }, { handleError, setStdinReplaced }, { takePassphraseFile }] = await Promise.all([
    import('../../src/cli/program.ts'),
    import('../../src/cli/io.ts'),
    import('../../src/cli/passphrase-option.ts'),
  ])
  let stdout = ''
  let stderr = ''
  const savedEnv = { ...process.env }
  const savedExitCode = process.exitCode
  const savedStdin = Object.getOwnPropertyDescriptor(process, 'stdin')!
  const writes = { out: process.stdout.write, err: process.stderr.write }
  const ttys = {
    out: Object.getOwnPropertyDescriptor(process.stdout, 'isTTY'),
    err: Object.getOwnPropertyDescriptor(process.stderr, 'isTTY'),
  }
  const capture =
    (append: (text: string) => void): Write =>
    (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
      // Copied at once: a caller may reuse its buffer (the batch output does).
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))
      const done = typeof encoding === 'function' ? encoding : callback
      if (typeof done === 'function') process.nextTick(done as () => void)
      return true
    }
  for (const [key, value] of Object.entries(env))
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  process.exitCode = undefined
  Object.defineProperty(process, 'stdin', {
    configurable: true,
    enumerable: savedStdin.enumerable ?? true,
    value: Readable.from(stdin ? [Buffer.from(stdin, 'utf8')] : []),
  })
  setStdinReplaced(true)
  process.stdout.write = capture((t) => (stdout += t))
  process.stderr.write = capture((t) => (stderr += t))
  Object.defineProperty(process.stdout, 'isTTY', { configurable: true, value: undefined })
  Object.defineProperty(process.stderr, 'isTTY', { configurable: true, value: undefined })
  let code: number
  try {
    code = await run(takePassphraseFile(args))
  } catch (error) {
    code = handleError(error)
  } finally {
    process.stdout.write = writes.out
    process.stderr.write = writes.err
    restore(process.stdout, 'isTTY', ttys.out)
    restore(process.stderr, 'isTTY', ttys.err)
    setStdinReplaced(false)
    Object.defineProperty(process, 'stdin', savedStdin)
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key]
    Object.assign(process.env, savedEnv)
    process.exitCode = savedExitCode
  }
  return { code, stdout, stderr }
}

function restore(target: object, key: string, descriptor: PropertyDescriptor | undefined): void {
  if (descriptor) Object.defineProperty(target, key, descriptor)
  else delete (target as Record<string, unknown>)[key]
}
