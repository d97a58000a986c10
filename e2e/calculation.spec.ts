import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startHarness } from './support/harness.ts'
import { amira, CALC, jordan, type JourneyStep } from './support/calculation-journey.ts'
import { RedressPage } from './support/page.ts'
import { pdfText, squash } from './support/pdf-text.ts'
import type { RunningServer } from './support/server.ts'

let server: RunningServer
let browser: Browser
let foreignRequests: string[]
let watch: (context: BrowserContext) => BrowserContext
let close = async (): Promise<void> => {}

beforeAll(async () => {
  ;({ server, browser, foreignRequests, watch, close } = await startHarness())
})
afterAll(() => close())

async function newContext(javaScriptEnabled: boolean): Promise<BrowserContext> {
  return watch(await browser.newContext({ javaScriptEnabled, acceptDownloads: true }))
}

/** Types or chooses each answer the way a person would. */
async function fill(page: Page, fields: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const radio = page.locator(`input[type="radio"][name="${name}"][value="${value}"]`)
    if ((await radio.count()) > 0) await radio.check()
    else await page.locator(`input[name="${name}"]`).fill(value)
  }
}

const pageName = (path: string): string => path.slice(CALC.length + 1).replace(/\//g, '-') || 'start'

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue', exact: true })

/** Walks the journey from the start page, checking the shell and axe (desktop and phone) on every page. */
async function walk(
  p: RedressPage,
  steps: readonly JourneyStep[],
  o: { axe: boolean; shots?: string },
): Promise<void> {
  const { page } = p
  for (const s of steps) {
    expect(new URL(page.url()).pathname).toBe(s.path)
    expect((await p.heading()).length).toBeGreaterThan(5)
    expect(await page.locator('a.govuk-back-link').count()).toBe(1)
    await p.expectShell()
    if (o.axe) {
      await p.expectAccessible()
      await page.setViewportSize({ width: 375, height: 740 })
      await p.expectAccessible()
      if (o.shots) await p.screenshot(`${o.shots}-${pageName(s.path)}-phone`)
      await page.setViewportSize({ width: 1280, height: 900 })
    }
    if (o.shots) await p.screenshot(`${o.shots}-${pageName(s.path)}`)
    await fill(page, s.fields)
    await continueButton(page).click()
    await page.waitForLoadState('domcontentloaded')
  }
}

async function downloadPdf(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the workings (PDF)' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^workings-\d{4}-\d{2}-\d{2}\.pdf$/)
  const bytes = new Uint8Array(readFileSync((await download.path())!))
  expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
  return squash((await pdfText(bytes)).text)
}

describe('Check a calculation, in Chromium with JavaScript', () => {
  it('Amira: every page passes axe at desktop and phone widths; the result and the PDF give £128.03', async () => {
    const context = await newContext(true)
    const page = await context.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    const p = await new RedressPage(page, server.url).open('/')
    await page.getByRole('link', { name: 'Check a child maintenance calculation' }).click()
    await page.waitForURL(`**${CALC}`)
    expect(await p.heading()).toBe('Check a child maintenance calculation')
    await p.expectShell()
    await p.expectAccessible()
    await p.screenshot('calculation-start')
    await page.getByRole('button', { name: 'Start now' }).click()

    await walk(p, amira(), { axe: true, shots: 'calculation' })

    await page.waitForURL(`**${CALC}/check-answers`)
    expect(await p.heading()).toBe('Check your answers')
    await p.expectAccessible()
    await p.screenshot('calculation-check-answers')
    await page.setViewportSize({ width: 375, height: 740 })
    await p.expectAccessible()
    await p.screenshot('calculation-check-answers-phone')
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.getByRole('button', { name: 'Work out the amount' }).click()

    await page.waitForURL(`**${CALC}/result`)
    const result = await page.locator('main').innerText()
    expect(result).toMatch(/£128\.03\s+a week/)
    expect(result).toContain('+£34.13 a week, to £116.19')
    expect(result).toContain('Matches')
    expect(result).toContain('Not confirmed')
    // The workings on the CMS's figures open without a page load.
    await page.getByText('See the workings on the CMS').click()
    expect(await page.locator('#cms-steps').isVisible()).toBe(true)
    await p.expectAccessible()
    await p.screenshot('calculation-result')
    await page.setViewportSize({ width: 375, height: 740 })
    await p.expectAccessible()
    await p.screenshot('calculation-result-phone')
    const noSideways = await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')
    expect(noSideways).toBe(true)

    const pdf = await downloadPdf(page)
    expect(pdf).toContain('£128.03 a week')
    expect(pdf).toContain('+£34.13 a week, to £116.19')
    expect(pdf).toContain(
      'The income of £45,000.00 a year divided by 365 and multiplied by 7 is £863.01 a week.',
    )
    expect(pdf).toContain('Child Support Act 1991, Schedule 1, paragraph 2(1) and (2)')
    await context.close()
  }, 240_000)

  it('errors: the summary takes focus, links to the field, and keeps what was typed', async () => {
    const context = await newContext(true)
    const page = await context.newPage()
    const p = await new RedressPage(page, server.url).open(`${CALC}/who`)
    await walk(p, amira().slice(0, 6), { axe: false })
    await fill(page, { amount: '45,000.123', frequency: 'year' })
    await continueButton(page).click()
    await page.waitForLoadState('domcontentloaded')
    const summary = page.locator('.govuk-error-summary')
    expect(await summary.innerText()).toContain('no more than 2 numbers after the decimal point')
    await expect
      .poll(() => page.evaluate("document.activeElement?.classList.contains('govuk-error-summary')"))
      .toBe(true)
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.locator('#amount').inputValue()).toBe('45,000.123')
    await p.expectAccessible()
    await p.screenshot('calculation-income-error')
    await summary.getByRole('link').first().click()
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('amount')
    await context.close()
  }, 120_000)

  it('several receiving parents: add another, remove one, and Enter in a field continues', async () => {
    const context = await newContext(true)
    const page = await context.newPage()
    const p = await new RedressPage(page, server.url).open(`${CALC}/who`)
    await walk(p, amira().slice(0, 2), { axe: false })
    await fill(page, { 'parent-0-name': 'Amira', 'parent-0-children': '2' })
    await page.getByRole('button', { name: 'Add another receiving parent' }).click()
    await page.waitForURL(/children#parent-1-name$/)
    await fill(page, { 'parent-1-name': 'Bea', 'parent-1-children': '1' })
    await page.getByRole('button', { name: 'Add another receiving parent' }).click()
    await page.waitForURL(/children#parent-2-name$/)
    expect(await page.locator('#parent-0-name').inputValue()).toBe('Amira')
    await p.expectAccessible()
    await p.screenshot('calculation-children-three')
    await page.getByRole('button', { name: 'Remove Receiving parent 3' }).click()
    await page.waitForLoadState('domcontentloaded')
    expect(await page.locator('#parent-2-name').count()).toBe(0)
    await page.locator('#parent-1-children').press('Enter')
    await page.waitForURL(`**${CALC}/nights`)
    expect(await page.locator('main').innerText()).toContain('Children living with Bea')
    await p.expectAccessible()
    await p.screenshot('calculation-nights-two-parents')
    await context.close()
  }, 120_000)
})

describe('Check a calculation, in Chromium without JavaScript', () => {
  it('Jordan: every page works, the result gives £40.96 against £49.16, and the PDF downloads', async () => {
    const context = await newContext(false)
    const page = await context.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    const p = await new RedressPage(page, server.url).open(CALC)
    await page.getByRole('button', { name: 'Start now' }).click()
    // An empty answer shows the error summary, linked to the field, without any script.
    await continueButton(page).click()
    await page.waitForLoadState('domcontentloaded')
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#who')
    await p.screenshot('calculation-nojs-who-error')

    await walk(p, jordan(), { axe: false, shots: 'calculation-nojs' })
    await page.waitForURL(`**${CALC}/check-answers`)
    await p.screenshot('calculation-nojs-check-answers')
    await page.getByRole('button', { name: 'Work out the amount' }).click()
    await page.waitForURL(`**${CALC}/result`)
    const result = await page.locator('main').innerText()
    expect(result).toMatch(/£40\.96\s+a week/)
    expect(result).toContain("The CMS's figures give £49.16 a week. Your figures give £40.96 a week.")
    expect(result).toContain('-£8.20 a week, to £40.96')
    await p.screenshot('calculation-nojs-result')
    await page.setViewportSize({ width: 375, height: 740 })
    await p.screenshot('calculation-nojs-result-phone')
    // (axe needs JavaScript, so the scan of these pages is in the tests above.)

    const pdf = await downloadPdf(page)
    expect(pdf).toContain('£40.96 a week')
    expect(pdf).toContain('-£8.20 a week, to £40.96')
    expect(pdf).toContain('78 nights')

    // Start again clears the answers.
    await page.getByRole('button', { name: 'Start again' }).click()
    await page.waitForURL(`**${CALC}/who`)
    await page.goto(`${server.url}${CALC}/result`)
    expect(new URL(page.url()).pathname).toBe(`${CALC}/who`)
    await context.close()
  }, 180_000)

  it('makes no request to any other origin', () => {
    expect(foreignRequests).toEqual([])
  })
})
