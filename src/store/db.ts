import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import * as schema from './schema.ts'
import { lockDataDirectory } from './lock.ts'
import { PRIVATE_UMASK, ownerOnlyFolder, secureDataFolder, tightenPgliteStartFiles } from './permissions.ts'
import { fromRoot } from '../root.ts'
import type { FileCipher } from './evidence-files.ts'
import { readKeyFile } from './safe/keyring.ts'
import { hasEncryptedDatabase } from './safe/encrypted-pglite.ts'
import { openSafePglite } from './safe/open.ts'
import { dataKeyFromEnvironment } from './safe/passphrase.ts'
import { text } from '../copy/translate.ts'

export type Schema = typeof schema
/** A drizzle database on either engine: repositories take this and never know which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Engine = 'pglite' | 'postgresql'

export const MIGRATIONS_DIR = fromRoot('src/store/migrations') + '/'

/**
 * PGlite's defaults plus a smaller buffer cache: 128 MB of shared buffers is sized for a shared
 * server; one person's case file fits in far less, and the server's memory drops by about 130 MB.
 */
export const PGLITE_START_PARAMS = [
  ...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams,
  '-c',
  'shared_buffers=16MB',
]

export interface Database {
  readonly db: Db
  readonly engine: Engine
  /** Safe mode's key for evidence files; absent (or giving null) when safe mode is off. */
  readonly cipher?: FileCipher
  /** Runs a trivial query; resolves to true when the database answers. */
  ping(): Promise<boolean>
  close(): Promise<void>
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded database in `dataDir` is used. */
  readonly databaseUrl?: string | undefined
  readonly dataDir: string
  /** Told about slow first-time work (creating the database), for the user. */
  readonly onNotice?: (message: string) => void
  /**
   * Safe mode's data key. Without it, when safe mode is on, the passphrase is read from
   * REDRESS_PASSPHRASE_FILE or asked for at a terminal; otherwise SafeModeLocked is thrown.
   */
  readonly dataKey?: Buffer
}

/** Opens the database for `options`, applying any migrations not yet applied. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  // Evidence lives in the data folder with either engine: make it private before anything opens.
  // (A PostgreSQL caller with no files of its own, such as a repository test, passes no folder.)
  if (options.dataDir) {
    const { dataDir, onNotice } = options
    const say = (tightened: number): void => {
      if (tightened > 0)
        onNotice?.(
          text(tightened === 1 ? 'platform.store.tightenedOne' : 'platform.store.tightened', {
            count: tightened,
            dataDir,
          }),
        )
    }
    // A folder only its owner can enter keeps everything inside from others, so when it already is
    // one, the walk through every file inside (for files copied in with looser modes) is done just
    // after start-up rather than on its way; a looser folder is walked and tightened first.
    // Every file created from here on is private (secureDataFolder sets this too).
    process.umask(PRIVATE_UMASK)
    if (ownerOnlyFolder(dataDir)) {
      const later = setTimeout(() => {
        try {
          say(secureDataFolder(dataDir))
        } catch {
          onNotice?.(text('platform.store.sweepFailed', { dataDir })) // never the server's end
        }
      }, 2_000)
      later.unref()
    } else say(secureDataFolder(dataDir))
  }
  if (readKeyFile(options.dataDir)) {
    // Safe mode (docs/adr/0005-safe-mode.md): nothing opens without the data key.
    const dataKey = options.dataKey ?? (await dataKeyFromEnvironment(options.dataDir))
    if (!options.databaseUrl && hasEncryptedDatabase(options.dataDir))
      return openSafePglite(options.dataDir, dataKey)
    const database = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options)
    return { ...database, cipher: { current: () => dataKey } }
  }
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options)
}

async function openPglite({ dataDir, onNotice }: OpenOptions): Promise<Database> {
  const release = lockDataDirectory(dataDir)
  try {
    const dbDir = join(dataDir, 'pglite')
    const fresh = !existsSync(join(dbDir, 'PG_VERSION'))
    if (fresh) onNotice?.(text('platform.store.creatingDatabase', { dbDir }))
    mkdirSync(dbDir, { recursive: true })
    const client = await PGlite.create(dbDir, { startParams: PGLITE_START_PARAMS, extensions: { pg_trgm } })
    const db = drizzlePglite(client, { schema }) as unknown as Db
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR })
    if (fresh) onNotice?.(text('platform.store.databaseReady'))
    // PGlite's file layer sets some modes itself (initdb's files, pg_internal.init at each start),
    // past the umask: tighten again now (the whole folder after initdb, else the files each start
    // writes), now and then while it runs, and when it closes. The folder itself is 0700
    // throughout, so nothing inside is reachable by others even in between.
    if (fresh) secureDataFolder(dataDir)
    else tightenPgliteStartFiles(dbDir)
    const sweep = setInterval(() => secureDataFolder(dataDir), 60_000)
    sweep.unref()
    return {
      db,
      engine: 'pglite',
      ping: async () => (await client.query<{ ok: number }>('select 1 as ok')).rows[0]?.ok === 1,
      close: async () => {
        clearInterval(sweep)
        try {
          await client.close()
          secureDataFolder(dataDir)
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

async function openPostgres(url: string): Promise<Database> {
  // Loaded only here: the embedded database, the default, never needs the PostgreSQL driver.
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ])
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  try {
    const db = drizzlePg(pool, { schema }) as unknown as Db
    await migratePg(drizzlePg(pool), { migrationsFolder: MIGRATIONS_DIR })
    return {
      db,
      engine: 'postgresql',
      ping: async () => {
        const r = await db.execute(sql`select 1 as ok`)
        return (r as unknown as { rows: Array<{ ok: number }> }).rows[0]?.ok === 1
      },
      close: () => pool.end(),
    }
  } catch (error) {
    await pool.end()
    throw error
  }
}
