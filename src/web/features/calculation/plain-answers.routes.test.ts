import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { amira, CALC, type JourneyStep } from '../../../../e2e/support/calculation-journey.ts'
import { squash } from '../../../../e2e/support/pdf-text.ts'
import { sameOrigin, testApp, type TestApp } from '../../../../test/helpers/app.ts'

/**
 * Issue #12 point 6 on the calculation result: the rate named as the CMS names it, what the paying parent
 * pays with fees, the reconsideration deadline from the date on the decision letter (legal and act-by, in
 * one sentence) with a button to add it to a case file, and sources behind a "Sources" disclosure.
 */

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(async () => t.close())

class Client {
  cookie = ''
  get(url: string) {
    return t.app.inject({ method: 'GET', url, headers: this.cookie ? { cookie: this.cookie } : {} })
  }
  async post(url: string, fields: Record<string, string>) {
    const res = await t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOrigin(this.cookie) },
    })
    const set = res.headers['set-cookie']
    if (set) this.cookie = String(set).split(';')[0]!
    return res
  }
  async walk(steps: readonly JourneyStep[]) {
    for (const s of steps) {
      await this.get(s.path)
      const res = await this.post(s.path, s.fields)
      expect(res.statusCode, s.path).toBe(303)
    }
  }
}

const text = (html: string): string =>
  squash(
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  )

/** The page with every "Sources" disclosure taken out: what a reader sees before clicking. */
const mainText = (html: string): string =>
  text(html.replace(/<details class="govuk-details[^"]*"[\s\S]*?<\/details>/g, ' '))

async function amiraResult(): Promise<Client> {
  const c = new Client()
  await c.walk(amira({ compare: false }))
  return c
}

describe('the calculation result answers plainly first', () => {
  it('names the rate as the CMS does and shows what the paying parent would pay with fees', async () => {
    const c = await amiraResult()
    const page = await c.get(`${CALC}/result`)
    expect(page.statusCode).toBe(200)
    const main = mainText(page.body)
    expect(main).toContain('The CMS calls this the basic plus rate.')
    expect(main).toMatch(
      /With Direct Pay there are no fees\. If the CMS collected it instead \(Collect and Pay\), the paying parent would pay £\d+\.\d\d a week with fees/,
    )
  })

  it('keeps rule ids and research references behind "Sources"', async () => {
    const c = await amiraResult()
    const page = await c.get(`${CALC}/result`)
    expect(text(page.body)).toContain('(calculation.rounding)')
    expect(mainText(page.body).match(/.{60}\((calculation|deadlines|remedies)\.[a-z-]+\)/g)).toBeNull()
    expect(page.body).toContain('<span class="govuk-details__summary-text">\n      Sources\n    </span>')
  })

  it('asks for the date on the decision letter and refuses a bad one, keeping what was typed', async () => {
    const c = await amiraResult()
    const res = await c.post(`${CALC}/result/decision-letter`, {
      'letterDate-day': '31',
      'letterDate-month': '2',
      'letterDate-year': '2025',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('href="#letterDate-day"')
    expect(res.body).toContain('href="#nation"')
    expect(res.body).toMatch(/id="letterDate-day"[^>]*value="31"|value="31"[^>]*id="letterDate-day"/)
  })

  it('gives the reconsideration deadline, legal and act-by, in one clear sentence, and adds it to a case file', async () => {
    const c = await amiraResult()
    const posted = await c.post(`${CALC}/result/decision-letter`, {
      'letterDate-day': '3',
      'letterDate-month': '2',
      'letterDate-year': '2025',
      nation: 'england',
    })
    expect(posted.statusCode).toBe(303)
    expect(posted.headers.location).toBe(`${CALC}/result#reconsideration`)
    let page = await c.get(`${CALC}/result`)
    expect(page.body).toContain('data-act-by="2025-03-03">Monday 3 March 2025<')
    expect(page.body).toContain('data-deadline-date="2025-03-05">Wednesday 5 March 2025<')
    expect(text(page.body)).toContain(
      'Act by Monday 3 March 2025, the earliest date any reading of the rules gives.',
    )
    // One confidence label for the deadline, the same words the rest of the page uses.
    expect(mainText(page.body)).toMatch(/How sure we are Confirmed/)
    expect(mainText(page.body)).not.toMatch(/\bVerified\b|\bUnverified\b/)
    expect(text(page.body)).toContain('You have no case file yet.')

    const made = await c.post('/cases/new', { title: 'Amira and Dan', nation: 'england', role: 'receiving' })
    expect(made.statusCode, text(made.body).slice(0, 300)).toBe(303)
    page = await c.get(`${CALC}/result`)
    const caseId = /<option value="([^"]+)"/.exec(page.body)![1]!
    const added = await c.post(`${CALC}/result/add-to-case`, { caseId })
    expect(added.statusCode, text(added.body).slice(0, 300)).toBe(303)
    const decision = await c.get(String(added.headers.location))
    expect(decision.statusCode).toBe(200)
    const deadlines = await c.get(`/cases/${caseId}/deadlines`)
    expect(text(deadlines.body)).toMatch(/3 March 2025|5 March 2025/)
  })
})
