import type { FastifyInstance } from 'fastify'
import { rules } from '../../src/rules/load.ts'
import { buildApp, type AppOptions } from '../../src/web/app.ts'
import { createCaseServices } from '../../src/services/case-services.ts'
import { testPglite, type TestDatabase } from './pglite.ts'
import { CSRF_COOKIE, csrfToken } from '../../src/web/security/cross-site.ts'

/** The cross-site token key every test app is built with, so tests can send a valid token. */
export const TEST_CSRF_KEY = new Uint8Array(32).fill(7)
const TEST_SECRET = 'test-secret-test-secret-test-secret-test-se'

/**
 * Headers for a request as Redress's own page would send it: the browser's cross-site cookie (plus
 * any other `cookie` given), the matching token and `Sec-Fetch-Site: same-origin`. Spread them into
 * `app.inject({ headers })` for every POST.
 */
export function sameOrigin(cookie?: string): Record<string, string> {
  return {
    cookie: [cookie, `${CSRF_COOKIE}=${TEST_SECRET}`].filter(Boolean).join('; '),
    'x-csrf-token': csrfToken(TEST_CSRF_KEY, TEST_SECRET),
    'sec-fetch-site': 'same-origin',
  }
}

export interface TestApp {
  readonly app: FastifyInstance
  readonly database: TestDatabase
  close(): Promise<void>
}

/** The real app on a real (temporary) embedded database, for app.inject() route tests. */
export async function testApp(options: AppOptions = {}): Promise<TestApp> {
  const database = await testPglite()
  const book = rules()
  const caseFile = createCaseServices({
    database,
    dataDir: database.dataDir,
    rules: book,
    maxUploadBytes: 50 * 1024 * 1024,
  })
  const app = await buildApp({ database, rules: book, caseFile }, { csrfKey: TEST_CSRF_KEY, ...options })
  await app.ready()
  return {
    app,
    database,
    close: async () => {
      await app.close()
      await database.destroy()
    },
  }
}
