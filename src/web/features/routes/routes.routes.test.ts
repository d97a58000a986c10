import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QUESTIONS } from './questions.ts'
import {
  Client,
  errorSummary,
  journeyApp,
  textOf,
  unfold,
  type Form,
  type JourneyApp,
} from './journey.test-helper.ts'

/** "What can I do?": every page through app.inject, validation, check your answers, the personas and .ics files. */

const Q = (id: string) => `/what-can-i-do/${id}`
const unknown: Form = { unknown: 'yes' }
const date = (iso: string): Form => {
  const [y, m, d] = iso.split('-')
  return { 'date-day': String(Number(d)), 'date-month': String(Number(m)), 'date-year': y! }
}

/** Answers a question and checks it moved on (303) to the expected place, never with a fact in the URL. */
async function answer(c: Client, id: string, form: Form, next?: string): Promise<string> {
  const res = await c.post(Q(id), form)
  expect(res.statusCode, `${id}: ${textOf(res.body).slice(0, 300)}`).toBe(303)
  const location = String(res.headers.location)
  expect(location).toMatch(/^\/what-can-i-do\/[a-z-]+(\?return=check)?$/)
  if (next) expect(location).toBe(next)
  return location
}

let t: JourneyApp
beforeAll(async () => {
  t = await journeyApp('2025-03-20')
})
afterAll(async () => t.close())

