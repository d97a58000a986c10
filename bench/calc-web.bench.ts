/**
 * "Check a calculation" over HTTP on loopback against the built server (dist/server.mjs), with
 * Amira's answers compared with the CMS's figures (four calculations and the page render):
 *   - the result page: median time and the server's CPU time a request over 15 requests one after
 *     another, then requests per second (10 connections for 3 s) beside an honest ceiling, the
 *     same bytes as a static file served by fastify with @fastify/static
 *     (bench/support/static-server.mjs), as a share in requests per second and in CPU time a
 *     request (the steadier of the two on a busy machine); the median of three rounds, page and
 *     ceiling taking turns;
 *   - the same with a reconsideration letter date given (the page then lists your cases);
 *   - check-your-answers in requests per second; the workings PDF's median time and CPU time.
 * `npx tsx bench/calc-web.bench.ts` prints JSON; `run()` returns it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { amira, CALC } from '../e2e/support/calculation-journey.ts'
import { freePort, removeDir, startServer } from '../e2e/support/server.ts'
import { load, stop, timed } from './support/serve-load.ts'

/** Answers the journey as a browser would (cross-site cookie and token); returns the cookies. */
async function answer(base: string): Promise<{ cookie: string; token: string }> {
  const jar = new Map<string, string>()
  const take = (res: Response): void => {
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';')
      const eq = pair!.indexOf('=')
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1))
    }
  }
  const cookies = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const steps = amira()
  const first = await fetch(base + steps[0]!.path)
  take(first)
  const token = /name="_csrf" value="([^"]+)"/.exec(await first.text())?.[1]
  if (!token) throw new Error('no cross-site token on the first page of the calculation')
  const post = async (path: string, fields: Record<string, string>): Promise<void> => {
    const res = await fetch(base + path, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        'x-csrf-token': token,
        cookie: cookies(),
      },
      body: new URLSearchParams(fields).toString(),
    })
    if (res.status !== 303) throw new Error(`${path}: ${res.status}`)
    take(res)
  }
  for (const step of steps) await post(step.path, step.fields)
  const result = await fetch(`${base}${CALC}/result`, { headers: { cookie: cookies() } })
  if (!(await result.text()).includes('£128.03')) throw new Error('the result page does not show £128.03')
  return { cookie: cookies(), token }
}

/** Gives a reconsideration letter date on the result page (the page then lists your cases). */
async function giveLetterDate(base: string, cookie: string, token: string): Promise<void> {
  const res = await fetch(`${base}${CALC}/result/decision-letter`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      'x-csrf-token': token,
      cookie,
    },
    body: new URLSearchParams({
      'letterDate-day': '10',
      'letterDate-month': '2',
      'letterDate-year': '2025',
      nation: 'england',
    }).toString(),
  })
  if (res.status !== 303) throw new Error(`letter date: ${res.status}`)
}

const round1 = (x: number): number => Math.round(x * 10) / 10
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!

export async function run(): Promise<Record<string, number>> {
  const server = await startServer()
  const pid = server.child.pid!
  const staticDir = mkdtempSync(join(tmpdir(), 'redress-bench-calc-static-'))
  let ceiling: ChildProcess | null = null
  try {
    const out: Record<string, number> = { loadAverageAtStart: round1(loadavg()[0]!) }
    const port = await freePort()
    const ceilingProcess = spawn(process.execPath, ['bench/support/static-server.mjs'], {
      env: { ...process.env, PORT: String(port), STATIC_DIR: staticDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    ceiling = ceilingProcess
    await new Promise<void>((resolve) => ceilingProcess.stdout!.once('data', () => resolve()))

    /** One page against its ceiling: the best of three rounds, the two taking turns. */
    const measurePage = async (name: string, headers: Record<string, string>) => {
      const url = `${server.url}${CALC}/result`
      const t = await timed(url, pid, 15, headers)
      writeFileSync(join(staticDir, `${name}.html`), t.body)
      const shares: number[] = []
      const cpuShares: number[] = []
      const rpss: number[] = []
      for (let round = 0; round < 3; round++) {
        const page = await load(url, pid, 3, headers)
        const fixed = await load(`http://127.0.0.1:${port}/${name}.html`, ceilingProcess.pid!, 3)
        shares.push((page.rps / fixed.rps) * 100)
        cpuShares.push((fixed.cpuMsPerRequest / page.cpuMsPerRequest) * 100)
        rpss.push(page.rps)
      }
      const share = median(shares)
      const cpuShare = median(cpuShares)
      const rps = median(rpss)
      out[`${name}MedianMs`] = round1(t.medianMs)
      out[`${name}CpuMsPerRequest`] = round1(t.cpuMs)
      out[`${name}Bytes`] = Buffer.byteLength(t.body)
      out[`${name}Rps`] = Math.round(rps)
      out[`${name}ShareOfStaticPercent`] = round1(share)
      out[`${name}CpuShareOfStaticPercent`] = round1(cpuShare)
    }

    const { cookie, token } = await answer(server.url)
    await measurePage('resultPage', { cookie })
    await giveLetterDate(server.url, cookie, token)
    await measurePage('resultWithLetterDate', { cookie })

    const check = await load(`${server.url}${CALC}/check-answers`, pid, 3, { cookie })
    const pdf = await timed(`${server.url}${CALC}/workings.pdf`, pid, 5, { cookie })
    out.checkAnswersRps = Math.round(check.rps)
    out.workingsPdfMedianMs = Math.round(pdf.medianMs)
    out.workingsPdfCpuMs = Math.round(pdf.cpuMs)
    out.loadAverageAtEnd = round1(loadavg()[0]!)
    return out
  } finally {
    if (ceiling) await stop(ceiling)
    await server.stop()
    removeDir(server.dataDir)
    removeDir(staticDir)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await run(), null, 2))
