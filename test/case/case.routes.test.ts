import { Writable } from 'node:stream'
import { readFileSync } from 'node:fs'
import { unzipSync, zipSync } from 'fflate'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/web/app.ts'
import { fixedClock } from '../../src/services/clock.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { sameOrigin, TEST_CSRF_KEY, testServices } from '../helpers/app.ts'
import { pdf, png, TODAY } from './fixtures.ts'

let db: TestDatabase
let db2: TestDatabase
let app: FastifyInstance
let app2: FastifyInstance
const logs: string[] = []

beforeAll(async () => {
  ;[db, db2] = await Promise.all([testPglite(), testPglite()])
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk))
      cb()
    },
  })
  const limits = { maxUploadBytes: 2 * 1024 * 1024 } // as the case fixtures' services
  app = await buildApp(testServices(db, fixedClock(TODAY), limits), {
    logger: { level: 'info', stream: logStream },
    csrfKey: TEST_CSRF_KEY,
  })
  app2 = await buildApp(testServices(db2, fixedClock(TODAY), limits), { csrfKey: TEST_CSRF_KEY })
  await Promise.all([app.ready(), app2.ready()])
})
afterAll(async () => {
  await Promise.all([app?.close(), app2?.close()])
  await Promise.all([db?.destroy(), db2?.destroy()])
})

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const post = (url: string, fields: Record<string, string>, a = app) =>
  a.inject({
    method: 'POST',
    url,
    payload: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOrigin() },
  })
