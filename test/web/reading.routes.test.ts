import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/web/app.ts'
import type { CaseServices } from '../../src/services/case-services.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { sameOrigin, TEST_CSRF_KEY, testServices } from '../helpers/app.ts'
import { fixedClock } from '../../src/services/clock.ts'
import { WHO, TODAY } from '../case/fixtures.ts'
import { letterPdf, makeSpec } from '../fixtures/letters/synthetic.ts'
import { HEIC_FIXTURE } from '../fixtures/letters/make-heic-fixture.ts'

let db: TestDatabase
let app: FastifyInstance
let s: CaseServices
let caseId: string
let letterId: string
const spec = {
  ...makeSpec(21, 'annual-review'),
  letterDate: '2025-02-03',
  effectiveDate: '2025-03-10',
  variant: 0,
}
const weekly = (spec.weeklyPence / 100).toFixed(2)

async function* bytes(b: Uint8Array): AsyncIterable<Uint8Array> {
  yield b
}
const get = (url: string) => app.inject({ method: 'GET', url })
const post = (url: string, fields: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOrigin() },
  })

beforeAll(async () => {
  db = await testPglite()
  const all = testServices(db, fixedClock(TODAY), { maxUploadBytes: 2 * 1024 * 1024 })
  s = all.caseFile
  app = await buildApp(all, { csrfKey: TEST_CSRF_KEY })
  await app.ready()
  caseId = (await s.cases.createCase(WHO, { title: 'Letters', nation: 'england', role: 'receiving' })).id
  letterId = (
    await s.evidence.add(WHO, caseId, { fileName: 'review.pdf', content: bytes(await letterPdf(spec)) })
  ).id
  await s.reading.drain()
})
afterAll(async () => {
  await app?.close()
  await db?.destroy()
})

