import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { buildApp } from '../../src/web/app.ts'
import { CSRF_COOKIE, SAFE_METHODS, withTokens } from '../../src/web/security/cross-site.ts'
import { loopbackHosts } from '../../src/web/security/hosts.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { sameOrigin, TEST_CSRF_KEY, testServices } from '../helpers/app.ts'
import { fixedClock } from '../../src/services/clock.ts'
import { amirasCase, TODAY } from '../case/fixtures.ts'
import type { FastifyInstance } from 'fastify'

/*
 * Every route that changes something must refuse a request another website could make. The routes
 * are read from fastify's own route table as they are registered, so a route added later is
 * covered without anyone remembering to add it here.
 */

let db: TestDatabase
let app: FastifyInstance
const routes: { method: string; url: string }[] = []
let ids: Record<string, string> = {}

beforeAll(async () => {
  db = await testPglite()
  const all = testServices(db, fixedClock(TODAY), { maxUploadBytes: 2 * 1024 * 1024 })
  const caseFile = all.caseFile
  app = await buildApp(all, {
    csrfKey: TEST_CSRF_KEY,
    onRoute: (r) => {
      for (const method of [r.method].flat()) routes.push({ method, url: r.url })
    },
  })
  await app.ready()
  const a = await amirasCase(caseFile)
  // Real ids, so that each attack reaches a route that would really change something.
  ids = { caseId: a.c.id, id: a.call.record.id, entity: 'event', evidenceId: a.photo.id }
}, 60_000)
afterAll(async () => {
  await app?.close()
  await db?.destroy()
})

/** A route's address with its parameters filled from the case built above. */
const fill = (url: string): string =>
  url.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? ids['id'] ?? 'x').replace(/\*$/, 'x')

/** Rows in every table: an attack that changed anything would change one of these. */
async function snapshot(): Promise<string> {
  const rows = async <T>(query: ReturnType<typeof sql.raw>): Promise<T[]> =>
    ((await db.db.execute(query)) as unknown as { rows: T[] }).rows
  const tables = await rows<{ table_name: string }>(
    sql.raw(`select table_name from information_schema.tables where table_schema = 'public' order by 1`),
  )
  const counts: string[] = []
  for (const { table_name } of tables) {
    const [r] = await rows<{ n: number }>(sql.raw(`select count(*)::int as n from "${table_name}"`))
    counts.push(`${table_name}=${r!.n}`)
  }
  const [v] = await rows<{ v: number }>(
    sql.raw('select coalesce(sum(version), 0)::int as v from case_events'),
  )
  return `${counts.join(' ')} versions=${v!.v}`
}

const stateChanging = () =>
  routes.filter((r) => !SAFE_METHODS.has(r.method)).map((r) => ({ ...r, path: fill(r.url) }))

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const body = 'title=attack&action=save&confirm=yes&version=1'

