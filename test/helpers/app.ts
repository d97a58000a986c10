import type { FastifyInstance } from 'fastify'
import { rules } from '../../src/rules/load.ts'
import { buildApp, type AppOptions } from '../../src/web/app.ts'
import { createCaseServices } from '../../src/services/case-services.ts'
import { testPglite, type TestDatabase } from './pglite.ts'

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
  const app = await buildApp({ database, rules: book, caseFile }, options)
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
