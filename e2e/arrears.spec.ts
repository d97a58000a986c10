import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startHarness } from './support/harness.ts'
import { RedressPage } from './support/page.ts'
import type { RunningServer } from './support/server.ts'

/**
 * "Check your arrears" in Chromium for persona Jordan: upload his bank statement, pick the payments
 * with a filter, enter the CMS figures, confirm a match, and find the £612 payment the CMS did not
 * record; axe on every page at desktop and phone width; the schedule download; and the same journey
 * with JavaScript off.
 */

let server: RunningServer
let browser: Browser
let context: BrowserContext
let foreignRequests: string[]
let watch: (c: BrowserContext) => BrowserContext
let close = async (): Promise<void> => {}

beforeAll(async () => {
  ;({ server, browser, context, foreignRequests, watch, close } = await startHarness())
})
afterAll(() => close())

const check = (p: RedressPage, name: string): Promise<void> =>
  p.checkAtBothWidths(`arrears-${name}`, { desktop: { width: 1280, height: 900 } })

/** Presses a button that submits a form, and waits for the page it leads to. */
const click = async (page: Page, name: string | RegExp) => {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name, exact: typeof name === 'string' }).click(),
  ])
}

const jordanCsv = [
  'Date,Description,Money in,Money out,Balance',
  ...['30/01/2025', '27/02/2025', '28/03/2025', '29/04/2025', '29/05/2025', '27/06/2025'].map(
    (d) => `${d},STANDING ORDER CMS 121000000001,,213.03,`,
  ),
  '28/03/2025,FASTER PAYMENT CMS 121000000001 ARREARS,,612.00,',
  '31/03/2025,CARD PAYMENT SUPERMARKET,,45.10,',
].join('\n')
const schedule = [
  '31/01/2025, 213.03',
  '28/02/2025, 213.03',
  '31/03/2025, 213.03',
  '31/03/2025, 612.00, arrears before the plan',
  '30/04/2025, 213.03',
  '30/05/2025, 213.03',
  '30/06/2025, 213.03',
].join('\n')
const cmsStatement = ['03/02/2025', '03/03/2025', '01/04/2025', '01/05/2025', '02/06/2025', '30/06/2025']
  .map((d) => `${d}, Payment received, , 213.03,`)
  .join('\n')

async function journey(page: Page, p: RedressPage, withAxe: boolean): Promise<void> {
  // axe runs in the page, so only with JavaScript on; the JavaScript-off run checks the journey itself.
  const shot = async (name: string): Promise<void> => {
    if (withAxe) await check(p, name)
  }
  await p.open('/')
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator('main a[href="/check-arrears"]').click(),
  ])
  expect(await p.heading()).toBe('Check your arrears')
  await shot('start')
  await page.fill('#title', 'Jordan')
  await click(page, 'Start a new check')
  await page.waitForURL(/\/statement$/)
  await click(page, 'Upload and read')
  expect(await page.locator('.govuk-error-summary').innerText()).toContain('Choose your bank statement file')
  await shot('statement-error')
  await page.setInputFiles('#file', {
    name: 'statement.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(jordanCsv),
  })
  await click(page, 'Upload and read')
  await page.waitForURL(/\/payments\?imported=8/)
  await page.fill('#filter', 'CMS 121')
  await click(page, 'Show')
  expect(await page.locator('input[name="payment"]').count()).toBe(7)
  await shot('payments')
  for (const box of await page.locator('input[name="payment"]').all()) await box.check()
  await click(page, 'Save and continue')
  await page.waitForURL(/\/cms-figures$/)
  await page.fill('#asOf-day', '30')
  await page.fill('#asOf-month', '6')
  await page.fill('#asOf-year', '2025')
  await page.fill('#cmsArrears', '612.00')
  await page.fill('#schedule', '31/01/2025, 213.03\n28/02/2025, -213.03')
  await click(page, 'Save and continue')
  expect(await page.locator('.govuk-error-summary').innerText()).toContain('must not be negative')
  expect(await page.inputValue('#schedule')).toContain('-213.03')
  await shot('cms-error')
  await page.fill('#schedule', schedule)
  await page.fill('#cmsStatement', cmsStatement)
  await click(page, 'Save and continue')
  await page.waitForURL(/\/matches$/)
  expect(await page.locator('main').innerText()).toContain('28 March 2025: £612.00')
  await shot('matches')
  await click(page, /^Confirm 30 January 2025/)
  await page.waitForURL(/\/matches/)
  expect(await page.locator('.govuk-tag--green').count()).toBe(1)
  await Promise.all([
    page.waitForLoadState('load'),
    page.getByRole('link', { name: 'See the result' }).last().click(),
  ])
  await page.waitForURL(/\/result$/)
  expect(await page.locator('#headline').innerText()).toBe(
    'The CMS says you owe £612.00 on 30 June 2025. Your evidence shows £0.00. The difference, £612.00, is made of: £612.00: A payment the CMS did not record: £612.00 on 28 March 2025.',
  )
  expect(await page.locator('svg.rd-arrears-chart title').textContent()).toBe(
    'Arrears balance at the end of each month',
  )
  expect(await page.locator('#ledger tbody tr').count()).toBe(6)
  await shot('result')
}

