import { randomBytes } from 'node:crypto'
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** writeSync may write less than asked; this loops until all of it is written. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done)
}

/**
 * A file (mode 0600) that appears at `path` only when it is whole: it is written beside it under a
 * hidden name and renamed over `path` by `commit`. Work that fails (`abort`) leaves whatever was at
 * `path` as it was (an earlier bundle or letter, say) and nothing half-written that could be sent by
 * mistake. A `path` that is not a regular file (a pipe, /dev/stdout), or a file in a folder where no
 * other file may be made, is written directly.
 */
export class WholeFile {
  readonly fd: number
  private readonly partial: string | null

  constructor(private readonly path: string) {
    const existing = statSync(path, { throwIfNoEntry: false })
    let partial: string | null = null
    let fd: number | undefined
    if (!existing || existing.isFile()) {
      partial = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`)
      try {
        fd = openSync(partial, 'wx', 0o600)
      } catch (error) {
        // A folder where only the file itself may be written: written in place.
        if (!existing || !['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? ''))
          throw error
        partial = null
      }
    }
    this.partial = partial
    this.fd = fd ?? openSync(path, 'w', 0o600)
  }

  /** The file is whole: it takes the place of whatever was at `path`. */
  commit(): void {
    closeSync(this.fd)
    if (this.partial) renameSync(this.partial, this.path)
  }

  /** The work failed: nothing of it is kept. */
  abort(): void {
    try {
      closeSync(this.fd)
    } catch {
      // already closed (the rename in commit failed)
    }
    if (this.partial) rmSync(this.partial, { force: true })
  }
}

/** Writes `data` to `path` whole or not at all (see WholeFile). */
export function saveWhole(path: string, data: Uint8Array | string): void {
  const file = new WholeFile(path)
  try {
    writeAll(file.fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    file.commit()
  } catch (error) {
    file.abort()
    throw error
  }
}
