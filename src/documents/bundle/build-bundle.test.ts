import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { Temporal } from '../../domain/shared/plain-date.ts'
import { buildLetter } from '../letters/kinds.ts'
import { MissingParticulars } from '../letters/particulars.ts'
import { appealInput, priyaOtherParent } from '../../../test/fixtures/documents/inputs.ts'
import { inspectPdf, saveArtefact, squash, type Inspected } from '../../../test/fixtures/documents/inspect.ts'
import {
  damagedPdf,
  encryptedPdf,
  notPdf,
  scannedPdf,
  textPdf,
} from '../../../test/fixtures/documents/pdfs.ts'
import { buildBundle, buildBundleToFile } from './build-bundle.ts'
import { Redactor } from './redact.ts'
import type { BundleDocument, BundleInput, BundleProgress, BundleResult } from './types.ts'

const d = (s: string): Temporal.PlainDate => Temporal.PlainDate.from(s)
const marked = (id: string, pages: number, extra: (p: number) => string[] = () => []): Promise<Uint8Array> =>
  textPdf({
    pages,
    lines: (p) => [
      `MARKER ${id} page ${p}`,
      ...extra(p),
      'Some text on the page so it counts as having a text layer.',
    ],
  })

const other = priyaOtherParent

async function input(): Promise<BundleInput> {
  const answers = buildLetter('appeal-sscs2-answers', {
    ...appealInput,
    otherParent: { name: 'Alex Reid', addressLines: [...other.addressLines, 'Cardiff', other.postcode] },
  })
  const documents: BundleDocument[] = [
    // Deliberately out of the usual order: the bundle puts sections in order.
    {
      id: 'evidence-1',
      title: 'Diary of nights 2024',
      section: 'evidence',
      source: { kind: 'pdf', fileName: 'diary.pdf', bytes: await marked('evidence-1', 3) },
    },
    {
      id: 'decision',
      title: 'CMS decision',
      date: d('2025-01-27'),
      section: 'decision',
      role: 'decision',
      source: { kind: 'pdf', fileName: 'decision.pdf', bytes: await marked('decision', 2) },
    },
    {
      id: 'mrn',
      title: 'Mandatory reconsideration notice',
      date: d('2025-03-14'),
      section: 'decision',
      role: 'reconsideration-notice',
      source: { kind: 'pdf', fileName: 'mrn.pdf', bytes: await marked('mrn', 1) },
    },
    {
      id: 'grounds',
      title: 'Grounds of appeal',
      section: 'appeal',
      source: { kind: 'letter', letter: buildLetter('appeal-grounds', appealInput) },
    },
    {
      id: 'answers',
      title: 'Answers for form SSCS2',
      section: 'appeal',
      source: { kind: 'letter', letter: answers },
    },
    {
      id: 'letter-from-ex',
      title: `Letter sent from ${other.addressLines[0]}`,
      date: d('2024-12-01'),
      section: 'correspondence',
      source: {
        kind: 'pdf',
        fileName: 'ex-letter.pdf',
        bytes: await marked('letter-from-ex', 1, () => [
          `${other.addressLines.join(', ')}, Cardiff ${other.postcode}`,
          'Tel: +44 (0)7700 900 456',
          `Email ${other.emails[0]}`,
        ]),
      },
    },
    {
      id: 'scan',
      title: 'Scanned bank letter',
      section: 'evidence',
      source: { kind: 'pdf', fileName: 'scan.pdf', bytes: await scannedPdf(2) },
    },
    {
      id: 'rotated',
      title: 'Rotated statement',
      section: 'evidence',
      source: {
        kind: 'pdf',
        fileName: 'rotated.pdf',
        bytes: await textPdf({
          pages: 1,
          rotate: 90,
          lines: () => ['MARKER rotated page 1', 'Some more text for the text layer.'],
        }),
      },
    },
    {
      id: 'payslips',
      title: 'Payslips',
      section: 'evidence',
      source: { kind: 'pdf', fileName: 'payslips.pdf', bytes: encryptedPdf() },
    },
    {
      id: 'broken',
      title: 'Broken',
      section: 'evidence',
      source: { kind: 'pdf', fileName: 'broken.pdf', bytes: damagedPdf() },
    },
    {
      id: 'photo',
      title: 'Photo',
      section: 'evidence',
      source: { kind: 'pdf', fileName: 'photo.png', bytes: notPdf() },
    },
  ]
  return {
    title: 'Appeal bundle',
    parties: [
      { label: 'Appellant', value: 'Jordan Mackay' },
      { label: 'Respondent', value: 'Secretary of State for Work and Pensions' },
    ],
    reference: '121098765432',
    preparedBy: 'Jordan Mackay',
    date: d('2025-03-20'),
    documents,
    chronology: appealInput.chronology ?? [],
    disputedFigures: appealInput.disputedFigures ?? [],
    redact: [other],
  }
}