describe('“Check your arrears” with JavaScript', () => {
  let page: Page
  let p: RedressPage
  beforeAll(async () => {
    page = await context.newPage()
    p = new RedressPage(page, server.url)
  })

  it('persona Jordan: the £612 payment the CMS did not record is found, and every page passes axe', async () => {
    await journey(page, p, true)
  }, 240_000)

  it('downloads the discrepancy schedule', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[href$="discrepancy-schedule.csv"]').click(),
    ])
    expect(download.suggestedFilename()).toBe('arrears-discrepancy-schedule.csv')
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv).toContain('A payment the CMS did not record: £612.00 on 28 March 2025.')
  })

  it('a file with no header row is mapped by numbered columns, and deleting a check asks first; both pages pass axe', async () => {
    const base = new URL(page.url()).pathname.replace(/\/result$/, '')
    // A layout Redress does not know, with no header row: the mapping page offers numbered columns.
    await p.open(`${base}/statement`)
    await page.setInputFiles('#file', {
      name: 'card.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('CMS121 MAINT,30/07/2025,213.03\nREFUND SHOP,02/08/2025,-10.00\n'),
    })
    await click(page, 'Upload and read')
    await page.waitForURL(/\/columns$/)
    expect(await page.locator('main').innerText()).toContain('This file has no header row')
    await check(p, 'columns-headerless')
    await page.selectOption('#date', 'Column 2')
    await page.selectOption('#description', 'Column 1')
    await page.selectOption('#amount', 'Column 3')
    await page.getByLabel('Money paid out is shown as a positive amount in this column').check()
    await click(page, 'Read the statement')
    await page.waitForURL(/\/payments\?imported=2/)

    await p.open(base)
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('link', { name: /^Delete this check/ }).click(),
    ])
    expect(await p.heading()).toBe('Delete this arrears check?')
    await check(p, 'delete')
    await click(page, 'Yes, delete this check')
    await page.waitForURL(/\/check-arrears\?deleted=1$/)
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'The arrears check was deleted.',
    )
    await check(p, 'deleted')
  }, 240_000)

  it('makes no request to any other origin', () => {
    expect(foreignRequests).toEqual([])
  }, 180_000)
})

describe('“Check your arrears” without JavaScript', () => {
  it('the same journey works with JavaScript off', async () => {
    const noJs = watch(await browser.newContext({ javaScriptEnabled: false }))
    const page = await noJs.newPage()
    await journey(page, new RedressPage(page, server.url), false)
    await noJs.close()
    expect(foreignRequests).toEqual([])
  }, 180_000)
})
