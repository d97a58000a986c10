import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/services/clock.ts'
import { sameOrigin, testApp, type TestApp } from '../helpers/app.ts'
import { CALC } from '../../e2e/support/calculation-journey.ts'

/** The pages take "today" from the one clock the composition root was given (not the computer's date). */
let t: TestApp
beforeAll(async () => {
  t = await testApp({}, fixedClock('2024-07-15'))
})
afterAll(async () => t.close())

const value = (html: string, name: string): string | undefined =>
  new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`value="([^"]*)"[^>]*name="${name}"`).exec(html)?.[1]

describe('one clock for the web pages', () => {
  it('puts the clock’s date in the calculation’s date question', async () => {
    const who = await t.app.inject({
      method: 'POST',
      url: `${CALC}/who`,
      payload: 'who=receiving',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOrigin() },
    })
    const cookie = String(who.headers['set-cookie'] ?? '').split(';')[0]!
    const page = await t.app.inject({ method: 'GET', url: `${CALC}/date`, headers: { cookie } })
    expect(page.statusCode).toBe(200)
    expect([
      value(page.body, 'date-day'),
      value(page.body, 'date-month'),
      value(page.body, 'date-year'),
    ]).toEqual(['15', '7', '2024'])
  })
})
