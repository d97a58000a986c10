import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { assertLoopbackHost, ConfigError, describeDataDir, loadConfig } from './config.ts'
import { RuleFileError, rules } from './rules/load.ts'
import { Vault } from './store/safe/vault.ts'
import { keyFilePath } from './store/safe/keyring.ts'
import { DataDirectoryInUse } from './store/lock.ts'
import { clockFor } from './services/clock.ts'
import { text } from './copy/translate.ts'
import { wordsOf } from './copy/worded-error.ts'
import type { Params } from './copy/translate.ts'

/** What the server says in the terminal (`platform.server.*` in platform.json). */
const serverText = (key: string, params?: Params): string => text(`platform.server.${key}`, params)

const LIFTOFF = '--liftoff-only'
/**
 * In safe mode V8's young generation is kept small: left to itself it grows to 64 MB here (two
 * semi-spaces of 32 MB) as the pages and the background reader allocate, which held the unlocked
 * server 50-60 MB over its 400 MB budget; at 4 MB a semi-space, pages and unlocking took no more CPU
 * in measurement (docs/adr/0005-safe-mode.md, "Memory"). Set with the flag above, on the same restart.
 */
const SMALL_YOUNG_GENERATION = '--max-semi-space-size=4'
/** How long stopping may take before the server leaves anyway (see shutdown). */
const SHUTDOWN_LIMIT_MS = 20_000

/**
 * In safe mode the server runs on V8's baseline WebAssembly compiler only (docs/adr/0005-safe-mode.md,
 * "Memory"): the embedded database loads at unlock, and the optimising tier's recompilation of it
 * then takes about 480 MB more for a while (peak 948 MB against 390 MB for a case of 2,000 entries),
 * for pages that are at most about 1.6 times slower (tens of milliseconds). The flag works only on
 * the node command line, so the server starts itself again with it, where `process.execve` exists
 * (not on Windows). REDRESS_WASM_TIERING=1 keeps the optimising tier (and V8's own young generation).
 */
function runsBetterOnBaselineCompiler(dataDir: string, databaseUrl: string | undefined): boolean {
  return (
    !databaseUrl &&
    typeof process.execve === 'function' &&
    !process.execArgv.includes(LIFTOFF) &&
    process.env.REDRESS_WASM_TIERING !== '1' &&
    process.argv[1] !== undefined &&
    existsSync(keyFilePath(dataDir))
  )
}

/** Starts Redress: settings, rules, database, web app; closes the database cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig()
  assertLoopbackHost(config.host)
  if (runsBetterOnBaselineCompiler(config.dataDir, config.databaseUrl)) {
    // Replaces this process (same pid, same stdio): nothing of this start has been done yet.
    process.execve!(process.execPath, [
      process.execPath,
      LIFTOFF,
      SMALL_YOUNG_GENERATION,
      ...process.execArgv,
      ...process.argv.slice(1),
    ])
  }
  const say = (line: string): void => void process.stdout.write(`${line}\n`)
  // Start opening the database first: PGlite compiles WebAssembly and reads the disk in the
  // background while the web app's modules load and the rules are parsed on the main thread.
  // In safe mode the vault opens locked: the database opens when the passphrase is given (web unlock page).
  const opening = Vault.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onNotice: say })
  opening.catch(() => {}) // handled where it is awaited below
  let book
  let modules
  try {
    modules = await Promise.all([
      import('./store/meta.repository.ts'),
      import('./services/services.ts'),
      import('./web/app.ts'),
    ])
    book = rules() // a bad rule file stops start-up here, naming the file
  } catch (error) {
    await opening.then((db) => db.close()).catch(() => {})
    throw error
  }
  const [{ DrizzleMetaRepository }, { createServices, sweepEvidence }, { buildApp }] = modules
  const database = await opening
  const meta = new DrizzleMetaRepository(database.db)
  await database.whenOpen(async () => {
    if (!(await meta.get('installed-at'))) await meta.set('installed-at', new Date().toISOString())
  })
  // The key that signs cross-site tokens stays the same across restarts, so an open form still sends.
  // (Locked in safe mode, nothing can be read yet: this run uses a new key.)
  let csrfKey =
    database.status === 'locked' ? randomBytes(32).toString('base64url') : await meta.get('csrf-key')
  if (!csrfKey) await meta.set('csrf-key', (csrfKey = randomBytes(32).toString('base64url')))
  // The one composition root: every service, over this database, with one clock (REDRESS_TODAY or the real one).
  const services = createServices(
    {
      database,
      dataDir: config.dataDir,
      rules: book,
      maxUploadBytes: config.maxUploadBytes,
      maxImportBytes: config.maxImportBytes,
    },
    clockFor(config.today),
  )
  const caseFile = services.caseFile
  // Tidy up after a crash (temporary and unused evidence files), now or when safe mode is unlocked.
  await database.whenOpen(async () => void (await sweepEvidence(caseFile, database)))
  const app = await buildApp(services, {
    allowedHosts: config.allowedHosts,
    csrfKey: Buffer.from(csrfKey, 'base64url'),
    // Warnings and failures only, to standard error; see describeFailure for what a line holds.
    logger: { level: 'warn', stream: process.stderr },
  })
  // Background jobs (reading evidence), bounded by cores and memory; in safe mode once unlocked.
  await database.whenOpen(async () => void caseFile.reading.start())

  let closing = false
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return
    closing = true
    say(`\n${serverText('stopping', { signal })}`)
    // Stopping never hangs: everything saved is already on disk (the kill test proves it), so if a
    // step stalls, the server says which and leaves; the next start finds the data as it was.
    let step = serverText('stepClosingWeb')
    const stalled = setTimeout(() => {
      process.stderr.write(`${serverText('tooLong', { step })}\n`)
      process.exit(1)
    }, SHUTDOWN_LIMIT_MS)
    stalled.unref()
    await app.close()
    step = serverText('stepStoppingReader')
    await caseFile.reading.stop() // a job cut short is given back to the queue
    step = serverText('stepClosingDatabase')
    await database.close()
    say(serverText('stopped'))
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    await database.close()
    throw error
  }
  const where = config.databaseUrl
    ? serverText('postgres')
    : serverText('embedded', { dataDir: config.dataDir })
  say(serverText('running', { where }))
  say(describeDataDir(config))
  say(
    serverText('open', {
      host: config.host.includes(':') ? `[${config.host}]` : config.host,
      port: config.port,
    }),
  )
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError || error instanceof DataDirectoryInUse || error instanceof RuleFileError
  const code = (error as NodeJS.ErrnoException).code
  if (known) process.stderr.write(`${serverText('failed', { problem: wordsOf(error) })}\n`)
  else if (code === 'EADDRINUSE') process.stderr.write(`${serverText('portInUse')}\n`)
  else
    process.stderr.write(
      `${serverText('couldNotStart', { problem: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`,
    )
  process.exit(1)
})
