import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectPdf, squash } from '../fixtures/documents/inspect.ts'
import { encryptedPdf } from '../fixtures/documents/pdfs.ts'
import { png } from '../case/fixtures.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { jordan, manyPdfs, services, upload, WHO, type Services } from './personas.ts'
import type { BundleProgress } from '../../src/documents/index.ts'
import { refusalOf } from '../helpers/refusal.ts'

let db: TestDatabase
let s: Services
let J: Awaited<ReturnType<typeof jordan>>
let ids: string[]
const OTHER = {
  address: '41 Dumbarton Road, Partick',
  phone: '0141 496 0555',
  email: 'morgan.reid@example.net',
}

beforeAll(async () => {
  db = await testPglite()
  s = services(db, db.dataDir)
  J = await jordan(s)
  ids = await manyPdfs(s, J.c.id, 30, OTHER)
}, 120_000)
afterAll(() => db.destroy())

describe('the bundle from the case file', () => {
  it(
    'builds a ~300-page bundle whose index page numbers match, with the other parent’s details removed',
    { timeout: 120_000 },
    async () => {
      const progress: BundleProgress[] = []
      const { pdf, report } = await s.bundles.build(
        WHO,
        J.c.id,
        { documents: ids, decisionId: J.mrn.id, figures: { nights: '130' } },
        (p) => progress.push(p),
      )
      expect(report.problems).toEqual([])
      expect(report.pageCount).toBeGreaterThan(300)
      expect(progress.length).toBeGreaterThan(5)
      const read = await inspectPdf(pdf)
      expect(read.pageCount).toBe(report.pageCount)
      // Every file's entry: its first page in the bundle shows its own first page.
      for (const e of report.entries.filter((x) => x.made === 'from a file')) {
        const n = Number(/Evidence (\d+)/.exec(e.title)?.[1])
        expect(read.pages[e.firstPage - 1], e.title).toContain(`Document ${n}, page 1`)
      }
      // The index prints those page numbers.
      const indexText = squash(read.pages.slice(0, 4).join(' '))
      expect(indexText).toContain('Evidence 17')
      // Pages Redress made (cover, index, chronology, schedule): none of the other parent's details.
      const made = report.entries.filter((x) => x.made === 'by Redress')
      expect(made.map((m) => m.title).join(' ')).toMatch(/Chronology/)
      const generated = [
        0,
        1,
        ...made.flatMap((m) =>
          Array.from({ length: m.lastPage - m.firstPage + 1 }, (_, i) => m.firstPage - 1 + i),
        ),
      ]
      for (const i of generated) {
        const t = squash(read.pages[i] ?? '')
        expect(t).not.toContain('Dumbarton')
        expect(t).not.toContain('0141 496 0555')
        expect(t).not.toContain('morgan.reid@example.net')
      }
      const schedule = made.find((m) => /disputed/i.test(m.title))
      expect(schedule).toBeDefined()
      expect(squash(read.pages.slice(schedule!.firstPage - 1, schedule!.lastPage).join(' '))).toContain('130')
      // The details in the parent's own files are removed from them too, and every page is logged.
      expect(report.redaction.found).toEqual([])
      expect(report.redaction.removed.filter((r) => r.whose === 'the other parent').length).toBeGreaterThan(0)
      const touched = report.redaction.log.filter((l) => l.removed.length > 0)
      expect(touched.length).toBeGreaterThan(0)
      for (const l of touched) {
        const t = squash(read.pages[l.bundlePage - 1] ?? '')
        expect(t).not.toContain('Dumbarton')
        expect(t).not.toContain('morgan.reid@example.net')
      }
    },
  )

  it('leaves out an encrypted file, naming it; a photo goes in as a page, listed as not searchable', async () => {
    const enc = await upload(s, J.c.id, 'locked.pdf', encryptedPdf(), { title: 'Locked payslip' })
    const pic = await upload(s, J.c.id, 'photo.png', png(), { title: 'Photo of a letter' })
    const { report } = await s.bundles.build(WHO, J.c.id, { documents: [ids[0]!, enc.id, pic.id] })
    expect(report.problems.map((p) => [p.fileName, p.kind])).toEqual([['locked.pdf', 'encrypted']])
    expect(report.entries.some((e) => e.title === 'Evidence 1')).toBe(true)
    const photo = report.entries.find((e) => e.title === 'Photo of a letter')!
    expect(photo.lastPage).toBe(photo.firstPage)
    expect(report.redaction.pagesToCheck.map((p) => p.page)).toContain(photo.firstPage)
  })

  it('keeps your own address out too when you ask', async () => {
    const targets = await s.bundles.redactionTargets(WHO, J.c.id, {
      keepMyDetailsPrivate: true,
      myPhone: '07700 900111',
    })
    expect(targets.map((t) => t.whose)).toEqual(['the other parent', 'you'])
    expect(targets[1]).toMatchObject({ postcode: 'G11 5RD', phones: ['07700 900111'] })
  })

  it('treats a phone number or email typed as something to hide as one (any spacing, +44)', async () => {
    const targets = await s.bundles.redactionTargets(WHO, J.c.id, {
      redact: ['07700 900 222', 'me@example.org', 'Hillside Primary'],
    })
    expect(targets.at(-1)).toEqual({
      whose: 'you',
      texts: ['Hillside Primary'],
      phones: ['07700 900 222'],
      emails: ['me@example.org'],
    })
    expect(await refusalOf(s.bundles.redactionTargets(WHO, J.c.id, { redact: ['ab'] }))).toMatch(/too short/)
  })
})
