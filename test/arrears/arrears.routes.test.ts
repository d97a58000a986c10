/** "Check your arrears" through the real app (app.inject, embedded database): the journey, errors, downloads, the case timeline. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WHO } from '../case/fixtures.ts'
import { sameOrigin, testApp, type TestApp } from '../helpers/app.ts'
import { createCaseServices } from '../../src/services/case-services.ts'
import { rules } from '../../src/rules/load.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(async () => t?.close())

const form = (fields: Record<string, string | string[]>): string =>
  Object.entries(fields)
    .flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`),
    )
    .join('&')

const post = (url: string, fields: Record<string, string | string[]>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...sameOrigin(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
  })

function upload(url: string, fileName: string, content: string, fields: Record<string, string> = {}) {
  const boundary = '----redress-test-boundary'
  const parts = [
    ...Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    ),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`,
    `--${boundary}--\r\n`,
  ]
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...sameOrigin(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: parts.join(''),
  })
}

const jordanCsv = [
  'Date,Description,Money in,Money out,Balance',
  ...['30/01/2025', '27/02/2025', '28/03/2025', '29/04/2025', '29/05/2025', '27/06/2025'].map(
    (d) => `${d},STANDING ORDER CMS 121000000001,,213.03,`,
  ),
  '28/03/2025,FASTER PAYMENT CMS 121000000001 ARREARS,,612.00,',
  '31/03/2025,CARD PAYMENT SUPERMARKET,,45.10,',
].join('\n')
const schedule = [
  '31/01/2025, 213.03',
  '28/02/2025, 213.03',
  '31/03/2025, 213.03',
  '31/03/2025, 612.00, arrears before the plan',
  '30/04/2025, 213.03',
  '30/05/2025, 213.03',
  '30/06/2025, 213.03',
].join('\n')
const cmsStatement = ['03/02/2025', '03/03/2025', '01/04/2025', '01/05/2025', '02/06/2025', '30/06/2025']
  .map((d) => `${d}, Payment received, , 213.03,`)
  .join('\n')
const cmsForm = (extra: Record<string, string> = {}) => ({
  'asOf-day': '30',
  'asOf-month': '6',
  'asOf-year': '2025',
  cmsArrears: '612.00',
  schedule,
  cmsStatement,
  collection: 'direct',
  matchWindowDays: '7',
  ...extra,
})

/** Walks the journey for persona Jordan; returns the check's address. */
async function jordanJourney(start = '/check-arrears'): Promise<string> {
  const created = await post(start, { title: 'Jordan' })
  expect(created.statusCode).toBe(303)
  const statementUrl = created.headers.location as string
  const base = statementUrl.replace(/\/statement$/, '')
  const up = await upload(statementUrl, 'statement.csv', jordanCsv)
  expect(up.statusCode).toBe(303)
  expect(up.headers.location).toBe(`${base}/payments?imported=8&skipped=0`)
  const page = await t.app.inject({ url: `${base}/payments?filter=CMS%20121` })
  expect(page.statusCode).toBe(200)
  const ids = [...page.body.matchAll(/name="payment" type="checkbox" value="([0-9a-f-]{36})"/g)].map(
    (m) => m[1]!,
  )
  expect(ids).toHaveLength(7)
  expect(page.body).not.toContain('SUPERMARKET')
  const picked = await post(`${base}/payments`, { filter: 'CMS 121', payment: ids })
  expect(picked.statusCode).toBe(303)
  const cms = await post(`${base}/cms-figures`, cmsForm())
  expect(cms.statusCode).toBe(303)
  expect(cms.headers.location).toBe(`${base}/matches`)
  return base
}

