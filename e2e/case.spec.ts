import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from './support/browser.ts'
import { RedressPage } from './support/page.ts'
import { removeDir, startServer, type RunningServer } from './support/server.ts'
import { errorSummary, fillDate, submit } from './support/case-file.ts'
import { pdf, png } from '../test/case/fixtures.ts'

/**
 * The case file in a real browser: the journey from the issue (record a decision, see its deadlines,
 * log a call and the letter confirming it, upload and link evidence, find it on the timeline, export
 * and import elsewhere), with an axe scan and a screenshot of every case page.
 */

let server: RunningServer
let other: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
let caseUrl = ''
const visited = new Set<string>()

beforeAll(async () => {
  ;[server, other] = await Promise.all([startServer({ env: { REDRESS_MAX_UPLOAD_MB: '1' } }), startServer()])
  browser = await launchBrowser()
  context = await browser.newContext({ acceptDownloads: true })
  page = await context.newPage()
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  for (const s of [server, other]) {
    await s?.stop()
    if (s) removeDir(s.dataDir)
  }
})

/** axe (WCAG 2.2 AA) and screenshots, at desktop and phone widths. */
async function check(name: string, p: Page = page): Promise<void> {
  await new RedressPage(p, server.url).checkAtBothWidths(`case-${name}`)
  visited.add(name)
}

const go = async (path: string) => {
  await page.goto(server.url + path)
}

