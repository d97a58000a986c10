import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { amira, CALC, jordan, type JourneyStep } from '../../../../e2e/support/calculation-journey.ts'
import { pdfText, solid, squash } from '../../../../e2e/support/pdf-text.ts'
import { sameOrigin, testApp, type TestApp } from '../../../../test/helpers/app.ts'
import { systemClock } from '../../../services/clock.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(async () => t.close())

/** One browser: keeps the session cookie between requests. */
class Client {
  cookie = ''
  readonly locations: string[] = []

  async get(url: string) {
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
    if (res.headers.location) this.locations.push(String(res.headers.location))
    return res
  }

  /** Answers each page in turn, checking each redirects to the next. */
  async walk(steps: readonly JourneyStep[]): Promise<string> {
    let next = ''
    for (const [i, s] of steps.entries()) {
      if (i > 0) expect(next).toBe(s.path)
      const page = await this.get(s.path)
      expect(page.statusCode, s.path).toBe(200)
      const res = await this.post(s.path, s.fields)
      expect(res.statusCode, `${s.path}: ${text(res.body).slice(0, 400)}`).toBe(303)
      next = String(res.headers.location)
    }
    return next
  }
}

/** The page as text: tags removed, entities decoded, whitespace collapsed. */
const text = (html: string): string =>
  squash(
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  )

const errorSummary = (html: string): { text: string; href: string }[] => {
  const box = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...box.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => ({
    href: m[1]!,
    text: text(m[2]!),
  }))
}

const inputValue = (html: string, id: string): string | undefined =>
  new RegExp(`<input[^>]*id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`<input[^>]*value="([^"]*)"[^>]*id="${id}"`).exec(html)?.[1]

async function resultFor(
  steps: readonly JourneyStep[],
): Promise<{ client: Client; page: string; html: string }> {
  const client = new Client()
  expect(await client.walk(steps)).toBe(`${CALC}/check-answers`)
  const check = await client.get(`${CALC}/check-answers`)
  expect(check.statusCode).toBe(200)
  const res = await client.get(`${CALC}/result`)
  expect(res.statusCode).toBe(200)
  return { client, page: text(res.body), html: res.body }
}

describe('Check a calculation: pages', () => {
  it('is offered on the start page and in the header', async () => {
    const home = await new Client().get('/')
    expect(home.body).toContain(`href="${CALC}"`)
    expect(text(home.body)).toContain('Check a child maintenance calculation')
  })

  it('has a start page that says what you need and sets no cookie', async () => {
    const res = await new Client().get(CALC)
    expect(res.statusCode).toBe(200)
    expect(text(res.body)).toContain('What you need')
    expect(res.body).toContain(`href="${CALC}/who"`)
    expect(res.headers['set-cookie']).toBeUndefined()
  })

  it('renders every question page with a heading, a back link and the shell', async () => {
    const c = new Client()
    const steps = amira()
    let back = CALC
    for (const s of steps) {
      const res = await c.get(s.path)
      expect(res.statusCode, s.path).toBe(200)
      expect(res.body).toMatch(/<h1|govuk-fieldset__heading|govuk-label-wrapper/)
      expect(res.body).toContain(`class="govuk-back-link"`)
      expect(res.body).toContain(`href="${back}"`)
      expect(res.body).toContain('govuk-exit-this-page')
      expect(res.body).toContain('Redress is not legal advice')
      expect(res.body).toContain('novalidate')
      back = s.path
      await c.post(s.path, s.fields)
    }
  })

  it('sends you to the first unanswered question if you skip ahead', async () => {
    const c = new Client()
    for (const url of [`${CALC}/income`, `${CALC}/check-answers`, `${CALC}/result`, `${CALC}/workings.pdf`]) {
      const res = await c.get(url)
      expect(res.statusCode, url).toBe(303)
      expect(res.headers.location).toBe(`${CALC}/who`)
    }
  })

  it('skips the CMS questions when you do not compare', async () => {
    const c = new Client()
    const next = await c.walk(amira({ compare: false }))
    expect(next).toBe(`${CALC}/check-answers`)
    const cms = await c.get(`${CALC}/cms/income`)
    expect(cms.statusCode).toBe(303)
  })

  it('defaults the date to today in Europe/London and says so', async () => {
    const c = new Client()
    await c.post(`${CALC}/who`, { who: 'receiving' })
    const res = await c.get(`${CALC}/date`)
    const today = systemClock.today()
    expect(inputValue(res.body, 'date-day')).toBe(String(today.day))
    expect(inputValue(res.body, 'date-month')).toBe(String(today.month))
    expect(inputValue(res.body, 'date-year')).toBe(String(today.year))
    expect(text(res.body)).toContain("We have put in today's date")
  })

  it('never puts answers in a URL', async () => {
    const { client } = await resultFor(jordan())
    for (const l of client.locations) expect(l).not.toMatch(/\d{2,}|Morgan/)
    expect(client.cookie).toMatch(/^redress_session=[A-Za-z0-9_-]{22}$/)
  })
})

