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
    const st = lstatSync(path)
    if (st.isSymbolicLink()) return
    if ((st.mode & 0o077) !== 0) {
      chmodSync(path, st.mode & 0o700) // the owner keeps what they had; group and others lose all
      tightened++
    }
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name))
  }
  visit(dir)
  return tightened
}
