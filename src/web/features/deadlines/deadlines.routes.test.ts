import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEADLINE_KINDS } from '../../../domain/deadlines/kinds.ts'
import {
  Client,
  errorSummary,
  journeyApp,
  textOf,
  unfold,
  type Form,
  type JourneyApp,
} from '../routes/journey.test-helper.ts'
import { KIND_ORDER } from './deadlines.schema.ts'

/** "Work out a deadline": the form, its errors, the personas' dates, uncertain starts and the .ics file. */

const URL = '/work-out-a-deadline'
const DATE = '/work-out-a-deadline/date'
const RESULT = '/work-out-a-deadline/your-deadline'
const ICS = '/work-out-a-deadline/your-deadline/calendar.ics'

/** Step 2's fields for an exact date. */
const exact = (iso: string): Form => {
  const [y, m, d] = iso.split('-')
  return { 'exact-day': String(Number(d)), 'exact-month': String(Number(m)), 'exact-year': y! }
}

let t: JourneyApp
/** The same app later in the year, for letters dated after 20 March 2025 (future dates are refused). */
let later: JourneyApp
beforeAll(async () => {
  t = await journeyApp('2025-03-20')
  later = await journeyApp('2025-09-10')
})
afterAll(async () => {
  await t.close()
  await later.close()
})

/** Answers step 1 and expects to be sent on to step 2. */
async function step1(c: Client, kind: string, nation: string, when = 'exact'): Promise<void> {
  const res = await c.post(URL, { kind, nation, when })
  expect(res.statusCode, textOf(res.body).slice(0, 400)).toBe(303)
  expect(res.headers.location).toBe(DATE)
}

/** Answers both steps, expects the redirect to the answer, and returns the answer page. */
async function work(c: Client, kind: string, nation: string, when: string, form: Form): Promise<string> {
  await step1(c, kind, nation, when)
  const question = await c.get(DATE)
  expect(question.statusCode).toBe(200)
  const res = await c.post(DATE, form)
  expect(res.statusCode, textOf(res.body).slice(0, 400)).toBe(303)
  expect(res.headers.location).toBe(RESULT)
  const page = await c.get(RESULT)
  expect(page.statusCode).toBe(200)
  return page.body
}

describe('the form', () => {
  it('offers every kind of deadline the engine knows, saying which date each counts from', async () => {
    expect([...KIND_ORDER].sort()).toEqual([...DEADLINE_KINDS].sort())
    const res = await new Client(t.app).get(URL)
    expect(res.statusCode).toBe(200)
    expect(res.headers['set-cookie']).toBeUndefined()
    for (const k of DEADLINE_KINDS) expect(res.body).toContain(`value="${k}"`)
    expect(res.body).toContain('Counts from the date printed on the CMS decision letter.')
    for (const w of ['exact', 'about', 'month', 'between'])
      expect(res.body).toContain(`name="when" type="radio" value="${w}"`)
  })

  it('lists every missing answer in the error summary, linked to its field', async () => {
    const res = await new Client(t.app).post(URL, {})
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)).toEqual([
      ['Select what you need to do', '#kind'],
      ['Select where you live', '#nation'],
      ['Select whether you know the date it started', '#when'],
    ])
  })

  it('works out a Northern Ireland deduction order appeal, saying the date is not confirmed', async () => {
    const html = await work(new Client(t.app), 'deoAppeal', 'northern-ireland', 'exact', exact('2025-03-03'))
    expect(html).toContain('data-deadline-date="2025-03-31"')
    expect(textOf(html)).toContain('court of summary jurisdiction')
    expect(textOf(html)).toMatch(/not confirmed|unverified/i)
  })

  it('asks only for the date fields that fit how sure the parent is, with a back link', async () => {
    const c = new Client(t.app)
    await step1(c, 'tribunalAppeal', 'scotland', 'about')
    const page = await c.get(DATE)
    expect(page.body).toContain('About how long ago did it start?')
    expect(page.body).toContain('id="aboutCount"')
    expect(page.body).not.toContain('id="exact-day"')
    expect(page.body).not.toContain('name="residentAbroad"')
    expect(page.body).toContain('href="/work-out-a-deadline" class="govuk-back-link"')
    expect(page.body).toContain('Why we use the earliest date when you are not sure')
    // Going back keeps the answers.
    expect((await c.get(URL)).body).toMatch(/value="about" checked/)
    await step1(c, 'deoAppeal', 'england', 'exact')
    const deo = await c.get(DATE)
    expect(deo.body).toContain('What date did it start?')
    expect(deo.body).toContain('name="residentAbroad"')
  })

  it('links a date error to the part that is wrong and keeps what was typed', async () => {
    const c = new Client(t.app)
    await step1(c, 'mandatoryReconsideration', 'england')
    const res = await c.post(DATE, { 'exact-day': '3', 'exact-month': '2' })
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)).toEqual([['The date it started must include a year', '#exact-year']])
    expect(res.body).toMatch(/id="exact-day" name="exact-day" type="text" value="3"/)
    const future = await c.post(DATE, exact('2025-03-21'))
    expect(errorSummary(future.body)).toEqual([
      ['The date it started must be today or in the past', '#exact-day'],
    ])
  })

  it('checks “about … ago”, a month and two dates', async () => {
    const c = new Client(t.app)
    await step1(c, 'tribunalAppeal', 'scotland', 'about')
    const about = await c.post(DATE, { aboutCount: '0', aboutUnit: 'weeks' })
    expect(errorSummary(about.body)).toEqual([['Enter a whole number of weeks from 1 to 57', '#aboutCount']])
    expect(about.body).toContain('value="0"')
    await step1(c, 'tribunalAppeal', 'scotland', 'month')
    const month = await c.post(DATE, { 'inMonth-month': '13', 'inMonth-year': '2025' })
    expect(errorSummary(month.body)).toEqual([['Enter the month as a number from 1 to 12', '#inMonth-month']])
    const later = await c.post(DATE, { 'inMonth-month': '4', 'inMonth-year': '2025' })
    expect(errorSummary(later.body)).toEqual([['The month must be this month or earlier', '#inMonth-month']])
    await step1(c, 'tribunalAppeal', 'scotland', 'between')
    const reversed = await c.post(DATE, {
      'from-day': '14',
      'from-month': '3',
      'from-year': '2025',
      'to-day': '10',
      'to-month': '3',
      'to-year': '2025',
    })
    expect(errorSummary(reversed.body)).toEqual([
      ['The latest date must be the same as or after the earliest date', '#to-day'],
    ])
  })

  it('refuses a date outside the bank-holiday calendars instead of guessing', async () => {
    const c = new Client(t.app)
    await step1(c, 'tribunalAppeal', 'england')
    const res = await c.post(DATE, exact('1990-01-05'))
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)[0]![1]).toBe('#exact-day')
    expect(errorSummary(res.body)[0]![0]).toContain('Redress cannot work out a deadline from this date.')
  })

  it('sends anyone without answers back to the first step', async () => {
    const c = new Client(t.app)
    for (const url of [DATE, RESULT, ICS]) expect((await c.get(url)).headers.location).toBe(URL)
    expect((await c.post(DATE, exact('2025-02-03'))).headers.location).toBe(URL)
  })
})

