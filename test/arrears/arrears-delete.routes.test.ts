/** Deleting an arrears check (with a confirm step), and the ledger offered on the bundle page (issue 13), through the real app. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractPageTexts } from '../../src/documents/index.ts'
import { fixedClock } from '../../src/services/clock.ts'
import { exportArrearsRows } from '../../src/store/arrears.repository.ts'
import { WHO } from '../case/fixtures.ts'
import { sameOrigin, testApp, type TestApp } from '../helpers/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp({}, fixedClock('2025-07-01'))
})
afterAll(async () => t?.close())

const post = (url: string, fields: Record<string, string | string[]>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...sameOrigin(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: Object.entries(fields)
      .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${encodeURIComponent(x)}`))
      .join('&'),
  })

function upload(url: string, content: string) {
  const b = '----redress-test-boundary'
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...sameOrigin(), 'content-type': `multipart/form-data; boundary=${b}` },
    payload: `--${b}\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${b}--\r\n`,
  })
}

const statement = [
  'Date,Description,Money in,Money out,Balance',
  '30/01/2025,STANDING ORDER CMS 121000000001,,213.03,',
  '28/02/2025,FASTER PAYMENT CMS 121000000001,,612.00,',
].join('\n')

/** A check with a statement, picks, the CMS figures and an "as of" date; returns its address. */
async function check(start: string, title: string): Promise<string> {
  const created = await post(start, { title })
  const base = (created.headers.location as string).replace(/\/statement$/, '')
  expect((await upload(`${base}/statement`, statement)).statusCode).toBe(303)
  const page = await t.app.inject({ url: `${base}/payments` })
  const ids = [...page.body.matchAll(/name="payment" type="checkbox" value="([0-9a-f-]{36})"/g)].map(
    (m) => m[1]!,
  )
  await post(`${base}/payments`, { payment: ids })
  const cms = await post(`${base}/cms-figures`, {
    'asOf-day': '31',
    'asOf-month': '3',
    'asOf-year': '2025',
    cmsArrears: '612.00',
    schedule: '31/01/2025, 213.03\n28/02/2025, 612.00',
    cmsStatement: '03/02/2025, Payment received, , 213.03,',
    collection: 'direct',
    matchWindowDays: '7',
  })
  expect(cms.statusCode).toBe(303)
  return base
}

describe('deleting an arrears check', () => {
  it('asks first, says what goes; only the confirm button deletes, then the list says it was deleted', async () => {
    const base = await check('/check-arrears', 'To delete')
    const checkPage = await t.app.inject({ url: base })
    expect(checkPage.body).toContain(`href="${base}/delete"`)
    const ask = await t.app.inject({ url: `${base}/delete` })
    expect(ask.statusCode).toBe(200)
    expect(ask.body).toContain('Delete this arrears check?')
    expect(ask.body).toContain('1 bank statement file(s) you uploaded, with their 2 transaction(s)')
    expect(ask.body).toContain('You cannot undo this')
    expect(ask.body).toContain('Yes, delete this check')
    expect(ask.body).toContain(`href="${base}"`) // No, keep it

    // A post without the confirmation goes back to the question; nothing is deleted.
    const unconfirmed = await post(`${base}/delete`, {})
    expect(unconfirmed.headers.location).toBe(`${base}/delete`)
    expect((await t.app.inject({ url: base })).statusCode).toBe(200)
    // A cross-site post is refused.
    const foreign = await t.app.inject({
      method: 'POST',
      url: `${base}/delete`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      payload: 'confirm=yes',
    })
    expect(foreign.statusCode).toBe(403)
    expect((await t.app.inject({ url: base })).statusCode).toBe(200)

    const done = await post(`${base}/delete`, { confirm: 'yes' })
    expect(done.statusCode).toBe(303)
    expect(done.headers.location).toBe('/check-arrears?deleted=1')
    const list = await t.app.inject({ url: '/check-arrears?deleted=1' })
    expect(list.body).toContain('The arrears check was deleted.')
    expect(list.body).not.toContain('To delete')
    expect((await t.app.inject({ url: base })).statusCode).toBe(404)
    expect((await t.app.inject({ url: `${base}/delete` })).statusCode).toBe(404)
  })

  it('in a case: the bundle page offers the ledger; deleting the check removes it there and everything it held, the timeline stays', async () => {
    const { caseFile } = t.services
    const c = await caseFile.cases.createCase(WHO, { title: 'Jordan', nation: 'scotland', role: 'paying' })
    const base = await check(`/cases/${c.id}/arrears`, 'In the case')
    expect((await post(`${base}/add-to-timeline`, {})).statusCode).toBe(303)
    const payments = (await caseFile.cases.timeline(WHO, c.id)).filter((e) => e.type === 'payment')
    expect(payments).toHaveLength(2)

    // A ledger saved to the case earlier is offered but not ticked: the bundle draws a fresh one.
    expect((await post(`${base}/save-ledger`, {})).statusCode).toBe(303)
    const saved = (await caseFile.cases.list(WHO, c.id, 'evidence')).find((e) => e.tags.includes('ledger'))!
    const bundle = await t.app.inject({ url: `/cases/${c.id}/bundle` })
    expect(bundle.body).toContain(`value="${saved.id}" aria-describedby`)
    expect(bundle.body).not.toContain(`value="${saved.id}" aria-describedby="doc-${saved.id}-hint" checked`)
    expect(bundle.statusCode).toBe(200)
    expect(bundle.body).toContain('Arrears ledgers')
    expect(bundle.body).toContain('Arrears ledger and discrepancy schedule to 31 March 2025 (In the case)')
    expect(bundle.body).toMatch(/name="arrears" type="checkbox" value="[0-9a-f-]{36}" checked/)
    expect(bundle.body).toContain('What is the bundle for?')

    // A complaint bundle with the ledger ticked: built, with section F, the cover naming the complainant.
    const checkId = base.split('/').pop()!
    const started = await post(`/cases/${c.id}/bundle`, {
      purpose: 'complaint',
      arrearsOffered: '1',
      arrears: checkId,
      documents: (await t.services.bundles.candidates(WHO, c.id)).map((d) => d.id),
    })
    expect(started.statusCode).toBe(303)
    const job = started.headers.location as string
    let state = 'running'
    for (let i = 0; i < 120 && state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 250))
      state = (JSON.parse((await t.app.inject({ url: `${job}/status.json` })).body) as { state: string })
        .state
    }
    expect(state).toBe('done')
    const built = await t.app.inject({ url: job })
    expect(built.body).toContain('F1 Arrears ledger and discrepancy schedule to 31 March 2025 (In the case)')
    const pdf = await t.app.inject({ url: `${job}/bundle.pdf` })
    const cover = (await extractPageTexts(new Uint8Array(pdf.rawPayload)))[0]!.text.replace(/\s+/g, ' ')
    expect(cover).toContain('Complaint bundle')
    expect(cover).toContain('Complainant')

    const done = await post(`${base}/delete`, { confirm: 'yes' })
    expect(done.headers.location).toBe(`/cases/${c.id}/arrears?deleted=1`)
    expect(await exportArrearsRows(t.database.db, WHO.ownerId, c.id)).toEqual({
      checks: [],
      statements: [],
      transactions: [],
      schedule: [],
      cmsFigures: [],
      matches: [],
    })
    expect((await caseFile.cases.timeline(WHO, c.id)).filter((e) => e.type === 'payment')).toHaveLength(2)
    expect((await t.app.inject({ url: `/cases/${c.id}/bundle` })).body).not.toContain('Arrears ledgers')
  })
})
