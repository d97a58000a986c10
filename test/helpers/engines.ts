import { testPglite, type TestDatabase } from './pglite.ts'
import { testPostgres } from './postgres.ts'

/** Both storage engines, for repository tests that must behave the same on each. */
export const engines: ReadonlyArray<readonly [string, () => Promise<TestDatabase>]> = [
  ['pglite', testPglite],
  ['postgresql', testPostgres],
]
