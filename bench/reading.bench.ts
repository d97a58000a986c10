// Reading the paperwork: OCR time per page beside the `tesseract` command (one thread) on the same
// images, memory over a long OCR run, search over a case with 10,000 pages of text, and reading a
// 300-page PDF with a text layer. Run with `npm run bench -- reading`.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { OcrEngine, trainedDataFile } from '../src/documents/read/ocr.ts'
import { readDocument } from '../src/documents/read/read.ts'
import { openDatabase } from '../src/store/db.ts'
import { DrizzleEvidenceTextRepository } from '../src/store/evidence-text.repository.ts'
import {
  KINDS,
  letterLines,
  letterPdf,
  makeSpec,
  random,
  scanImage,
} from '../test/fixtures/letters/synthetic.ts'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d
const rssMb = () => process.memoryUsage().rss / 2 ** 20

async function ocrSpeed(dir: string): Promise<Record<string, number | null>> {
  const pages: string[] = []
  for (let i = 0; i < 6; i++) {
    const png = await scanImage(await letterPdf(makeSpec(100 + i, KINDS[i % KINDS.length]!)), 200)
    const file = join(dir, `page-${i}.png`)
    writeFileSync(file, png)
    pages.push(file)
  }
  const engine = new OcrEngine()
  await engine.recognize(readFileSync(pages[0]!), ['eng']) // start the worker (not timed)
  const js: number[] = []
  for (const p of pages) {
    const t = performance.now()
    await engine.recognize(readFileSync(p), ['eng'])
    js.push(performance.now() - t)
  }
  const withOsd: number[] = []
  for (const p of pages.slice(0, 3)) {
    const t = performance.now()
    await engine.recognize(readFileSync(p), ['eng'], { straighten: true })
    withOsd.push(performance.now() - t)
  }
  await engine.close()
  // The command twice: with Debian's own English data (tessdata_fast, a smaller network), and with
  // the very trained data tesseract.js uses (best_int from npm), which compares the engines alone.
  const sameData = join(dir, 'tessdata')
  mkdirSync(sameData, { recursive: true })
  writeFileSync(join(sameData, 'eng.traineddata'), gunzipSync(readFileSync(trainedDataFile('eng'))))
  const cliMedian = (extra: string[]): number | null => {
    try {
      const times: number[] = []
      for (const p of pages) {
        const t = performance.now()
        execFileSync('tesseract', [p, '-', '-l', 'eng', '--oem', '1', ...extra], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          stdio: ['ignore', 'pipe', 'ignore'],
        })
        times.push(performance.now() - t)
      }
      return median(times)
    } catch {
      return null // the tesseract command is not installed
    }
  }
  const cli = cliMedian([])
  const cliSame = cliMedian(['--tessdata-dir', sameData])
  const ocr = median(js)
  return {
    ocrPerPageMs: round(ocr),
    ocrWithOrientationPerPageMs: round(median(withOsd)),
    tesseractCliPerPageMs: cli === null ? null : round(cli),
    ocrRatioToTesseractCli: cli === null ? null : round(ocr / cli, 2),
    tesseractCliSameDataPerPageMs: cliSame === null ? null : round(cliSame),
    ocrRatioToTesseractCliSameData: cliSame === null ? null : round(ocr / cliSame, 2),
  }
}

/** RSS over a long OCR run: the worker is recycled every 25 pages, so memory must not grow with pages. */
async function ocrMemory(): Promise<Record<string, number>> {
  const png = await scanImage(await letterPdf(makeSpec(7, 'calculation')), 150)
  const engine = new OcrEngine({ recycleAfterPages: 25 })
  const samples: number[] = []
  const pages = 60
  for (let i = 1; i <= pages; i++) {
    await engine.recognize(png, ['eng'])
    if (i % 10 === 0) samples.push(rssMb())
  }
  await engine.close()
  const early = samples[0]!
  const late = Math.max(...samples.slice(-2))
  return {
    ocrLongRunPages: pages,
    ocrRssAfter10PagesMb: round(early),
    ocrRssAfter60PagesMb: round(late),
    ocrRssGrowthMb: round(late - early),
  }
}

