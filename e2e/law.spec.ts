import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { Temporal } from 'temporal-polyfill'
import { amira, CALC } from './support/calculation-journey.ts'
import { startHarness } from './support/harness.ts'
import { RedressPage } from './support/page.ts'
import type { RunningServer } from './support/server.ts'

/**
 * Issue #12 in Chromium: the plain answers first and the sources a click away, on the calculation result
 * (rate name, fees, the reconsideration deadline from the decision letter), a deadline ending on Christmas
 * Day (one act-by sentence, never aiming at a closed day), and "What can I do?" for a Northern Ireland
 * complaint after ICE (the Ombudsman directly, no MP; letters linked to the case file). Axe on every page at
 * desktop and phone width.
 */

let server: RunningServer
let context: BrowserContext
let foreignRequests: string[]
let close = async (): Promise<void> => {}
/** A page in a browser of its own (no answers left from another journey), watched for foreign requests. */
let freshPage: () => Promise<Page> = () => Promise.reject(new Error('no harness'))

beforeAll(async () => {
  const harness = await startHarness()
  ;({ server, context, foreignRequests, close } = harness)
  freshPage = async () => harness.watch(await harness.browser.newContext()).newPage()
})
afterAll(() => close())

const today = Temporal.Now.plainDateISO('Europe/London')

async function check(p: RedressPage, name: string): Promise<void> {
  await p.expectShell()
  await p.page.setViewportSize({ width: 1280, height: 900 })
  await p.expectAccessible()
  await p.screenshot(`law-${name}`)
  await p.page.setViewportSize({ width: 375, height: 740 })
  await p.expectAccessible()
  await p.screenshot(`law-${name}-phone`)
  await p.page.setViewportSize({ width: 1280, height: 900 })
}

const click = async (page: Page, name: string) => {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()])
}

async function fillDate(page: Page, id: string, d: Temporal.PlainDate): Promise<void> {
  await page.fill(`#${id}-day`, String(d.day))
  await page.fill(`#${id}-month`, String(d.month))
  await page.fill(`#${id}-year`, String(d.year))
}

/** What a reader sees without opening any disclosure. */
const visible = (page: Page) => page.locator('main').innerText()

describe('the calculation result: plain answer first, sources a click away', () => {
  let page: Page
  let p: RedressPage
  beforeAll(async () => {
    page = await context.newPage()
    p = new RedressPage(page, server.url)
    await p.open(`${CALC}/who`)
    for (const s of amira({ compare: false })) {
      expect(new URL(page.url()).pathname).toBe(s.path)
      for (const [name, value] of Object.entries(s.fields)) {
        const radio = page.locator(`input[type="radio"][name="${name}"][value="${value}"]`)
        if ((await radio.count()) > 0) await radio.check()
        else await page.locator(`input[name="${name}"]`).fill(value)
      }
      await click(page, 'Continue')
    }
    await page.waitForURL(/check-answers$/)
    await p.open(`${CALC}/result`)
  })

  it('names the rate as the CMS does, shows the fees, and keeps rule ids behind "Sources"', async () => {
    const main = await visible(page)
    expect(main).toContain('The CMS calls this the basic plus rate.')
    expect(main).toMatch(
      /If the CMS collected it instead \(Collect and Pay\), the paying parent would pay £\d+\.\d\d a week/,
    )
    expect(main).not.toMatch(/\(calculation\.[a-z-]+\)/)
    const first = page.locator('details', { hasText: 'Sources' }).first()
    await first.locator('summary').click()
    expect(await first.innerText()).toMatch(/\(calculation\.[a-z-]+\)/)
    await check(p, 'calculation-result')
  })

  it('works out the reconsideration deadline from the decision letter, in one sentence', async () => {
    await click(page, 'Work out my deadline')
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select where you live')
    await check(p, 'calculation-letter-errors')
    await fillDate(page, 'letterDate', Temporal.PlainDate.from('2025-02-03'))
    await page.locator('input[name="nation"][value="england"]').check()
    await click(page, 'Work out my deadline')
    expect(await page.locator('#reconsideration-dates [data-act-by]').innerText()).toBe('Monday 3 March 2025')
    expect(await page.locator('#reconsideration-dates [data-deadline-date]').innerText()).toBe(
      'Wednesday 5 March 2025',
    )
    expect(await page.locator('#act-by-sentence').innerText()).toBe(
      'Act by Monday 3 March 2025, the earliest date any reading of the rules gives.',
    )
    expect(await visible(page)).toContain('You have no case file yet.')
    await check(p, 'calculation-reconsideration')
  })
})