describe('the journey’s pages', () => {
  it('has a start page that sets no cookie and links to the first question', async () => {
    const c = new Client(t.app)
    const res = await c.get('/what-can-i-do')
    expect(res.statusCode).toBe(200)
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.body).toContain('What can I do about a child maintenance problem?')
    expect(res.body).toContain(`href="${Q('where-you-live')}"`)
    expect(res.body).toContain('If you do not know an answer, you can say so')
  })

  it('is offered on the start page and in the header', async () => {
    const res = await new Client(t.app).get('/')
    expect(res.body).toContain('href="/what-can-i-do"')
    expect(res.body).toContain('Find out what you can do about a problem')
    expect(res.body).toContain('href="/work-out-a-deadline"')
    expect(res.body).toContain('href="/what-you-must-tell-the-cms"')
  })

  it('sends someone who skips ahead back to the first question not yet answered', async () => {
    const c = new Client(t.app)
    for (const url of [
      Q('calculation-what'),
      '/what-can-i-do/check-your-answers',
      '/what-can-i-do/your-options',
    ]) {
      const res = await c.get(url)
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe(Q('where-you-live'))
    }
    expect((await c.get(Q('no-such-question'))).statusCode).toBe(404)
  })

  it('renders every question page, one question each, with a back link to the one before', async () => {
    const rendered = new Set<string>()
    const walk = async (answers: (id: string) => Form | null) => {
      const c = new Client(t.app)
      let url = Q('where-you-live')
      let previous = '/what-can-i-do'
      for (
        let i = 0;
        i < 40 && url.startsWith('/what-can-i-do/') && !url.includes('check-your-answers');
        i++
      ) {
        const page = await c.get(url)
        expect(page.statusCode, url).toBe(200)
        const id = url.slice('/what-can-i-do/'.length)
        expect(page.body).toContain(`data-question="${id}"`)
        expect(page.body).toMatch(/<h1 class="govuk-fieldset__heading">|<h1 class="govuk-label-wrapper">/)
        expect(page.body.match(/<h1/g)).toHaveLength(1)
        expect(page.body).toContain(`class="govuk-back-link">Back</a>`)
        expect(page.body).toContain(`href="${previous}" class="govuk-back-link"`)
        rendered.add(id)
        const form = answers(id)
        expect(form, `no answer for ${id}`).not.toBeNull()
        previous = url
        url = await answer(c, id, form!)
      }
      expect(url).toBe('/what-can-i-do/check-your-answers')
      expect((await c.get(url)).statusCode).toBe(200)
      const options = await c.get('/what-can-i-do/your-options')
      expect(options.statusCode).toBe(200)
      const ranks = [...options.body.matchAll(/data-rank="(\d+)"/g)].map((m) => Number(m[1]))
      expect(ranks.length).toBeGreaterThan(0)
      expect(ranks).toEqual(ranks.map((_, i) => i + 1))
      expect(options.body).toContain('data-not-legal-advice')
    }
    const first: Record<string, Form> = {
      'where-you-live': { answer: 'wales' },
      'your-role': { answer: 'receiving' },
      problems: {
        answer: [
          'wrongCalculation',
          'changeOfCircumstances',
          'undeclaredIncome',
          'specialExpenses',
          'poorService',
          'arrearsWrong',
          'enforcement',
          'parentage',
          'overpayment',
          'legacyArrears',
        ],
      },
      'calculation-what': { answer: ['income', 'nights'] },
      'calculation-look-again': { answer: 'notAsked' },
      'calculation-decision-date': unknown,
      'calculation-cms-information': { answer: 'unknown' },
      'change-what': { answer: 'movedAbroad' },
      'change-who': { answer: 'payingParent' },
      'change-date': unknown,
      'change-told': { answer: 'yes' },
      'change-told-date': unknown,
      'income-kinds': { answer: 'notSure' },
      'income-evidence': { answer: 'unknown' },
      'expenses-kinds': { answer: 'contactCosts' },
      'expenses-benefit-rate': { answer: 'unknown' },
      'complaint-what': { answer: 'longDelay' },
      'complaint-stage': { answer: 'complained' },
      'complaint-date': unknown,
      'arrears-cause': { answer: 'unknown' },
      'arrears-amount': { amount: '' },
      'arrears-complained': { answer: 'yes' },
      'arrears-complained-date': date('2025-03-01'),
      'enforcement-action': { answer: 'notEnforcing' },
      'parentage-calculation': { answer: 'unknown' },
      'overpayment-cause': { answer: 'unknown' },
      'legacy-write-off': { answer: 'unknown' },
      'your-safety': { answer: 'yes' },
    }
    await walk((id) => first[id] ?? null)
    const second: Record<string, Form> = {
      ...first,
      problems: { answer: ['wrongCalculation', 'changeOfCircumstances', 'poorService', 'enforcement'] },
      'calculation-look-again': { answer: 'refused' },
      'calculation-notice-date': unknown,
      'change-what': { answer: 'incomeChange' },
      'change-income': { answer: 'up25' },
      'complaint-stage': { answer: 'finalResponse' },
      'complaint-final-response-date': date('2025-03-01'),
      'enforcement-action': { answer: 'deductionFromEarningsOrder' },
      'enforcement-date': date('2025-03-03'),
    }
    await walk((id) => second[id] ?? null)
    const third: Record<string, Form> = {
      ...first,
      problems: { answer: ['changeOfCircumstances'] },
      'change-what': { answer: 'overnightCareChanged' },
      'change-nights': { answer: 'more' },
    }
    await walk((id) => third[id] ?? null)
    await walk(
      (id) =>
        ({ ...third, 'change-what': { answer: 'newEmployer' }, 'change-earnings-order': { answer: 'yes' } })[
          id
        ] ?? null,
    )
    await walk(
      (id) =>
        ({
          ...first,
          problems: { answer: ['wrongCalculation', 'parentage'] },
          'calculation-look-again': { answer: 'tribunalDecided' },
          'calculation-reasons-date': unknown,
          'parentage-calculation': { answer: 'yes' },
          'parentage-decision-date': unknown,
        })[id] ?? null,
    )
    expect([...rendered].sort()).toEqual(QUESTIONS.map((q) => q.id).sort())
  })
})