/** 10,000 pages of letter-like text in one case (and 2,000 in another), searched with varied queries. */
export async function searchSpeed(dir: string): Promise<Record<string, number>> {
  const database = await openDatabase({ dataDir: dir })
  const db = database.db
  const repo = new DrizzleEvidenceTextRepository(db)
  const r = random(42)
  // A vocabulary like real paperwork: the letter's own words plus 3,000 other words used with a
  // Zipf-like frequency (a few very common, most rare), 150 of them a page.
  const base = `payment arrears calculation review income nights shared care decision variation revision
    employer deduction order reference letter telephone complaint tribunal appeal evidence school holiday
    mortgage rent council tax benefit pension overtime bonus self-employed accountant invoice receipt`
    .split(/\s+/)
    .filter(Boolean)
  const syllables = [
    'ba',
    'ker',
    'lo',
    'min',
    'tra',
    'vel',
    'son',
    'dit',
    'gra',
    'pho',
    'nes',
    'tur',
    'cal',
    'rim',
    'dou',
    'fen',
  ]
  const vocabulary = [
    ...base,
    ...Array.from({ length: 3000 }, (_, i) =>
      [i % 16, Math.floor(i / 16) % 16, Math.floor(i / 256) % 16].map((k) => syllables[k]).join(''),
    ),
  ]
  const word = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(vocabulary.length * r() ** 3))]!
  const cases = [randomUUID(), randomUUID()]
  const now = new Date().toISOString()
  for (const [n, caseId] of cases.entries()) {
    await db.execute(sql`insert into cases (id, owner_id, version, created_at, created_by, updated_at, updated_by, title, nation, role, other_parent, children)
      values (${caseId}, 'local', 1, ${now}, 'bench', ${now}, 'bench', ${`Bench ${n}`}, 'england', 'receiving', '{}'::jsonb, '[]'::jsonb)`)
  }
  const docs = [10_000, 2_000]
  for (const [n, caseId] of cases.entries()) {
    for (let start = 0; start < docs[n]!; start += 500) {
      await db.transaction(async (tx) => {
        const evidenceId = randomUUID()
        await tx.execute(sql`insert into case_evidence (id, owner_id, version, created_at, created_by, updated_at, updated_by, case_id, sha256, size_bytes, media_type, file_name, title, tags)
          values (${evidenceId}, 'local', 1, ${now}, 'bench', ${now}, 'bench', ${caseId}, ${'0'.repeat(64)}, 1, 'application/pdf', 'bench.pdf', ${`Bundle ${start}`}, '{}')`)
        const pages = Array.from({ length: 500 }, (_, i) => {
          const spec = makeSpec(start + i, KINDS[(start + i) % KINDS.length]!)
          const filler = Array.from({ length: 150 }, word).join(' ')
          return {
            page: i + 1,
            method: 'text-layer',
            confidence: null,
            text: `${letterLines(spec).join('\n')}\n${filler}`,
          }
        })
        await repo.replacePages(
          tx as never,
          { evidenceId, caseId, ownerId: 'local', sha256: '0'.repeat(64), language: 'eng' },
          pages,
        )
      })
    }
  }
  await db.execute(sql`analyze evidence_pages`)
  const queries = [
    'annual review',
    'deduction order employer',
    'gross weekly income',
    'tribunal appeal',
    'overtime bonus',
    'mandatory reconsideration',
    'school holiday',
    'variation',
    'council tax',
    'accountant invoice',
  ]
  // The server runs PGlite under V8's optimising tier (no --liftoff-only), and a running server has
  // compiled its hot code: one untimed round first (its slowest query is reported), as the server
  // would have had. Wall-clock and CPU time are both kept: on a shared machine the wall clock also
  // measures the other processes, the CPU time only this one (PGlite runs in this process).
  if (process.execArgv.some((a) => a.includes('liftoff-only')))
    throw new Error('run the search benchmark as the server runs: without --liftoff-only')
  let coldMs = 0
  for (const q of queries) {
    const t = performance.now()
    await repo.search({ ownerId: 'local', caseId: cases[0], text: q, limit: 20 })
    coldMs = Math.max(coldMs, performance.now() - t)
  }
  const times: number[] = []
  const cpu: number[] = []
  for (let round_ = 0; round_ < 5; round_++)
    for (const q of queries) {
      const t = performance.now()
      const c = process.cpuUsage()
      await repo.search({ ownerId: 'local', caseId: cases[0], text: q, limit: 20 })
      const used = process.cpuUsage(c)
      cpu.push((used.user + used.system) / 1000)
      times.push(performance.now() - t)
    }
  const refTimes: number[] = []
  for (let i = 0; i < 10; i++) {
    const t = performance.now()
    await repo.search({
      ownerId: 'local',
      caseId: cases[0],
      text: makeSpec(i * 97, 'calculation').reference,
      limit: 20,
    })
    refTimes.push(performance.now() - t)
  }
  await database.close()
  return {
    searchPages: docs[0]!,
    searchP95Ms: round(p95(times), 1),
    searchMedianMs: round(median(times), 1),
    searchCpuP95Ms: round(p95(cpu), 1),
    searchCpuMedianMs: round(median(cpu), 1),
    searchSlowestFirstRoundMs: round(coldMs, 1),
    searchLoadAverage: round(loadavg()[0]!, 1),
    searchReferenceP95Ms: round(p95(refTimes), 1),
  }
}

async function textLayer300(): Promise<Record<string, number>> {
  const pdf = await letterPdf(makeSpec(3, 'calculation'), 299)
  await readDocument(pdf, 'application/pdf') // warm pdf.js (not timed)
  const t = performance.now()
  const r = await readDocument(pdf, 'application/pdf')
  return { textLayer300PagesMs: round(performance.now() - t), textLayerPages: r.pages.length }
}

export async function run(): Promise<Record<string, number | null>> {
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-reading-'))
  try {
    // Search first: process.cpuUsage counts every thread of the process, and after the OCR runs the
    // garbage collector is still freeing their memory.
    const search = await searchSpeed(join(dir, 'db'))
    return {
      ...(await ocrSpeed(dir)),
      ...(await ocrMemory()),
      ...search,
      ...(await textLayer300()),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
