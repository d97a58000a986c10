import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Only the user who runs Redress may read or write what it creates: folders 0700, files 0600. */
export const PRIVATE_UMASK = 0o077

/**
 * Makes the data folder the user's alone before anything is opened in it: sets the process umask
 * so every file created from now on (PGlite's files and write-ahead log, evidence, exports) is
 * private, and tightens anything already there that others could read (an install from before
 * this check, or files copied in). Returns how many were tightened. Links are left alone.
 */
export function secureDataFolder(dir: string): number {
  process.umask(PRIVATE_UMASK)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  let tightened = 0
  const visit = (path: string): void => {
    try {
      const st = lstatSync(path)
      if (st.isSymbolicLink()) return
      if ((st.mode & 0o077) !== 0) {
        chmodSync(path, st.mode & 0o700) // the owner keeps what they had; group and others lose all
        tightened++
      }
      if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name))
    } catch (error) {
      // A file removed while the walk runs (an upload's temporary part, a log segment) is not there
      // to tighten; anything else is a real failure.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  visit(dir)
  return tightened
}

/** Whether `dir` is a folder (not a link) that group and others cannot enter or read. */
export function ownerOnlyFolder(dir: string): boolean {
  try {
    const st = lstatSync(dir)
    return st.isDirectory() && (st.mode & 0o077) === 0
  } catch {
    return false
  }
}

/**
 * PGlite writes its relation cache (`pg_internal.init`, in `global/` and in each database folder
 * under `base/`) with its own modes, past the umask, every time it starts. Tightens just those, so
 * a start need not walk the whole data folder a second time; the regular sweep walks everything.
 */
export function tightenPgliteStartFiles(dbDir: string): void {
  const candidates = [join(dbDir, 'global', 'pg_internal.init')]
  try {
    for (const name of readdirSync(join(dbDir, 'base')))
      candidates.push(join(dbDir, 'base', name, 'pg_internal.init'))
  } catch {
    return // no base folder: nothing was created
  }
  for (const path of candidates) {
    try {
      const st = lstatSync(path)
      if (!st.isSymbolicLink() && (st.mode & 0o077) !== 0) chmodSync(path, st.mode & 0o700)
    } catch {
      // not there (yet): the sweep will see it
    }
  }
}