describe('validation', () => {
  it('shows a missing choice in the error summary, linked to the first option', async () => {
    const c = new Client(t.app)
    const res = await c.post(Q('where-you-live'), {})
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)).toEqual([['Select where you live', '#answer']])
    expect(res.body).toContain('<title>Error: Where do you live?')
    expect(res.body).toContain('id="answer-error"')
    expect(res.headers['set-cookie']).toBeUndefined()
  })

  it('refuses a value that is not one of the options', async () => {
    const c = new Client(t.app)
    const res = await c.post(Q('where-you-live'), { answer: 'france' })
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)[0]![1]).toBe('#answer')
  })

  it('needs at least one checkbox, keeping none ticked', async () => {
    const c = new Client(t.app)
    await answer(c, 'where-you-live', { answer: 'england' })
    await answer(c, 'your-role', { answer: 'paying' })
    const res = await c.post(Q('problems'), {})
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)).toEqual([['Select at least one problem', '#answer']])
  })

  describe('dates', () => {
    let c: Client
    beforeAll(async () => {
      c = new Client(t.app)
      await answer(c, 'where-you-live', { answer: 'england' })
      await answer(c, 'your-role', { answer: 'receiving' })
      await answer(c, 'problems', { answer: 'wrongCalculation' })
      await answer(c, 'calculation-what', { answer: 'income' })
      await answer(c, 'calculation-look-again', { answer: 'notAsked' })
    })

    it('offers “I don’t know”, needs one or the other, and not both', async () => {
      const page = await c.get(Q('calculation-decision-date'))
      expect(page.body).toContain('I don’t know, or I can’t find the letter')
      expect(page.body).toContain('name="unknown" type="checkbox" value="yes"')
      const res = await c.post(Q('calculation-decision-date'), {})
      expect(errorSummary(res.body)).toEqual([
        ['Enter the date on the decision letter, or select ‘I don’t know’', '#date-day'],
      ])
      const both = await c.post(Q('calculation-decision-date'), { ...date('2025-02-03'), ...unknown })
      expect(errorSummary(both.body)).toEqual([
        ['Enter a date, or select ‘I don’t know’, but not both', '#date-day'],
      ])
      expect(both.body).toMatch(/name="unknown" type="checkbox" value="yes" checked/)
    })

    it('links a missing part to that field and keeps what was typed', async () => {
      const res = await c.post(Q('calculation-decision-date'), { 'date-day': '14', 'date-year': '2025' })
      expect(res.statusCode).toBe(400)
      expect(errorSummary(res.body)).toEqual([
        ['The date on the decision letter must include a month', '#date-month'],
      ])
      expect(res.body).toMatch(/id="date-day" name="date-day" type="text" value="14"/)
      expect(res.body).toMatch(/id="date-year" name="date-year" type="text" value="2025"/)
    })

    it('refuses a date that does not exist, or one in the future', async () => {
      const bad = await c.post(Q('calculation-decision-date'), date('2025-02-30'))
      expect(errorSummary(bad.body)).toEqual([
        ['The date on the decision letter must be a real date', '#date-day'],
      ])
      const future = await c.post(Q('calculation-decision-date'), date('2025-03-21'))
      expect(errorSummary(future.body)).toEqual([
        ['The date on the decision letter must be today or in the past', '#date-day'],
      ])
      const year = await c.post(Q('calculation-decision-date'), { ...date('2025-02-03'), 'date-year': '25' })
      expect(errorSummary(year.body)[0]![1]).toBe('#date-year')
    })
  })

  it('checks an amount of money, keeping what was typed, and allows it to be left empty', async () => {
    const c = new Client(t.app)
    await answer(c, 'where-you-live', { answer: 'scotland' })
    await answer(c, 'your-role', { answer: 'paying' })
    await answer(c, 'problems', { answer: 'arrearsWrong' })
    await answer(c, 'arrears-cause', { answer: 'paymentNotRecorded' })
    const res = await c.post(Q('arrears-amount'), { amount: 'six hundred' })
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)).toEqual([
      ['Enter an amount in pounds and pence, like 612.00, or leave it empty', '#amount'],
    ])
    expect(res.body).toContain('value="six hundred"')
    await answer(c, 'arrears-amount', { amount: '£1,612' }, Q('arrears-complained'))
    expect((await c.get(Q('arrears-amount'))).body).toContain('value="1612.00"')
    await answer(c, 'arrears-amount', { amount: '' }, Q('arrears-complained'))
  })
})

