import { run } from './program.ts'
import { handleError } from './io.ts'
import { takePassphraseFile } from './passphrase-option.ts'
import { prefersBaselineCompiler } from './commands/index.ts'

/**
 * The embedded database is a large WebAssembly module. V8's optimising tier recompiles its hottest
 * functions in the background, which briefly takes about 480 MB on top of a 150 MB process, and a
 * command that opens the case file is over before that work pays off. So such a command runs
 * itself again with the baseline compiler only (`--liftoff-only`, a start-up flag V8 will not take
 * at run time): half the start-up CPU and a quarter of the peak memory. The server, which runs for
 * hours, keeps the optimising tier. REDRESS_WASM_TIERING=1 turns this off (for comparison).
 * Where `process.execve` exists the process replaces itself (same pid and stdio, no second
 * process); elsewhere (Windows) it runs a child and waits for it.
 */
const LIFTOFF = '--liftoff-only'
/** 128 + SIGPIPE (13): how a shell reports a command whose reader went away. */
const EXIT_READER_GONE = 141
const args = process.argv.slice(2)
if (
  prefersBaselineCompiler(args) &&
  !process.execArgv.includes(LIFTOFF) &&
  process.env.REDRESS_WASM_TIERING !== '1' &&
  process.argv[1] !== undefined
) {
  const again = [LIFTOFF, ...process.execArgv, process.argv[1], ...args]
  if (typeof process.execve === 'function') process.execve(process.execPath, [process.execPath, ...again])
  // Loaded only here: every other command is spared loading child_process.
  const { spawnSync } = await import('node:child_process')
  const child = spawnSync(process.execPath, again, { stdio: 'inherit' })
  if (child.error) process.exitCode = handleError(child.error)
  else if (child.signal) process.kill(process.pid, child.signal)
  else process.exitCode = child.status ?? 1
} else {
  stopQuietlyWhenTheReaderGoes()
  run(takePassphraseFile(args))
    .then((code) => {
      process.exitCode = code
    })
    .catch((error: unknown) => {
      process.exitCode = handleError(error)
    })
}

/**
 * When whatever reads the output stops reading (`redress calc --batch … | head`), the next write
 * fails with EPIPE. The command stops there without a word on stderr, with the status a process
 * ended by SIGPIPE has (141), as `cat` or `git log` do. Only the printed output is cut short:
 * commands that write a file (a letter, a bundle) print after the file is written and closed.
 */
function stopQuietlyWhenTheReaderGoes(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      process.exit(EXIT_READER_GONE)
    })
}
