import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { Temporal } from 'temporal-polyfill'
import { startHarness } from './support/harness.ts'
import { RedressPage } from './support/page.ts'
import type { RunningServer } from './support/server.ts'

/**
 * "Work out a deadline" in Chromium, with JavaScript on and off: both steps, errors, the answer for the personas'
 * letters (whose dates do not depend on today), an uncertain start, the calendar download, and an axe scan of
 * every page at desktop and phone width.
 */

let server: RunningServer
let browser: Browser
let context: BrowserContext
let foreignRequests: string[]
let close = async (): Promise<void> => {}

beforeAll(async () => {
  ;({ server, browser, context, foreignRequests, close } = await startHarness())
})
afterAll(() => close())

async function check(p: RedressPage, name: string): Promise<void> {
  await p.expectShell()
  await p.page.setViewportSize({ width: 1280, height: 900 })
  await p.expectAccessible()
  await p.screenshot(`deadlines-${name}`)
  await p.page.setViewportSize({ width: 375, height: 740 })
  await p.expectAccessible()
  await p.screenshot(`deadlines-${name}-phone`)
  await p.page.setViewportSize({ width: 1280, height: 900 })
}

const submit = async (page: Page, name: string) => {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name }).click()])
}

async function step1(page: Page, kind: string, nation: string, when: string): Promise<void> {
  await page.locator(`input[name="kind"][value="${kind}"]`).check()
  await page.locator(`input[name="nation"][value="${nation}"]`).check()
  await page.locator(`input[name="when"][value="${when}"]`).check()
  await submit(page, 'Continue')
  await page.waitForURL(/\/work-out-a-deadline\/date$/)
}

async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  const d = Temporal.PlainDate.from(iso)
  await page.fill(`#${id}-day`, String(d.day))
  await page.fill(`#${id}-month`, String(d.month))
  await page.fill(`#${id}-year`, String(d.year))
}