describe('a deadline ending on Christmas Day', () => {
  it('says act by Wednesday 24 December 2025 in one sentence, never “aim for” a closed day', async () => {
    const page = await context.newPage()
    const p = await new RedressPage(page, server.url).open('/work-out-a-deadline')
    await page.locator('input[name="kind"][value="tribunalAppeal"]').check()
    await page.locator('input[name="nation"][value="england"]').check()
    await page.locator('input[name="when"][value="exact"]').check()
    await click(page, 'Continue')
    await page.waitForURL(/\/date$/)
    await fillDate(page, 'exact', Temporal.PlainDate.from('2025-11-25'))
    await click(page, 'Work out the deadline')
    await page.waitForURL(/your-deadline$/)
    expect(await page.locator('[data-act-by]').innerText()).toBe('Wednesday 24 December 2025')
    expect(await page.locator('[data-act-by-sentence]').innerText()).toBe(
      'Act by Wednesday 24 December 2025, the last working day before Thursday 25 December 2025 (Christmas Day): the rules may let it arrive on Monday 29 December 2025, but do not count on that.',
    )
    const main = await visible(page)
    expect(main).not.toMatch(/aim for Thursday 25 December/)
    expect(main).not.toContain('deadlines.tribunal-appeal')
    await check(p, 'christmas')
  })
})

describe('“What can I do?” in Northern Ireland after the Independent Case Examiner', () => {
  it('sends the complaint to the NI Public Services Ombudsman directly, with no MP', async () => {
    const page = await context.newPage()
    const p = await new RedressPage(page, server.url).open('/what-can-i-do')
    await click(page, 'Start now')
    const answer = async (value: string) => {
      await page.locator(`input[name="answer"][value="${value}"]`).check()
      await click(page, 'Continue')
    }
    await answer('northern-ireland')
    await answer('receiving')
    await answer('poorService')
    await answer('longDelay')
    await answer('iceDecided')
    await fillDate(page, 'date', today.subtract({ days: 60 }))
    await click(page, 'Continue')
    await answer('no')
    await page.waitForURL(/check-your-answers$/)
    await click(page, 'See what you can do')
    await page.waitForURL(/your-options$/)
    const nipso = page.locator('[data-route="nipso-complaint"]')
    expect(await nipso.count()).toBe(1)
    expect(await nipso.innerText()).toContain('you do not need an MP')
    expect(await page.locator('[data-route="mp-and-ombudsman"]').count()).toBe(0)
    expect(await page.locator('[data-contacts]').innerText()).toContain(
      'Northern Ireland Public Services Ombudsman',
    )
    // A route whose letter the case file writes links to it; the old "later version" line is gone.
    expect(await page.locator('[data-letter-written]').count()).toBeGreaterThan(0)
    expect(await visible(page)).not.toContain('in a later version')
    await check(p, 'ni-options')
    expect(foreignRequests).toEqual([])
  })
})

describe('“What can I do?” after a Northern Ireland tribunal decision', () => {
  it('asks when the reasons were sent and offers leave from a legally qualified panel member', async () => {
    const page = await freshPage()
    const p = await new RedressPage(page, server.url).open('/what-can-i-do')
    await click(page, 'Start now')
    const answer = async (value: string) => {
      await page.locator(`input[name="answer"][value="${value}"]`).check()
      await click(page, 'Continue')
    }
    await answer('northern-ireland')
    await answer('paying')
    await answer('wrongCalculation')
    await answer('nights')
    await answer('tribunalDecided')
    expect(new URL(page.url()).pathname).toBe('/what-can-i-do/calculation-reasons-date')
    await check(p, 'reasons-date')
    await fillDate(page, 'date', today.subtract({ days: 10 }))
    await click(page, 'Continue')
    await answer('no')
    await page.waitForURL(/check-your-answers$/)
    await click(page, 'See what you can do')
    await page.waitForURL(/your-options$/)
    const leave = page.locator('[data-route="permission-to-appeal"]')
    expect(await leave.innerText()).toContain('legally qualified panel member')
    expect(await leave.innerText()).toContain('Court of Appeal in Northern Ireland')
    await check(p, 'ni-onward')
  })
})