describe('check your answers', () => {
  it('lists every answer with a Change link that comes back here, and asks new questions a change opens', async () => {
    const c = new Client(t.app)
    await answer(c, 'where-you-live', { answer: 'england' })
    await answer(c, 'your-role', { answer: 'receiving' })
    await answer(c, 'problems', { answer: 'legacyArrears' })
    await answer(c, 'legacy-write-off', { answer: 'no' })
    await answer(c, 'your-safety', { answer: 'no' }, '/what-can-i-do/check-your-answers')
    const check = await c.get('/what-can-i-do/check-your-answers')
    expect(check.statusCode).toBe(200)
    const text = textOf(check.body)
    expect(text).toContain('Where you live England')
    expect(text).toContain('Write-off letter No')
    expect(check.body).toContain(`href="${Q('your-role')}?return=check"`)
    expect(check.body).toContain('Change<span class="govuk-visually-hidden"> pay or receive</span>')
    expect(check.body).toContain(`href="${Q('your-safety')}" class="govuk-back-link"`)

    // Changing an answer returns to the check page…
    const back = await c.get(`${Q('where-you-live')}?return=check`)
    expect(back.body).toContain('href="/what-can-i-do/check-your-answers" class="govuk-back-link"')
    expect(back.body).toMatch(/value="england" checked/)
    await answer(c, 'where-you-live?return=check', { answer: 'wales' }, '/what-can-i-do/check-your-answers')
    // …unless it opens new questions, which are asked first.
    await answer(
      c,
      'problems?return=check',
      { answer: ['legacyArrears', 'parentage'] },
      `${Q('parentage-calculation')}?return=check`,
    )
    await answer(
      c,
      'parentage-calculation?return=check',
      { answer: 'yes' },
      `${Q('parentage-decision-date')}?return=check`,
    )
    await answer(c, 'parentage-decision-date?return=check', unknown, '/what-can-i-do/check-your-answers')
    expect(textOf((await c.get('/what-can-i-do/check-your-answers')).body)).toContain('Where you live Wales')
  })

  it('starts again with no answers', async () => {
    const c = new Client(t.app)
    await answer(c, 'where-you-live', { answer: 'england' })
    const start = await c.get('/what-can-i-do')
    expect(start.body).toContain('Continue where you left off')
    const res = await c.post('/what-can-i-do/start-again')
    expect(res.headers.location).toBe(Q('where-you-live'))
    expect((await c.get(Q('your-role'))).statusCode).toBe(303)
  })
})

/** Walks a journey from the first question to the options page and returns its HTML. */
async function options(c: Client, steps: Array<[string, Form]>): Promise<string> {
  for (const [id, form] of steps) await answer(c, id, form)
  const check = await c.get('/what-can-i-do/check-your-answers')
  expect(check.statusCode).toBe(200)
  const res = await c.get('/what-can-i-do/your-options')
  expect(res.statusCode).toBe(200)
  return res.body
}

/** The HTML of one route's section on the options page. */
function section(html: string, routeId: string): string {
  const start = html.indexOf(`data-route="${routeId}"`)
  expect(start, `route ${routeId}`).toBeGreaterThan(-1)
  const end = html.indexOf('</section>', start)
  return html.slice(start, end)
}