describe('Check a calculation: errors', () => {
  const cases: {
    name: string
    prior: number
    path: string
    fields: Record<string, string>
    href: string
    message: RegExp
    kept?: [string, string]
  }[] = [
    {
      name: 'who: nothing chosen',
      prior: 0,
      path: 'who',
      fields: {},
      href: '#who',
      message: /Select which of these describes you/,
    },
    {
      name: 'date: empty',
      prior: 1,
      path: 'date',
      fields: { 'date-day': '', 'date-month': '', 'date-year': '' },
      href: '#date-day',
      message: /Enter the date/,
    },
    {
      name: 'date: month missing',
      prior: 1,
      path: 'date',
      fields: { 'date-day': '3', 'date-month': '', 'date-year': '2025' },
      href: '#date-month',
      message: /must include a month/,
      kept: ['date-day', '3'],
    },
    {
      name: 'date: not real',
      prior: 1,
      path: 'date',
      fields: { 'date-day': '30', 'date-month': '2', 'date-year': '2025' },
      href: '#date-day',
      message: /real date/,
      kept: ['date-day', '30'],
    },
    {
      name: 'date: before the scheme',
      prior: 1,
      path: 'date',
      fields: { 'date-day': '1', 'date-month': '1', 'date-year': '2010' },
      href: '#date-day',
      message: /on or after 10 December 2012/,
    },
    {
      name: 'date: two-digit year',
      prior: 1,
      path: 'date',
      fields: { 'date-day': '1', 'date-month': '1', 'date-year': '25' },
      href: '#date-year',
      message: /4 numbers/,
    },
    {
      name: 'children: none',
      prior: 2,
      path: 'children',
      fields: { 'parent-0-name': 'Amira', 'parent-0-children': '0' },
      href: '#parent-0-children',
      message: /between 1 and 20/,
      kept: ['parent-0-name', 'Amira'],
    },
    {
      name: 'children: not a number',
      prior: 2,
      path: 'children',
      fields: { 'parent-0-name': '', 'parent-0-children': 'two' },
      href: '#parent-0-children',
      message: /whole number/,
      kept: ['parent-0-children', 'two'],
    },
    {
      name: 'nights: above 366',
      prior: 3,
      path: 'nights',
      fields: { 'nights-0-0': '400', 'nights-0-1': '52' },
      href: '#nights-0-0',
      message: /nights for child 1 must be between 0 and 366/,
      kept: ['nights-0-0', '400'],
    },
    {
      name: 'nights: blank',
      prior: 3,
      path: 'nights',
      fields: { 'nights-0-0': '52', 'nights-0-1': '' },
      href: '#nights-0-1',
      message: /Enter the number of nights a year for child 2/,
      kept: ['nights-0-0', '52'],
    },
    {
      name: 'other children: fraction',
      prior: 4,
      path: 'other-children',
      fields: { otherChildren: '1.5' },
      href: '#otherChildren',
      message: /whole number/,
      kept: ['otherChildren', '1.5'],
    },
    {
      name: 'benefits: nothing chosen',
      prior: 5,
      path: 'benefits',
      fields: {},
      href: '#benefit',
      message: /Select whether the paying parent gets any of these/,
    },
    {
      name: 'income: blank',
      prior: 6,
      path: 'income',
      fields: { amount: '', frequency: 'year' },
      href: '#amount',
      message: /Enter the paying parent's gross income/,
    },
    {
      name: 'income: words',
      prior: 6,
      path: 'income',
      fields: { amount: 'about 45k', frequency: 'year' },
      href: '#amount',
      message: /amount of money, like 863.01/,
      kept: ['amount', 'about 45k'],
    },
    {
      name: 'income: negative',
      prior: 6,
      path: 'income',
      fields: { amount: '-5', frequency: 'week' },
      href: '#amount',
      message: /cannot be less than £0/,
      kept: ['amount', '-5'],
    },
    {
      name: 'income: three decimals',
      prior: 6,
      path: 'income',
      fields: { amount: '863.011', frequency: 'week' },
      href: '#amount',
      message: /no more than 2 numbers after the decimal point/,
      kept: ['amount', '863.011'],
    },
    {
      name: 'income: no frequency',
      prior: 6,
      path: 'income',
      fields: { amount: '863.01' },
      href: '#frequency',
      message: /week, four weeks, a month or a year/,
      kept: ['amount', '863.01'],
    },
    {
      name: 'variations: bad amount',
      prior: 7,
      path: 'variations',
      fields: { additionalIncome: '£115.0.7', specialExpenses: '' },
      href: '#additionalIncome',
      message: /additional income as an amount of money/,
      kept: ['additionalIncome', '£115.0.7'],
    },
    {
      name: 'payment: nothing chosen',
      prior: 8,
      path: 'payment',
      fields: {},
      href: '#collection',
      message: /Select how child maintenance is paid/,
    },
    {
      name: 'compare: nothing chosen',
      prior: 9,
      path: 'compare',
      fields: {},
      href: '#compare',
      message: /Select yes if you want to compare/,
    },
    {
      name: 'CMS children: blank',
      prior: 10,
      path: 'cms/children',
      fields: { 'cms-children-0': '' },
      href: '#cms-children-0',
      message: /number of children the CMS counted for Receiving parent A/,
    },
    {
      name: 'CMS income: blank',
      prior: 14,
      path: 'cms/income',
      fields: { amount: '', frequency: 'week' },
      href: '#amount',
      message: /Enter the income the CMS used/,
    },
    {
      name: 'CMS amount: blank',
      prior: 16,
      path: 'cms/weekly-amount',
      fields: { stated: '' },
      href: '#stated',
      message: /Enter the weekly amount the CMS decided/,
    },
  ]

  it.each(cases)('$name: shown in the error summary, linked to the field, input kept', async (c) => {
    const client = new Client()
    await client.walk(amira().slice(0, c.prior))
    const res = await client.post(`${CALC}/${c.path}`, c.fields)
    expect(res.statusCode).toBe(400)
    const summary = errorSummary(res.body)
    expect(summary[0]?.href).toBe(c.href)
    expect(summary[0]?.text).toMatch(c.message)
    expect(res.body).toContain('<title>Error: ')
    // The same message beside the field, and the field marked as in error.
    expect(res.body).toMatch(/govuk-error-message/)
    expect(res.body).toMatch(/govuk-(input|radios|form-group)[^"]*--error|govuk-form-group--error/)
    const id = c.href.slice(1)
    expect(res.body).toContain(`id="${id}"`)
    if (c.kept) expect(inputValue(res.body, c.kept[0])).toBe(c.kept[1])
  })

  it('a blank variation page is fine: variations are optional', async () => {
    const client = new Client()
    await client.walk(amira().slice(0, 7))
    const res = await client.post(`${CALC}/variations`, { additionalIncome: '', specialExpenses: '' })
    expect(res.statusCode).toBe(303)
  })

  it('accepts money written with a pound sign and commas', async () => {
    const client = new Client()
    await client.walk(amira().slice(0, 6))
    const res = await client.post(`${CALC}/income`, { amount: '£45,000.00', frequency: 'year' })
    expect(res.statusCode).toBe(303)
  })

  it('two receiving parents may not share a name', async () => {
    const client = new Client()
    await client.walk(amira().slice(0, 2))
    const res = await client.post(`${CALC}/children`, {
      'parent-0-name': 'Sam',
      'parent-0-children': '1',
      'parent-1-name': 'sam',
      'parent-1-children': '1',
    })
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)[0]).toEqual({
      href: '#parent-1-name',
      text: 'Give receiving parent 2 a different name from the others, or leave it blank',
    })
  })
})

