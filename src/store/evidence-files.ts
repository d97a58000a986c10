import { createHash, randomUUID } from 'node:crypto'
import { closeSync, createReadStream, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs'
import { open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import {
  ChunkSealer,
  hmacHex,
  isEncryptedHeader,
  openChunked,
  subkey,
  type ChunkSource,
} from './safe/crypto.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { message } from '../domain/shared/message.ts'
import { archiveKeyFor } from './safe/keyring.ts'
import type { ArchiveKey } from './safe/archive-crypto.ts'
import { formatBytes, SNIFF_BYTES } from '../domain/case/file-check.ts'

/** A file written to the temporary folder, hashed and measured, not yet in the store. */
export interface StagedFile {
  readonly tempPath: string
  readonly sha256: string
  readonly sizeBytes: number
  /** The first bytes, for detecting the type. */
  readonly head: Uint8Array
  /** Written encrypted (safe mode). */
  readonly encrypted?: boolean
}

/**
 * Safe mode's keys for evidence files (docs/adr/0005-safe-mode.md). `current()` gives the data key
 * while safe mode is on and unlocked, null while it is off, and throws while it is locked.
 */
export interface FileCipher {
  current(): Buffer | null
}

interface FileKeys {
  readonly content: Buffer
  readonly names: Buffer
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
  private cached: { dataKey: Buffer; keys: FileKeys } | null = null

  constructor(
    readonly root: string,
    private readonly cipher?: FileCipher,
  ) {
    this.tempDir = join(root, 'tmp')
  }

  /** The content and name keys while safe mode is on (throws while it is locked), else null. */
  private keys(): FileKeys | null {
    const dataKey = this.cipher?.current() ?? null
    if (!dataKey) return null
    if (this.cached?.dataKey !== dataKey)
      this.cached = {
        dataKey,
        keys: { content: subkey(dataKey, 'evidence'), names: subkey(dataKey, 'evidence names') },
      }
    return this.cached.keys
  }

  /** The evidence content key while safe mode is on (throws while locked), else null. */
  contentKey(): Buffer | null {
    return this.keys()?.content ?? null
  }

  /** The passphrase-derived key for encrypted exports (safe mode, unlocked with the passphrase), else null. */
  archiveKey(): ArchiveKey | null {
    const dataKey = this.cipher?.current() ?? null
    return dataKey ? archiveKeyFor(dataKey) : null
  }

  /** Where the file would be stored in the clear (its name is its hash). */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('not a sha256')
    return join(this.root, sha256.slice(0, 2), sha256)
  }

  /** Where the file is stored encrypted: named by a keyed hash, so the name says nothing about the content. */
  private sealedPathOf(sha256: string, keys: FileKeys): string {
    if (!SHA256.test(sha256)) throw new Error('not a sha256')
    const name = hmacHex(keys.names, sha256)
    return join(this.root, name.slice(0, 2), name)
  }

  /** The stored file for a hash: encrypted (safe mode) or in the clear, or null if there is none. */
  private locate(sha256: string): { path: string; keys: FileKeys | null } | null {
    const keys = this.keys()
    if (keys) {
      const sealed = this.sealedPathOf(sha256, keys)
      if (existsSync(sealed)) return { path: sealed, keys }
    }
    const plain = this.pathOf(sha256)
    return existsSync(plain) ? { path: plain, keys: null } : null
  }

  has(sha256: string): boolean {
    return this.locate(sha256) !== null
  }

  /** Opens a temporary file to write into, hashing as it goes; `finish` fsyncs it and gives the staged file. */
  async writer(): Promise<FileWriter> {
    mkdirSync(this.tempDir, { recursive: true })
    const tempPath = join(this.tempDir, `${randomUUID()}.part`)
    const handle = await open(tempPath, 'wx', 0o600)
    const keys = this.keys()
    const sealer = keys ? new ChunkSealer(keys.content) : null
    if (sealer) await handle.write(sealer.header)
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
        if (sealer) for (const sealed of sealer.push(chunk)) await handle.write(sealed)
        else await handle.write(chunk)
      },
      finish: async () => {
        if (sealer) await handle.write(sealer.end())
        await handle.sync()
        await handle.close()
        return {
          tempPath,
          sha256: hash.digest('hex'),
          sizeBytes: size,
          head: head.slice(0, headLength),
          encrypted: sealer !== null,
        }
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
  async stage(
    source: AsyncIterable<Uint8Array>,
    limit: number,
    field = 'file',
    /** The size the sender declared, for the message when the reader stopped before the end. */
    declaredSize = 0,
  ): Promise<StagedFile> {
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
        message('platform.store.fileTooLarge', {
          size: formatBytes(Math.max(size, declaredSize)),
          limit: formatBytes(limit),
        }),
      )
    }
    if (size === 0) {
      await w.abort()
      throw new InvalidInput(field, message('platform.store.fileEmpty'))
    }
    return w.finish()
  }

  /**
   * Moves a staged file into the store (rename, then fsync of the folder). Returns false when the
   * store already had the same content (the staged copy is removed), true when the file is new.
   */
  async commit(staged: StagedFile): Promise<boolean> {
    const keys = staged.encrypted ? this.keys() : null
    if (staged.encrypted && !keys) throw new Error('Safe mode is locked or off; the file cannot be stored.')
    const target = keys ? this.sealedPathOf(staged.sha256, keys) : this.pathOf(staged.sha256)
    const dir = join(target, '..')
    mkdirSync(dir, { recursive: true })
    if (this.has(staged.sha256)) {
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

  /** Reads a stored file (decrypting it in safe mode); `range` is inclusive, as for createReadStream. */
  openRead(sha256: string, range?: { start: number; end: number }): Readable {
    const found = this.locate(sha256)
    if (!found?.keys) return createReadStream(found?.path ?? this.pathOf(sha256), range)
    const key = found.keys.content
    const path = found.path
    return Readable.from(
      (async function* () {
        const handle = await open(path, 'r')
        try {
          const source = await fileSource(handle)
          yield* openChunked(key, source, range?.start ?? 0, range ? range.end + 1 : undefined)
        } finally {
          await handle.close()
        }
      })(),
    )
  }

  /**
   * Like `read`, but a plain (unencrypted) file is read at once, blocking, into `scratch`: for the
   * bundle, which reads a hundred files in a row between long stretches of synchronous PDF work.
   * Awaited reads cost it more CPU than they saved, and a new buffer for each file left hundreds of
   * megabytes for the garbage collector at 3,000 pages. The answer is a view of `scratch`, valid
   * until the next read into it: give each reader its own. An encrypted file (safe mode) is read as
   * `read` does, into a buffer of its own.
   */
  readNow(sha256: string, scratch: { buffer: Buffer }): Buffer | Promise<Buffer> {
    const found = this.locate(sha256)
    if (!found || found.keys) return this.read(sha256)
    const fd = openSync(found.path, 'r')
    try {
      const size = fstatSync(fd).size
      if (scratch.buffer.length < size)
        scratch.buffer = Buffer.allocUnsafe(Math.max(size, scratch.buffer.length * 2))
      let at = 0
      while (at < size) {
        const n = readSync(fd, scratch.buffer, at, size - at, at)
        if (n === 0) break
        at += n
      }
      return scratch.buffer.subarray(0, at)
    } finally {
      closeSync(fd)
    }
  }

  async read(sha256: string): Promise<Buffer> {
    // A plain file is read in one piece (one buffer, no stream of 64 KB chunks to join).
    const found = this.locate(sha256)
    if (found && !found.keys) return readFile(found.path)
    const parts: Buffer[] = []
    for await (const chunk of this.openRead(sha256)) parts.push(chunk as Buffer)
    return Buffer.concat(parts)
  }

  /** The whole content of a staged (temporary) file, decrypted if it was written encrypted. */
  async readStaged(staged: StagedFile): Promise<Buffer> {
    const raw = await readFile(staged.tempPath)
    if (!staged.encrypted) return raw
    const keys = this.keys()
    if (!keys || !isEncryptedHeader(raw)) throw new Error('The staged file cannot be read.')
    const parts: Buffer[] = []
    for await (const p of openChunked(keys.content, {
      size: raw.length,
      read: async (at, n) => raw.subarray(at, at + n),
    }))
      parts.push(p)
    return Buffer.concat(parts)
  }

  /** Hashes the stored file again: its name must be its hash. */
  async verify(sha256: string): Promise<boolean> {
    if (!this.has(sha256)) return false
    const hash = createHash('sha256')
    try {
      for await (const chunk of this.openRead(sha256)) hash.update(chunk as Buffer)
    } catch {
      return false // an encrypted file that does not decrypt (damaged or cut short)
    }
    return hash.digest('hex') === sha256
  }

  async remove(sha256: string): Promise<void> {
    const keys = this.keys()
    if (keys) await rm(this.sealedPathOf(sha256, keys), { force: true })
    await rm(this.pathOf(sha256), { force: true })
  }

  /** Stored files (by stored name) that none of the `referenced` hashes names: left by a crash. */
  async unused(referenced: ReadonlySet<string>): Promise<string[]> {
    const keys = this.keys()
    const names = new Set(referenced)
    if (keys) for (const sha of referenced) names.add(hmacHex(keys.names, sha))
    return (await this.list()).filter((n) => !names.has(n))
  }

  /**
   * Turning safe mode on or off: every file of `referenced` is rewritten encrypted (`toSealed`) or
   * in the clear, each through a temporary file renamed into place before the old copy goes, so a
   * crash leaves every file whole in one form or the other (both are read). Returns how many moved.
   */
  async convert(referenced: ReadonlySet<string>, toSealed: boolean): Promise<number> {
    const keys = this.keys()
    if (!keys) throw new Error('Safe mode keys are needed to convert evidence files.')
    let moved = 0
    for (const sha of referenced) {
      const plain = this.pathOf(sha)
      const sealed = this.sealedPathOf(sha, keys)
      const from = toSealed ? plain : sealed
      const to = toSealed ? sealed : plain
      if (!existsSync(from)) continue
      if (!existsSync(to)) {
        const w = await (toSealed ? this.writer() : this.plainWriter())
        try {
          for await (const chunk of toSealed ? createReadStream(plain) : this.openRead(sha))
            await w.write(chunk as Buffer)
          const staged = await w.finish()
          if (staged.sha256 !== sha) throw new Error(`The evidence file ${sha} does not match its hash.`)
          mkdirSync(join(to, '..'), { recursive: true })
          await rename(staged.tempPath, to)
          await syncDir(join(to, '..'))
        } catch (error) {
          await w.abort()
          throw error
        }
      }
      await rm(from, { force: true })
      moved++
    }
    return moved
  }

  /** A writer that writes in the clear even in safe mode (turning it off). */
  private plainWriter(): Promise<FileWriter> {
    return new EvidenceFiles(this.root).writer()
  }

  /** Every file in the store, by stored name (its hash; in safe mode, its keyed hash). */
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
    for (const name of await this.unused(referenced)) {
      const path = join(this.root, name.slice(0, 2), name)
      if (await old(path)) {
        await rm(path, { force: true })
        orphans++
      }
    }
    return { temps, orphans }
  }
}

async function fileSource(handle: FileHandle): Promise<ChunkSource> {
  const { size } = await handle.stat()
  return {
    size,
    read: async (position, length) => {
      const b = Buffer.alloc(length)
      const { bytesRead } = await handle.read(b, 0, length, position)
      return b.subarray(0, bytesRead)
    },
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