describe('Jordan (paying parent, Scotland)', () => {
  const c = () => new Client(t.app)
  let html = ''
  let client: Client
  beforeAll(async () => {
    client = c()
    html = await options(client, [
      ['where-you-live', { answer: 'scotland' }],
      ['your-role', { answer: 'paying' }],
      ['problems', { answer: ['wrongCalculation', 'arrearsWrong', 'enforcement'] }],
      ['calculation-what', { answer: 'nights' }],
      ['calculation-look-again', { answer: 'refused' }],
      ['calculation-notice-date', date('2025-03-14')],
      ['calculation-cms-information', { answer: 'unknown' }],
      ['arrears-cause', { answer: 'paymentNotRecorded' }],
      ['arrears-amount', { amount: '612' }],
      ['arrears-complained', { answer: 'yes' }],
      ['arrears-complained-date', date('2025-03-17')],
      ['enforcement-action', { answer: 'deductionFromEarningsOrder' }],
      ['enforcement-date', date('2025-03-03')],
      ['your-safety', { answer: 'no' }],
    ])
  })

  it('routes the nights dispute to an SSCS2 appeal: act by, and received by, Monday 14 April 2025 at 5pm', () => {
    const s = section(html, 'tribunal-appeal')
    expect(s).toContain('data-letter-kind="appealPack"')
    expect(s).toContain('SSCS2')
    expect(s).toContain('data-act-by="2025-04-14">Monday 14 April 2025<')
    expect(s).toContain('data-deadline-date="2025-04-14"')
    expect(textOf(s)).toContain('Monday 14 April 2025 , by 5pm')
    expect(s).toContain('data-rule="deadlines.tribunal-appeal"')
    expect(s).toContain('Tribunal Procedure (First-tier Tribunal) (Social Entitlement Chamber) Rules 2008')
    expect(s).toContain('data-confidence="verified"')
    expect(s).toContain('How we worked this out')
    expect(s).toContain('data-outer-limit="2026-04-14"')
  })

  it('says plainly that the £612 arrears cannot be appealed, and gives the statement of account and complaint', () => {
    const s = section(html, 'statement-of-account')
    expect(s).toContain('data-no-appeal')
    expect(textOf(s)).toContain('You cannot appeal an arrears figure to a tribunal')
    expect(textOf(s)).toContain('£612.00')
    expect(s).toContain('data-letter-kind="statementOfAccount"')
    expect(html).toContain('data-route="complaint"')
    const banner = html.slice(html.indexOf('data-no-appeal-summary'), html.indexOf('data-contents'))
    expect(textOf(banner)).toContain('You cannot appeal an arrears figure to a tribunal')
    expect(banner).toMatch(/href="#route-(\d+)">See option \1: Ask for a full statement of account/)
  })

  it('sends the earnings order to the sheriff on narrow grounds only, by Monday 31 March 2025', () => {
    const s = section(html, 'earnings-order-appeal')
    expect(s).toContain('data-rank="1"')
    expect(textOf(s)).toMatch(/sheriff/)
    expect(textOf(s)).toMatch(/defective/)
    expect(textOf(s)).toMatch(/not earnings/)
    expect(textOf(s)).toContain('The court cannot look again at the maintenance calculation')
    expect(s).toContain('data-act-by="2025-03-31"')
  })

  it('tracks the complaint targets in Scottish working days, as targets for the CMS', () => {
    const s = section(html, 'complaint')
    expect(s).toContain('data-date="2025-04-07"')
    expect(textOf(s)).toContain('This is a target for the Child Maintenance Service, not a deadline for you')
  })

  it('gives the free CMS number and Relay UK with their sources, the paid-number warning and free help', () => {
    const contacts = html.slice(html.indexOf('data-contacts'), html.indexOf('data-paid-warning'))
    expect(contacts).toContain('0800 171 2345')
    expect(contacts).toContain('18001 then 0800 171 2345')
    expect(contacts).toContain('href="https://www.citizensadvice.org.uk/')
    expect(contacts).toMatch(/Checked 23 November 2026/)
    expect(textOf(html)).toContain('are paid call-connection services run by private companies')
    expect(textOf(html)).toContain('It is not legal advice')
    expect(textOf(html)).toContain('Citizens Advice Scotland')
    expect(html).toContain('href="/what-you-must-tell-the-cms"')
  })

  it('downloads each date as a calendar event with its rule and source', async () => {
    const rank = /data-route="tribunal-appeal" data-rank="(\d+)"/.exec(html)![1]!
    const href = `/what-can-i-do/your-options/${rank}/1/calendar.ics`
    expect(html).toContain(`href="${href}"`)
    const res = await client.get(href)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8')
    expect(res.headers['content-disposition']).toBe('attachment; filename="redress-tribunal-appeal.ics"')
    const ics = unfold(res.body)
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain('DTSTART;VALUE=DATE:20250414')
    const description = /DESCRIPTION:(.*)/.exec(ics)![1]!
    expect(description).toContain('Rule: deadlines.tribunal-appeal')
    expect(description).toContain('Source: Tribunal Procedure (First-tier Tribunal)')
    expect(description).toContain('Confidence: verified')
  })

  it('downloads all the dates in one file, and refuses a date that does not exist', async () => {
    const all = await client.get('/what-can-i-do/your-options/calendar.ics')
    expect(all.statusCode).toBe(200)
    expect(unfold(all.body)).toContain('DTSTART;VALUE=DATE:20250331')
    expect(unfold(all.body)).toContain('DTSTART;VALUE=DATE:20250414')
    expect((await client.get('/what-can-i-do/your-options/99/1/calendar.ics')).statusCode).toBe(404)
    expect((await client.get('/what-can-i-do/your-options/1/9/calendar.ics')).statusCode).toBe(404)
    expect((await new Client(t.app).get('/what-can-i-do/your-options/1/1/calendar.ics')).statusCode).toBe(303)
  })
})