describe('Check a calculation: the personas', () => {
  it('Amira with current income only: £116.19 a week', async () => {
    const { page } = await resultFor(amira({ variation: false, compare: false }))
    expect(page).toContain('On your figures, the paying parent should pay £116.19 a week')
    expect(page).toContain(
      'The income of £45,000.00 a year divided by 365 and multiplied by 7 is £863.01 a week.',
    )
  })

  it('Amira with the rent as a variation: £128.03 a week', async () => {
    const { page } = await resultFor(amira({ variation: true, compare: false }))
    expect(page).toContain('should pay £128.03 a week')
    expect(page).toContain('Additional income of £115.07 a week from a variation is added: £978.08.')
  })

  it('Amira against the CMS: each difference and its effect, the CMS’s own figures check out', async () => {
    const { page, html } = await resultFor(amira())
    expect(page).toContain('should pay £128.03 a week')
    expect(page).toContain("The CMS's figures give £82.06 a week. Your figures give £128.03 a week.")
    expect(page).toMatch(
      /Paying parent's gross weekly income The CMS used £598\.36 a week You say £863\.01 a week Effect of this alone \+£34\.13 a week, to £116\.19/,
    )
    expect(page).toMatch(/Variations The CMS used .* Effect of this alone \+£15\.78 a week, to £97\.84/)
    expect(page).toContain("Matches The CMS's figure of £82.06 a week matches what its own figures give.")
    expect(page).toContain('+£45.97')
    expect(html).toContain('govuk-summary-card')
  })

  it('Jordan against the CMS: 130 nights, not 78, gives £40.96 instead of £49.16', async () => {
    const { page } = await resultFor(jordan())
    expect(page).toContain('should pay £40.96 a week')
    expect(page).toContain("The CMS's figures give £49.16 a week. Your figures give £40.96 a week.")
    expect(page).toMatch(
      /Nights a year for child 1 The CMS used 78 nights You say 130 nights Effect of this alone -£8\.20 a week, to £40\.96/,
    )
    expect(page).toContain(
      'The income of £28,000.00 a year divided by 365 and multiplied by 7 is £536.99 a week.',
    )
    expect(page).toMatch(/Through Collect and Pay, the paying parent pays £49\.15 a week with fees/)
  })

  it('labels a CMS amount 1–2p away from its own figures as rounding', async () => {
    const steps = amira()
    const last = steps.length - 1
    const rounded = steps.map((s, i) => (i === last ? { ...s, fields: { stated: '82.08' } } : s))
    const { page, html } = await resultFor(rounded)
    expect(page).toContain(
      "Rounding The CMS's figure of £82.08 a week is £0.02 away from what its own figures give (£82.06): that is rounding, not an error.",
    )
    expect(html).toContain('govuk-tag--grey')
  })

  it('says plainly when the CMS’s stated amount does not match its own figures', async () => {
    const steps = amira()
    const last = steps.length - 1
    const wrong = steps.map((s, i) => (i === last ? { ...s, fields: { stated: '85.00' } } : s))
    const { page } = await resultFor(wrong)
    expect(page).toContain(
      "Does not match The CMS's figure of £85.00 a week does not match what its own figures give (£82.06)",
    )
  })
})

