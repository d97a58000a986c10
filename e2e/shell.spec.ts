import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import { startHarness } from './support/harness.ts'
import { RedressPage } from './support/page.ts'
import type { RunningServer } from './support/server.ts'

let server: RunningServer
let browser: Browser
let context: BrowserContext
let foreignRequests: string[]
let close = async (): Promise<void> => {}

beforeAll(async () => {
  ;({ server, browser, context, foreignRequests, close } = await startHarness())
})
afterAll(() => close())

const pages = [
  { path: '/', name: 'start', heading: 'Sort out a child maintenance problem' },
  { path: '/help', name: 'help', heading: 'Where to get free help' },
  { path: '/privacy', name: 'privacy', heading: 'Privacy' },
  { path: '/accessibility', name: 'accessibility', heading: 'Accessibility' },
  { path: '/no-such-page', name: 'not-found', heading: 'Page not found' },
]

describe('every page, in a real browser', () => {
  it.each(pages)('$path renders, has the shell and passes axe', async ({ path, name, heading }) => {
    const page = await context.newPage()
    const p = await new RedressPage(page, server.url).open(path)
    expect(await p.heading()).toContain(heading)
    await p.expectShell()
    await p.expectAccessible()
    await p.screenshot(name)
    await page.setViewportSize({ width: 375, height: 740 })
    await p.expectAccessible()
    await p.screenshot(`${name}-phone`)
    await page.close()
  })

  it('makes no request to any other origin', () => {
    expect(foreignRequests).toEqual([])
  })

  it('Exit this page leaves the site when Shift is pressed three times', async () => {
    const page = await context.newPage()
    let exitedTo = ''
    // Exit goes through /exit, which redirects to the neutral site (e2e/safe-mode.spec.ts follows it).
    await page.route('**/exit', (route) => {
      exitedTo = route.request().url()
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title>' })
    })
    await new RedressPage(page, server.url).open('/')
    await page.waitForFunction("document.body.classList.contains('govuk-frontend-supported')")
    await page.keyboard.press('Shift')
    await page.keyboard.press('Shift')
    await page.keyboard.press('Shift')
    await page.waitForURL(/\/exit$/)
    expect(exitedTo).toBe(`${server.url}/exit`)
    foreignRequests.length = 0 // the exit itself is the one request allowed to leave
    await page.close()
  })
})

describe('without JavaScript', () => {
  it('the start page works and its links lead on', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false })
    const page = await noJs.newPage()
    const p = await new RedressPage(page, server.url).open('/')
    expect(await p.heading()).toContain('Sort out a child maintenance problem')
    // Exit goes through /exit (which ends the session and then sends the browser on to the neutral site).
    expect(await page.locator('a.govuk-exit-this-page__button').getAttribute('href')).toBe('/exit')
    await page.locator('.rd-advice-notice a').click()
    await page.waitForURL(/\/help$/)
    expect(await p.heading()).toContain('free help')
    // (axe needs JavaScript to run, so the accessibility scan of these pages is in the tests above.)
    await p.screenshot('help-no-js')
    await noJs.close()
  })
})
