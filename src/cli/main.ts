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
  run(takePassphraseFile(args))
    .then((code) => {
      process.exitCode = code
    })
    .catch((error: unknown) => {
      process.exitCode = handleError(error)
    })
}
