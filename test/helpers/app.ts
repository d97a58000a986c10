import type { FastifyInstance } from 'fastify'
import { rules } from '../../src/rules/load.ts'
import { buildApp, type AppOptions } from '../../src/web/app.ts'
import { createServices, type Services } from '../../src/services/services.ts'
import { systemClock, type Clock } from '../../src/services/clock.ts'
import type { Database } from '../../src/store/db.ts'
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
  readonly services: Services
  close(): Promise<void>
}

/**
 * Every service over a test database, built by the app's own composition root (createServices)
 * with the project's rules and the given clock (the real one unless a test fixes the date).
 */
export function testServices(
  database: Database & { readonly dataDir?: string },
  clock: Clock = systemClock,
  limits: {
    readonly maxUploadBytes?: number
    readonly maxImportBytes?: number
    readonly dataDir?: string
  } = {},
): Services {
  const dataDir = limits.dataDir ?? database.dataDir
  if (!dataDir) throw new Error('testServices: the database has no data folder; give one')
  return createServices(
    {
      database,
      dataDir,
      rules: rules(),
      maxUploadBytes: limits.maxUploadBytes ?? 50 * 1024 * 1024,
      ...(limits.maxImportBytes ? { maxImportBytes: limits.maxImportBytes } : {}),
    },
    clock,
  )
}

/** The real app on a real (temporary) embedded database, for app.inject() route tests. */
export async function testApp(options: AppOptions = {}, clock: Clock = systemClock): Promise<TestApp> {
  const database = await testPglite()
  const services = testServices(database, clock)
  const app = await buildApp(services, { csrfKey: TEST_CSRF_KEY, ...options })
  await app.ready()
  return {
    app,
    database,
    services,
    close: async () => {
      await app.close()
      await database.destroy()
    },
  }
}