describe('“Work out a deadline” with JavaScript', () => {
  let page: Page
  let p: RedressPage
  beforeAll(async () => {
    page = await context.newPage()
    p = new RedressPage(page, server.url)
  })

  it('opens from the header, and explains what is missing', async () => {
    await p.open('/')
    await page.locator('header a[href="/work-out-a-deadline"]').click()
    await page.waitForURL(/\/work-out-a-deadline$/)
    expect(await p.heading()).toBe('Work out a deadline')
    await check(p, 'form')
    await submit(page, 'Continue')
    const summary = await page.locator('.govuk-error-summary').innerText()
    expect(summary).toContain('Select what you need to do')
    expect(summary).toContain('Select where you live')
    await check(p, 'form-errors')
    await page.locator('.govuk-error-summary a[href="#nation"]').click()
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('nation')
  })

  it('Amira: must arrive by Wednesday 5 March 2025; act by Monday 3 March 2025, with the reason', async () => {
    await step1(page, 'mandatoryReconsideration', 'england', 'exact')
    expect(await p.heading()).toBe('What date did it start?')
    await submit(page, 'Work out the deadline')
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the date it started')
    await check(p, 'date-errors')
    await fillDate(page, 'exact', '2025-02-03')
    await submit(page, 'Work out the deadline')
    await page.waitForURL(/your-deadline$/)
    expect(await page.locator('[data-act-by]').getAttribute('data-act-by')).toBe('2025-03-03')
    expect(await page.locator('[data-act-by]').innerText()).toBe('Monday 3 March 2025')
    expect(await page.locator('[data-deadline-date]').innerText()).toBe('Wednesday 5 March 2025')
    expect(await page.locator('[data-main-confidence] [data-confidence]').innerText()).toBe('Confirmed')
    expect(await page.locator('[data-outer-confidence]').innerText()).toContain(
      'This outer limit is not confirmed.',
    )
    const main = await page.locator('main').innerText()
    expect(main).toContain('Official sources give different dates for this time limit')
    expect(main).toContain('Act by Monday 3 March 2025, the earliest date any reading of the rules gives.')
    expect(main).not.toContain('regulation 14(1)(a)')
    await page.locator('[data-sources] summary').first().click()
    expect(await page.locator('[data-sources]').first().innerText()).toContain('regulation 14(1)(a)')
    const details = page.locator('details', { hasText: 'How we worked this out' }).first()
    await details.locator('summary').click()
    expect(await details.innerText()).toContain('Counting 30 days from the day after Monday 3 February 2025')
    await check(p, 'result')
  })

  it('downloads the dates as calendar events with the rule and source', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-ics]').click()])
    expect(download.suggestedFilename()).toBe('redress-deadline.ics')
    const ics = readFileSync((await download.path())!, 'utf8').replace(/\r\n[ \t]/g, '')
    expect(ics).toContain('DTSTART;VALUE=DATE:20250303')
    expect(ics).toContain('DTSTART;VALUE=DATE:20250305')
    expect(ics).toContain('Rule: deadlines.mandatory-reconsideration')
    expect(ics).toContain('Source: Child Support Maintenance Calculation Regulations 2012')
  })

  it('Chris: the Appeals Service about Friday 6 June 2025, with the later date that may not be accepted', async () => {
    await p.open('/work-out-a-deadline')
    await step1(page, 'tribunalAppeal', 'northern-ireland', 'exact')
    await fillDate(page, 'exact', '2025-05-08')
    await submit(page, 'Work out the deadline')
    await page.waitForURL(/your-deadline$/)
    expect(await page.locator('[data-act-by]').innerText()).toBe('Friday 6 June 2025')
    expect(await page.locator('[data-deadline-date]').innerText()).toBe('Sunday 8 June 2025')
    expect(await page.locator('[data-reading="may-not-be-accepted"]').count()).toBe(1)
    expect(await page.locator('main').innerText()).toContain('may not be accepted')
    await check(p, 'result-ni')
  })

  it('an uncertain start (“about 3 weeks ago”) uses the earliest date and says why', async () => {
    await p.open('/work-out-a-deadline')
    await step1(page, 'mandatoryReconsideration', 'scotland', 'about')
    expect(await p.heading()).toBe('About how long ago did it start?')
    await page.fill('#aboutCount', '3')
    await page.selectOption('#aboutUnit', 'weeks')
    await check(p, 'date-about')
    await submit(page, 'Work out the deadline')
    await page.waitForURL(/your-deadline$/)
    const box = await page.locator('[data-uncertain-start]').innerText()
    expect(box).toContain('the start that gives the earliest date')
    expect(box).toContain('Do not rely on that')
    await check(p, 'result-uncertain')
  })

  it('makes no request to any other origin', () => {
    expect(foreignRequests).toEqual([])
  })
})

describe('“Work out a deadline” without JavaScript', () => {
  it('Priya: the Independent Case Examiner by Monday 2 March 2026; and a month-only start', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false })
    const page = await noJs.newPage()
    const p = await new RedressPage(page, server.url).open('/work-out-a-deadline')
    await step1(page, 'iceReferral', 'wales', 'exact')
    await fillDate(page, 'exact', '2025-09-02')
    await submit(page, 'Work out the deadline')
    await page.waitForURL(/your-deadline$/)
    expect(await page.locator('[data-act-by]').innerText()).toBe('Monday 2 March 2026')
    // Details open without JavaScript.
    await page.locator('details summary').first().click()
    expect(await page.locator('details').first().getAttribute('open')).not.toBeNull()
    await p.screenshot('deadlines-result-no-js')
    // The back link returns to the date, kept.
    await page.locator('.govuk-back-link').click()
    await page.waitForURL(/\/date$/)
    expect(await page.locator('#exact-day').inputValue()).toBe('2')
    await p.open('/work-out-a-deadline')
    await step1(page, 'tribunalAppeal', 'england', 'month')
    await page.fill('#inMonth-month', '3')
    await page.fill('#inMonth-year', '2025')
    await p.screenshot('deadlines-date-month-no-js')
    await submit(page, 'Work out the deadline')
    await page.waitForURL(/your-deadline$/)
    expect(await page.locator('[data-uncertain-start]').innerText()).toContain('some time in March 2025')
    expect(await page.locator('[data-deadline-date]').innerText()).toBe('Tuesday 1 April 2025')
    await page.setViewportSize({ width: 375, height: 740 })
    await p.screenshot('deadlines-result-uncertain-no-js-phone')
    // (axe needs JavaScript to run, so these pages are scanned in the tests above.)
    await noJs.close()
  })
})
