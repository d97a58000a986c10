import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { Temporal } from 'temporal-polyfill'
import { computeDeadlineFromInput, deadlineRequestSchema } from '../src/services/deadline.service.ts'
import { startHarness } from './support/harness.ts'
import { RedressPage } from './support/page.ts'
import type { RunningServer } from './support/server.ts'

/**
 * "What can I do?" and "What you must tell the CMS" in Chromium, with JavaScript on and off: each question page,
 * check your answers, the options page and the checklist, an axe scan of every page at desktop and phone width,
 * and a calendar download. The real server reads today's date itself, so the letters here are dated a few days
 * before today.
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

const today = Temporal.Now.plainDateISO('Europe/London')
const daysAgo = (n: number) => today.subtract({ days: n })

/** Checks the page (shell and axe at desktop and phone width) and keeps screenshots of both. */
async function check(p: RedressPage, name: string): Promise<void> {
  await p.expectShell()
  await p.page.setViewportSize({ width: 1280, height: 900 })
  await p.expectAccessible()
  await p.screenshot(`routes-${name}`)
  await p.page.setViewportSize({ width: 375, height: 740 })
  await p.expectAccessible()
  await p.screenshot(`routes-${name}-phone`)
  await p.page.setViewportSize({ width: 1280, height: 900 })
}

const path = (page: Page) => new URL(page.url()).pathname

async function choose(page: Page, value: string): Promise<void> {
  await page.locator(`input[name="answer"][value="${value}"]`).check()
}

async function fillDate(page: Page, id: string, d: Temporal.PlainDate): Promise<void> {
  await page.fill(`#${id}-day`, String(d.day))
  await page.fill(`#${id}-month`, String(d.month))
  await page.fill(`#${id}-year`, String(d.year))
}

const next = async (page: Page) => {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Continue' }).click()])
}

describe('“What can I do?” with JavaScript', () => {
  let page: Page
  let p: RedressPage
  beforeAll(async () => {
    page = await context.newPage()
    p = new RedressPage(page, server.url)
  })

  it('starts from the start page and the header', async () => {
    await p.open('/')
    await page.locator('a[href="/what-can-i-do"]').first().click()
    await page.waitForURL(/\/what-can-i-do$/)
    expect(await p.heading()).toContain('What can I do about a child maintenance problem?')
    await check(p, 'start')
    await page.getByRole('button', { name: 'Start now' }).click()
    await page.waitForURL(/where-you-live$/)
  })

  it('shows an error in the summary, linked to the field, and passes axe with it', async () => {
    await next(page)
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select where you live')
    expect(await page.title()).toMatch(/^Error: Where do you live\?/)
    await check(p, 'question-error')
    await page.locator('.govuk-error-summary a').click()
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('answer')
  })

  it('walks a paying parent in Scotland through the questions, one per page', async () => {
    await choose(page, 'scotland')
    await next(page)
    expect(path(page)).toBe('/what-can-i-do/your-role')
    await check(p, 'question-radios')
    await choose(page, 'paying')
    await next(page)
    await choose(page, 'wrongCalculation')
    await choose(page, 'arrearsWrong')
    await choose(page, 'enforcement')
    await check(p, 'question-checkboxes')
    await next(page)
    await choose(page, 'nights')
    await next(page)
    await choose(page, 'refused')
    await next(page)
    expect(path(page)).toBe('/what-can-i-do/calculation-notice-date')
    expect(await page.getByLabel('I don’t know, or I can’t find the notice').count()).toBe(1)
    await fillDate(page, 'date', daysAgo(6))
    await check(p, 'question-date')
    await next(page)
    await choose(page, 'unknown')
    await next(page)
    await choose(page, 'paymentNotRecorded')
    await next(page)
    await page.fill('#amount', '612')
    await check(p, 'question-money')
    await next(page)
    await choose(page, 'yes')
    await next(page)
    expect(path(page)).toBe('/what-can-i-do/arrears-complained-date')
    await fillDate(page, 'date', daysAgo(3))
    await next(page)
    await choose(page, 'deductionFromEarningsOrder')
    await next(page)
    await fillDate(page, 'date', daysAgo(17))
    await next(page)
    // Back links go to the previous question.
    await page.locator('.govuk-back-link').click()
    await page.waitForURL(/enforcement-date$/)
    expect(await page.locator('#date-day').inputValue()).toBe(String(daysAgo(17).day))
    await next(page)
    expect(path(page)).toBe('/what-can-i-do/your-safety')
    await choose(page, 'no')
    await next(page)
    expect(path(page)).toBe('/what-can-i-do/check-your-answers')
  })

  it('checks the answers, with Change links that come back', async () => {
    expect(await p.heading()).toBe('Check your answers')
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('£612.00')
    await check(p, 'check-answers')
    await page.locator('a[href="/what-can-i-do/arrears-amount?return=check"]').click()
    await page.fill('#amount', '612.00')
    await next(page)
    expect(path(page)).toBe('/what-can-i-do/check-your-answers')
  })

  it('shows every route, ranked, with dates, no-appeal statements and the free CMS number', async () => {
    await page.getByRole('button', { name: 'See what you can do' }).click()
    await page.waitForURL(/your-options$/)
    expect(await p.heading()).toBe('What you can do')
    const appeal = page.locator('[data-route="tribunal-appeal"]')
    const expected = computeDeadlineFromInput(
      deadlineRequestSchema.parse({
        kind: 'tribunalAppeal',
        from: daysAgo(6).toString(),
        nation: 'scotland',
      }),
    )
    expect(await appeal.locator('[data-act-by]').first().getAttribute('data-act-by')).toBe(
      expected.actBy.toString(),
    )
    expect(await appeal.getAttribute('data-letter-kind')).toBe('appealPack')
    expect(await page.locator('[data-no-appeal-summary]').innerText()).toContain(
      'You cannot appeal an arrears figure to a tribunal',
    )
    expect(await page.locator('[data-route="earnings-order-appeal"]').innerText()).toMatch(/sheriff/)
    expect(await page.locator('[data-contacts]').innerText()).toContain('0800 171 2345')
    expect(await page.locator('[data-paid-warning]').innerText()).toContain('paid call-connection services')
    // "How we worked this out" opens.
    const details = appeal.locator('details', { hasText: 'How we worked this out' }).first()
    await details.locator('summary').click()
    expect(await details.getAttribute('open')).not.toBeNull()
    expect(await details.innerText()).toContain('1 month after')
    await check(p, 'options')
  })

  it('downloads a date as a calendar event', async () => {
    const link = page.locator('[data-route="tribunal-appeal"] a[data-ics]').first()
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    expect(download.suggestedFilename()).toBe('redress-tribunal-appeal.ics')
    const ics = readFileSync((await download.path())!, 'utf8').replace(/\r\n[ \t]/g, '')
    const expected = computeDeadlineFromInput(
      deadlineRequestSchema.parse({
        kind: 'tribunalAppeal',
        from: daysAgo(6).toString(),
        nation: 'scotland',
      }),
    )
    expect(ics).toContain(`DTSTART;VALUE=DATE:${expected.deadline.toString().replace(/-/g, '')}`)
    expect(ics).toContain('Rule: deadlines.tribunal-appeal')
  })

  it('leads to the checklist of what to tell the CMS, which can be ticked', async () => {
    await page.locator('a[href="/what-you-must-tell-the-cms"]').first().click()
    await page.waitForURL(/what-you-must-tell-the-cms$/)
    // Filled in from the answers already given.
    expect(await page.locator('input[name="role"][value="paying"]').isChecked()).toBe(true)
    expect(await page.locator('input[name="nation"][value="scotland"]').isChecked()).toBe(true)
    await check(p, 'duties-form')
    await fillDate(page, 'movedOn', daysAgo(2))
    await page.getByRole('button', { name: 'Show my checklist' }).click()
    await page.waitForURL(/checklist$/)
    expect(await p.heading()).toBe('What you must tell the CMS')
    expect(await page.locator('[data-address-rule]').innerText()).toContain('within 7 days')
    expect(await page.locator('[data-fine]').innerText()).toContain('£1,000')
    expect(await page.locator('[data-deadline="changeOfAddressNotice"]').count()).toBe(1)
    const box = page.locator('#duty-address')
    await box.check()
    expect(await box.isChecked()).toBe(true)
    await check(p, 'duties-checklist')
  })

  it('makes no request to any other origin', () => {
    expect(foreignRequests).toEqual([])
  })
})

