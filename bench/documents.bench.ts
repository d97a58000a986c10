/**
 * Documents benchmark: a 300-page bundle from 30 PDFs, beside qpdf's native merge as the ceiling,
 * and a single letter PDF. Run: npx tsx bench/documents.bench.ts (prints JSON).
 * Everything runs on the main thread (pdf.js uses its in-process fake worker), so one core.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  buildBundle,
  buildLetter,
  renderLetterPdf,
  type BundleDocument,
  type BundleInput,
} from '../src/documents/index.ts'
import { Temporal } from '../src/domain/shared/plain-date.ts'
import { appealInput, priyaOtherParent, SAMPLE_INPUTS } from '../test/fixtures/documents/inputs.ts'
import { textPdf } from '../test/fixtures/documents/pdfs.ts'

const FILES = 30
const PAGES_EACH = 10
const SECTIONS = ['decision', 'correspondence', 'evidence'] as const

async function inputs(): Promise<{ bundle: BundleInput; files: Uint8Array[] }> {
  const files: Uint8Array[] = []
  for (let f = 0; f < FILES; f++) {
    files.push(
      await textPdf({
        pages: PAGES_EACH,
        lines: (p) => [
          ...(f % 10 === 3 && p === 1 ? ['Sent from 9 Heol y Deri, Rhiwbina, CF14 6HA'] : []),
          ...Array.from(
            { length: 38 },
            (_, i) => `File ${f + 1}, page ${p}, line ${i + 1}: payments, dates and amounts as recorded.`,
          ),
        ],
      }),
    )
  }
  const documents: BundleDocument[] = files.map((bytes, i) => ({
    id: `file-${i + 1}`,
    title: `Evidence file ${i + 1}`,
    section: SECTIONS[i === 0 ? 0 : i < 10 ? 1 : 2],
    source: { kind: 'pdf', fileName: `file-${i + 1}.pdf`, bytes },
  }))
  documents.push({
    id: 'grounds',
    title: 'Grounds of appeal',
    section: 'appeal',
    source: { kind: 'letter', letter: buildLetter('appeal-grounds', appealInput) },
  })
  return {
    files,
    bundle: {
      title: 'Appeal bundle',
      parties: [{ label: 'Appellant', value: 'Jordan Mackay' }],
      reference: '121098765432',
      preparedBy: 'Jordan Mackay',
      date: Temporal.PlainDate.from('2025-03-20'),
      documents,
      chronology: appealInput.chronology ?? [],
      disputedFigures: appealInput.disputedFigures ?? [],
      redact: [priyaOtherParent],
    },
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? Number.NaN
}

/** Wall-clock and CPU milliseconds (CPU is the fairer figure on a busy machine: the work is single-threaded). */
async function time(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const t = performance.now()
  const c = process.cpuUsage()
  await fn()
  const used = process.cpuUsage(c)
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 }
}

function qpdfCeiling(files: Uint8Array[]): { ms: number | null; note?: string } {
  const probe = spawnSync('qpdf', ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0)
    return { ms: null, note: 'qpdf is not installed, so the native merge ceiling was skipped' }
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-'))
  try {
    const paths = files.map((b, i) => {
      const p = join(dir, `f${i}.pdf`)
      writeFileSync(p, b)
      return p
    })
    const runs: number[] = []
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      const r = spawnSync('qpdf', ['--empty', '--pages', ...paths, '--', join(dir, 'out.pdf')])
      if (r.status !== 0) return { ms: null, note: `qpdf failed: ${String(r.stderr)}` }
      runs.push(performance.now() - t)
    }
    return { ms: median(runs) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<Record<string, number | null>> {
  const { bundle, files } = await inputs()
  const letter = buildLetter('mandatory-reconsideration', SAMPLE_INPUTS['mandatory-reconsideration'])
  const letterCold = await time(() => renderLetterPdf(letter))
  const letterRuns: { wall: number; cpu: number }[] = []
  for (let i = 0; i < 10; i++) letterRuns.push(await time(() => renderLetterPdf(letter)))

  let pages = 0
  const cold = await time(async () => {
    pages = (await buildBundle(bundle)).report.pageCount
  })
  const warm: { wall: number; cpu: number }[] = []
  for (let i = 0; i < 5; i++) warm.push(await time(() => buildBundle(bundle)))

  const ceiling = qpdfCeiling(files)
  if (ceiling.note) console.error(ceiling.note)
  const round = (n: number): number => Math.round(n * 10) / 10
  return {
    bundle300PagesMs: Math.round(median(warm.map((w) => w.wall))),
    bundle300PagesCpuMs: Math.round(median(warm.map((w) => w.cpu))),
    bundle300PagesColdMs: Math.round(cold.wall),
    bundlePages: pages,
    qpdfCeilingMs: ceiling.ms === null ? null : Math.round(ceiling.ms),
    letterPdfMs: round(median(letterRuns.map((r) => r.wall))),
    letterPdfCpuMs: round(median(letterRuns.map((r) => r.cpu))),
    letterPdfColdMs: Math.round(letterCold.wall),
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2))
}
