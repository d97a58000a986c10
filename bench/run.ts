// Runs every benchmark in bench/ (each module exports `run()`), writes bench/results/<name>.json
// and rewrites the table in docs/performance.md. Benchmarks measure; they never fail a build.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { cpus } from 'node:os'
import { pathToFileURL } from 'node:url'

type Results = Record<string, number | null>

/** What each measured figure is aiming for, for the table: [target text, met?]. */
const TARGETS: Record<string, (v: number, all: Results) => [string, boolean]> = {
  startupToFirstHealthMs: (v) => ['under 1,500 ms', v < 1500],
  startPageShareOfCeilingPercent: (v) => ['at least 80%', v >= 80],
  memoryAfter1000RequestsMb: (v) => ['under 400 MB', v < 400],
  simplePerSecond: (v) => ['at least 200,000/s', v >= 200_000],
  bundle300PagesMs: (v) => ['under 3,000 ms', v < 3000],
  pages300RatioToQpdf: (v) => ['at most 3× qpdf', v <= 3],
  pages300BundlePeakMb: (v) => ['at most 500 MB', v <= 500],
  pages3000BundlePeakMb: (v) => ['at most 1,000 MB', v <= 1000],
  letterPdfMs: (v) => ['under 100 ms', v < 100],
  unlockMs: (v) => ['at most 2,000 ms', v <= 2000],
  entryWriteRatio: (v) => ['at most 2× normal mode', v <= 2],
  uploadRatio: (v) => ['at most 2× normal mode', v <= 2],
  rssUnlockedMb: (v) => ['at most 400 MB', v <= 400],
  ocrRatioToTesseractCli: (v) => ['at most 1.5× the tesseract command (one thread)', v <= 1.5],
  ocrRatioToTesseractCliSameData: (v) => ['at most 1.5× the tesseract command with the same data', v <= 1.5],
  ocrRssGrowthMb: (v) => ['flat: under 50 MB from page 10 to page 60', v < 50],
  searchP95Ms: (v) => ['at most 50 ms over 10,000 pages', v <= 50],
  searchCpuP95Ms: (v) => ['at most 50 ms of CPU (its time on an idle core)', v <= 50],
  cleanScanFieldAccuracyPercent: (v) => ['at least 95%', v >= 95],
  photoFieldAccuracyPercent: (v) => ['at least 85%', v >= 85],
  helpCpuRatio: (v) => ['at most 3× node -e 0', v <= 3],
  calcOneCpuRatio: (v) => ['at most 4× node -e 0', v <= 4],
  batchNoStepsShareOfInProcess: (v) => ['at least 0.5 of in-process (a long batch’s rate)', v >= 0.5],
  batchWithStepsShareOfInProcess: (v) => ['at least 0.5 of in-process (a long batch’s rate)', v >= 0.5],
  startShareOfBareRatio: (v) => ['at most 1.5× bare fastify + PGlite', v <= 1.5],
  slowestCasePageMedianMs: (v) => ['at most 100 ms (every case page, 10,000 entries)', v <= 100],
  slowestAfterChangeMedianMs: (v) => [
    'at most 100 ms (every case page, first view after a change)',
    v <= 100,
  ],
  lowestShareOfStaticPercent: (v) => ['at least 10% of a static file of the same size', v >= 10],
  lowestCpuShareOfStaticPercent: (v) => ['at least 10% (CPU a request beside the static file)', v >= 10],
  calculationResultShareOfStaticPercent: (v) => ['at least 10% of a static file of the same size', v >= 10],
  calculationResultCpuShareOfStaticPercent: (v) => ['at least 10% (CPU a request)', v >= 10],
  importColdMs: (v) => ['at most 500 ms', v <= 500],
  importMedianMs: (v) => ['at most 500 ms', v <= 500],
  reconcileColdMs: (v) => ['at most 200 ms', v <= 200],
  reconcileMedianMs: (v) => ['at most 200 ms', v <= 200],
}

const only = process.argv.slice(2)
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort()
mkdirSync('bench/results', { recursive: true })
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '')
  process.stdout.write(`Running ${name}…\n`)
  const mod = (await import(pathToFileURL(`bench/${file}`).href)) as { run: () => Promise<Results> }
  const results = await mod.run()
  const record = {
    name,
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    results,
  }
  writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(record, null, 2)}\n`)
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
}

// Rebuild the table from every stored result, so one benchmark can be re-run on its own.
const rows: string[] = []
for (const f of readdirSync('bench/results')
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const r = JSON.parse(readFileSync(`bench/results/${f}`, 'utf8')) as {
    name: string
    measuredAt: string
    results: Results
  }
  for (const [key, value] of Object.entries(r.results)) {
    const target = value === null ? undefined : TARGETS[key]?.(value, r.results)
    const shown = value === null ? 'not measured' : value.toLocaleString('en-GB')
    rows.push(
      `| ${r.name} | ${key} | ${shown} | ${target ? `${target[0]} (${target[1] ? 'met' : 'NOT met'})` : ''} | ${r.measuredAt.slice(0, 10)} |`,
    )
  }
}
const doc = readFileSync('docs/performance.md', 'utf8')
const table = [
  '| benchmark | measure | result | target | measured |',
  '| --- | --- | --- | --- | --- |',
  ...rows,
].join('\n')
writeFileSync(
  'docs/performance.md',
  doc.replace(/<!-- results -->[\s\S]*<!-- \/results -->/, `<!-- results -->\n${table}\n<!-- /results -->`),
)