describe('the case file, in a real browser', () => {
  it('lists cases and refuses a bad new case with the error summary', async () => {
    await go('/cases')
    expect(await page.locator('h1').innerText()).toBe('Your cases')
    await check('list-empty')
    await page.getByRole('button', { name: 'Start a new case' }).click()
    await page.fill('#cmsReference', '1311 2345 6789')
    await submit(page, 'Create the case')
    expect(await errorSummary(page)).toEqual([
      'Enter a name for this case',
      'Choose where you live',
      'Choose which parent you are',
      'The CMS reference must begin 121 (it is 12 digits beginning 121)',
    ])
    expect(await page.inputValue('#cmsReference')).toBe('1311 2345 6789')
    await check('new-errors')
    await page.locator('.govuk-error-summary__list a').first().click()
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('title')
  })

  it('creates Amira’s case', async () => {
    await go('/cases/new')
    await check('new')
    await page.fill('#title', 'Amira and Dan')
    await page.check('#nation')
    await page.check('#role')
    await page.fill('#cmsReference', '1211 2345 6789')
    await page.fill('#children-0-name', 'Sara')
    await fillDate(page, 'children-0-dateOfBirth', '2016-09-01')
    await submit(page, 'Add another child')
    await page.fill('#children-1-name', 'Yusuf')
    await page.fill('#otherParent-name', 'Dan')
    await page.fill('#otherParent-phone', '07700 900456')
    await submit(page, 'Create the case')
    caseUrl = new URL(page.url()).pathname
    expect(caseUrl).toMatch(/^\/cases\/[0-9a-f-]{36}$/)
    expect(await page.locator('main').innerText()).toContain('Sara (born 1 September 2016), Yusuf')
    await check('dashboard-empty')
  })

  it('records a decision and shows the deadlines it creates', async () => {
    await page.getByRole('button', { name: 'Record a CMS decision' }).click()
    await check('decision-new')
    await page.check('input[name="kind"][value="annual-review"]')
    await fillDate(page, 'letterDate', '2099-02-03')
    await submit(page, 'Save the decision')
    expect(await errorSummary(page)).toEqual([
      'The date on the letter must be today or in the past (you gave 3 February 2099)',
    ])
    await check('decision-errors')
    await fillDate(page, 'letterDate', '2025-02-03')
    await page.fill('#weeklyAmount', '82.06')
    await page.fill('#nights', '52')
    await submit(page, 'Save the decision')
    const main = await page.locator('main').innerText()
    expect(main).toContain('Ask for a mandatory reconsideration of the decision of 3 February 2025')
    expect(main).toContain('Monday 3 March 2025')
    await check('decision')
    await page
      .getByRole('link', { name: 'Ask for a mandatory reconsideration of the decision of 3 February 2025' })
      .click()
    // The click starts the navigation; the task page is read once it has arrived.
    await page.waitForURL(/\/tasks\/[^/]+$/)
    expect(await page.locator('main').innerText()).toContain('How Redress worked out this date')
    await check('task')
    await page.getByRole('button', { name: 'Amend' }).click()
    await check('task-edit')
    await go(`${caseUrl}/decisions`)
    await check('decisions')
  })

  it('logs a call, then records the letter confirming it', async () => {
    await go(caseUrl)
    await page.getByRole('button', { name: 'Log a phone call' }).click()
    await check('call-new')
    await fillDate(page, 'occurredOn', '2025-02-10')
    await page.fill('#occurredTime', '10:15')
    await page.fill('#call-personName', 'Kelly')
    await page.fill('#call-theySaid', 'They would look into it')
    await page.fill('#call-actions-0-text', 'look into the new income')
    await fillDate(page, 'call-actions-0-due', '2025-02-17')
    await submit(page, 'Save the call')
    expect(await page.locator('h1').innerText()).toBe('Now confirm the call in writing')
    await check('call-confirm')
    await page.getByRole('button', { name: 'Record the letter confirming this call' }).click()
    expect(await page.inputValue('#title')).toBe('Letter confirming the call of 10 February 2025')
    await check('letter-sent-new')
    await fillDate(page, 'occurredOn', '2025-02-11')
    await page.check('input[name="letter-method"][value="first-class"]')
    await page.fill('#letter-certificateNumber', 'CP 1234')
    await submit(page, 'Save the letter')
    expect(await page.locator('main').innerText()).toContain('confirms the call')
    await check('letter')
    await page.getByRole('button', { name: 'Amend' }).click()
    await check('letter-edit')
    await go(`${caseUrl}/letters/new?direction=received`)
    await check('letter-received-new')
    await go(`${caseUrl}/events/new`)
    await check('event-new')
  })

  it('uploads evidence with a progress bar, refuses a disguised file, links it and shows it inline', async () => {
    const dir = server.dataDir
    writeFileSync(join(dir, 'receipt.png'), png(64))
    writeFileSync(join(dir, 'letter.pdf'), png(8)) // a photo named as a PDF
    await go(`${caseUrl}/evidence/new`)
    await check('evidence-upload')
    await page.setInputFiles('#file', join(dir, 'letter.pdf'))
    await page.fill('#title', 'Disguised')
    // The page's script sends the form and writes the answer into the page, which is no navigation
    // for submit() to wait for (it waited out its 10 s): the error summary is waited for instead.
    await page.getByRole('button', { name: 'Add the evidence' }).click()
    await page.waitForSelector('.govuk-error-summary')
    expect((await errorSummary(page))[0]).toContain(
      'is named as a PDF document but its content is a PNG image',
    )
    await check('evidence-upload-errors')
    await page.fill('#title', 'Certificate of posting')
    // The option reads "<date>: <title>", so it is found by its title (selecting by the exact
    // label never matched and waited out Playwright's 30 s timeout before this ran).
    const letterOption = await page
      .locator('#linkTo option', { hasText: 'Letter confirming the call' })
      .getAttribute('value')
    await page.selectOption('#linkTo', letterOption!)
    await page.setInputFiles('#file', join(dir, 'receipt.png'))
    await page.getByRole('button', { name: 'Add the evidence' }).click()
    await page.waitForURL(/\/evidence\/[0-9a-f-]{36}\?saved=1/)
    expect(
      await page
        .locator('img.rd-evidence-image')
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(64)
    await check('evidence')
    await page.getByRole('button', { name: 'Amend' }).click()
    await check('evidence-edit')
    await go(`${caseUrl}/evidence`)
    await check('evidence-list')
  })

  it('uploads without JavaScript through the plain form', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false })
    const p = await noJs.newPage()
    writeFileSync(join(server.dataDir, 'notice.pdf'), pdf('Reconsideration notice'))
    await p.goto(`${server.url}${caseUrl}/evidence/new`)
    await p.fill('#title', 'Reconsideration notice')
    await p.setInputFiles('#file', join(server.dataDir, 'notice.pdf'))
    await Promise.all([
      p.waitForURL(/\/evidence\/[0-9a-f-]{36}\?saved=1/),
      p.getByRole('button', { name: 'Add the evidence' }).click(),
    ])
    expect(await p.locator('main').innerText()).toContain('PDF document')
    await new RedressPage(p, server.url).screenshot('case-evidence-no-js')
    await noJs.close()
  })

  it('finds the call on the timeline with the filters', async () => {
    await go(`${caseUrl}/timeline`)
    await check('timeline')
    await page.fill('#q', 'kelly')
    await submit(page, 'Show entries')
    expect(await page.locator('#results').innerText()).toBe('1 of 2 entries')
    expect(await page.locator('main ol').innerText()).toContain('Phone call with the CMS')
    await check('timeline-filtered')
    await page.locator('main ol a').first().click()
    await check('call')
    await page.getByRole('button', { name: 'Amend' }).click()
    await check('call-edit')
  })

  it('shows the deadlines, the dashboard, the history, the bin and export pages', async () => {
    await go(`${caseUrl}/deadlines`)
    expect(await page.locator('main').innerText()).toContain(
      'Check the CMS has done what it promised on 10 February 2025',
    )
    await check('deadlines')
    await go(`${caseUrl}/tasks/new`)
    await check('task-new')
    await go(caseUrl)
    await check('dashboard')
    await go(`${caseUrl}/edit`)
    await check('edit')
    await go(`${caseUrl}/history`)
    await check('history')
    await go(`${caseUrl}/events/new`)
    await page.check('input[name="type"][value="note"]')
    await fillDate(page, 'occurredOn', '2025-03-01')
    await page.fill('#title', 'A note to bin')
    await submit(page, 'Save the entry')
    await submit(page, 'Move to the bin')
    await check('bin')
    await page.getByRole('link', { name: 'Delete for good A note to bin' }).click()
    await page.waitForURL(/\/purge$/)
    await check('purge')
    await go(`${caseUrl}/export`)
    await check('export')
  })

  it('exports the case and imports it elsewhere identical; a damaged archive is refused naming the file', async () => {
    await go(`${caseUrl}/export`)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the case archive' }).click(),
    ])
    const zip = join(server.dataDir, 'case.zip')
    await download.saveAs(zip)
    const p2 = await context.newPage()
    await p2.goto(`${other.url}/cases/import`)
    await check('import', p2)
    const damaged = join(server.dataDir, 'damaged.zip')
    const entries = unzipSync(new Uint8Array(readFileSync(zip)))
    const evidence = Object.keys(entries).find((k) => k.startsWith('evidence/'))!
    writeFileSync(damaged, zipSync({ ...entries, [evidence]: new Uint8Array([...entries[evidence]!, 0x20]) }))
    await p2.setInputFiles('#archive', damaged)
    await p2.getByRole('button', { name: 'Import the case' }).click()
    await p2.waitForSelector('.govuk-error-summary')
    expect((await errorSummary(p2))[0]).toBe(
      `${evidence}: does not match its SHA-256 hash in the manifest: the archive is damaged or was changed. Nothing was imported.`,
    )
    await check('import-errors', p2)
    await p2.setInputFiles('#archive', zip)
    await p2.getByRole('button', { name: 'Import the case' }).click()
    await p2.waitForURL(/imported=1/)
    expect(new URL(p2.url()).pathname).toBe(caseUrl)
    await p2.goto(`${other.url}${caseUrl}/timeline?q=kelly`)
    expect(await p2.locator('main ol').innerText()).toContain('Phone call with the CMS')
    await p2.goto(`${other.url}/cases`)
    await check('list', p2)
    await p2.close()
  })

  it('checked every case page', () => {
    expect([...visited].length).toBeGreaterThanOrEqual(30)
  })
})
