/**
 * Start-up as `npm start` does it (the bundle already built, an existing data folder) to the
 * first 200 from /health, beside a bare fastify + PGlite start (bench/support/bare-start.mjs) on
 * the same kind of folder, interleaved; medians of 5 and their ratio. Also how long `npm start`'s
 * own build steps take when nothing changed (they should skip).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { freePort } from '../e2e/support/server.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Milliseconds from spawning `args` to the first 200 from /health. */
async function timeToFirstHealth(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort()
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  })
  try {
    for (let tries = 0; tries < 36000; tries++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`)
        if (res.status === 200) return Number(process.hrtime.bigint() - started) / 1e6
      } catch {
        // not listening yet
      }
      await sleep(5)
    }
    throw new Error(`${args.join(' ')} did not answer /health within three minutes`)
  } finally {
    await stop(child)
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!

export async function run(): Promise<Record<string, number>> {
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'])
  const appDir = mkdtempSync(join(tmpdir(), 'redress-bench-app-'))
  const bareDir = mkdtempSync(join(tmpdir(), 'redress-bench-bare-'))
  try {
    const app = { args: ['dist/server.mjs'], env: { REDRESS_DATA_DIR: appDir } }
    const bare = { args: ['bench/support/bare-start.mjs'], env: { DATA_DIR: bareDir } }
    await timeToFirstHealth(app.args, app.env) // first start creates the database
    await timeToFirstHealth(bare.args, bare.env)
    const appTimes: number[] = []
    const bareTimes: number[] = []
    for (let i = 0; i < 5; i++) {
      appTimes.push(await timeToFirstHealth(app.args, app.env))
      bareTimes.push(await timeToFirstHealth(bare.args, bare.env))
    }
    const started = process.hrtime.bigint()
    execFileSync(process.execPath, ['scripts/build-assets.mjs', '--if-missing'])
    execFileSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'])
    const buildCheckMs = Number(process.hrtime.bigint() - started) / 1e6
    return {
      startToHealthMs: Math.round(median(appTimes)),
      bareFastifyPgliteStartToHealthMs: Math.round(median(bareTimes)),
      startShareOfBareRatio: Math.round((median(appTimes) / median(bareTimes)) * 100) / 100,
      npmStartBuildStepsWhenUnchangedMs: Math.round(buildCheckMs),
    }
  } finally {
    rmSync(appDir, { recursive: true, force: true })
    rmSync(bareDir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run()))
