// Foundation benchmarks: start-up with an existing data folder, start-page requests per second
// beside a bare-fastify ceiling, and the server's resident memory after 1,000 requests.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { freePort, removeDir, startServer } from '../e2e/support/server.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function timeToFirstHealth(dataDir: string): Promise<number> {
  const port = await freePort()
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, ['dist/server.mjs'], {
    env: { ...process.env, PORT: String(port), REDRESS_DATA_DIR: dataDir },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`)
        if (res.status === 200) return Number(process.hrtime.bigint() - started) / 1e6
      } catch {
        // not listening yet
      }
      await sleep(10)
    }
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

async function requestsPerSecond(url: string, seconds = 5): Promise<number> {
  const result = await autocannon({ url, connections: 10, duration: seconds })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return Math.round(result.requests.average)
}

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return line ? Math.round(Number(line[1]) / 1024) : NaN
}

export async function run(): Promise<Record<string, number>> {
  execFileSync(process.execPath, ['scripts/build-server.mjs']) // what `npm start` runs
  const server = await startServer()
  const dataDir = server.dataDir
  try {
    const pid = server.child.pid!
    for (let i = 0; i < 1000; i++) await fetch(`${server.url}/`).then((r) => r.text())
    const memoryAfter1000RequestsMb = rssMb(pid)
    const port = await freePort()
    const bare = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], {
      env: { ...process.env, PORT: String(port) },
    })
    await new Promise<void>((resolve) => bare.stdout!.once('data', () => resolve()))
    // Both servers run side by side and are measured in turn, twice, keeping each one's best:
    // on a 2-core machine one noisy run would otherwise decide the ratio.
    const app: number[] = []
    const ceiling: number[] = []
    for (let round = 0; round < 2; round++) {
      app.push(await requestsPerSecond(`${server.url}/`))
      ceiling.push(await requestsPerSecond(`http://127.0.0.1:${port}/`))
    }
    await stop(bare)
    await server.stop()
    const startPageRps = Math.max(...app)
    const bareRps = Math.max(...ceiling)

    const startups: number[] = []
    for (let i = 0; i < 3; i++) startups.push(await timeToFirstHealth(dataDir))
    startups.sort((a, b) => a - b)
    return {
      startupToFirstHealthMs: Math.round(startups[1]!),
      startPageRps,
      bareFastifyCeilingRps: bareRps,
      startPageShareOfCeilingPercent: Math.round((startPageRps / bareRps) * 100),
      memoryAfter1000RequestsMb,
    }
  } finally {
    await server.stop()
    removeDir(dataDir)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2))
