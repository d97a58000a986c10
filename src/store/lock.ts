import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

export class DataDirectoryInUse extends Error {
  override name = 'DataDirectoryInUse'
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Data directories this process holds, so a second open in the same process is refused too. */
const held = new Set<string>()

/**
 * Takes the data directory's lock file so that no second process opens the same embedded
 * database (PGlite has no locking of its own and would silently lose writes). A lock left by a
 * process that no longer runs is taken over. Returns the release function.
 */
export function lockDataDirectory(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'redress.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      held.add(path)
      return () => {
        if (!held.delete(path)) return
        rmSync(path, { force: true })
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = Number(readFileSync(path, 'utf8').trim())
      const ours = pid === process.pid
      // A lock with our own pid is ours only if this process took it; otherwise it was left by an
      // earlier process that happened to have the same pid (common in containers).
      if (Number.isInteger(pid) && pid > 0 && (ours ? held.has(path) : alive(pid))) {
        throw new DataDirectoryInUse(
          `Another Redress process (pid ${pid}) is already using the data folder ${dir}. ` +
            'Stop it first (or use a different REDRESS_DATA_DIR): two processes sharing the embedded database would lose data.',
        )
      }
      rmSync(path, { force: true }) // stale lock from a process that has gone
    }
  }
  throw new DataDirectoryInUse(`Could not take the lock on ${dir}.`)
}
