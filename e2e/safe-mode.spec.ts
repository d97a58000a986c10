import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import { launchBrowser } from './support/browser.ts'
import { freePort, removeDir, startServer, type RunningServer } from './support/server.ts'
import { RedressPage } from './support/page.ts'
import { errorSummary, submit } from './support/case-file.ts'
import { ensureTemplate } from '../test/helpers/pglite.ts'

/**
 * Safe mode and Exit in a real browser: Exit is the first Tab stop and visible at 320 px; after
 * Exit, going back (history.back()) shows no Redress page however many the tab visited; safe mode
 * turned on from the settings page; a restarted server shows only the unlock page; a wrong
 * passphrase reveals nothing; axe on every new page.
 */

let server: RunningServer
let browser: Browser
let context: BrowserContext
let weather: Server
let weatherUrl: string
const PASS = 'orange kettle harbour'

beforeAll(async () => {
  // Exit's destination is a setting: here a local stand-in for a weather page (nothing leaves this machine).
  const port = await freePort()
  weather = createServer((req, res) => res.end('<title>Weather</title><h1>Weather</h1>'))
  await new Promise<void>((r) => weather.listen(port, '127.0.0.1', r))
  weatherUrl = `http://127.0.0.1:${port}/weather`
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-safe-'))
  cpSync(join(await ensureTemplate(), 'pglite'), join(dataDir, 'pglite'), { recursive: true })
  writeFileSync(join(dataDir, 'privacy.json'), JSON.stringify({ exitUrl: weatherUrl }), { mode: 0o600 })
  server = await startServer({ dataDir })
  browser = await launchBrowser()
  context = await browser.newContext()
}, 120_000)
afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.stop()
  weather?.close()
  if (server) removeDir(server.dataDir)
})

describe('Exit', () => {
  it('is the first Tab stop and is visible at 320 px wide', async () => {
    const page = await context.newPage()
    await page.setViewportSize({ width: 320, height: 640 })
    const p = await new RedressPage(page, server.url).open('/')
    await page.keyboard.press('Tab')
    const focused = await page.evaluate<string>(
      "document.activeElement ? document.activeElement.className : ''",
    )
    expect(focused).toContain('govuk-exit-this-page__button')
    const exit = page.locator('a.govuk-exit-this-page__button')
    expect(await exit.isVisible()).toBe(true)
    const box = (await exit.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(320)
    await p.expectAccessible()
    await p.screenshot('exit-320')
    await page.close()
  })

  it('leaves no Redress page to go back to, however many pages the tab visited', async () => {
    const ctx = await browser.newContext()
    const page = await ctx.newPage()
    const visited = ['/', '/help', '/check-calculation', '/using-redress-privately']
    for (const path of visited) {
      await page.goto(server.url + path)
      expect(await page.locator('h1').first().innerText()).not.toBe('')
    }
    await page.waitForFunction("document.body.classList.contains('govuk-frontend-supported')")
    await page.keyboard.press('Shift')
    await page.keyboard.press('Shift')
    await page.keyboard.press('Shift')
    await page.waitForURL(weatherUrl)
    // Back, and back again, through every page the tab visited.
    for (let i = 0; i < visited.length; i++) {
      await page.evaluate('history.back()')
      await page.waitForLoadState('load')
      await page.waitForTimeout(300)
      if (!page.url().startsWith(server.url)) continue
      const text = await page.locator('body').innerText()
      expect(text, page.url()).not.toMatch(/Redress|child maintenance|Exit this page/i)
      expect(await page.title()).toBe('Notes')
    }
    // The blank page itself passes axe; "Open" starts again on purpose.
    await new RedressPage(page, server.url).expectAccessible()
    await page.getByRole('link', { name: 'Open' }).click()
    await page.waitForURL(`${server.url}/`)
    expect(await page.locator('h1').innerText()).toContain('Sort out a child maintenance problem')
    await ctx.close()
  })

  it('works without JavaScript (a link through /exit)', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false })
    const page = await noJs.newPage()
    await page.goto(server.url + '/help')
    await page.locator('a.govuk-exit-this-page__button').click()
    await page.waitForURL(weatherUrl)
    await page.goBack()
    expect(await page.title()).toBe('Notes')
    expect(await page.locator('body').innerText()).not.toContain('Redress')
    await noJs.close()
  })
})

