/** AGPL section 13: every page offers the source code; the accessibility page says where to report a problem. */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { sourceCodeUrl } from '../../src/web/source.ts'
import { testApp, type TestApp } from '../helpers/app.ts'

const apps: TestApp[] = []
afterAll(async () => Promise.all(apps.map((a) => a.close())))
afterEach(() => {
  delete process.env.REDRESS_SOURCE_URL
})

describe('the source code link', () => {
  it('is REDRESS_SOURCE_URL when set, which must be https', () => {
    expect(sourceCodeUrl({ REDRESS_SOURCE_URL: 'https://example.org/redress' })).toBe(
      'https://example.org/redress',
    )
    expect(() => sourceCodeUrl({ REDRESS_SOURCE_URL: 'javascript:alert(1)' })).toThrow(/https/)
  })

  it('is in the footer of every page', async () => {
    process.env.REDRESS_SOURCE_URL = 'https://example.org/redress'
    const t = await testApp()
    apps.push(t)
    for (const url of ['/', '/accessibility']) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.body).toContain(
        '<a class="govuk-link rd-footer__link" href="https://example.org/redress">Source code</a>',
      )
    }
  })

  it('without an address, the footer says the source is in the folder Redress runs from', async () => {
    const t = await testApp()
    apps.push(t)
    const res = await t.app.inject({ method: 'GET', url: '/' })
    if (sourceCodeUrl() === null) expect(res.body).toContain('Source code: in the folder Redress runs from (')
    else expect(res.body).toContain('>Source code</a>')
  })

  it('the accessibility page says where to report a problem', async () => {
    const t = apps[0]!
    const res = await t.app.inject({ method: 'GET', url: '/accessibility' })
    expect(res.body).toContain('please tell us: open an issue where Redress')
  })
})
