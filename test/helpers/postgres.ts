import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { openDatabase } from '../../src/store/db.ts'
import type { TestDatabase } from './pglite.ts'

/** A fresh database on the real PostgreSQL server started by the global setup. */
export async function testPostgres(): Promise<TestDatabase> {
  const serverUrl = inject('postgresUrl')
  const name = `redress_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  // Two test files creating databases at once can meet in template1, which PostgreSQL refuses
  // ("source database is being accessed by other users", 55006): wait a moment and ask again.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`create database ${name}`)
      break
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error
      await new Promise((r) => setTimeout(r, 100 * attempt))
    }
  }
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })
  return Object.assign(db, {
    dataDir: '',
    destroy: async () => {
      await db.close()
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      await c.query(`drop database if exists ${name}`)
      await c.end()
    },
  })
}
