import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import * as schema from '../schema.ts'
import { lockDataDirectory } from '../lock.ts'
import { MIGRATIONS_DIR, PGLITE_START_PARAMS, type Database, type Db } from '../db.ts'
import type { FileCipher } from '../evidence-files.ts'
import { openEncryptedPglite, type EncryptedPglite } from './encrypted-pglite.ts'

export interface SafeDatabase extends Database {
  readonly store: EncryptedPglite
}

/** Opens safe mode's encrypted embedded database with the data key (taking the data folder's lock). */
export async function openSafePglite(dataDir: string, dataKey: Buffer): Promise<SafeDatabase> {
  const release = lockDataDirectory(dataDir)
  try {
    const store = await openEncryptedPglite(dataDir, dataKey, {
      // WAL segments are removed rather than kept for reuse once a checkpoint no longer needs them,
      // so the snapshot (taken after a checkpoint) holds one 16 MB segment, not two or more.
      startParams: [...PGLITE_START_PARAMS, '-c', 'wal_recycle=off'],
      extensions: { pg_trgm },
    })
    const client = store.client
    const db = drizzlePglite(client, { schema }) as unknown as Db
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR })
    const cipher: FileCipher = { current: () => dataKey }
    return {
      db,
      engine: 'pglite',
      cipher,
      store,
      ping: async () => (await client.query<{ ok: number }>('select 1 as ok')).rows[0]?.ok === 1,
      close: async () => {
        try {
          await store.close()
        } finally {
          release()
        }
      },
    }
  } catch (error) {
    release()
    throw error
  }
}
