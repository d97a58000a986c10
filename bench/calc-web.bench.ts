/**
 * "Check a calculation" over HTTP on loopback: result-page requests per second (Amira's
 * answers, compared with the CMS's figures: four calculations and the page render per request),
 * beside check-your-answers and the workings PDF. A plain tsx script:
 * `npx tsx bench/calc-web.bench.ts` prints JSON; `run()` returns it.
 */
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { amira, CALC } from '../e2e/support/calculation-journey.ts'
import { removeDir, startServer } from '../e2e/support/server.ts'

/** Answers the journey over HTTP as a browser would and returns the session cookie. */
async function answer(base: string): Promise<string> {
  let cookie = ''
  for (const step of amira()) {
    const res = await fetch(base + step.path, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(step.fields).toString(),
    })
    if (res.status !== 303) throw new Error(`${step.path}: ${res.status}`)
    const set = res.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0]!
  }
  const result = await fetch(`${base}${CALC}/result`, { headers: { cookie } })
  if (!(await result.text()).includes('£128.03')) throw new Error('the result page does not show £128.03')
  return cookie
}

async function measure(
  url: string,
  cookie: string,
  seconds: number,
): Promise<{ rps: number; p99Ms: number }> {
  const result = await autocannon({ url, connections: 10, duration: seconds, headers: { cookie } })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return { rps: Math.round(result.requests.average), p99Ms: result.latency.p99 }
}

export async function run(): Promise<Record<string, number>> {
  const server = await startServer()
  try {
    const cookie = await answer(server.url)
    // Warm up the templates and the rule parsing.
    for (let i = 0; i < 50; i++)
      await fetch(`${server.url}${CALC}/result`, { headers: { cookie } }).then((r) => r.text())
    const result = await measure(`${server.url}${CALC}/result`, cookie, 5)
    const check = await measure(`${server.url}${CALC}/check-answers`, cookie, 3)
    const pdf = await measure(`${server.url}${CALC}/workings.pdf`, cookie, 3)
    return {
      resultPageRps: result.rps,
      resultPageP99Ms: result.p99Ms,
      checkAnswersRps: check.rps,
      workingsPdfRps: pdf.rps,
      workingsPdfP99Ms: pdf.p99Ms,
    }
  } finally {
    await server.stop()
    removeDir(server.dataDir)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await run(), null, 2))