describe('“What can I do?” without JavaScript', () => {
  it('works end to end, with the date fields shown', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false })
    const page = await noJs.newPage()
    const p = await new RedressPage(page, server.url).open('/what-can-i-do')
    await page.getByRole('button', { name: 'Start now' }).click()
    await page.waitForURL(/where-you-live$/)
    await choose(page, 'england')
    await next(page)
    await choose(page, 'receiving')
    await next(page)
    await choose(page, 'wrongCalculation')
    await next(page)
    await choose(page, 'income')
    await next(page)
    await choose(page, 'notAsked')
    await next(page)
    // A date left empty, with nothing ticked, is explained in the error summary.
    await next(page)
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Enter the date on the decision letter',
    )
    await fillDate(page, 'date', daysAgo(2))
    await next(page)
    await choose(page, 'no')
    await next(page)
    await choose(page, 'no')
    await next(page)
    expect(await p.heading()).toBe('Check your answers')
    await page.getByRole('button', { name: 'See what you can do' }).click()
    await page.waitForURL(/your-options$/)
    const mr = page.locator('[data-route="mandatory-reconsideration"]')
    expect(await mr.getAttribute('data-rank')).toBe('1')
    const expected = computeDeadlineFromInput(
      deadlineRequestSchema.parse({
        kind: 'mandatoryReconsideration',
        from: daysAgo(2).toString(),
        nation: 'england-and-wales',
      }),
    )
    expect(await mr.locator('[data-act-by]').first().getAttribute('data-act-by')).toBe(
      expected.actBy.toString(),
    )
    // The details element opens without JavaScript.
    await mr.locator('details summary').first().click()
    expect(await mr.locator('details').first().getAttribute('open')).not.toBeNull()
    await p.screenshot('routes-options-no-js')
    await page.setViewportSize({ width: 375, height: 740 })
    await p.screenshot('routes-options-no-js-phone')
    // (axe needs JavaScript to run, so these pages are scanned in the tests above.)
    await noJs.close()
  })
})
