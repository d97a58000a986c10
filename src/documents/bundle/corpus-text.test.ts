import { beforeAll, describe, expect, it } from 'vitest'
import { CORPUS_PEOPLE, generateCorpus, type CorpusFile } from '../../../bench/corpus.ts'
import { Temporal } from '../../domain/shared/plain-date.ts'
import { buildBundle } from './build-bundle.ts'
import { loadMupdf } from './mupdf.ts'
import { extractPageTexts } from './pdf-text.ts'
import { Redactor, type RedactionTarget } from './redact.ts'

/**
 * The bundle finds what to redact with MuPDF's text extraction. A misread would leave an address
 * in the bundle, so on the benchmark's mixed corpus (Redress letters, Chromium-printed pages, scans
 * with an OCR layer, photos) MuPDF must read the same text as pdf.js, and find the same details.
 */

const P = CORPUS_PEOPLE
const targets: RedactionTarget[] = [
  {
    whose: 'you',
    addressLines: [...P.parent.addressLines],
    postcode: P.parent.postcode,
    phones: [P.parent.phone],
    emails: [P.parent.email],
  },
  {
    whose: 'the other parent',
    addressLines: [...P.otherParent.addressLines],
    postcode: P.otherParent.postcode,
    phones: [P.otherParent.phone],
    emails: [P.otherParent.email],
  },
]
/** pdf.js keeps ligature characters (ﬁ) where MuPDF spells out their letters: compare compatibility forms. */
const squeeze = (s: string): string => s.normalize('NFKC').replace(/[\s\u202a-\u202e]+/g, '')

let corpus: CorpusFile[]
beforeAll(async () => {
  corpus = await generateCorpus(40, 7)
}, 180_000)

describe('MuPDF text on the mixed corpus', () => {
  it('reads the same text as pdf.js on every page, and finds the same details', async () => {
    const m = await loadMupdf()
    const redactor = new Redactor(targets)
    let compared = 0
    let withDetails = 0
    for (const f of corpus) {
      const doc = m.Document.openDocument(f.bytes, 'application/pdf')
      const reference = await extractPageTexts(f.bytes)
      for (let i = 0; i < doc.countPages(); i++) {
        const page = doc.loadPage(i)
        const st = page.toStructuredText('preserve-whitespace')
        const ours = st.asText()
        st.destroy()
        page.destroy()
        const theirs = reference[i]!.text.normalize('NFKC')
        expect(squeeze(ours), `${f.name} page ${i + 1}`).toBe(squeeze(theirs))
        const found = (t: string) =>
          [...new Set(redactor.findLoose(t).map((x) => `${x.whose}:${x.kind}`))].sort()
        expect(found(ours), `${f.name} page ${i + 1}`).toEqual(found(theirs))
        if (squeeze(ours).length > 0) compared++
        if (found(ours).length > 0) withDetails++
      }
      doc.destroy()
    }
    expect(compared).toBeGreaterThan(15)
    expect(withDetails).toBeGreaterThan(3)
  })

  it('removes the details from every kind of page, the picture under an OCR layer included', async () => {
    const files = corpus.filter((f) => f.kind !== 'photo')
    const { pdf, report } = await buildBundle({
      title: 'Appeal bundle',
      parties: [{ label: 'Appellant', value: P.parent.name }],
      reference: '121000000000',
      preparedBy: P.parent.name,
      date: Temporal.PlainDate.from('2025-06-01'),
      documents: files.map((f, i) => ({
        id: `f${i}`,
        title: f.title,
        section: 'evidence',
        source: { kind: 'pdf', fileName: f.name, bytes: f.bytes },
      })),
      redact: targets,
      purpose: 'other',
    })
    expect(report.problems).toEqual([])
    expect(report.redaction.found).toEqual([])
    const texts = await extractPageTexts(pdf)
    const redactor = new Redactor(targets)
    for (const t of texts) expect(redactor.findLoose(t.text), `page ${t.page}`).toEqual([])
    // Every scan with an OCR layer was touched; its picture was changed (pixels blacked out) too.
    const m = await loadMupdf()
    const out = m.Document.openDocument(pdf, 'application/pdf').asPDF()!
    for (const f of files.filter((x) => x.title.includes('OCR'))) {
      const e = report.entries.find((x) => x.title === f.title)!
      expect(report.redaction.log.some((l) => l.id === e.id && l.removed.length > 0)).toBe(true)
      const src = m.Document.openDocument(f.bytes, 'application/pdf').asPDF()!
      const image = (d: typeof out, n: number): string => {
        const res = d.findPage(n).get('Resources').get('XObject')
        let key = ''
        res.forEach((_v, k) => (key ||= String(k)))
        const raw = res.get(key).readRawStream()
        const hex = Buffer.from(raw.asUint8Array()).toString('hex').slice(0, 4000)
        raw.destroy()
        return hex
      }
      expect(image(out, e.firstPage - 1)).not.toBe(image(src, 0))
      src.destroy()
    }
    out.destroy()
  })
})
