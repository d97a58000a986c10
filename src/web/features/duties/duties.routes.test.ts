import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Client,
  errorSummary,
  journeyApp,
  textOf,
  unfold,
  type JourneyApp,
} from '../routes/journey.test-helper.ts'

/** "What you must tell the CMS": the form, its errors, the checklist (no JavaScript needed) and the address date. */

const URL = '/what-you-must-tell-the-cms'
const LIST = '/what-you-must-tell-the-cms/checklist'
const ICS = '/what-you-must-tell-the-cms/checklist/calendar.ics'

let t: JourneyApp
beforeAll(async () => {
  t = await journeyApp('2025-03-05')
})
afterAll(async () => t.close())

describe('the form', () => {
  it('renders with no cookie and asks who, where and (if they moved) when', async () => {
    const res = await new Client(t.app).get(URL)
    expect(res.statusCode).toBe(200)
    expect(res.headers['set-cookie']).toBeUndefined()
    for (const name of ['role', 'nation', 'movedOn-day']) expect(res.body).toContain(`name="${name}"`)
  })

  it('lists what is missing in the error summary, linked to each field', async () => {
    const res = await new Client(t.app).post(URL, {})
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)).toEqual([
      ['Select whether you pay or receive child maintenance', '#role'],
      ['Select where you live', '#nation'],
    ])
  })

  it('checks the move date, keeping the answers given', async () => {
    const res = await new Client(t.app).post(URL, {
      role: 'paying',
      nation: 'england',
      'movedOn-day': '1',
      'movedOn-year': '2025',
    })
    expect(errorSummary(res.body)).toEqual([['The date you moved must include a month', '#movedOn-month']])
    expect(res.body).toMatch(/value="paying" checked/)
    expect(res.body).toMatch(/id="movedOn-day" name="movedOn-day" type="text" value="1"/)
  })

  it('fills in the role and nation already given in “What can I do?”', async () => {
    const c = new Client(t.app)
    await c.post('/what-can-i-do/where-you-live', { answer: 'scotland' })
    await c.post('/what-can-i-do/your-role', { answer: 'receiving' })
    const res = await c.get(URL)
    expect(res.body).toMatch(/value="receiving" checked/)
    expect(res.body).toMatch(/value="scotland" checked/)
  })

  it('sends anyone without answers back to the form', async () => {
    expect((await new Client(t.app).get(LIST)).headers.location).toBe(URL)
    expect((await new Client(t.app).get(ICS)).headers.location).toBe(URL)
  })
})

describe('the checklist', () => {
  it('gives a paying parent the 7-day address rule, the fine up to £1,000 and working checkboxes', async () => {
    const c = new Client(t.app)
    const res = await c.post(URL, { role: 'paying', nation: 'england' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(LIST)
    const page = await c.get(LIST)
    const text = textOf(page.body)
    expect(page.statusCode).toBe(200)
    expect(text).toContain('If you move house, give the CMS your new address within 7 days of moving.')
    expect(text).toContain('A court can fine you up to £1,000')
    // The statutory source is a click away, behind "Sources".
    expect(page.body).toContain('data-sources')
    expect(text).toContain('Child Support Act 1991, s.14A')
    expect(textOf(page.body.slice(0, page.body.indexOf('data-sources')))).not.toContain('s.14A')
    expect(text).toContain('Not reporting this can be a criminal offence.')
    expect(page.body).toContain('id="duty-address" name="done" type="checkbox" value="address"')
    expect(page.body).toContain('value="job-change-with-earnings-order"')
    expect(page.body).not.toContain('<form method="post" action="/what-you-must-tell-the-cms/checklist"')
    expect(text).toContain('your ticks are for you only, and are not saved or sent')
    expect(page.body).toContain('0800 171 2345')
    expect(page.body).not.toContain('data-deadline=')
  })

  it('leaves the paying parent’s own duties off a receiving parent’s list', async () => {
    const c = new Client(t.app)
    await c.post(URL, { role: 'receiving', nation: 'scotland' })
    const page = await c.get(LIST)
    expect(page.body).toContain('value="child-leaves-education"')
    expect(page.body).not.toContain('value="job-change-with-earnings-order"')
  })

  it('works out when the CMS must have a new address, with its rule, and offers it as a calendar event', async () => {
    const c = new Client(t.app)
    await c.post(URL, {
      role: 'paying',
      nation: 'england',
      'movedOn-day': '1',
      'movedOn-month': '3',
      'movedOn-year': '2025',
    })
    const page = await c.get(LIST)
    expect(page.body).toContain('data-deadline-date="2025-03-08">Saturday 8 March 2025<')
    expect(page.body).toContain('data-act-by="2025-03-07">Friday 7 March 2025<')
    expect(page.body).toContain('data-rule="deadlines.change-of-address-notice"')
    expect(page.body).toContain(`href="${ICS}"`)
    const ics = await c.get(ICS)
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8')
    expect(unfold(ics.body)).toContain('DTSTART;VALUE=DATE:20250308')
    expect(unfold(ics.body)).toContain('Rule: deadlines.change-of-address-notice')
  })
})