describe('the personas’ dates', () => {
  it('Amira: a reconsideration of the 3 February 2025 decision must arrive by Wed 5 March; act by Mon 3 March', async () => {
    const c = new Client(t.app)
    const html = await work(c, 'mandatoryReconsideration', 'england', 'exact', exact('2025-02-03'))
    const text = textOf(html)
    expect(html).toContain('data-act-by="2025-03-03">Monday 3 March 2025<')
    expect(html).toContain('data-deadline-date="2025-03-05">Wednesday 5 March 2025<')
    expect(text).toContain('The Child Maintenance Service must receive it by this date.')
    expect(html).toContain('data-rule="deadlines.mandatory-reconsideration"')
    expect(text).toContain(
      'Child Support Maintenance Calculation Regulations 2012 (SI 2012/2677), regulation 14(1)(a)',
    )
    expect(html).toContain('data-confidence="verified">Confirmed<')
    expect(text).toContain(
      'Official sources give different dates for this time limit, so the day to act by is the earliest of them.',
    )
    expect(text).toContain('How we worked this out')
    expect(text).toContain('Counting 30 days from the day after Monday 3 February 2025')
    // The outer limit carries its own rule, source and (lower) confidence.
    expect(html).toContain('data-outer-limit="2026-03-03"')
    expect(html).toContain('data-sources')
    expect(text).toContain('deadlines.late-mandatory-reconsideration-limit')
    expect(text).toContain(
      'This outer limit is not confirmed. The regulation’s text could not be confirmed, so we show the earlier date.',
    )
    // The plain answer first: the act-by date in one sentence; the rule id only behind "Sources".
    expect(text).toContain('Act by Monday 3 March 2025, the earliest date any reading of the rules gives.')
    const beforeSources = html.slice(0, html.indexOf('data-sources'))
    expect(beforeSources).not.toContain('deadlines.mandatory-reconsideration<')
    expect(text).toContain(
      'This date has passed, but a late application may be possible until Tuesday 3 March 2026',
    )
    // The form remembers the answers for "Work out another deadline".
    expect((await c.get(URL)).body).toMatch(/value="mandatoryReconsideration" checked/)
  })

  it('Jordan: the SSCS2 appeal by Mon 14 April 2025 at 5pm; the earnings order to the sheriff by Mon 31 March', async () => {
    const c = new Client(t.app)
    const appeal = await work(c, 'tribunalAppeal', 'scotland', 'exact', exact('2025-03-14'))
    expect(appeal).toContain('data-act-by="2025-04-14"')
    expect(textOf(appeal)).toContain('Monday 14 April 2025 , by 5pm')
    expect(textOf(appeal)).toContain('Still to come')
    const deo = await work(c, 'deoAppeal', 'scotland', 'exact', exact('2025-03-03'))
    expect(deo).toContain('data-act-by="2025-03-31"')
    expect(textOf(deo)).toContain('sheriff')
  })

  it('Chris: the Appeals Service about Friday 6 June 2025, with the later date shown as may not be accepted', async () => {
    const html = await work(
      new Client(later.app),
      'tribunalAppeal',
      'northern-ireland',
      'exact',
      exact('2025-05-08'),
    )
    expect(html).toContain('data-act-by="2025-06-06">Friday 6 June 2025<')
    expect(html).toContain('data-deadline-date="2025-06-08">Sunday 8 June 2025<')
    expect(html).toContain('data-reading="may-not-be-accepted"')
    expect(textOf(html)).toContain('Monday 9 June 2025 (later: may not be accepted)')
    expect(textOf(html)).toContain(
      'A later date is possible, but it may not be accepted, so we do not rely on it.',
    )
  })

  it('Priya: the Independent Case Examiner by Monday 2 March 2026', async () => {
    const html = await work(new Client(later.app), 'iceReferral', 'wales', 'exact', exact('2025-09-02'))
    expect(html).toContain('data-act-by="2026-03-02">Monday 2 March 2026<')
    expect(textOf(html)).toContain('The Independent Case Examiner must receive it by this date.')
  })

  it('shows a CMS target as a target, not a deadline for the parent', async () => {
    const html = await work(
      new Client(t.app),
      'complaintResponseTarget',
      'scotland',
      'exact',
      exact('2025-03-17'),
    )
    expect(html).toContain('data-date="2025-04-07"')
    expect(html).not.toContain('data-act-by')
    expect(textOf(html)).toContain(
      'This is a target for the Child Maintenance Service, not a deadline for you.',
    )
  })
})

