import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, type ReadStream } from 'node:fs'
import { open, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { InvalidInput } from '../domain/shared/errors.ts'
import { formatBytes, SNIFF_BYTES } from '../domain/case/file-check.ts'

/** A file written to the temporary folder, hashed and measured, not yet in the store. */
export interface StagedFile {
  readonly tempPath: string
  readonly sha256: string
  readonly sizeBytes: number
  /** The first bytes, for detecting the type. */
  readonly head: Uint8Array
}

/** A temporary file being written. */
export interface FileWriter {
  readonly size: number
  write(chunk: Uint8Array): Promise<void>
  finish(): Promise<StagedFile>
  abort(): Promise<void>
}

export const SHA256 = /^[0-9a-f]{64}$/

/**
 * Evidence files on disk, content-addressed: <root>/<first two hex digits>/<sha256>. A file is
 * written to <root>/tmp/ first (fsync), then renamed into place (and the folder fsynced), so the
 * store never holds half a file. See docs/adr/0001-case-file-storage.md.
 */
export class EvidenceFiles {
  readonly tempDir: string

  constructor(readonly root: string) {
    this.tempDir = join(root, 'tmp')
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('not a sha256')
    return join(this.root, sha256.slice(0, 2), sha256)
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256))
  }

  /** Opens a temporary file to write into, hashing as it goes; `finish` fsyncs it and gives the staged file. */
  async writer(): Promise<FileWriter> {
    mkdirSync(this.tempDir, { recursive: true })
    const tempPath = join(this.tempDir, `${randomUUID()}.part`)
    const handle = await open(tempPath, 'wx', 0o600)
    const hash = createHash('sha256')
    const head = new Uint8Array(SNIFF_BYTES)
    let headLength = 0
    let size = 0
    return {
      get size() {
        return size
      },
      write: async (chunk: Uint8Array) => {
        size += chunk.length
        if (headLength < SNIFF_BYTES) {
          const take = chunk.subarray(0, SNIFF_BYTES - headLength)
          head.set(take, headLength)
          headLength += take.length
        }
        hash.update(chunk)
        await handle.write(chunk)
      },
      finish: async () => {
        await handle.sync()
        await handle.close()
        return { tempPath, sha256: hash.digest('hex'), sizeBytes: size, head: head.slice(0, headLength) }
      },
      abort: async () => {
        await handle.close().catch(() => {})
        await rm(tempPath, { force: true })
      },
    }
  }

  /**
   * Streams `source` into a temporary file, hashing it as it goes. Over `limit` bytes it stops
   * writing, reads the rest away (so a browser gets the answer rather than a broken connection),
   * removes the temporary file and throws InvalidInput naming the limit.
   */
  async stage(source: AsyncIterable<Uint8Array>, limit: number, field = 'file'): Promise<StagedFile> {
    const w = await this.writer()
    let size = 0
    try {
      for await (const chunk of source) {
        size += chunk.length
        if (size <= limit) await w.write(chunk)
      }
    } catch (error) {
      await w.abort()
      throw error
    }
    if (size > limit) {
      await w.abort()
      throw new InvalidInput(
        field,
        `The file is ${formatBytes(size)}, larger than the ${formatBytes(limit)} Redress accepts. ` +
          'Make it smaller (for example, scan at a lower resolution or split a long PDF) and try again.',
      )
    }
    if (size === 0) {
      await w.abort()
      throw new InvalidInput(field, 'The file is empty')
    }
    return w.finish()
  }

  /**
   * Moves a staged file into the store (rename, then fsync of the folder). Returns false when the
   * store already had the same content (the staged copy is removed), true when the file is new.
   */
  async commit(staged: StagedFile): Promise<boolean> {
    const target = this.pathOf(staged.sha256)
    const dir = join(this.root, staged.sha256.slice(0, 2))
    mkdirSync(dir, { recursive: true })
    if (existsSync(target)) {
      await rm(staged.tempPath, { force: true })
      return false
    }
    await rename(staged.tempPath, target)
    await syncDir(dir)
    return true
  }

  async discard(staged: StagedFile): Promise<void> {
    await rm(staged.tempPath, { force: true })
  }

  openRead(sha256: string, range?: { start: number; end: number }): ReadStream {
    return createReadStream(this.pathOf(sha256), range)
  }

  async read(sha256: string): Promise<Buffer> {
    const { readFile } = await import('node:fs/promises')
    return readFile(this.pathOf(sha256))
  }

  /** Hashes the stored file again: its name must be its hash. */
  async verify(sha256: string): Promise<boolean> {
    if (!this.has(sha256)) return false
    const hash = createHash('sha256')
    for await (const chunk of this.openRead(sha256)) hash.update(chunk as Buffer)
    return hash.digest('hex') === sha256
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true })
  }

  /** Every file in the store, by hash. */
  async list(): Promise<string[]> {
    if (!existsSync(this.root)) return []
    const out: string[] = []
    for (const prefix of await readdir(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue
      for (const name of await readdir(join(this.root, prefix))) if (SHA256.test(name)) out.push(name)
    }
    return out.sort()
  }

  /**
   * Tidies up after a crash: removes temporary files, and files no row refers to (a crash between
   * the rename and the database commit leaves one). Only files older than `olderThanMs` are touched,
   * so that another process's upload in flight (PostgreSQL, several processes) is left alone.
   */
  async sweep(
    referenced: ReadonlySet<string>,
    olderThanMs: number,
    now = Date.now(),
  ): Promise<{ temps: number; orphans: number }> {
    let temps = 0
    let orphans = 0
    const old = async (path: string): Promise<boolean> => now - (await stat(path)).mtimeMs >= olderThanMs
    if (existsSync(this.tempDir)) {
      for (const name of await readdir(this.tempDir)) {
        const path = join(this.tempDir, name)
        if (await old(path)) {
          await rm(path, { force: true })
          temps++
        }
      }
    }
    for (const sha of await this.list()) {
      if (referenced.has(sha)) continue
      if (await old(this.pathOf(sha))) {
        await this.remove(sha)
        orphans++
      }
    }
    return { temps, orphans }
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    await handle.close()
  }
}
