import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../helpers/app.ts'
import { CONTENT_SECURITY_POLICY } from '../../src/web/security/headers.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(async () => t.close())

const get = (url: string) => t.app.inject({ method: 'GET', url })

describe('web shell', () => {
  it('serves the start page with what Redress helps with and that it is not advice', async () => {
    const res = await get('/')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.body).toContain('<html lang="en"')
    expect(res.body).toContain('Sort out a child maintenance problem')
    expect(res.body).toContain('checking the CMS&#39;s calculation to the penny')
    expect(res.body).toContain('This is not legal advice')
  })

  it.each(['/', '/help', '/privacy', '/accessibility', '/no-such-page'])(
    '%s has the skip link, Exit this page, the advice notice and our own footer',
    async (url) => {
      const res = await get(url)
      expect(res.body).toContain('href="#main-content"')
      expect(res.body).toContain('govuk-exit-this-page')
      expect(res.body).toContain('Redress is not legal advice')
      expect(res.body).toContain('href="/help"')
      expect(res.body).toContain('open-source software')
      expect(res.body).not.toMatch(/crown|Crown copyright|GDS Transport/i)
    },
  )

  it('answers 404 in the same style', async () => {
    const res = await get('/no-such-page')
    expect(res.statusCode).toBe(404)
    expect(res.body).toContain('Page not found')
  })

  it('sets a same-origin content security policy and no cookies', async () => {
    const res = await get('/')
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/)
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['referrer-policy']).toBe('same-origin')
    expect(res.headers['cache-control']).toBe('no-store')
    // The start page holds a form, so it may set the cross-site cookie: a random value, nothing else.
    expect(String(res.headers['set-cookie'] ?? 'redress_csrf=' + 'x'.repeat(43))).toMatch(
      /^redress_csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$|^redress_csrf=x{43}$/,
    )
    expect((await get('/privacy')).headers['set-cookie']).toBeUndefined()
  })

  it('refers to no asset on another origin', async () => {
    for (const url of ['/', '/help', '/privacy']) {
      const { body } = await get(url)
      // Assets are src= attributes and <link href>; ordinary links (<a href>) may point anywhere.
      const refs = [...body.matchAll(/\ssrc="([^"]+)"|<link[^>]*\shref="([^"]+)"/g)].map((m) => m[1] ?? m[2]!)
      expect(refs).toContain('/assets/app.css')
      const external = refs.filter((r) => /^(https?:)?\/\//.test(r))
      expect(external).toEqual([])
    }
  })

  it('serves the compiled styles with our open font and no GOV.UK font or images', async () => {
    const res = await get('/assets/app.css')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Noto Sans')
    expect(res.body).not.toContain('GDS Transport')
    expect(res.body).not.toContain('govuk-crest')
  })

  it('reports health with the engine and a working query', async () => {
    const res = await get('/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok', engine: 'pglite', database: 'ok' })
  })

  it('reports 503 when the database does not answer', async () => {
    const ping = t.database.ping
    Object.assign(t.database, { ping: async () => false })
    try {
      const res = await get('/health')
      expect(res.statusCode).toBe(503)
      expect(res.json()).toMatchObject({ status: 'unavailable', database: 'failed' })
    } finally {
      Object.assign(t.database, { ping })
    }
  })
})

describe('server errors', () => {
  it('answer 500 in the same style, saying nothing saved was lost, without details of the error', async () => {
    const { buildApp } = await import('../../src/web/app.ts')
    const app = await buildApp(t.services)
    app.get('/boom', async () => {
      throw new Error('secret detail from the database')
    })
    const res = await app.inject({ method: 'GET', url: '/boom' })
    expect(res.statusCode).toBe(500)
    expect(res.body).toContain('Sorry, something went wrong')
    expect(res.body).toContain('Nothing you had already saved has been lost')
    expect(res.body).not.toContain('secret detail')
    expect(res.body).toContain('govuk-exit-this-page')
    await app.close()
  })
})