let result: BundleResult
let read: Inspected
const progress: BundleProgress[] = []

beforeAll(async () => {
  result = await buildBundle(await input(), { onProgress: (p) => progress.push(p) })
  read = await inspectPdf(result.pdf)
  saveArtefact('bundle', result.pdf)
})

const entry = (id: string) => {
  const e = result.report.entries.find((x) => x.id === id)
  if (!e) throw new Error(`no entry ${id}`)
  return e
}

describe('the bundle', () => {
  it('has a cover, an index and every usable document in the usual order', () => {
    expect(result.report.entries.map((e) => `${e.number} ${e.id}`)).toEqual([
      'A1 decision',
      'A2 mrn',
      'B1 redress:disputed-figures',
      'B2 grounds',
      'B3 answers',
      'C1 evidence-1',
      'C2 scan',
      'C3 rotated',
      'D1 letter-from-ex',
      'E1 redress:chronology',
    ])
    expect(result.report.warnings).toEqual([])
    expect(read.pages[0]).toContain('Appeal bundle')
    expect(read.pages[1]).toContain('Index')
    expect(read.title).toBe('Appeal bundle')
    expect(read.language).toBe('en-GB')
  })

  it('counts its pages right, and every entry starts and ends where the index says', () => {
    expect(read.pageCount).toBe(result.report.pageCount)
    const last = result.report.entries.at(-1)
    expect(last?.lastPage).toBe(read.pageCount)
    for (const id of ['decision', 'mrn', 'letter-from-ex', 'evidence-1', 'rotated']) {
      const e = entry(id)
      for (let p = e.firstPage; p <= e.lastPage; p++)
        expect(read.pages[p - 1]).toContain(`MARKER ${id} page ${p - e.firstPage + 1}`)
    }
    expect(read.pages[entry('redress:chronology').firstPage - 1]).toContain('Chronology')
    expect(read.pages[entry('grounds').firstPage - 1]).toContain('Grounds of appeal')
    expect(entry('decision').lastPage - entry('decision').firstPage).toBe(1)
  })

  it('prints each entry in the index with its page range', () => {
    const index = squash(read.pages.slice(1, entry('decision').firstPage - 1).join(' '))
    for (const e of result.report.entries) {
      const range = e.firstPage === e.lastPage ? `${e.firstPage}` : `${e.firstPage}–${e.lastPage}`
      expect(index).toContain(`${e.number} ${e.title}`)
      expect(index).toMatch(
        new RegExp(`${e.number} ${e.title.replace(/[[\]()]/g, '\\$&')}.*? ${range}(?: |$)`),
      )
    }
  })

  it('links each index entry to its first page', () => {
    const links = [...read.links.entries()]
    expect(links.every(([page]) => page > 1 && page < entry('decision').firstPage)).toBe(true)
    const targets = links.flatMap(([, l]) => l.map((x) => x.to))
    expect(targets).toEqual(result.report.entries.map((e) => e.firstPage))
  })

  it('has a bookmark for the cover, the index, each section and each document', () => {
    expect(read.outline.map((b) => [b.title, b.page])).toEqual([
      ['Cover', 1],
      ['Index', 2],
      ['A. Decisions and notices', entry('decision').firstPage],
      ['B. The appeal', entry('redress:disputed-figures').firstPage],
      ['C. The appellant’s evidence', entry('evidence-1').firstPage],
      ['D. Correspondence', entry('letter-from-ex').firstPage],
      ['E. Chronology', entry('redress:chronology').firstPage],
    ])
    const children = read.outline.flatMap((b) => b.children)
    expect(children.map((c) => c.page)).toEqual(result.report.entries.map((e) => e.firstPage))
    expect(children[0]?.title).toBe(
      `A1 CMS decision (page ${entry('decision').firstPage}–${entry('decision').lastPage})`,
    )
  })

  it('stamps a continuous page number on every page, rotated pages included', () => {
    read.pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${read.pageCount}`))
  })

  it('leaves the other parent’s contact details nowhere in the pages Redress made', () => {
    const redactor = new Redactor([other])
    const made = result.report.entries.filter((e) => e.made === 'by Redress')
    const pages = [
      1,
      2,
      ...made.flatMap((e) => Array.from({ length: e.lastPage - e.firstPage + 1 }, (_, k) => e.firstPage + k)),
    ]
    for (const p of pages) {
      const text = read.pages[p - 1] ?? ''
      expect(redactor.findLoose(text), `page ${p}`).toEqual([])
      for (const value of [
        ...other.addressLines,
        other.postcode,
        ...other.emails,
        '7700 900456',
        '07700900456',
      ])
        expect(text.replace(/\s+/g, '')).not.toContain(value.replace(/\s+/g, ''))
    }
    expect(read.pages[entry('answers').firstPage - 1]).toContain(
      'Address: [removed], [removed], Cardiff, [removed]',
    )
    expect(squash(read.pages.slice(1, 3).join(' '))).toContain('D1 Letter sent from [removed]')
    expect(result.report.redaction.removed.length).toBeGreaterThan(0)
  })

  it('removes the details from the parent’s own files, keeping the rest of the page, and logs the page', () => {
    const page = entry('letter-from-ex').firstPage
    const text = read.pages[page - 1] ?? ''
    expect(new Redactor([other]).findLoose(text)).toEqual([])
    expect(text).toContain('MARKER letter-from-ex page 1')
    expect(text).toContain('Some text on the page so it counts as having a text layer.')
    expect(result.report.redaction.found).toEqual([])
    const removed = result.report.redaction.removed
      .filter((r) => r.id === 'letter-from-ex')
      .map((r) => r.kind)
    expect(new Set(removed)).toEqual(new Set(['address', 'postcode', 'phone', 'email']))
    const log = result.report.redaction.log.filter((l) => l.id === 'letter-from-ex')
    expect(log.map((l) => [l.bundlePage, l.filePage, l.notSearchable])).toEqual([[page, 1, false]])
    expect(log[0]?.removed.map((r) => r.kind).sort()).toEqual(['address', 'email', 'phone', 'postcode'])
  })

  it('lists pictures with no text as not searchable, in the log and the messages', () => {
    const scan = entry('scan')
    expect(result.report.redaction.pagesToCheck.map((p) => p.page)).toEqual([
      scan.firstPage,
      scan.firstPage + 1,
    ])
    expect(
      result.report.redaction.log.filter((l) => l.id === 'scan').map((l) => [l.bundlePage, l.notSearchable]),
    ).toEqual([
      [scan.firstPage, true],
      [scan.firstPage + 1, true],
    ])
    expect(result.report.messages.join('\n')).toContain(
      `Pages ${scan.firstPage}–${scan.firstPage + 1} (“Scanned bank letter”) are pictures with no text Redress can search`,
    )
  })

  it('leaves out encrypted, damaged and non-PDF files with a message naming each', () => {
    expect(result.report.problems.map((p) => [p.fileName, p.kind])).toEqual([
      ['payslips.pdf', 'encrypted'],
      ['broken.pdf', 'damaged'],
      ['photo.png', 'damaged'],
    ])
    for (const p of result.report.problems) expect(result.report.messages).toContain(p.message)
    expect(result.report.messages[0]).toContain('“payslips.pdf” is protected with a password')
  })

  it('reports progress through each stage, ending each one complete', () => {
    const stages = [...new Set(progress.map((p) => p.stage))]
    expect(stages).toEqual(['making pages', 'reading and redacting', 'assembling', 'saving'])
    for (const s of stages) {
      const list = progress.filter((p) => p.stage === s)
      expect(list.at(-1)?.done).toBe(list.at(-1)?.total)
      for (let i = 1; i < list.length; i++) expect(list[i]!.done).toBeGreaterThanOrEqual(list[i - 1]!.done)
    }
  })

  it('stops with the missing particulars when a letter in it is incomplete', async () => {
    const base = await input()
    const letter = buildLetter('appeal-grounds', appealInput)
    const bad = {
      ...base,
      documents: [
        {
          id: 'x',
          title: 'x',
          section: 'appeal' as const,
          source: { kind: 'letter' as const, letter: { ...letter, reference: '' } },
        },
      ],
    }
    await expect(buildBundle(bad)).rejects.toBeInstanceOf(MissingParticulars)
  })

  it('puts a bundle file at its path only once it is whole, leaving an earlier one when a build fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-bundle-file-'))
    try {
      const path = join(dir, 'bundle.pdf')
      writeFileSync(path, 'an earlier bundle')
      const letter = buildLetter('appeal-grounds', appealInput)
      const bad = {
        ...(await input()),
        documents: [
          {
            id: 'x',
            title: 'x',
            section: 'appeal' as const,
            source: { kind: 'letter' as const, letter: { ...letter, reference: '' } },
          },
        ],
      }
      await expect(buildBundleToFile(bad, path)).rejects.toBeInstanceOf(MissingParticulars)
      expect(readFileSync(path, 'utf8')).toBe('an earlier bundle')
      expect(readdirSync(dir)).toEqual(['bundle.pdf'])

      const report = await buildBundleToFile({ ...(await input()), redact: [] }, path)
      expect(readdirSync(dir)).toEqual(['bundle.pdf'])
      expect(statSync(path).mode & 0o777).toBe(0o600)
      expect((await inspectPdf(new Uint8Array(readFileSync(path)))).pageCount).toBe(report.pageCount)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('builds without redaction targets, still listing scans', async () => {
    const base = await input()
    const { pdf, report } = await buildBundle({
      ...base,
      redact: [],
      documents: base.documents.filter((x) => x.id === 'scan'),
    })
    expect(report.pageCount).toBe((await inspectPdf(pdf)).pageCount)
    expect(report.redaction.pagesToCheck).toHaveLength(2)
    expect(report.redaction.removed).toEqual([])
  })
})

describe('notes for the parent', () => {
  it('leaves a page of notes from an older Redress letter out of the bundle, saying so', async () => {
    const letter = await textPdf({
      pages: 3,
      lines: (p) =>
        p === 2
          ? ['Before you send this', 'This page is for you. Do not send it.', 'Keep proof of postage.']
          : [`MARKER old-letter page ${p}`, 'Some text on the page so it counts as having a text layer.'],
    })
    const { pdf, report } = await buildBundle({
      ...(await input()),
      chronology: [],
      disputedFigures: [],
      documents: [
        {
          id: 'old-letter',
          title: 'Letter sent in 2024',
          section: 'correspondence',
          source: { kind: 'pdf', fileName: 'old-letter.pdf', bytes: letter },
        },
      ],
    })
    const e = report.entries[0]!
    expect(e.lastPage - e.firstPage).toBe(1)
    const texts = (await inspectPdf(pdf)).pages
    expect(texts[e.firstPage - 1]).toContain('MARKER old-letter page 1')
    expect(texts[e.lastPage - 1]).toContain('MARKER old-letter page 3')
    expect(texts.join(' ')).not.toContain('Do not send it')
    expect(Buffer.from(pdf).toString('latin1')).not.toContain(
      Buffer.from('Do not send').toString('hex').toUpperCase(),
    )
    expect(report.redaction.notesLeftOut.map((n) => n.page)).toEqual([2])
    expect(report.messages.join(' ')).toContain('left out page 2 of “Letter sent in 2024”')
  })
})

describe('a bundle with a long index', () => {
  it('numbers pages correctly when the index runs over several pages', async () => {
    const documents: BundleDocument[] = []
    for (let i = 1; i <= 70; i++)
      documents.push({
        id: `doc-${i}`,
        title: `Bank statement for month ${i} with a long title that wraps onto a second line in the index table`,
        section: i % 2 ? 'evidence' : 'correspondence',
        source: { kind: 'pdf', fileName: `s${i}.pdf`, bytes: await marked(`doc-${i}`, 1 + (i % 2)) },
      })
    const { pdf, report } = await buildBundle({ ...(await input()), documents, redact: [] })
    const r = await inspectPdf(pdf)
    const indexPages = report.entries[0]!.firstPage - 2
    expect(indexPages).toBeGreaterThan(1)
    expect(r.pageCount).toBe(report.pageCount)
    for (const e of report.entries.filter((x) => x.made === 'from a file'))
      expect(r.pages[e.firstPage - 1]).toContain(`MARKER ${e.id} page 1`)
    const targets = [...r.links.values()].flat().map((l) => l.to)
    expect([...new Set(targets)]).toEqual(report.entries.map((e) => e.firstPage))
    expect([...r.links.keys()].every((p) => p >= 2 && p < 2 + indexPages)).toBe(true)
  })

  it('still makes a cover and an index when every file had to be left out', async () => {
    const base = await input()
    const { pdf, report } = await buildBundle({
      ...base,
      chronology: [],
      disputedFigures: [],
      documents: base.documents.filter((x) => ['payslips', 'broken', 'photo'].includes(x.id)),
    })
    expect(report.entries).toEqual([])
    expect(report.problems).toHaveLength(3)
    expect((await inspectPdf(pdf)).pageCount).toBe(2)
  })
})