describe('cross-site protection on every state-changing route', () => {
  it('finds the state-changing routes in the route table', () => {
    const found = stateChanging().map((r) => `${r.method} ${r.url}`)
    expect(found.length).toBeGreaterThan(25)
    expect(found).toContain('POST /cases/new')
    expect(found).toContain('POST /cases/import')
    expect(found.some((r) => r.includes('purge'))).toBe(true)
  })

  const attacks: [string, () => Record<string, string>, string][] = [
    [
      'from another site (Sec-Fetch-Site: cross-site), even with a stolen token',
      () => ({ ...sameOrigin(), 'sec-fetch-site': 'cross-site' }),
      'cross-site',
    ],
    [
      'from a sibling site (Sec-Fetch-Site: same-site)',
      () => ({ ...sameOrigin(), 'sec-fetch-site': 'same-site' }),
      'cross-site',
    ],
    [
      'with another Origin',
      () => ({ ...sameOrigin(), 'sec-fetch-site': 'same-origin', origin: 'http://evil.example' }),
      'foreign-origin',
    ],
    ['with the opaque Origin "null"', () => ({ ...sameOrigin(), origin: 'null' }), 'foreign-origin'],
    [
      'without a token (an old browser that sends no Sec-Fetch-Site)',
      () => ({ cookie: `${CSRF_COOKIE}=${'a'.repeat(43)}` }),
      'no-token',
    ],
    [
      'with a token for another browser',
      () => ({ ...sameOrigin(), cookie: `${CSRF_COOKIE}=${'b'.repeat(43)}` }),
      'bad-token',
    ],
  ]

  for (const [name, headers, why] of attacks) {
    it(`refuses every one ${name}, and changes nothing`, async () => {
      const before = await snapshot()
      for (const r of stateChanging()) {
        const res = await app.inject({
          method: r.method as 'POST',
          url: r.path,
          payload: body,
          headers: { ...FORM, ...headers() },
        })
        expect({
          route: `${r.method} ${r.url}`,
          status: res.statusCode,
          why: res.headers['x-redress-refused'],
        }).toEqual({
          route: `${r.method} ${r.url}`,
          status: 403,
          why,
        })
        expect(res.body).toContain('Nothing was changed')
      }
      expect(await snapshot()).toBe(before)
    })
  }

  it('refuses every route, reading ones included, under a foreign Host name (DNS rebinding)', async () => {
    const before = await snapshot()
    for (const r of routes) {
      const res = await app.inject({
        method: r.method as 'GET',
        url: fill(r.url),
        headers: { ...FORM, ...sameOrigin(), host: 'evil.example:80' },
        ...(SAFE_METHODS.has(r.method) ? {} : { payload: body }),
      })
      expect({ route: `${r.method} ${r.url}`, status: res.statusCode }).toEqual({
        route: `${r.method} ${r.url}`,
        status: 421,
      })
      expect(res.body).not.toContain('Amira')
    }
    expect(await snapshot()).toBe(before)
  })

  it('serves the case list and its export only to the names it answers to', async () => {
    for (const host of ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', 'localhost:81']) {
      for (const url of ['/cases', `/cases/${ids['caseId']}/export/case.zip`, '/assets/app.css']) {
        const res = await app.inject({ method: 'GET', url, headers: { host } })
        expect(res.statusCode, `${host} ${url}`).toBe(421)
        expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
      }
    }
    for (const host of loopbackHosts(80)) {
      const res = await app.inject({ method: 'GET', url: '/cases', headers: { host } })
      expect(res.statusCode, host).toBe(200)
    }
  })

  it('answers to extra names from the setting, and only to those', async () => {
    const extra = await buildApp(testServices(db), { allowedHosts: ['redress.lan:8080'] })
    try {
      expect((await extra.inject({ url: '/', headers: { host: 'redress.lan:8080' } })).statusCode).toBe(200)
      expect((await extra.inject({ url: '/', headers: { host: 'redress.lan:8081' } })).statusCode).toBe(421)
    } finally {
      await extra.close()
    }
  })

  it('accepts the same request from Redress’s own page, by form field, header or (uploads) address', async () => {
    const token = sameOrigin()['x-csrf-token']!
    const cookie = sameOrigin().cookie
    const viaField = await app.inject({
      method: 'POST',
      url: '/cases/new',
      payload: `_csrf=${token}&title=&action=save`,
      headers: { ...FORM, cookie, 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' },
    })
    expect(viaField.statusCode).toBe(400) // reached the form: the title is missing
    expect(viaField.body).toContain('There is a problem')
    const viaHeader = await app.inject({
      method: 'POST',
      url: '/cases/new',
      payload: 'title=',
      headers: { ...FORM, ...sameOrigin() },
    })
    expect(viaHeader.statusCode).toBe(400)
    const viaQuery = await app.inject({
      method: 'POST',
      url: `/cases/import?_csrf=${token}`,
      payload:
        '--b\r\nContent-Disposition: form-data; name="archive"; filename="x.txt"\r\n\r\nx\r\n--b--\r\n',
      headers: { cookie, 'content-type': 'multipart/form-data; boundary=b' },
    })
    expect(viaQuery.statusCode).toBe(400) // reached the import: not a zip
    expect(viaQuery.body).toContain('There is a problem')
  })

  it('puts the token in every form of a page, and sets the cookie (HttpOnly, SameSite=Strict) once', async () => {
    const res = await app.inject({ url: `/cases/${ids['caseId']}/evidence/new` })
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(
      new RegExp(`^${CSRF_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`),
    )
    const forms = [...res.body.matchAll(/<form\b[^>]*method="post"[^>]*>/g)]
    expect(forms.length).toBeGreaterThan(0)
    for (const f of forms)
      expect(res.body.slice(f.index).slice(f[0].length)).toMatch(
        /^<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}">/,
      )
    expect(res.body).toMatch(
      /<form [^>]*enctype="multipart\/form-data"[^>]*action="\?_csrf=[A-Za-z0-9_-]{43}"/,
    )
    const again = await app.inject({ url: `/cases/new`, headers: { cookie: cookie.split(';')[0]! } })
    expect(again.body).toContain('name="_csrf"')
    expect(again.headers['set-cookie']).toBeUndefined()
    // A page without a form sets no cookie at all.
    expect((await app.inject({ url: '/privacy' })).headers['set-cookie']).toBeUndefined()
  })
})

describe('withTokens', () => {
  it('adds the field to POST forms only, and the token to an upload’s address', () => {
    const html =
      '<form method="get" action="/search"></form><form method="post" novalidate></form>' +
      '<form method="post" action="/cases/import" enctype="multipart/form-data"></form>' +
      '<form method="post" action="/x?a=1" enctype="multipart/form-data"></form>'
    expect(withTokens(html, 'T')).toBe(
      '<form method="get" action="/search"></form>' +
        '<form method="post" novalidate><input type="hidden" name="_csrf" value="T"></form>' +
        '<form method="post" action="/cases/import?_csrf=T" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="T"></form>' +
        '<form method="post" action="/x?a=1&amp;_csrf=T" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="T"></form>',
    )
  })
})

describe('a template that prints the token itself', () => {
  it('gets the same token the form check expects', async () => {
    const extra = await buildApp(testServices(db), { csrfKey: TEST_CSRF_KEY })
    extra.get('/own-form', (request, reply) =>
      reply
        .type('text/html')
        .send(
          `<p>${String((reply as unknown as { locals: Record<string, unknown> }).locals['csrfToken'])}</p>`,
        ),
    )
    try {
      const res = await extra.inject({ url: '/own-form', headers: { cookie: sameOrigin().cookie } })
      expect(res.body).toBe(`<p>${sameOrigin()['x-csrf-token']}</p>`)
    } finally {
      await extra.close()
    }
  })
})
