import type { Page } from 'playwright-core'

/** Page-object helpers for the case-file pages: filling GOV.UK date inputs and reading the error summary. */
export async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-')
  await page.fill(`#${id}-day`, String(Number(d)))
  await page.fill(`#${id}-month`, String(Number(m)))
  await page.fill(`#${id}-year`, y!)
}

export async function errorSummary(page: Page): Promise<string[]> {
  return page.locator('.govuk-error-summary__list a').allInnerTexts()
}

/** Submits the main form (the last submit button inside <main>'s first form with a method of post). */
export async function submit(page: Page, text: string): Promise<void> {
  // Waits for the next page when the form navigates (most do; a form the page's script handles may
  // not): waiting for the load state alone returns at once, since the page being left is loaded,
  // and on a busy machine the test then read a page still arriving.
  const navigated = page.waitForEvent('framenavigated', { timeout: 10_000 }).then(
    () => true,
    () => false,
  )
  await page.getByRole('button', { name: text, exact: true }).click()
  if (await navigated) await page.waitForLoadState('load')
}
