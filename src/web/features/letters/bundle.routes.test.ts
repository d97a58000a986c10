import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sameOrigin, testApp, type TestApp } from '../../../../test/helpers/app.ts'
import { textPdf } from '../../../../test/fixtures/documents/pdfs.ts'
import { amira, WHO } from '../../../../test/letters/personas.ts'
import { extractPageTexts } from '../../../documents/index.ts'

let t: TestApp
let caseId = ''
let payslipId = ''

beforeAll(async () => {
  t = await testApp()
  // The app's own services (createServices, through testApp): the same wiring the pages use.
  const caseFile = t.services.caseFile
  const a = await amira(t.services)
  caseId = a.c.id
  const e = await caseFile.evidence.add(WHO, caseId, {
    fileName: 'payslip.pdf',
    content: Readable.from([
      Buffer.from(
        await textPdf({
          pages: 1,
          lines: () => [
            'Payslip for March',
            'Employee address: 14 Ash Grove, Leeds, LS6 2AB',
            'Employer: Northfield Bakery Ltd',
            'Gross pay this period 1,234.56',
          ],
        }),
      ),
    ]),
    title: 'Payslip March',
  })
  payslipId = e.id
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

async function finished(location: string): Promise<void> {
  let state = 'running'
  for (let i = 0; i < 200 && state === 'running'; i++) {
    await new Promise((res) => setTimeout(res, 100))
    state = (await t.app.inject(`${location}/status.json`)).json<{ state: string }>().state
  }
  expect(state).toBe('done')
}

describe('the bundle page', () => {
  it('lists the documents with their sections and order, and offers the parent’s own details to hide', async () => {
    const r = await t.app.inject(`/cases/${caseId}/bundle`)
    expect(r.statusCode).toBe(200)
    expect(r.body).toContain(`name="section-${payslipId}"`)
    expect(r.body).toMatch(new RegExp(`name="section-${payslipId}">[^]*?<option value="evidence" selected>`))
    expect(r.body).toContain(`name="order-${payslipId}"`)
    expect(r.body).toContain('value="address:14 Ash Grove"')
    expect(r.body).toContain('not a tagged PDF')
    expect(r.body).toContain('name="_csrf"')
  })

  it('refuses a thing to hide that is too short, keeping what was typed', async () => {
    const r = await post(`/cases/${caseId}/bundle`, {
      documents: [payslipId],
      redactMore: 'Northfield Bakery\nab',
    })
    expect(r.statusCode).toBe(400)
    expect(r.body).toContain('There is a problem')
    expect(r.body).toContain('href="#redactMore"')
    expect(r.body).toContain('Northfield Bakery\nab')
  })

  it('removes the chosen details from an uploaded file, moves it to the chosen section and shows the redaction log', async () => {
    const r = await post(`/cases/${caseId}/bundle`, {
      documents: [payslipId],
      [`section-${payslipId}`]: 'correspondence',
      [`order-${payslipId}`]: '1',
      hide: ['address:14 Ash Grove', 'address:LS6 2AB'],
      redactMore: 'Northfield Bakery',
    })
    expect(r.statusCode).toBe(303)
    const page = String(r.headers.location)
    await finished(page)
    const done = await t.app.inject(page)
    expect(done.body).toContain('Redaction log')
    expect(done.body).toMatch(/Payslip March \(payslip\.pdf, page 1\)/)
    expect(done.body).toContain('removed your address')
    const pdf = await t.app.inject(`${page}/bundle.pdf`)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const text = (await extractPageTexts(new Uint8Array(pdf.rawPayload))).map((p) => p.text).join('\n')
    expect(text).not.toMatch(/Ash Grove|LS6 2AB|Northfield Bakery/)
    expect(text).toContain('Gross pay this period 1,234.56')
    expect(text).toMatch(/D\d+ Payslip March/)
  })
})
