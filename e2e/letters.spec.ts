import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from './support/browser.ts'
import { RedressPage } from './support/page.ts'
import { removeDir, startServer, type RunningServer } from './support/server.ts'
import { errorSummary } from './support/case-file.ts'
import { ensureTemplate } from '../test/helpers/pglite.ts'
import { openDatabase } from '../src/store/db.ts'
import { createServices } from '../src/services/services.ts'
import { systemClock } from '../src/services/clock.ts'
import { rules } from '../src/rules/load.ts'
import { amira, WHO } from '../test/letters/personas.ts'
import { textPdf } from '../test/fixtures/documents/pdfs.ts'

/** The letters and bundle pages in a real browser: axe (WCAG 2.2 AA) and screenshots at desktop and 375px. */

let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
let caseId = ''
let callId = ''

beforeAll(async () => {
  // Amira's case, written into a fresh data folder before the server opens it.
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-letters-'))
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
  callId = a.call.id
  for (let i = 1; i <= 3; i++)
    await caseFile.evidence.add(WHO, caseId, {
      fileName: `evidence-${i}.pdf`,
      content: Readable.from([Buffer.from(await textPdf({ pages: 4 }))]),
      title: `Evidence ${i}`,
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

async function check(name: string, p: Page = page): Promise<void> {
  const rp = new RedressPage(p, server.url)
  await rp.expectShell()
  await rp.expectAccessible()
  await rp.screenshot(`letters-${name}`)
  await p.setViewportSize({ width: 375, height: 740 })
  await rp.expectAccessible()
  const overflow = await p.evaluate('document.documentElement.scrollWidth > window.innerWidth + 1')
  expect(overflow, `${name} scrolls sideways at 375px`).toBe(false)
  await rp.screenshot(`letters-${name}-phone`)
  await p.setViewportSize({ width: 1280, height: 800 })
}

describe('letters and the bundle, in a real browser', () => {
  it('lists the letters the case needs', async () => {
    await page.goto(`${server.url}/cases/${caseId}/write`)
    expect(await page.textContent('h1')).toContain('Letters and bundle')
    await check('list')
  })

  it('opens clean, lists what to add, and shows the error summary only on submit', async () => {
    await page.goto(`${server.url}/cases/${caseId}/write/ice-referral`)
    expect(await errorSummary(page)).toEqual([])
    expect(await page.textContent('main')).toContain('Before Redress can write this letter')
    // Where it goes: the Independent Case Examiner's address, with its source.
    expect(await page.textContent('#recipient')).toContain('PO Box 209')
    await check('missing')
    await page.click('button[value="update"]')
    expect((await errorSummary(page)).join(' ')).toContain('National Insurance number')
    await check('missing-submitted')
  })

  it('says first when a reconsideration request is late or past its outer limit', async () => {
    await page.goto(`${server.url}/cases/${caseId}/write/mandatory-reconsideration`)
    await page.fill('#date-day', '1')
    await page.fill('#date-month', '4')
    await page.fill('#date-year', '2025')
    await page.click('button[value="update"]')
    expect(await page.textContent('.govuk-notification-banner')).toContain('This is late')
    expect(await page.textContent('#timing-text')).toContain('ended on 5 March 2025')
    await check('late')
    await page.fill('#date-year', '2026')
    await page.fill('#date-month', '6')
    await page.click('button[value="update"]')
    expect(await page.textContent('.govuk-notification-banner')).toContain('The time limit has passed')
    expect(await page.textContent('.govuk-notification-banner')).toMatch(/Complain about how the CMS handled/)
    await check('past-outer-limit')
  })

  it('edits the call confirmation, downloads it and records it as sent', async () => {
    await page.goto(`${server.url}/cases/${caseId}/events/${callId}/write-confirmation`)
    await page.fill('#date-day', '11')
    await page.fill('#date-month', '2')
    await page.fill('#date-year', '2025')
    await page.check('#enclose')
    await page.click('button[value="update"]')
    await check('edit')
    // The preview lists what is enclosed; the notes for the parent sit apart from the letter.
    expect(await page.textContent('#preview')).toContain('Evidence 1')
    expect(await page.textContent('#notes')).toContain('certificate of posting')
    await page.fill('#paragraph-0', 'I am writing to confirm our call on 10 February 2025.')
    await page.click('button[value="preview"]')
    expect(await page.textContent('#preview')).toContain(
      '1. I am writing to confirm our call on 10 February 2025.',
    )
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[value="pdf"]')])
    expect(download.suggestedFilename()).toMatch(/^call-confirmation-2025-02-11\.pdf$/)
    await page.check('#method')
    await page.fill('#sentOn-day', '11')
    await page.fill('#sentOn-month', '2')
    await page.fill('#sentOn-year', '2025')
    await page.setInputFiles('#proof', {
      name: 'certificate-of-posting.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await textPdf({ pages: 1 })),
    })
    await page.click('button[value="send"]')
    expect(await page.textContent('h1')).toContain('Letter recorded as sent')
    expect(await page.textContent('main')).toContain('Proof of postage kept with the letter')
    await check('sent')
  })

  it('builds a bundle with progress, and works without JavaScript', async () => {
    await page.goto(`${server.url}/cases/${caseId}/bundle`)
    await check('bundle')
    await page.click('button.govuk-button')
    await page.waitForSelector('text=Your bundle is ready', { timeout: 30_000 })
    await check('bundle-done')
    const noJs = await browser.newContext({ javaScriptEnabled: false })
    const p = await noJs.newPage()
    await p.goto(`${server.url}/cases/${caseId}/bundle`)
    await p.click('button.govuk-button')
    for (let i = 0; i < 30 && !(await p.textContent('h1'))?.includes('ready'); i++) {
      await p.waitForTimeout(500)
      await p.reload()
    }
    expect(await p.textContent('h1')).toContain('Your bundle is ready')
    await noJs.close()
  })
})