describe('Amira (receiving parent, England)', () => {
  let html = ''
  beforeAll(async () => {
    const a = await journeyApp('2025-02-12')
    try {
      html = await options(new Client(a.app), [
        ['where-you-live', { answer: 'england' }],
        ['your-role', { answer: 'receiving' }],
        ['problems', { answer: ['wrongCalculation', 'undeclaredIncome'] }],
        ['calculation-what', { answer: 'income' }],
        ['calculation-look-again', { answer: 'notAsked' }],
        ['calculation-decision-date', date('2025-02-03')],
        ['calculation-cms-information', { answer: 'no' }],
        ['income-kinds', { answer: 'unearnedIncome' }],
        ['income-evidence', { answer: 'yes' }],
        ['your-safety', { answer: 'no' }],
      ])
    } finally {
      await a.close()
    }
  })

  it('asks the CMS to look again: must arrive by Wed 5 March 2025, act by Mon 3 March 2025, and says why', () => {
    const s = section(html, 'mandatory-reconsideration')
    expect(s).toContain('data-rank="1"')
    expect(s).toContain('data-letter-kind="mandatoryReconsideration"')
    expect(s).toContain('data-act-by="2025-03-03">Monday 3 March 2025<')
    expect(s).toContain('data-deadline-date="2025-03-05">Wednesday 5 March 2025<')
    expect(textOf(s)).toContain('Official sources give different dates for this time limit')
    expect(s).toContain('data-reading="conservative"')
    expect(textOf(s)).toContain('GOV.UK tells people to ask for a mandatory reconsideration')
  })

  it('adds a variation for the undeclared income', () => {
    const s = section(html, 'variation')
    expect(s).toContain('data-letter-kind="variation:unearnedIncome"')
    expect(textOf(s)).toContain('A variation application: unearned income')
  })
})

