import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { AxeBuilder } from '@axe-core/playwright'
import type { AxeResults } from 'axe-core'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

export const ARTEFACTS = 'test-artefacts/screenshots'

/** The widths every page is checked at. */
export const DESKTOP = { width: 1280, height: 800 } as const
export const PHONE = { width: 375, height: 740 } as const

/** The rules every page must pass: WCAG 2.2 AA and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/** axe-core's source, from the copy @axe-core/playwright itself injects. */
let axeSource: string | undefined
const axeScript = (): string =>
  (axeSource ??= (
    createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core') as {
      source: string
    }
  ).source)

/**
 * Runs axe on the page as it is now. axe is put into the page once per document and run with
 * `axe.run` there, as @axe-core/playwright's legacy mode does; its default mode also opens a
 * second, blank tab for every scan to merge the per-frame results, which costs about twice the scan
 * itself. Our pages have no frames (the headers forbid them); a page that had one would be scanned
 * by @axe-core/playwright's own frame-by-frame run instead.
 */
async function axeScan(page: Page): Promise<AxeResults> {
  if (page.frames().length > 1) return new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeScript())
      return await page.evaluate((tags) => {
        // In the page: the axe put there above, run on the whole document.
        const w = globalThis as unknown as {
          axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> }
          document: unknown
        }
        return w.axe.run(w.document, { runOnly: { type: 'tag', values: tags } })
      }, AXE_TAGS)
    } catch (error) {
      // A page still being replaced (the upload script writes the server's answer into the
      // document) drops the scan's context: wait for the new document and scan that one.
      if (attempt >= 3 || !/Execution context was destroyed/.test((error as Error).message)) throw error
      await page.waitForLoadState('load')
    }
  }
}

/** A page object with the checks every Redress page must pass. */
export class RedressPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(path: string): Promise<this> {
    await this.page.goto(this.baseUrl + path)
    return this
  }

  heading(): Promise<string> {
    return this.page.locator('h1').innerText()
  }

  /** axe-core WCAG 2.2 AA scan: no violations allowed. */
  async expectAccessible(): Promise<void> {
    const results = await axeScan(this.page)
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    )
    expect(summary).toEqual([])
  }

  /** The parts every page has: skip link, Exit this page, the not-advice notice, our footer. */
  async expectShell(): Promise<void> {
    await expect.poll(() => this.page.locator('a.govuk-skip-link').count()).toBe(1)
    await expect.poll(() => this.page.locator('.govuk-exit-this-page').count()).toBe(1)
    expect(await this.page.locator('.rd-advice-notice').innerText()).toContain('not legal advice')
    expect(await this.page.locator('footer').innerText()).toContain('open-source')
  }

  /** Fails if the page scrolls sideways at its current width. */
  async expectNoSidewaysScroll(what = 'the page'): Promise<void> {
    const overflow = await this.page.evaluate('document.documentElement.scrollWidth > window.innerWidth + 1')
    expect(overflow, `${what} scrolls sideways at ${this.page.viewportSize()?.width}px`).toBe(false)
  }

  /**
   * The check every page gets: the shell, then axe and a screenshot at desktop width, then axe and
   * a screenshot (`<name>-phone`) at phone width; leaves the page at desktop width.
   */
  async checkAtBothWidths(
    name: string,
    o: { desktop?: { width: number; height: number }; shell?: boolean; noSideways?: boolean } = {},
  ): Promise<void> {
    const desktop = o.desktop ?? DESKTOP
    if (o.shell ?? true) await this.expectShell()
    await this.page.setViewportSize(desktop)
    await this.expectAccessible()
    await this.screenshot(name)
    await this.page.setViewportSize(PHONE)
    await this.expectAccessible()
    if (o.noSideways) await this.expectNoSidewaysScroll(name)
    await this.screenshot(`${name}-phone`)
    await this.page.setViewportSize(desktop)
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(ARTEFACTS, { recursive: true })
    // Chromium now and then refuses a capture on a busy machine ("Unable to capture screenshot",
    // seen once in CI with two browsers running): it is tried again, up to three times.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.page.screenshot({ path: `${ARTEFACTS}/${name}.png`, fullPage: true })
        return
      } catch (error) {
        if (attempt === 3 || !String(error).includes('Unable to capture screenshot')) throw error
        await this.page.waitForTimeout(500)
      }
    }
  }
}
