import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from './support/browser.ts'
import { RedressPage } from './support/page.ts'
import { removeDir, startServer, type RunningServer } from './support/server.ts'
import { fillDate, submit } from './support/case-file.ts'
import { letterPdf, makeSpec, photoImage } from '../test/fixtures/letters/synthetic.ts'
import { HEIC_FIXTURE, HEIC_SPEC } from '../test/fixtures/letters/make-heic-fixture.ts'

/**
 * Reading the paperwork in a real browser: upload a phone photo of a CMS letter, wait while it is
 * read, search for a word in it, and add the decision from it with the pre-filled form, checking
 * each value; axe scans every page, at desktop and phone widths.
 */

let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
let caseUrl = ''
const dir = mkdtempSync(join(tmpdir(), 'redress-reading-e2e-'))
const spec = {
  ...makeSpec(31, 'annual-review'),
  letterDate: '2025-02-03',
  effectiveDate: '2025-03-10',
  variant: 0,
}

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext()
  page = await context.newPage()
  writeFileSync(join(dir, 'letter-photo.jpg'), await photoImage(await letterPdf(spec), 31))
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.stop()
  if (server) removeDir(server.dataDir)
  removeDir(dir)
})

async function check(name: string): Promise<void> {
  const rp = new RedressPage(page, server.url)
  await rp.expectShell()
  await rp.expectAccessible()
  await rp.screenshot(`reading-${name}`)
  await page.setViewportSize({ width: 375, height: 740 })
  await rp.expectAccessible()
  await rp.screenshot(`reading-${name}-phone`)
  await page.setViewportSize({ width: 1280, height: 800 })
}

describe('reading a photo of a letter, in a real browser', () => {
  it('creates a case and uploads a photo of a CMS letter', async () => {
    await page.goto(`${server.url}/cases/new`)
    await page.fill('#title', 'Photo of a letter')
    await page.check('#nation')
    await page.check('#role')
    await submit(page, 'Create the case')
    caseUrl = new URL(page.url()).pathname
    await page.goto(`${server.url}${caseUrl}/evidence/new`)
    await page.setInputFiles('#file', join(dir, 'letter-photo.jpg'))
    await page.fill('#title', 'Annual review letter')
    await Promise.all([
      page.waitForURL(/\/evidence\/[0-9a-f-]{36}\?saved=1/),
      page.getByRole('button', { name: 'Add the evidence' }).click(),
    ])
  })

  it('shows progress, then the text read from the photo and the facts found', async () => {
    await page.getByRole('link', { name: 'Text and facts read from this file' }).click()
    // The click starts the navigation; the page is read once it has arrived.
    await page.waitForURL(/\/text$/)
    const main = page.locator('main')
    if ((await main.innerText()).includes('Redress is reading this file')) {
      await check('text-working')
      // The page says when it has finished (its script asks the server); the link shows the result.
      await page.getByRole('link', { name: 'See the result' }).click({ timeout: 180_000 })
    }
    await page.waitForSelector('text=Facts Redress found in this letter', { timeout: 30_000 })
    const text = await main.innerText()
    expect(text).toContain('read from the image')
    expect(text).toContain('3 February 2025')
    await check('text')
  })

  it('finds a word from the photo by searching the case', async () => {
    await page.getByRole('link', { name: 'Search this case' }).click()
    await page.fill('#q', 'annual review')
    await submit(page, 'Search')
    await page.waitForURL(/\/search\?q=annual/)
    expect((await page.locator('mark').first().innerText()).toLowerCase()).toBe('annual')
    await check('search')
    await page.getByRole('link', { name: 'Annual review letter' }).click()
    expect(page.url()).toContain('/text#page-1')
  })

  it('adds the decision from the letter with the pre-filled form, after checking each value', async () => {
    await page.getByRole('button', { name: 'Add a decision from this letter' }).click()
    expect(await page.isChecked('input[name="kind"][value="annual-review"]')).toBe(true)
    expect(await page.inputValue('#letterDate-day')).toBe('3')
    expect(await page.inputValue('#letterDate-month')).toBe('2')
    expect(await page.inputValue('#letterDate-year')).toBe('2025')
    expect(await page.inputValue('#weeklyAmount')).toBe((spec.weeklyPence / 100).toFixed(2))
    expect(await page.locator('main').innerText()).toContain('Read from page 1')
    await check('decision-prefilled')
    await submit(page, 'Save the decision')
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Confirm you have checked each answer against the letter',
    )
    await check('decision-unconfirmed')
    await fillDate(page, 'letterDate', '2025-02-03')
    await page.check('#checked')
    await submit(page, 'Save the decision')
    const main = await page.locator('main').innerText()
    expect(main).toContain('3 February 2025')
    await check('decision-saved')
    await page.goto(`${server.url}${caseUrl}/history`)
    expect(await page.locator('main').innerText()).toContain('Facts confirmed by the parent')
  })

  it('searches every case from Your cases', async () => {
    await page.goto(`${server.url}/cases`)
    await page.getByRole('link', { name: 'Search all your cases' }).click()
    await page.fill('#q', 'review')
    await submit(page, 'Search')
    await page.waitForURL(/\/search\?q=review/)
    expect(await page.locator('main').innerText()).toContain('Photo of a letter')
    await check('search-all')
  })

  it('reads an iPhone (HEIC) photo, showing progress as it goes without reloading the page', async () => {
    // Another photo first, so the HEIC photo is still waiting or being read when its page opens
    // (OCR is one page at a time), however fast the machine.
    writeFileSync(join(dir, 'second-photo.jpg'), await photoImage(await letterPdf(spec), 32))
    for (const [file, title] of [
      [join(dir, 'second-photo.jpg'), 'Second photo'],
      [HEIC_FIXTURE, 'HEIC photo'],
    ] as const) {
      await page.goto(`${server.url}${caseUrl}/evidence/new`)
      await page.setInputFiles('#file', file)
      await page.fill('#title', title)
      await Promise.all([
        page.waitForURL(/\/evidence\/[0-9a-f-]{36}\?saved=1/),
        page.getByRole('button', { name: 'Add the evidence' }).click(),
      ])
    }
    const textUrl = `${new URL(page.url()).pathname}/text`
    await page.goto(`${server.url}${textUrl}`)
    const status = page.locator('[data-reading-status]')
    expect(await status.innerText()).toContain('Redress is reading this file')
    expect(await status.getAttribute('role')).toBe('status')

    // Without JavaScript: a link to look again, and no automatic refresh.
    const plain = await browser.newContext({ javaScriptEnabled: false })
    const noJs = await plain.newPage()
    await noJs.goto(`${server.url}${textUrl}`)
    expect(await noJs.locator('main').innerText()).toContain('See how far it has got')
    expect(await noJs.locator('meta[http-equiv="refresh"]').count()).toBe(0)
    await plain.close()

    // With it: the link to look again is hidden and the sentence changes in place as reading goes on.
    expect(await page.getByRole('link', { name: 'See how far it has got' }).isVisible()).toBe(false)
    await page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true))
    await check('heic-working')
    await page.waitForSelector('text=Redress has finished reading this file.', { timeout: 180_000 })
    expect(
      await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true)
    await check('heic-finished')
    await page.getByRole('link', { name: 'See the result' }).click()
    await page.waitForSelector('text=Facts Redress found in this letter')
    const text = await page.locator('main').innerText()
    expect(text).toContain('Child Maintenance Service')
    expect(text).toContain('8 June 2024')
    expect(text.replace(/\s/g, '')).toContain(HEIC_SPEC.reference)
  })
})