describe('Chris (paying parent, Northern Ireland)', () => {
  let html = ''
  beforeAll(async () => {
    const a = await journeyApp('2025-06-03')
    try {
      html = await options(new Client(a.app), [
        ['where-you-live', { answer: 'northern-ireland' }],
        ['your-role', { answer: 'paying' }],
        ['problems', { answer: ['wrongCalculation', 'changeOfCircumstances', 'parentage'] }],
        ['calculation-what', { answer: 'other' }],
        ['calculation-look-again', { answer: 'refused' }],
        ['calculation-notice-date', date('2025-05-08')],
        ['calculation-cms-information', { answer: 'unknown' }],
        ['change-what', { answer: 'childLeftEducation' }],
        ['change-date', unknown],
        ['change-told', { answer: 'no' }],
        ['parentage-calculation', { answer: 'yes' }],
        ['parentage-decision-date', unknown],
        ['your-safety', { answer: 'no' }],
      ])
    } finally {
      await a.close()
    }
  })

  it('appeals to the Appeals Service: about Friday 6 June 2025, showing the uncertainty', () => {
    const s = section(html, 'ni-appeal')
    expect(s).toContain('data-act-by="2025-06-06">Friday 6 June 2025<')
    expect(s).toContain('data-deadline-date="2025-06-08"')
    expect(s).toContain('data-reading="may-not-be-accepted"')
    expect(textOf(s)).toContain('Monday 9 June 2025')
    expect(textOf(s)).toContain('A later date is possible, but it may not be accepted')
    expect(textOf(s)).toMatch(/could not confirm/)
  })

  it('sends parentage to a court, not the tribunal, and backdates the change to when the child stopped qualifying', () => {
    const p = section(html, 'parentage-dispute')
    expect(p).toContain('data-no-appeal')
    expect(textOf(p)).toMatch(/court/)
    const s = section(html, 'supersession')
    expect(textOf(s)).toMatch(/backdated/)
  })

  it('gives Northern Ireland’s contacts, not the GB phone line', () => {
    const contacts = html.slice(html.indexOf('data-contacts'), html.indexOf('data-paid-warning'))
    expect(contacts).toContain('nidirect.gov.uk')
    expect(contacts).not.toContain('18001')
    expect(textOf(html)).toContain('Advice NI')
  })
})

describe('Priya (receiving parent, Wales)', () => {
  let html = ''
  beforeAll(async () => {
    const a = await journeyApp('2025-09-10')
    try {
      html = await options(new Client(a.app), [
        ['where-you-live', { answer: 'wales' }],
        ['your-role', { answer: 'receiving' }],
        ['problems', { answer: 'poorService' }],
        ['complaint-what', { answer: ['lostDocuments', 'longDelay', 'enforcementDelay'] }],
        ['complaint-stage', { answer: 'finalResponse' }],
        ['complaint-final-response-date', date('2025-09-02')],
        ['your-safety', { answer: 'yes' }],
      ])
    } finally {
      await a.close()
    }
  })

  it('takes the complaint to the Independent Case Examiner by Monday 2 March 2026', () => {
    const s = section(html, 'ice-referral')
    expect(s).toContain('data-rank="1"')
    expect(s).toContain('data-act-by="2026-03-02">Monday 2 March 2026<')
    expect(s).toContain('data-letter-kind="iceReferral"')
    expect(textOf(s)).toMatch(/final response/)
  })

  it('reminds her to keep her address and phone number out of what she sends', () => {
    expect(textOf(html)).toContain('must not learn your address or phone number')
  })

  it('shows the Welsh-language line as not confirmed', () => {
    const contacts = html.slice(html.indexOf('data-contacts'), html.indexOf('data-paid-warning'))
    expect(contacts).toContain('Welsh-language phone line')
    expect(contacts).toMatch(/data-confidence="unverified">Not confirmed/)
  })
})

describe('privacy', () => {
  it('keeps answers out of URLs and in an HttpOnly session cookie', async () => {
    const c = new Client(t.app)
    const res = await c.post(Q('where-you-live'), { answer: 'england' })
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)
    expect(String(res.headers.location)).not.toContain('england')
    expect(res.headers['cache-control']).toBe('no-store')
  })
})
