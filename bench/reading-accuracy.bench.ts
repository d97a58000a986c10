// How often the facts suggested from a CMS letter are right, on synthetic letters of every kind:
// as PDFs with a text layer, as clean scans (200 dpi images) and as skewed, noisy, unevenly lit
// phone photos (JPEG). A field counts as right when the best suggestion for it is exactly the value
// in the letter; a field with no suggestion counts as wrong. Run with `npm run bench -- reading-accuracy`
// (about 50 OCR pages: a few minutes on two cores). Nothing here is applied to a case.
import { bestByField, suggestFacts } from '../src/domain/reading/suggest.ts'
import { OcrEngine } from '../src/documents/read/ocr.ts'
import { readDocument } from '../src/documents/read/read.ts'
import {
  KINDS,
  expectedFacts,
  letterPdf,
  makeSpec,
  photoImage,
  scanImage,
} from '../test/fixtures/letters/synthetic.ts'

const LETTERS_PER_KIND = 3

interface Tally {
  right: number
  total: number
  wrong: Record<string, number>
}

function score(
  t: Tally,
  expected: Record<string, string | number>,
  pages: { page: number; text: string; confidence: number | null }[],
) {
  const best = bestByField(suggestFacts(pages))
  for (const [field, value] of Object.entries(expected)) {
    t.total++
    const got = best[field as keyof typeof best]?.value
    if (got === value) t.right++
    else t.wrong[field] = (t.wrong[field] ?? 0) + 1
  }
}

export async function run(): Promise<Record<string, number | null>> {
  const tallies = { pdf: newTally(), scan: newTally(), photo: newTally() }
  const ocr = new OcrEngine()
  let n = 0
  try {
    for (const kind of KINDS)
      for (let i = 0; i < LETTERS_PER_KIND; i++) {
        const seed = 1000 + n++
        const spec = makeSpec(seed, kind)
        const expected = expectedFacts(spec)
        const pdf = await letterPdf(spec)
        score(tallies.pdf, expected, [...(await readDocument(pdf, 'application/pdf', { ocr })).pages])
        score(tallies.scan, expected, [
          ...(await readDocument(await scanImage(pdf, 200), 'image/png', { ocr })).pages,
        ])
        // One photo in four is taken sideways or upside down: orientation detection must turn it.
        const turn = i === 1 && seed % 2 === 0 ? 90 : i === 2 && seed % 3 === 0 ? 180 : 0
        const photo = await photoImage(pdf, seed, turn)
        score(tallies.photo, expected, [...(await readDocument(photo, 'image/jpeg', { ocr })).pages])
      }
  } finally {
    await ocr.close()
  }
  const pct = (t: Tally) => Math.round((t.right / t.total) * 1000) / 10
  for (const [name, t] of Object.entries(tallies))
    process.stdout.write(`${name}: ${t.right}/${t.total} right; wrong by field: ${JSON.stringify(t.wrong)}\n`)
  return {
    letters: n,
    pdfFieldAccuracyPercent: pct(tallies.pdf),
    cleanScanFieldAccuracyPercent: pct(tallies.scan),
    photoFieldAccuracyPercent: pct(tallies.photo),
    fieldsChecked: tallies.photo.total,
  }
}

function newTally(): Tally {
  return { right: 0, total: 0, wrong: {} }
}