describe('Check a calculation: the result page', () => {
  it('shows every step with its amount, source, rule, link and confidence, with unverified said plainly', async () => {
    const { page, html } = await resultFor(amira())
    expect(page).toContain('Step 1. Worked out under the 2012-scheme rules in force on 3 February 2025.')
    expect(page).toContain('Figure: £149.37 (£149.3696 before rounding)')
    expect(html).toContain('href="https://www.legislation.gov.uk/ukpga/1991/48/schedule/1/paragraph/2"')
    expect(page).toContain('Rule: Rounding to the nearest penny (calculation.rounding).')
    expect(page).toMatch(/Not confirmed We have not been able to check this against the law itself/)
    expect(page).toMatch(/Confirmed Checked against the law or official guidance/)
    const steps = [...html.matchAll(/id="yours-step-\d+"/g)].length
    const sources = [
      ...html
        .slice(html.indexOf('id="yours-steps"'), html.indexOf('id="cms-steps"'))
        .matchAll(/class="govuk-link" href="https?:/g),
    ].length
    expect(steps).toBeGreaterThan(5)
    expect(sources).toBe(steps)
  })

  it('lists the assumptions, links to free help and says it is not legal advice', async () => {
    const { page, html } = await resultFor(amira())
    expect(page).toContain('What we are not sure about')
    expect(page).toContain('We have not been able to check the rounding rule (regulation 6)')
    expect(page).toContain('Redress is not legal advice.')
    expect(html).toContain('href="/help"')
    expect(html).toContain(`href="${CALC}/workings.pdf"`)
  })

  it('states the monthly-income conversion as an assumption and marks its step unverified', async () => {
    const steps = amira({ compare: false }).map((s) =>
      s.path.endsWith('/income') ? { ...s, fields: { amount: '3750', frequency: 'month' } } : s,
    )
    const { page } = await resultFor(steps)
    expect(page).toContain(
      'multiplied by 12 (£45,000.00 a year), divided by 365 and multiplied by 7, is £863.01 a week.',
    )
    expect(page).toContain(
      'How the CMS converts income paid monthly (regulations 37 to 39) has not been confirmed',
    )
    expect(page).toContain('should pay £128.03 a week')
  })

  it('supports several receiving parents: add another, remove, and each share', async () => {
    const c = new Client()
    await c.walk(amira().slice(0, 2))
    let res = await c.post(`${CALC}/children`, {
      'parent-0-name': 'Amira',
      'parent-0-children': '2',
      action: 'add',
    })
    expect(res.headers.location).toBe(`${CALC}/children#parent-1-name`)
    let page = await c.get(`${CALC}/children`)
    expect(inputValue(page.body, 'parent-0-name')).toBe('Amira')
    expect(page.body).toContain('id="parent-1-children"')
    res = await c.post(`${CALC}/children`, {
      'parent-0-name': 'Amira',
      'parent-0-children': '2',
      'parent-1-name': 'Bea',
      'parent-1-children': '1',
      action: 'add',
    })
    res = await c.post(`${CALC}/children`, {
      'parent-0-name': 'Amira',
      'parent-0-children': '2',
      'parent-1-name': 'Bea',
      'parent-1-children': '1',
      'parent-2-name': 'Cal',
      'parent-2-children': '1',
      action: 'remove-2',
    })
    page = await c.get(`${CALC}/children`)
    expect(page.body).not.toContain('id="parent-2-name"')
    res = await c.post(`${CALC}/children`, {
      'parent-0-name': 'Amira',
      'parent-0-children': '2',
      'parent-1-name': 'Bea',
      'parent-1-children': '1',
      action: 'continue',
    })
    expect(res.headers.location).toBe(`${CALC}/nights`)
    const nights = text((await c.get(`${CALC}/nights`)).body)
    expect(nights).toContain('Children living with Amira')
    expect(nights).toContain('Children living with Bea')
    expect(nights).toContain('Goes down by a seventh')
    expect(nights).toContain('175 or more')
    await c.post(`${CALC}/nights`, { 'nights-0-0': '0', 'nights-0-1': '0', 'nights-1-0': '0' })
    await c.walk(amira({ compare: false }).slice(4))
    const result = text((await c.get(`${CALC}/result`)).body)
    // 19% of £863.01 + … for 3 children, split 2:1.
    expect(result).toMatch(/Amira gets £\d+\.\d\d a week\. Bea gets £\d+\.\d\d a week\./)
  })

  it('Change links return to check your answers, via any question the change opens up', async () => {
    const c = new Client()
    await c.walk(amira({ compare: false }))
    const check = await c.get(`${CALC}/check-answers`)
    expect(check.body).toContain(`href="${CALC}/children?from=check"`)
    expect(text(check.body)).toContain('Change Receiving parents and children')
    let res = await c.post(`${CALC}/income?from=check`, { amount: '900', frequency: 'week' })
    expect(res.headers.location).toBe(`${CALC}/check-answers`)
    res = await c.post(`${CALC}/children?from=check`, { 'parent-0-name': '', 'parent-0-children': '3' })
    expect(res.headers.location).toBe(`${CALC}/nights?from=check`)
    const nights = await c.get(`${CALC}/nights?from=check`)
    expect(nights.body).toContain(`href="${CALC}/check-answers"`)
    expect(inputValue(nights.body, 'nights-0-0')).toBe('52')
    res = await c.post(`${CALC}/nights?from=check`, {
      'nights-0-0': '52',
      'nights-0-1': '52',
      'nights-0-2': '0',
    })
    expect(res.headers.location).toBe(`${CALC}/check-answers`)
  })

  it('Start again clears the answers', async () => {
    const c = new Client()
    await c.walk(amira({ compare: false }))
    expect(text((await c.get(CALC)).body)).toContain('Redress still has your answers')
    const res = await c.post(`${CALC}/start-again`, {})
    expect(res.headers.location).toBe(`${CALC}/who`)
    expect((await c.get(`${CALC}/result`)).headers.location).toBe(`${CALC}/who`)
  })
})

describe('Check a calculation: the workings PDF', () => {
  it.each([
    ['Amira', amira(), '£128.03'],
    ['Jordan', jordan(), '£40.96'],
  ] as const)(
    '%s: a PDF whose text holds the amount, every step and every source',
    async (_, steps, amount) => {
      const { client, html } = await resultFor(steps)
      const res = await client.get(`${CALC}/workings.pdf`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="workings-\d{4}-\d{2}-\d{2}\.pdf"$/,
      )
      expect(res.headers['cache-control']).toBe('no-store')
      const pdf = await pdfText(new Uint8Array(res.rawPayload))
      expect(pdf.title).toBe('Child maintenance calculation: workings')
      const flat = squash(pdf.text)
      const dense = solid(pdf.text)
      expect(flat).toContain(`${amount} a week`)
      // Every step and every source the result page shows, for both sets of workings.
      const decode = (s: string) =>
        s
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
      const blocks = [
        ...html.matchAll(/<li class="govuk-!-margin-bottom-6" id="(yours|cms)-step-\d+">([\s\S]*?)<\/li>/g),
      ]
      expect(blocks.length).toBeGreaterThan(10)
      for (const [, , block] of blocks) {
        const stepText = decode(/<\/span> ([^<]*)<\/p>/.exec(block!)![1]!)
        expect(flat).toContain(squash(stepText))
        const url = decode(/href="([^"]+)"/.exec(block!)![1]!)
        expect(dense).toContain(solid(url))
        const source = decode(/rel="noreferrer noopener">([^<]*)<\/a>/.exec(block!)![1]!)
        expect(flat).toContain(squash(source))
        const rule = decode(/Rule: [^<]*\(([a-z.-]+)\)\./.exec(block!)![1]!)
        expect(flat).toContain(`(${rule})`)
        const label = /govuk-tag--\w+">([^<]+)<\/strong>/.exec(block!)![1]!
        expect(flat).toContain(`Confidence: ${label}.`)
      }
      expect(flat).toContain('Confidence: Not confirmed.')
      expect(flat).toContain('Where the CMS’s figures differ from mine')
      expect(flat).toContain('Points Redress could not confirm')
      expect(flat).toContain('not legal advice')
    },
  )

  it('Jordan’s PDF shows the disputed nights and their effect', async () => {
    const { client } = await resultFor(jordan())
    const pdf = squash(
      (await pdfText(new Uint8Array((await client.get(`${CALC}/workings.pdf`)).rawPayload))).text,
    )
    expect(pdf).toContain('78 nights')
    expect(pdf).toContain('130 nights')
    expect(pdf).toContain('-£8.20 a week, to £40.96')
    expect(pdf).toContain('by the paying parent')
    expect(pdf).toContain('£49.16')
  })
})