const get = (url: string, a = app) => a.inject({ method: 'GET', url })
const date = (id: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${id}-day`]: String(Number(d)), [`${id}-month`]: String(Number(m)), [`${id}-year`]: y! }
}
const summary = (body: string): string[] =>
  [
    ...(/govuk-error-summary__list[\s\S]*?<\/ul>/.exec(body)?.[0] ?? '').matchAll(
      /<a href="([^"]+)">([^<]+)<\/a>/g,
    ),
  ].map((m) => `${m[1]} ${m[2]!.trim()}`)

function multipart(
  fields: Record<string, string>,
  file: { field: string; name: string; bytes: Uint8Array; type?: string },
) {
  const boundary = '----redress-test-boundary'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
const upload = (
  url: string,
  fields: Record<string, string>,
  file: { field?: string; name: string; bytes: Uint8Array },
  a = app,
) => {
  const body = multipart(fields, { field: file.field ?? 'file', ...file })
  return a.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, ...sameOrigin() },
  })
}

let caseUrl = ''

describe('cases', () => {
  it('lists cases and offers to start one', async () => {
    const res = await get('/cases')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Your cases')
    expect(res.body).toContain('href="/cases/new"')
  })

  it('shows every problem in the error summary, linked to its field, keeping what was typed', async () => {
    const res = await post('/cases/new', {
      title: '',
      nation: 'england',
      role: 'receiving',
      cmsReference: '1311 2345 678',
      'children-0-name': 'Sara',
      ...date('children-0-dateOfBirth', '2030-01-01'),
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<title>Error: Start a new case')
    expect(summary(res.body)).toEqual([
      '#title Enter a name for this case',
      '#cmsReference The CMS reference must be 12 digits beginning 121 (you gave 11 digits)',
      '#children-0-dateOfBirth-day The date of birth must be today or in the past (you gave 1 January 2030)',
    ])
    expect(res.body).toContain('value="1311 2345 678"')
    expect(res.body).toContain('value="Sara"')
  })

  it('“Add another child” adds a row without saving', async () => {
    const res = await post('/cases/new', { title: 'x', action: 'add-child', 'children-0-name': 'Sara' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('children-1-name')
  })

  it('creates a case and shows its overview', async () => {
    const res = await post('/cases/new', {
      title: 'Amira and Dan',
      nation: 'england',
      role: 'receiving',
      cmsReference: '1211 2345 6789',
      'otherParent-name': 'Dan',
      'otherParent-phone': '07700 900456',
      'children-0-name': 'Sara',
      ...date('children-0-dateOfBirth', '2016-09-01'),
    })
    expect(res.statusCode).toBe(303)
    caseUrl = res.headers.location as string
    expect(caseUrl).toMatch(/^\/cases\/[0-9a-f-]{36}$/)
    const page = await get(caseUrl)
    expect(page.body).toContain('Amira and Dan')
    expect(page.body).toContain('1211 2345 6789')
    expect(page.body).toContain('contact details kept private')
    expect(page.body).not.toContain('07700 900456')
  })

  it('answers 404 for a case that does not exist', async () => {
    expect((await get('/cases/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    expect((await get('/cases/not-a-uuid')).statusCode).toBe(404)
  })
})

describe('decisions and the deadlines they create', () => {
  let decisionUrl = ''
  it('refuses a letter date in the future and a date received before it, and partial dates', async () => {
    const res = await post(`${caseUrl}/decisions/new`, {
      kind: 'annual-review',
      ...date('letterDate', '2025-03-21'),
      'receivedDate-day': '4',
      'receivedDate-year': '2025',
    })
    expect(summary(res.body)).toEqual([
      '#letterDate-day The date on the letter must be today or in the past (you gave 21 March 2025)',
      '#receivedDate-day The date must include a month',
    ])
    const res2 = await post(`${caseUrl}/decisions/new`, {
      kind: 'annual-review',
      ...date('letterDate', '2025-02-03'),
      ...date('receivedDate', '2025-02-01'),
    })
    expect(summary(res2.body)).toEqual([
      '#receivedDate-day The date you received it (1 February 2025) cannot be before the date on the letter (3 February 2025)',
    ])
  })

  it('records Amira’s annual review and shows the reconsideration deadline with its rule', async () => {
    const res = await post(`${caseUrl}/decisions/new`, {
      kind: 'annual-review',
      ...date('letterDate', '2025-02-03'),
      weeklyAmount: '82.06',
      nights: '52',
    })
    expect(res.statusCode).toBe(303)
    decisionUrl = (res.headers.location as string).replace(/\?.*$/, '')
    const page = await get(decisionUrl)
    expect(page.body).toContain('Ask for a mandatory reconsideration of the decision of 3 February 2025')
    expect(page.body).toContain('Monday 3 March 2025')
    expect(page.body).toContain('Wednesday 5 March 2025')
    const task = /href="(\/cases\/[^"]+\/tasks\/[^"]+)"/.exec(page.body)![1]!
    const taskPage = await get(task)
    expect(taskPage.body).toContain('How Redress worked out this date')
    expect(taskPage.body).toContain('legislation.gov.uk')
    const dash = await get(caseUrl)
    expect(dash.body).toMatch(/Ask for a mandatory reconsideration/)
  })

  it('amends a decision keeping the earlier version', async () => {
    const res = await post(`${decisionUrl}/edit`, {
      kind: 'annual-review',
      ...date('letterDate', '2025-02-03'),
      weeklyAmount: '82.07',
      version: '1',
    })
    expect(res.statusCode).toBe(303)
    const page = await get(decisionUrl)
    expect(page.body).toContain('Version 2')
    expect(page.body).toContain('weeklyAmountPence')
    const stale = await post(`${decisionUrl}/edit`, {
      kind: 'annual-review',
      ...date('letterDate', '2025-02-03'),
      version: '1',
    })
    expect(stale.statusCode).toBe(400)
    expect(stale.body).toContain('was changed since you opened it')
  })
})

describe('calls, letters and the timeline', () => {
  let callId = ''
  it('logs a call and then offers to confirm it in writing', async () => {
    const res = await post(`${caseUrl}/calls/new`, {
      ...date('occurredOn', '2025-02-10'),
      occurredTime: '10:15',
      title: 'Phone call with the CMS',
      'call-personName': 'Kelly',
      'call-theySaid': 'They would look into it',
      'call-actions-0-text': 'look into the income',
      ...date('call-actions-0-due', '2025-02-17'),
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toMatch(/confirm-in-writing/)
    callId = /events\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1]!
    const page = await get(res.headers.location as string)
    expect(page.body).toContain('Now confirm the call in writing')
    expect(page.body).toContain(`letters/new?direction=sent&amp;confirms=${callId}`)
    expect(page.body).toContain(
      'Check the CMS has done what it promised on 10 February 2025: look into the income',
    )
    const letterForm = await get(`${caseUrl}/letters/new?direction=sent&confirms=${callId}`)
    expect(letterForm.body).toContain('Letter confirming the call of 10 February 2025')
    expect(letterForm.body).toMatch(new RegExp(`value="${callId}" selected`))
  })

  it('records the letter that confirms the call, with proof of postage, and links them', async () => {
    const res = await post(`${caseUrl}/letters/new`, {
      type: 'letter-sent',
      title: 'Letter confirming the call of 10 February 2025',
      'letter-subject': 'call-confirmation',
      'letter-method': 'first-class',
      'letter-certificateNumber': 'CP 1234',
      ...date('occurredOn', '2025-02-11'),
      confirmsCallId: callId,
    })
    expect(res.statusCode).toBe(303)
    const page = await get((res.headers.location as string).replace(/\?.*$/, ''))
    expect(page.body).toContain('CP 1234')
    expect(page.body).toContain('Phone call with the CMS')
    expect(page.body).toContain('confirms the call')
  })

  it('refuses a letter received before the date on it', async () => {
    const res = await post(`${caseUrl}/letters/new`, {
      type: 'letter-received',
      title: 'x',
      'letter-method': 'first-class',
      ...date('letter-letterDate', '2025-02-10'),
      ...date('occurredOn', '2025-02-08'),
    })
    expect(summary(res.body)).toEqual([
      '#occurredOn-day The date you received it (8 February 2025) cannot be before the date it was sent (10 February 2025, the date on the letter)',
    ])
  })

  it('finds entries on the timeline by text, type, tag and dates', async () => {
    await post(`${caseUrl}/events/new`, {
      type: 'payment',
      ...date('occurredOn', '2025-03-01'),
      title: 'Payment from Dan',
      amount: '82.06',
      tags: 'payments',
    })
    const titles = async (q: string) =>
      [
        ...(await get(`${caseUrl}/timeline?${q}`)).body.matchAll(
          /govuk-!-font-weight-bold" href="[^"]+">([^<]+)</g,
        ),
      ].map((m) => m[1])
    expect(await titles('q=kelly')).toEqual(['Phone call with the CMS'])
    expect(await titles('type=payment')).toEqual(['Payment from Dan'])
    expect(await titles('tag=payments')).toEqual(['Payment from Dan'])
    expect(await titles('from-day=11&from-month=2&from-year=2025&to-day=28&to-month=2&to-year=2025')).toEqual(
      ['Letter confirming the call of 10 February 2025'],
    )
    const posted = await post(`${caseUrl}/timeline`, { q: 'kelly' })
    expect(posted.body).toContain('1 of 3 entries')
    const bad = await get(`${caseUrl}/timeline?from-day=40&from-month=2&from-year=2025`)
    expect(summary(bad.body)).toEqual([
      '#from-day Enter a real "from" date, for example 1 2 2025'.replace(/"/g, '&quot;'),
    ])
  })
})

describe('evidence', () => {
  it('uploads a file, shows it inline and offers a download', async () => {
    const res = await upload(
      `${caseUrl}/evidence/new`,
      { title: 'Certificate of posting' },
      { name: 'receipt.png', bytes: png() },
    )
    expect(res.statusCode).toBe(303)
    const url = (res.headers.location as string).replace(/\?.*$/, '')
    const page = await get(url)
    expect(page.body).toContain('<img class="rd-evidence-image"')
    expect(page.body).toContain('PNG image')
    const file = await get(`${url}/file`)
    expect(file.headers['content-type']).toBe('image/png')
    expect(file.headers['content-disposition']).toMatch(/^inline/)
    expect(file.rawPayload).toEqual(png())
    const download = await get(`${url}/download`)
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="receipt.png"/)
  })

  it.each([
    ['a disguised file', 'letter.pdf', png(), /named as a PDF document but its content is a PNG image/],
    ['an unknown type', 'notes.txt', Buffer.from('hello\nworld'), /could not tell what kind of file/],
    ['a name with a path', '../../etc/letter.pdf', pdf(), /folder path/],
    [
      'a file over the limit',
      'big.pdf',
      Buffer.concat([pdf(), Buffer.alloc(2 * 1024 * 1024)]),
      /larger than the 2 MB/,
    ],
  ])('refuses %s with a clear message and stores nothing', async (_, name, bytes, why) => {
    const before =
      (await get(`${caseUrl}/evidence`)).body.match(/<tr class="govuk-table__row">/g)?.length ?? 0
    const res = await upload(`${caseUrl}/evidence/new`, { title: 'Kept title' }, { name, bytes })
    expect(res.statusCode).toBe(400)
    const [first] = summary(res.body)
    expect(first).toMatch(/^#file /)
    expect(first).toMatch(why)
    expect(res.body).toContain('value="Kept title"')
    const after = (await get(`${caseUrl}/evidence`)).body.match(/<tr class="govuk-table__row">/g)?.length ?? 0
    expect(after).toBe(before)
  })

  it('refuses an upload with no file chosen', async () => {
    const res = await upload(`${caseUrl}/evidence/new`, {}, { name: '', bytes: new Uint8Array(0) })
    expect(summary(res.body)).toEqual(['#file Choose a file to upload'])
  })
})

describe('bin, history, export and import', () => {
  it('moves to the bin, restores, and purges only after confirmation', async () => {
    const res = await post(`${caseUrl}/events/new`, {
      type: 'note',
      ...date('occurredOn', '2025-03-02'),
      title: 'Binned note',
    })
    const url = (res.headers.location as string).replace(/\?.*$/, '')
    const id = url.split('/').at(-1)!
    await post(`${caseUrl}/bin/event/${id}`, {})
    expect((await get(`${caseUrl}/bin`)).body).toContain('Binned note')
    expect((await get(`${caseUrl}/timeline`)).body).not.toContain('Binned note')
    await post(`${caseUrl}/bin/event/${id}/restore`, {})
    expect((await get(`${caseUrl}/timeline`)).body).toContain('Binned note')
    await post(`${caseUrl}/bin/event/${id}`, {})
    const confirm = await get(`${caseUrl}/bin/event/${id}/purge`)
    expect(confirm.body).toContain('Delete for good?')
    await post(`${caseUrl}/bin/event/${id}/purge`, {}) // without confirm=yes: nothing happens
    expect((await get(`${caseUrl}/bin`)).body).toContain('Binned note')
    await post(`${caseUrl}/bin/event/${id}/purge`, { confirm: 'yes' })
    expect((await get(`${caseUrl}/bin`)).body).not.toContain('Binned note')
    const history = await get(`${caseUrl}/history`)
    expect(history.body).toContain('event purged from the bin')
  })

  it('exports the case and imports it into another install; a tampered archive is refused naming the file', async () => {
    const zip = await get(`${caseUrl}/export/case.zip`)
    expect(zip.statusCode).toBe(200)
    expect(zip.headers['content-type']).toBe('application/zip')
    const imported = await upload(
      '/cases/import',
      {},
      { field: 'archive', name: 'case.zip', bytes: zip.rawPayload },
      app2,
    )
    expect(imported.statusCode).toBe(303)
    expect(imported.headers.location).toBe(`${caseUrl}?imported=1`)
    expect((await get(`${caseUrl}/timeline`, app2)).body).toContain('Phone call with the CMS')

    const entries = unzipSync(new Uint8Array(zip.rawPayload))
    const evidence = Object.keys(entries).find((k) => k.startsWith('evidence/'))!
    const tampered = zipSync({ ...entries, [evidence]: new Uint8Array([...entries[evidence]!, 1]) })
    const refused = await upload(
      '/cases/import',
      {},
      { field: 'archive', name: 'case.zip', bytes: tampered },
      app2,
    )
    expect(refused.statusCode).toBe(400)
    expect(summary(refused.body)[0]).toContain(`#archive ${evidence}: does not match its SHA-256 hash`)
  })

  it('makes a chronology PDF', async () => {
    const res = await get(`${caseUrl}/export/chronology.pdf`)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('every case page renders', async () => {
    const pages = [
      '',
      '/edit',
      '/decisions',
      '/decisions/new',
      '/timeline',
      '/events/new',
      '/calls/new',
      '/letters/new?direction=received',
      '/evidence',
      '/evidence/new',
      '/deadlines',
      '/tasks/new',
      '/bin',
      '/history',
      '/export',
    ]
    for (const p of pages) {
      const res = await get(caseUrl + p)
      expect(res.statusCode, p).toBe(200)
      expect(res.body, p).toContain('href="#main-content"')
    }
    expect((await get('/cases/import')).statusCode).toBe(200)
    expect((await get('/cases/assets/upload.js')).headers['content-type']).toMatch(/javascript/)
  })

  it('logs no personal data', () => {
    const all = logs.join('\n')
    expect(all.length).toBeGreaterThan(0)
    for (const secret of ['Kelly', 'Amira', '07700 900456', 'Dan', '1211 2345 6789', 'look into'])
      expect(all).not.toContain(secret)
  })
})

describe('the start page', () => {
  it('offers the case file', async () => {
    const res = await get('/')
    expect(res.body).toContain('href="/cases"')
    expect(res.body).toContain(
      String(
        JSON.parse(readFileSync(new URL('../../src/web/locales/en.json', import.meta.url), 'utf8')).case
          .startLink,
      ),
    )
  })
})
