import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from './support/browser.ts'
import { RedressPage } from './support/page.ts'
import { removeDir, startServer, type RunningServer } from './support/server.ts'
import { ensureTemplate } from '../test/helpers/pglite.ts'
import { openDatabase } from '../src/store/db.ts'
import { createServices } from '../src/services/services.ts'
import { systemClock } from '../src/services/clock.ts'
import { rules } from '../src/rules/load.ts'
import { amira, WHO } from '../test/letters/personas.ts'
import { textPdf } from '../test/fixtures/documents/pdfs.ts'
import { png } from '../test/case/fixtures.ts'

/**
 * The bundle page (issue 11) in a real browser: sections and order for each document, the parent's
 * own details offered to hide, the accessible-version note, an error, and the finished bundle with
 * its redaction log. axe (WCAG 2.2 AA) at desktop and phone width, no sideways scrolling.
 */

let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
let caseId = ''
let payslipId = ''

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-bundle-'))
  cpSync(join(await ensureTemplate(), 'pglite'), join(dataDir, 'pglite'), { recursive: true })
  const database = await openDatabase({ dataDir })
  // The app's own composition root, as the server will build it over this folder.
  const services = createServices(
    { database, dataDir, rules: rules(), maxUploadBytes: 5 * 1024 * 1024 },
    systemClock,
  )
  const caseFile = services.caseFile
  const a = await amira(services)
  caseId = a.c.id
  const payslip = await caseFile.evidence.add(WHO, caseId, {
    fileName: 'payslip.pdf',
    content: Readable.from([
      Buffer.from(
        await textPdf({
          pages: 1,
          lines: () => [
            'Payslip',
            'Employee address: 14 Ash Grove, Leeds, LS6 2AB',
            'Employer: Northfield Bakery',
          ],
        }),
      ),
    ]),
    title: 'Payslip',
  })
  payslipId = payslip.id
  await caseFile.evidence.add(WHO, caseId, {
    fileName: 'receipt.png',
    content: Readable.from([png(64)]),
    title: 'Photo of a receipt',
  })
  await database.close()
  server = await startServer({ dataDir })
  browser = await launchBrowser()
  context = await browser.newContext({ acceptDownloads: true })
  page = await context.newPage()
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.stop()
  if (server) removeDir(server.dataDir)
})

const check = (name: string): Promise<void> =>
  new RedressPage(page, server.url).checkAtBothWidths(`bundle-${name}`, { noSideways: true })

describe('the bundle page, in a real browser', () => {
  it('offers sections, order, the parent’s own details to hide and says where the accessible version is', async () => {
    await page.goto(`${server.url}/cases/${caseId}/bundle`)
    expect(await page.textContent('h1')).toContain('Build a tribunal bundle')
    expect(await page.inputValue(`#section-${payslipId}`)).toBe('evidence')
    expect(await page.isVisible('label:has-text("14 Ash Grove")')).toBe(true)
    expect(await page.textContent('main')).toContain('not a tagged PDF')
    await check('choose')
  })

  it('shows an error summary for something too short to hide, keeping the rest', async () => {
    await page.fill('#redactMore', 'ab')
    await page.click('form[method="post"] button:has-text("Build the bundle")')
    await page.waitForLoadState('load')
    if (!(await page.isVisible('.govuk-error-summary')))
      throw new Error(`no error summary: ${page.url()} ${await page.textContent('h1')}`)
    expect(await page.inputValue('#redactMore')).toBe('ab')
    await check('error')
  })

  it('builds the bundle with the document moved, the details removed, and shows the redaction log', async () => {
    await page.selectOption(`#section-${payslipId}`, 'correspondence')
    await page.check('input[name="hide"][value="address:14 Ash Grove"]')
    await page.fill('#redactMore', 'Northfield Bakery')
    await page.click('form[method="post"] button:has-text("Build the bundle")')
    await page.waitForSelector('text=Your bundle is ready', { timeout: 60_000 })
    const main = (await page.textContent('main')) ?? ''
    expect(main).toContain('Redaction log')
    expect(main).toContain('removed your address')
    expect(main).toContain('no text to search')
    expect(main).toMatch(/D\d+ Payslip/)
    await check('done')
  })
})
