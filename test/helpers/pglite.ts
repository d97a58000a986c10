import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../src/store/db.ts'
import { secureDataFolder } from '../../src/store/permissions.ts'

/**
 * PGlite's first start runs initdb (seconds), so tests copy a data folder made once per
 * migration set instead of creating one each time.
 */
function templateDir(): string {
  const hash = createHash('sha256')
  for (const f of readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
    if (f.endsWith('.sql') || f.endsWith('.json'))
      hash.update(f).update(readFileSync(join(MIGRATIONS_DIR, f)))
  }
  return join(tmpdir(), `redress-pglite-template-${hash.digest('hex').slice(0, 16)}`)
}

export async function ensureTemplate(): Promise<string> {
  const dir = templateDir()
  if (existsSync(join(dir, 'pglite', 'PG_VERSION')) && existsSync(join(dir, 'ready'))) {
    secureDataFolder(dir) // copies keep their modes: private, like a real data folder
    return dir
  }
  // Built aside and renamed into place whole, so test files starting side by side (two workers)
  // never copy a template another is still writing; the first to finish wins, the others' go.
  const building = mkdtempSync(`${dir}-building-`)
  const db = await openDatabase({ dataDir: building })
  await db.close()
  cpSync(join(building, 'pglite', 'PG_VERSION'), join(building, 'ready'))
  secureDataFolder(building)
  // A folder without `ready` is being built by another run (an older copy of this helper copies
  // in place), or was left half-made by one that died: wait for it, and clear it if it never ends.
  for (let waited = 0; existsSync(dir) && !existsSync(join(dir, 'ready')); waited++) {
    if (waited >= 600) rmSync(dir, { recursive: true, force: true })
    else await new Promise((r) => setTimeout(r, 100))
  }
  try {
    renameSync(building, dir)
  } catch (error) {
    rmSync(building, { recursive: true, force: true })
    if (!existsSync(join(dir, 'ready'))) throw error
  }
  secureDataFolder(dir)
  return dir
}

export interface TestDatabase extends Database {
  readonly dataDir: string
  /** Closes the database and removes its folder. */
  destroy(): Promise<void>
}

/** A fresh embedded database in its own temporary folder, with every migration applied. */
export async function testPglite(): Promise<TestDatabase> {
  const template = await ensureTemplate()
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-test-'))
  cpSync(join(template, 'pglite'), join(dataDir, 'pglite'), { recursive: true })
  const db = await openDatabase({ dataDir })
  return Object.assign(db, {
    dataDir,
    destroy: async () => {
      await db.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  })
}
