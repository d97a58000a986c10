import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { fixedClock } from '../../../services/clock.ts'
import { buildApp } from '../../app.ts'
import { testPglite, type TestDatabase } from '../../../../test/helpers/pglite.ts'
import { sameOrigin, TEST_CSRF_KEY, testServices } from '../../../../test/helpers/app.ts'
import { CSRF_COOKIE } from '../../security/cross-site.ts'

/**
 * Test support for the routes, deadlines and duties route tests (not a test file itself): the real app on a
 * temporary embedded database with "today" fixed, and a small client that keeps the session cookie like a
 * browser, posts forms and follows nothing by itself.
 */

export interface JourneyApp {
  readonly app: FastifyInstance
  close(): Promise<void>
}

/** The whole app (every feature, buildApp's real wiring) with `today` fixed to an ISO date. */
export async function journeyApp(today: string): Promise<JourneyApp> {
  const database: TestDatabase = await testPglite()
  const app = await buildApp(testServices(database, fixedClock(today)), { csrfKey: TEST_CSRF_KEY })
  await app.ready()
  return {
    app,
    close: async () => {
      await app.close()
      await database.destroy()
    },
  }
}

export type Form = Readonly<Record<string, string | readonly string[]>>

/** URL-encodes a form the way a browser posts it (repeated names for several checkboxes). */
export const encodeForm = (form: Form): string =>
  new URLSearchParams(
    Object.entries(form).flatMap(([k, v]): [string, string][] =>
      typeof v === 'string' ? [[k, v]] : v.map((x): [string, string] => [k, x]),
    ),
  ).toString()

/** A browser-like client: keeps the session cookie between requests. */
export class Client {
  cookie = ''
  readonly visited: string[] = []
  constructor(private readonly app: FastifyInstance) {}

  /** Keeps the session cookie; the cross-site cookie is the test one `sameOrigin` sends with every request. */
  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    const set = res.headers['set-cookie']
    const cookies = (Array.isArray(set) ? set : set ? [set] : [])
      .map((c) => String(c).split(';')[0]!)
      .filter((c) => !c.startsWith(`${CSRF_COOKIE}=`))
    if (cookies.length > 0) this.cookie = cookies.join('; ')
    return res
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    this.visited.push(url)
    const { cookie } = sameOrigin(this.cookie)
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie } }))
  }

  async post(url: string, form: Form = {}): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOrigin(this.cookie) },
        payload: encodeForm(form),
      }),
    )
  }
}

/** The page's visible text (tags removed, entities decoded, spaces collapsed), for reading assertions. */
export function textOf(html: string): string {
  const main = html.includes('id="main-content"') ? html.slice(html.indexOf('id="main-content"')) : html
  return main
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
}

/** The error summary's links as [text, href] pairs. */
export function errorSummary(html: string): Array<[string, string]> {
  const box = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? ''
  return [...box.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[2]!.trim(), m[1]!])
}

/** An iCalendar file with folded lines joined back up (RFC 5545 §3.1). */
export const unfold = (ics: string): string => ics.replace(/\r\n[ \t]/g, '')
