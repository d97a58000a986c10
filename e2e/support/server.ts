import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureTemplate } from '../../test/helpers/pglite.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })

export interface RunningServer {
  readonly url: string
  readonly dataDir: string
  readonly child: ChildProcess
  readonly output: () => string
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>
}

/** Starts the real server (as `npm start` does) on a free port and the given or a fresh data folder. */
export async function startServer(
  options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningServer> {
  let dataDir = options.dataDir
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-'))
    cpSync(join(await ensureTemplate(), 'pglite'), join(dataDir, 'pglite'), { recursive: true })
  }
  const port = await freePort()
  // The bundle `npm start` runs (rebuilt by the e2e global setup).
  const child = spawn(process.execPath, ['dist/server.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', REDRESS_DATA_DIR: dataDir, ...options.env },
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000)
    const check = (): void => {
      if (out.includes('Redress is running')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on('data', check)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${out}`))
    })
  })
  child.removeAllListeners('exit')
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        // A server that did not end cleanly is reported with its own words, for diagnosis.
        const report = (code: number | null, signal: NodeJS.Signals | null): void => {
          if (code !== 0) process.stderr.write(`[e2e] server ended (${code ?? signal}):\n${out}\n`)
          resolve(code)
        }
        // Already gone (an exit code, or killed by a signal, when exitCode stays null): 'exit' has fired.
        if (child.exitCode !== null || child.signalCode !== null)
          return report(child.exitCode, child.signalCode)
        child.once('exit', report)
        child.kill('SIGTERM')
      }),
  }
}

export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true })