describe('reading pages', () => {
  it('shows the text page by page and the facts found, each with where it was read', async () => {
    const r = await get(`/cases/${caseId}/evidence/${letterId}/text`)
    expect(r.statusCode).toBe(200)
    expect(r.body).toContain('Facts Redress found in this letter')
    expect(r.body).toContain('3 February 2025')
    expect(r.body).toContain('href="#page-1"')
    expect(r.body).toContain('id="page-1"')
    expect(r.body).toContain('text in the file')
    expect(r.body).toContain(`href="/cases/${caseId}/evidence/${letterId}/add-decision"`)
    expect(r.body).not.toContain('data-reading-working')
    // The evidence page links to it.
    expect((await get(`/cases/${caseId}/evidence/${letterId}`)).body).toContain(`/evidence/${letterId}/text`)
  })

  it('shows progress while a file waits to be read', async () => {
    const e = await s.evidence.add(WHO, caseId, {
      fileName: 'second.pdf',
      content: bytes(await letterPdf({ ...spec, variant: 1 })),
    })
    const r = await get(`/cases/${caseId}/evidence/${e.id}/text`)
    expect(r.body).toContain('Redress is reading this file. Waiting to start.')
    // The script asks this answer how far reading has got; without it, a link to look again.
    const progressUrl = `/cases/${caseId}/evidence/${e.id}/reading.json`
    expect(r.body).toContain(`data-reading-progress="${progressUrl}"`)
    expect(r.body).toMatch(/role="status"[^>]*>Redress is reading this file/)
    expect(r.body).toContain('See how far it has got')
    expect(r.body).toContain('/cases/assets/reading.js')
    expect(r.body).not.toContain('http-equiv="refresh"')
    const queued = await get(progressUrl)
    expect(queued.headers['content-type']).toContain('application/json')
    expect(queued.headers['cache-control']).toBe('no-store')
    expect(queued.json()).toEqual({
      state: 'queued',
      working: true,
      done: 0,
      total: null,
      statusText: 'Redress is reading this file. Waiting to start.',
    })
    await s.reading.drain()
    expect((await get(progressUrl)).json()).toEqual({
      state: 'done',
      working: false,
      done: null,
      total: null,
      statusText: 'Redress has finished reading this file.',
    })
    const done = await get(`/cases/${caseId}/evidence/${e.id}/text`)
    expect(done.body).not.toContain('data-reading-progress')
    expect(done.body).not.toContain('/cases/assets/reading.js')
    expect((await get(`/cases/${caseId}/evidence/${crypto.randomUUID()}/reading.json`)).statusCode).toBe(404)
  })

  it('says clearly why a file could not be read, on its page, with the file kept', async () => {
    const { PDFDocument } = await import('pdf-lib')
    const mupdf = await import('mupdf')
    const doc = mupdf.Document.openDocument(await letterPdf(spec), 'application/pdf').asPDF()!
    // A copy: asUint8Array() is a view into MuPDF's memory, which later MuPDF work can move or reuse.
    const locked = doc
      .saveToBuffer('encrypt=aes-256,user-password=secret,owner-password=x')
      .asUint8Array()
      .slice()
    const blank = await PDFDocument.create()
    blank.addPage([200, 280])
    const huge = await PDFDocument.create()
    huge.addPage([14_400, 14_400])
    // A PNG whose header says 20,000 × 20,000 pixels: refused before anything decodes it.
    const png = new Uint8Array(64)
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    new DataView(png.buffer).setUint32(16, 20_000)
    new DataView(png.buffer).setUint32(20, 20_000)
    // The HEIC fixture with its size boxes ('ispe') rewritten to 40,000 × 40,000 pixels.
    const bomb = new Uint8Array(readFileSync(HEIC_FIXTURE))
    for (let i = 0; i + 16 <= bomb.length && i < 4096; i++)
      if (String.fromCharCode(...bomb.subarray(i, i + 4)) === 'ispe') {
        new DataView(bomb.buffer).setUint32(i + 8, 40_000)
        new DataView(bomb.buffer).setUint32(i + 12, 40_000)
      }
    const files: [string, Uint8Array, string][] = [
      ['bomb.heic', bomb, 'This image is too large for Redress to read safely'],
      ['locked.pdf', locked, 'This PDF is protected by a password'],
      ['damaged.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj nonsense'), 'It may be damaged'],
      ['huge.png', png, 'This image is too large for Redress to read safely'],
      ['blank.pdf', await blank.save(), 'No text was found in this file'],
      ['poster.pdf', await huge.save(), 'A page of this PDF is too large for Redress to read safely'],
    ]
    const added = []
    for (const [fileName, content, said] of files)
      added.push({ e: await s.evidence.add(WHO, caseId, { fileName, content: bytes(content) }), said })
    // A language Redress has no trained data for (a job queued by an older version, say).
    const french = await s.evidence.add(WHO, caseId, {
      fileName: 'lettre.pdf',
      content: bytes(await letterPdf({ ...spec, variant: 2 })),
    })
    await s.reading.drain()
    await s.reading.jobs.enqueue(
      {
        kind: 'evidence.read',
        key: `${french.id}:${french.sha256}`,
        payload: {
          evidenceId: french.id,
          caseId,
          ownerId: WHO.ownerId,
          sha256: french.sha256,
          mediaType: french.mediaType,
          languages: 'fra',
        },
        ownerId: WHO.ownerId,
        caseId,
        subjectId: french.id,
      },
      { replace: true },
    )
    added.push({ e: french, said: 'Redress cannot read that language. It reads English and Welsh.' })
    await s.reading.drain()
    for (const { e, said } of added) {
      const r = await get(`/cases/${caseId}/evidence/${e.id}/text`)
      expect(r.statusCode, e.fileName).toBe(200)
      expect(r.body, e.fileName).toContain(said)
      expect(r.body, e.fileName).toContain('Nothing is lost: you can still view and download the file.')
      // The form to read it again (for example in Welsh) is there, and the file is still whole.
      expect(r.body, e.fileName).toContain('Read this file again')
      const file = await get(`/cases/${caseId}/evidence/${e.id}/download`)
      expect(file.statusCode, e.fileName).toBe(200)
      expect(file.rawPayload.length, e.fileName).toBe(e.sizeBytes)
    }
    // Viewing a HEIC over the pixel limit is not attempted (it would be converted first): it is
    // offered as a download instead.
    const view = await get(`/cases/${caseId}/evidence/${added[0]!.e.id}/file`)
    expect(view.statusCode).toBe(303)
    expect(view.headers.location).toBe(`/cases/${caseId}/evidence/${added[0]!.e.id}/download`)
  })

  it('reads a HEIC photo and shows it converted to JPEG', async () => {
    const e = await s.evidence.add(WHO, caseId, {
      fileName: 'IMG_0001.HEIC',
      content: bytes(new Uint8Array(readFileSync(HEIC_FIXTURE))),
    })
    expect(e.mediaType).toBe('image/heic')
    const view = await get(`/cases/${caseId}/evidence/${e.id}/file`)
    expect(view.statusCode).toBe(200)
    expect(view.headers['content-type']).toBe('image/jpeg')
    await s.reading.drain()
    const r = await get(`/cases/${caseId}/evidence/${e.id}/text`)
    expect(r.body).toContain('read from the image')
    expect(r.body).toContain('8 June 2024')
  })

  it('pre-fills the decision form from the letter; nothing is saved until the parent confirms', async () => {
    const url = `/cases/${caseId}/evidence/${letterId}/add-decision`
    const form = await get(url)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('value="annual-review" checked')
    expect(form.body).toMatch(/name="letterDate-day"[^>]*value="3"/)
    expect(form.body).toContain(`value="${weekly}"`)
    expect(form.body).toContain('Read from page 1: “3 February 2025”')
    expect(form.body).toContain('I have checked each answer against the letter')
    const fields = {
      kind: 'annual-review',
      'letterDate-day': '3',
      'letterDate-month': '2',
      'letterDate-year': '2025',
      'effectiveDate-day': '10',
      'effectiveDate-month': '3',
      'effectiveDate-year': '2025',
      weeklyAmount: '12.34', // corrected by the parent
      weeklyIncome: (spec.incomePence / 100).toFixed(2),
      nights: String(spec.nights),
      otherChildren: String(spec.otherChildren),
      letterEvidenceId: letterId,
    }
    const refused = await post(url, fields)
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('Confirm you have checked each answer against the letter')
    expect(await s.cases.list(WHO, caseId, 'decision')).toHaveLength(0)
    const saved = await post(url, { ...fields, checked: 'yes' })
    expect(saved.statusCode).toBe(303)
    const [d] = await s.cases.list(WHO, caseId, 'decision')
    expect(d).toMatchObject({ kind: 'annual-review', letterDate: '2025-02-03', weeklyAmountPence: 1234 })
    const audit = await s.cases.audit(WHO, caseId)
    expect(audit.find((a) => a.summary.startsWith('Facts confirmed'))?.summary).toContain(
      'Corrected: weeklyAmount.',
    )
  })

  it('asks first only the kind, the date on the letter and the weekly amount; the rest under More details', async () => {
    const r = await get(`/cases/${caseId}/decisions/new`)
    const body = r.body
    const at = (s: string) => body.indexOf(s)
    expect(at('name="kind"')).toBeGreaterThan(0)
    expect(at('name="letterDate-day"')).toBeGreaterThan(at('name="kind"'))
    expect(at('name="weeklyAmount"')).toBeGreaterThan(at('name="letterDate-day"'))
    expect(at('More details')).toBeGreaterThan(at('name="weeklyAmount"'))
    expect(at('name="effectiveDate-day"')).toBeGreaterThan(at('More details'))
    expect(at('name="weeklyIncome"')).toBeGreaterThan(at('More details'))
  })

  it('searches a case with highlighted snippets, a link to the page, and filters', async () => {
    const r = await get(`/cases/${caseId}/search?q=annual+review`)
    expect(r.statusCode).toBe(200)
    expect(r.body).toMatch(/<mark>Annual<\/mark> <mark>review<\/mark>/)
    expect(r.body).toContain(`href="/cases/${caseId}/evidence/${letterId}/text#page-1"`)
    const calls = await get(`/cases/${caseId}/search?q=annual+review&kind=call`)
    expect(calls.body).toContain('Nothing found')
    const bad = await get(`/cases/${caseId}/search?q=review&from=3%2F2%2F2025`)
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Enter the date as year, month and day')
  })

  it('shows search results a page at a time, keeping the filters', async () => {
    for (let i = 1; i <= 25; i++)
      await s.cases.addEvent(WHO, caseId, {
        type: 'note',
        occurredOn: `2025-01-${String(i).padStart(2, '0')}`,
        title: `Note ${i} about the childminder`,
      })
    const first = await get(`/cases/${caseId}/search?q=childminder&kind=timeline`)
    expect(first.statusCode).toBe(200)
    expect(first.body).toContain('Results 1 to 20')
    expect(first.body.match(/<mark>childminder<\/mark>/g)).toHaveLength(20)
    expect(first.body).not.toContain('Previous results')
    const next = first.body.match(/href="([^"]*page=2[^"]*)"/)![1]!.replace(/&amp;/g, '&')
    expect(next).toBe(`/cases/${caseId}/search?q=childminder&kind=timeline&page=2#results`)
    const second = await get(next.replace('#results', ''))
    expect(second.body).toContain('Results 21 to 25')
    expect(second.body).toContain('<ol class="govuk-list rd-search-results" start="21">')
    expect(second.body.match(/<mark>childminder<\/mark>/g)).toHaveLength(5)
    expect(second.body).toContain('Previous results')
    expect(second.body).not.toContain('More results')
    // Past the last page: nothing, not similar spellings.
    const past = await get(`/cases/${caseId}/search?q=childminder&kind=timeline&page=3`)
    expect(past.body).toContain('Results (0)')
  })

  it('searches every case from Your cases', async () => {
    expect((await get('/cases')).body).toContain('href="/search"')
    const r = await get(`/search?q=${spec.reference}`)
    expect(r.statusCode).toBe(200)
    expect(r.body).toContain('Letters') // the case's title
    expect(r.body).toContain('<mark>')
  })
})
