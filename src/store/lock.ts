import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { WordedError } from '../copy/worded-error.ts'
import { message } from '../domain/shared/message.ts'

/** Another Redress holds the data folder (words: `platform.store.*` in platform.json). */
export class DataDirectoryInUse extends WordedError {
  override name = 'DataDirectoryInUse'
}

/** Who holds a lock: enough to tell a live holder from a dead one whose number was reused. */
export interface LockOwner {
  readonly pid: number
  /** The kernel's id for this boot (Linux); a lock from before a restart is always stale. */
  readonly bootId: string | null
  /** When the process started, in clock ticks since boot (Linux); another process with the same pid differs. */
  readonly startTime: string | null
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

const bootId = (): string | null => readText('/proc/sys/kernel/random/boot_id')?.trim() ?? null

/** Fields of /proc/PID/stat after the command name (which may hold spaces and brackets). */
function procStat(pid: number): string[] | null {
  const stat = readText(`/proc/${pid}/stat`)
  if (!stat) return null
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

/** This process's entry for the lock file. */
export function currentOwner(): LockOwner {
  return { pid: process.pid, bootId: bootId(), startTime: procStat(process.pid)?.[19] ?? null }
}

/**
 * Whether the process that wrote `owner` still runs. A pid that is gone, a zombie (exited but not
 * yet reaped), a pid now used by a process that started at another time, or a lock from an earlier
 * boot all mean the holder is dead. Where /proc is missing, a signal-0 probe decides.
 */
export function holderAlive(owner: LockOwner): boolean {
  const boot = bootId()
  if (owner.bootId && boot && owner.bootId !== boot) return false
  const fields = procStat(owner.pid)
  if (fields) {
    if (fields[0] === 'Z' || fields[0] === 'X') return false
    return owner.startTime === null || fields[19] === owner.startTime
  }
  if (boot) return false // Linux with /proc, and no entry for the pid: it has gone
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(path: string): LockOwner | null {
  const text = readText(path)
  if (text === null) return null
  try {
    const o = JSON.parse(text) as Partial<LockOwner>
    if (Number.isInteger(o.pid) && (o.pid ?? 0) > 0)
      return { pid: o.pid!, bootId: o.bootId ?? null, startTime: o.startTime ?? null }
  } catch {
    // an older lock file holds the pid alone
    const pid = Number(text.trim())
    if (Number.isInteger(pid) && pid > 0) return { pid, bootId: null, startTime: null }
  }
  return null
}

/** Data directories this process holds, so a second open in the same process is refused too. */
const held = new Set<string>()

/**
 * Takes the data directory's lock file so that no second process opens the same embedded
 * database (PGlite has no locking of its own and would silently lose writes). A lock left by a
 * process that no longer runs (killed, crashed, or from before a restart) is taken over at once.
 * Returns the release function.
 */
export function lockDataDirectory(dir: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const path = join(dir, 'redress.lock')
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, JSON.stringify(currentOwner()))
      closeSync(fd)
      held.add(path)
      return () => {
        if (!held.delete(path)) return
        rmSync(path, { force: true })
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const owner = readOwner(path)
      const ours = owner?.pid === process.pid && held.has(path)
      if (owner && (ours || (owner.pid !== process.pid && holderAlive(owner)))) {
        throw new DataDirectoryInUse(
          message('platform.store.folderInUse', { pid: owner.pid, dir, lockFile: path }),
        )
      }
      rmSync(path, { force: true }) // left by a process that has gone
    }
  }
  throw new DataDirectoryInUse(message('platform.store.lockNotTaken', { lockFile: path }))
}