describe('safe mode', () => {
  it('is turned on from the settings page and shows the recovery code once', async () => {
    const page = await context.newPage()
    const p = await new RedressPage(page, server.url).open('/')
    // The question on the start page; answering "yes" leads to the settings.
    await page.getByLabel('Yes').check()
    await Promise.all([
      page.waitForURL(/settings\/privacy$/),
      page.getByRole('button', { name: 'Save answer' }).click(),
    ])
    await p.expectAccessible()
    await p.screenshot('privacy-settings')
    await page.getByRole('link', { name: 'Turn on safe mode' }).click()
    await p.expectAccessible()
    await page.getByLabel('Choose a passphrase').fill(PASS)
    await page.getByLabel('Type the passphrase again').fill(PASS)
    await page.getByLabel(/I understand/).check()
    await page.getByRole('button', { name: 'Turn on safe mode' }).click()
    await page.locator('#recovery-code').waitFor()
    expect(await page.locator('#recovery-code').innerText()).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/)
    await p.expectAccessible()
    await page.goto(server.url + '/using-redress-privately')
    expect(await page.locator('body').innerText()).toContain('0808 2000 247')
    await p.expectAccessible()
    await p.screenshot('using-redress-privately')
    await page.close()
  }, 120_000)

  it('after a restart shows only the unlock page, and a wrong passphrase reveals nothing', async () => {
    await server.stop()
    server = await startServer({ dataDir: server.dataDir })
    const ctx = await browser.newContext()
    const page = await ctx.newPage()
    const p = new RedressPage(page, server.url)
    for (const path of ['/', '/cases', '/check-calculation', '/settings/privacy']) {
      await p.open(path)
      expect(new URL(page.url()).pathname, path).toBe('/unlock')
    }
    expect(await p.heading()).toBe('Type your passphrase')
    await p.expectAccessible()
    await p.screenshot('unlock')
    await page.getByLabel('Passphrase or recovery code').fill('not my passphrase')
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('not right')
    expect(new URL(page.url()).pathname).toBe('/unlock')
    await p.expectAccessible()
    await p.open('/cases')
    expect(new URL(page.url()).pathname).toBe('/unlock')
    await page.waitForTimeout(1200) // the wait after one wrong try
    await page.getByLabel('Passphrase or recovery code').fill(PASS)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.waitForURL(`${server.url}/`)
    await p.open('/cases')
    expect(new URL(page.url()).pathname).toBe('/cases')
    await ctx.close()
  }, 180_000)

  it('imports an archive exported in safe mode with its passphrase; a wrong one imports nothing', async () => {
    // Unlocked with the passphrase (previous test): exports are encrypted with it.
    const ctx = await browser.newContext()
    const page = await ctx.newPage()
    const p = await new RedressPage(page, server.url).open('/cases/new')
    await page.fill('#title', 'Archive for import')
    await page.check('#nation')
    await page.check('#role')
    await submit(page, 'Create the case')
    const caseUrl = new URL(page.url()).pathname.replace(/\/$/, '')
    const archive = await ctx.request.get(`${server.url}${caseUrl}/export/case.zip`)
    expect(archive.headers()['content-disposition']).toContain('.redress')
    const file = {
      name: 'redress-case.redress',
      mimeType: 'application/octet-stream',
      buffer: await archive.body(),
    }
    const cases = async (): Promise<number> => {
      const list = await ctx.request.get(`${server.url}/cases`)
      return ((await list.text()).match(/Archive for import/g) ?? []).length
    }
    const before = await cases()

    await p.open('/cases/import')
    await p.expectAccessible()
    await page.setInputFiles('#archive', file)
    await page.getByLabel(/Passphrase/).fill('not the passphrase')
    await page.getByRole('button', { name: 'Import the case' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    expect((await errorSummary(page)).join(' ')).toContain(
      'does not open this archive. Nothing was imported.',
    )
    expect(await page.locator('#passphrase').inputValue()).toBe('') // never sent back
    await p.expectAccessible()
    await p.screenshot('import-wrong-passphrase')
    expect(await cases()).toBe(before)

    await page.setInputFiles('#archive', file)
    await page.getByLabel(/Passphrase/).fill(PASS)
    await Promise.all([
      page.waitForURL(/\?imported=copy$/),
      page.getByRole('button', { name: 'Import the case' }).click(),
    ])
    expect(await cases()).toBe(before + 1)
    await ctx.close()
  }, 180_000)
})