describe('Check your arrears (routes)', () => {
  it('the start page is on the start page and explains there is no appeal', async () => {
    const home = await t.app.inject({ url: '/' })
    expect(home.body).toContain('href="/check-arrears"')
    const r = await t.app.inject({ url: '/check-arrears' })
    expect(r.statusCode).toBe(200)
    expect(r.body).toContain('Check your arrears')
    expect(r.body).toContain('cannot appeal an arrears figure to a tribunal')
  })

  it('persona Jordan: the £612.00 payment the CMS did not record is found and explained, with its evidence', async () => {
    const base = await jordanJourney()
    const matches = await t.app.inject({ url: `${base}/matches` })
    expect(matches.statusCode).toBe(200)
    expect((matches.body.match(/value="confirmed"/g) ?? []).length).toBe(6)
    expect(matches.body).toContain('28 March 2025: £612.00')

    const result = await t.app.inject({ url: `${base}/result` })
    expect(result.statusCode).toBe(200)
    expect(result.body).toContain(
      'The CMS says you owe £612.00 on 30 June 2025. Your evidence shows £0.00. The difference, £612.00, is made of:',
    )
    expect(result.body).toContain('A payment the CMS did not record: £612.00 on 28 March 2025.')
    expect(result.body).toMatch(/bank statement line \d+, 28 March 2025/)
    expect(result.body).toContain('<svg class="rd-arrears-chart"')
    expect(result.body).toContain('<title id="arrears-chart-title">')
    expect(result.body).toContain(
      '<caption class="govuk-table__caption govuk-table__caption--m" id="ledger-caption">',
    )

    const csv = await t.app.inject({ url: `${base}/discrepancy-schedule.csv` })
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body).toContain('A payment the CMS did not record: £612.00 on 28 March 2025.,612.00')

    for (const [letter, format, magic] of [
      ['dispute', 'pdf', '%PDF'],
      ['dispute', 'docx', 'PK'],
      ['statement-of-account', 'pdf', '%PDF'],
      ['statement-of-account', 'docx', 'PK'],
    ] as const) {
      const r = await t.app.inject({
        url: `${base}/letters/${letter}/${format}?name=Jordan%20Example&address=1%20Example%20Street%0AGlasgow%20G1%201AA&reference=121000000001`,
      })
      expect(r.statusCode, `${letter} ${format}`).toBe(200)
      expect(r.rawPayload.subarray(0, magic.length).toString('latin1')).toBe(magic)
    }
  })

  it('a letter without the sender’s details says what to add, on the page, keeping what was typed', async () => {
    const base = await jordanJourney()
    const r = await t.app.inject({ url: `${base}/letters/dispute/pdf?name=Jordan%20Example` })
    expect(r.statusCode).toBe(400)
    expect(r.body).toContain('govuk-error-summary')
    expect(r.body).toContain('href="#reference"')
    expect(r.body).toContain('value="Jordan Example"')
  })

  it('confirming and rejecting a match is the parent’s decision, kept', async () => {
    const base = await jordanJourney()
    const page = await t.app.inject({ url: `${base}/matches` })
    const m =
      /name="paymentId" value="([0-9a-f-]{36})"><input type="hidden" name="entryId" value="([0-9a-f-]{36})"/.exec(
        page.body,
      )!
    const reject = await post(`${base}/matches`, { paymentId: m[1]!, entryId: m[2]!, decision: 'rejected' })
    expect(reject.statusCode).toBe(303)
    const after = await t.app.inject({ url: `${base}/matches` })
    expect(after.body).toContain('Matches you rejected')
  })

  it('bad CMS figures: the error summary names each field and what was typed is kept', async () => {
    const created = await post('/check-arrears', {})
    const base = (created.headers.location as string).replace(/\/statement$/, '')
    const r = await post(
      `${base}/cms-figures`,
      cmsForm({
        schedule: '31/01/2025, 213.03\n28/02/2025, -213.03',
        cmsArrears: '612.001',
        'asOf-day': '31',
        'asOf-month': '2',
      }),
    )
    expect(r.statusCode).toBe(400)
    expect(r.body).toContain('govuk-error-summary')
    expect(r.body).toContain('href="#asOf-day"')
    expect(r.body).toContain('Enter a real date')
    expect(r.body).toContain('href="#cmsArrears"')
    expect(r.body).toContain('line 2, column &quot;amount&quot;: must not be negative')
    expect(r.body).toContain('28/02/2025, -213.03')
  })

  it('a statement that cannot be read is refused naming the line; an unknown layout goes to column matching', async () => {
    const created = await post('/check-arrears', {})
    const statementUrl = created.headers.location as string
    const bad = await upload(
      statementUrl,
      'x.csv',
      'Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,Debit Amount,Credit Amount,Balance\n31/02/2025,SO,1,2,CMS,1.00,,1.00\n',
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('line 2, column &quot;Transaction Date&quot;')
    const none = await t.app.inject({
      method: 'POST',
      url: statementUrl,
      headers: { ...sameOrigin(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    })
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('Choose your bank statement file')

    const unknown = await upload(statementUrl, 'y.csv', 'When,What,How much\n30/01/2025,CMS 121,-213.03\n')
    expect(unknown.statusCode).toBe(303)
    const columnsUrl = unknown.headers.location as string
    expect(columnsUrl).toMatch(/\/statement\/[0-9a-f-]{36}\/columns$/)
    const page = await t.app.inject({ url: columnsUrl })
    expect(page.body).toContain('<strong>How much</strong>')
    const missing = await post(columnsUrl, { date: 'When' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Choose the column that holds the description')
    const ok = await post(columnsUrl, {
      date: 'When',
      description: 'What',
      amount: 'How much',
      saveAs: 'My bank',
    })
    expect(ok.statusCode).toBe(303)
    expect(ok.headers.location).toContain('/payments?imported=1')
  })

  it('inside a case: payments confirmed go onto the timeline, linked to the statement as evidence', async () => {
    const caseFile = createCaseServices({
      database: t.database,
      dataDir: t.database.dataDir,
      rules: rules(),
      maxUploadBytes: 10 * 1024 * 1024,
    })
    const c = await caseFile.cases.createCase(WHO, {
      title: 'Jordan and Morgan',
      nation: 'scotland',
      role: 'paying',
    })
    const overview = await t.app.inject({ url: `/cases/${c.id}` })
    expect(overview.body).toContain(`href="/cases/${c.id}/arrears"`)
    const start = await t.app.inject({ url: `/cases/${c.id}/arrears` })
    expect(start.statusCode).toBe(200)
    expect(start.body).toContain('Back to Jordan and Morgan')
    const base = await jordanJourney(`/cases/${c.id}/arrears`)
    const result = await t.app.inject({ url: `${base}/result` })
    expect(result.body).toContain('Add payments to the timeline')
    const add = await post(`${base}/add-to-timeline`, {})
    expect(add.statusCode).toBe(303)
    expect(add.headers.location).toBe(`${base}/result?added=7`)
    const events = await caseFile.cases.timeline(WHO, c.id)
    expect(events.filter((e) => e.type === 'payment')).toHaveLength(7)
    const [evidence] = await caseFile.cases.list(WHO, c.id, 'evidence')
    expect((await caseFile.cases.linked(WHO, c.id, 'evidence', evidence!.id)).length).toBe(7)

    // The ledger kept with the case's evidence, for a tribunal or complaint bundle.
    const saved = await post(`${base}/save-ledger`, {})
    expect(saved.headers.location).toBe(`${base}/result?saved=1`)
    const ledger = (await caseFile.cases.list(WHO, c.id, 'evidence')).find((e) => e.tags.includes('ledger'))!
    expect(ledger.title).toBe('Arrears ledger and discrepancy schedule to 30 June 2025')
    expect(ledger.mediaType).toBe('application/pdf')
    expect(ledger.documentDate).toBe('2025-06-30')
  })

  it('a check that is not there, or a malformed address, is a 404', async () => {
    expect(
      (await t.app.inject({ url: '/check-arrears/00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404)
    expect((await t.app.inject({ url: '/check-arrears/not-an-id/result' })).statusCode).toBe(404)
    expect(
      (await t.app.inject({ url: '/cases/00000000-0000-4000-8000-000000000000/arrears' })).statusCode,
    ).toBe(404)
  })
})