describe('an uncertain start', () => {
  it('“some time in March 2025” uses the earliest start and explains why', async () => {
    const html = await work(new Client(t.app), 'mandatoryReconsideration', 'england', 'month', {
      'inMonth-month': '3',
      'inMonth-year': '2025',
    })
    const text = textOf(html)
    expect(html).toContain('data-uncertain-start')
    expect(text).toContain(
      'You said it started some time in March 2025: between Saturday 1 March 2025 and Monday 31 March 2025.',
    )
    expect(text).toContain('We used Saturday 1 March 2025, the start that gives the earliest date')
    expect(html).toContain('data-deadline-date="2025-03-31"')
    expect(text).toContain(
      'A later start could give a deadline as late as Wednesday 30 April 2025. Do not rely on that.',
    )
    expect(text).toContain(
      'You were not sure when it started, so we used the start that gives the earliest date.',
    )
  })

  it('“about 2 weeks ago” counts back from today (20 March 2025)', async () => {
    const html = await work(new Client(t.app), 'tribunalAppeal', 'england', 'about', {
      aboutCount: '2',
      aboutUnit: 'weeks',
    })
    expect(textOf(html)).toContain('between Thursday 27 February 2025 and Thursday 13 March 2025')
    expect(html).toContain('data-deadline-date="2025-03-27"')
  })

  it('“between two dates” uses the earlier one', async () => {
    const html = await work(new Client(t.app), 'iceReferral', 'scotland', 'between', {
      'from-day': '1',
      'from-month': '9',
      'from-year': '2024',
      'to-day': '5',
      'to-month': '9',
      'to-year': '2024',
    })
    expect(html).toContain('data-deadline-date="2025-03-01"')
    expect(textOf(html)).toContain('as late as Wednesday 5 March 2025')
  })
})

describe('the calendar file', () => {
  it('is an iCalendar download with the act-by date and the deadline, each with its rule and source', async () => {
    const c = new Client(t.app)
    const html = await work(c, 'mandatoryReconsideration', 'england', 'exact', exact('2025-02-03'))
    expect(html).toContain(`href="${ICS}"`)
    const res = await c.get(ICS)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8')
    expect(res.headers['content-disposition']).toBe('attachment; filename="redress-deadline.ics"')
    const ics = unfold(res.body)
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3)
    expect(ics).toContain('DTSTART;VALUE=DATE:20250303')
    expect(ics).toContain('DTSTART;VALUE=DATE:20250305')
    expect(ics).toContain('DTSTART;VALUE=DATE:20260303')
    const description = /DESCRIPTION:(.*)/.exec(ics)![1]!
    expect(description).toContain('Rule: deadlines.mandatory-reconsideration')
    expect(description).toContain(
      'Source: Child Support Maintenance Calculation Regulations 2012 (SI 2012/2677)\\, regulation 14(1)(a)',
    )
    expect(description).toContain('Confidence: verified')
  })
})
