import { mkdirSync } from 'node:fs'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

export const ARTEFACTS = 'test-artefacts/screenshots'

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
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze()
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

  async screenshot(name: string): Promise<void> {
    mkdirSync(ARTEFACTS, { recursive: true })
    await this.page.screenshot({ path: `${ARTEFACTS}/${name}.png`, fullPage: true })
  }
}
