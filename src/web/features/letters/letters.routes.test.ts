import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sameOrigin, testApp, type TestApp } from '../../../../test/helpers/app.ts'
import { amira, WHO } from '../../../../test/letters/personas.ts'
import { textPdf } from '../../../../test/fixtures/documents/pdfs.ts'
import { Readable } from 'node:stream'

let t: TestApp
let caseId = ''
let callId = ''
let evidenceId = ''

beforeAll(async () => {
  t = await testApp()
  // The app's own services (createServices, through testApp): the same wiring the pages use.
  const caseFile = t.services.caseFile
  const a = await amira(t.services)
  caseId = a.c.id
  callId = a.call.id
  const e = await caseFile.evidence.add(WHO, caseId, {
    fileName: 'payslip.pdf',
    content: Readable.from([Buffer.from(await textPdf({ pages: 3 }))]),
    title: 'Payslip',
  })
  evidenceId = e.id
}, 60_000)
afterAll(() => t.close())

const form = (o: Record<string, string | string[]>): string => {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x)
  return p.toString()
}
const post = (url: string, body: Record<string, string | string[]>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOrigin() },
    payload: form(body),
  })

describe('the letters pages', () => {
  it('lists the letters this case needs, and every kind', async () => {
    const r = await t.app.inject(`/cases/${caseId}/write`)
    expect(r.statusCode).toBe(200)
    expect(r.body).toContain('Request for a mandatory reconsideration')
    expect(r.body).toContain('Confirmation of a phone call')
    expect(r.body).toContain(`/cases/${caseId}/bundle`)
    // Inside the case: its side navigation, with this page marked as the current one.
    expect(r.body).toContain('id="case-nav-heading"')
    expect(r.body).toMatch(new RegExp(`href="/cases/${caseId}/write" aria-current="page"`))
  })

  it('answers a case that is not there, a malformed id and an unknown kind with the 404 page', async () => {
    for (const url of [
      '/cases/00000000-0000-4000-8000-000000000000/write',
      `/cases/${'x'.repeat(80)}/write`,
      `/cases/${caseId}/write/no-such-kind`,
      '/cases/00000000-0000-4000-8000-000000000000/bundle',
    ]) {
      const r = await t.app.inject(url)
      expect(r.statusCode, url).toBe(404)
      expect(r.body, url).toContain('<h1')
    }
  })

  it('shows the call confirmation with its paragraphs in textareas, from the call page link', async () => {
    const go = await t.app.inject(`/cases/${caseId}/events/${callId}/write-confirmation`)
    expect(go.statusCode).toBe(303)
    const r = await t.app.inject(String(go.headers.location))
    expect(r.statusCode).toBe(200)
    expect(r.body).toContain('<textarea')
    expect(r.body).toContain('Kelly')
  })

  it('opens clean, listing what to add, and reports it in the error summary only on submit', async () => {
    const r = await t.app.inject(`/cases/${caseId}/write/ice-referral`)
    expect(r.statusCode).toBe(200)
    expect(r.body).not.toContain('govuk-error-summary')
    expect(r.body).toContain('Before Redress can write this letter')
    expect(r.body).toContain('National Insurance number')
    const sent = await post(`/cases/${caseId}/write/ice-referral`, { action: 'update' })
    expect(sent.body).toContain('govuk-error-summary')
    expect(sent.body).toContain('#word-nationalInsuranceNumber')
  })

  it('produces the edited letter as PDF and Word', async () => {
    const base = {
      'date-day': '11',
      'date-month': '2',
      'date-year': '2025',
      callId,
      'paragraph-0': 'My own first paragraph.',
    }
    const pdf = await post(`/cases/${caseId}/write/call-confirmation`, { ...base, action: 'pdf' })
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const docx = await post(`/cases/${caseId}/write/call-confirmation`, { ...base, action: 'docx' })
    expect(docx.statusCode).toBe(200)
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })

  it('refuses to produce a letter whose subject was emptied, in the error summary', async () => {
    const r = await post(`/cases/${caseId}/write/call-confirmation`, {
      'date-day': '11',
      'date-month': '2',
      'date-year': '2025',
      subject: '',
      action: 'pdf',
    })
    expect(r.statusCode).toBe(400)
    expect(r.body).toContain('govuk-error-summary')
    expect(r.body).toContain('a subject line')
  })

  it('records it as sent, asking for the method first', async () => {
    const base = {
      'date-day': '11',
      'date-month': '2',
      'date-year': '2025',
      callId,
      'sentOn-day': '11',
      'sentOn-month': '2',
      'sentOn-year': '2025',
    }
    const none = await post(`/cases/${caseId}/write/call-confirmation`, { ...base, action: 'send' })
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('Choose how you sent it')
    const r = await post(`/cases/${caseId}/write/call-confirmation`, {
      ...base,
      method: 'first-class',
      action: 'send',
    })
    expect(r.statusCode).toBe(200)
    expect(r.body).toContain('Letter recorded as sent')
  })

  it('builds a bundle through a job page and a JSON status', async () => {
    const empty = await post(`/cases/${caseId}/bundle`, {})
    expect(empty.statusCode).toBe(400)
    const r = await post(`/cases/${caseId}/bundle`, { documents: [evidenceId] })
    expect(r.statusCode).toBe(303)
    const page = String(r.headers.location)
    let state = 'running'
    for (let i = 0; i < 100 && state === 'running'; i++) {
      await new Promise((res) => setTimeout(res, 100))
      state = (await t.app.inject(`${page}/status.json`)).json<{ state: string }>().state
    }
    expect(state).toBe('done')
    const done = await t.app.inject(page)
    expect(done.body).toContain('Your bundle is ready')
    const pdf = await t.app.inject(`${page}/bundle.pdf`)
    expect(pdf.headers['content-type']).toBe('application/pdf')
  })
})
