import { randomBytes } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import { Readable, Transform } from 'node:stream'
import yauzl from 'yauzl'
import { z } from 'zod'
import { InvalidInput } from '../../domain/shared/errors.ts'
import { message } from '../../domain/shared/message.ts'
import {
  ChunkSealer,
  FILE_MAGIC,
  HEADER,
  WrongKey,
  deriveKey,
  openChunked,
  plainSize,
  subkey,
  type ChunkSource,
  type ScryptParams,
} from './crypto.ts'

/**
 * Encrypted case archives (docs/adr/0005-safe-mode.md, "Exports"): in safe mode an export is the
 * usual zip, encrypted as it is written, so it is never on disk in the clear. The file is
 * `RDXARCH1`, a length, a JSON header naming the scrypt parameters and salts, then the zip in the
 * chunked AES-256-GCM format. The key comes from the passphrase (scrypt with the installation's
 * passphrase salt, then HKDF with the archive's own salt), so another installation opens it with
 * the same passphrase, and nothing else.
 */
export const ARCHIVE_MAGIC = Buffer.from('RDXARCH1')

/** What an export needs to encrypt: the passphrase-derived key, its salt and parameters. */
export interface ArchiveKey {
  readonly kek: Buffer
  readonly salt: string
  readonly kdf: ScryptParams
}

const header = z.object({
  format: z.literal('redress-encrypted-case-archive'),
  version: z.literal(1),
  kdf: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  salt: z.string(),
  archiveSalt: z.string(),
})

/** A transform that turns the zip's bytes into an encrypted archive (header first). */
export function archiveSealer(key: ArchiveKey): Transform {
  const archiveSalt = randomBytes(16)
  const head = Buffer.from(
    JSON.stringify({
      format: 'redress-encrypted-case-archive',
      version: 1,
      kdf: key.kdf,
      salt: key.salt,
      archiveSalt: archiveSalt.toString('base64'),
    }),
  )
  const length = Buffer.alloc(4)
  length.writeUInt32BE(head.length)
  const sealer = new ChunkSealer(subkey(key.kek, 'archive', archiveSalt))
  let started = false
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (!started) {
        started = true
        this.push(Buffer.concat([ARCHIVE_MAGIC, length, head, sealer.header]))
      }
      for (const sealed of sealer.push(chunk)) this.push(sealed)
      cb()
    },
    flush(cb) {
      if (!started) this.push(Buffer.concat([ARCHIVE_MAGIC, length, head, sealer.header]))
      this.push(sealer.end())
      cb()
    },
  })
}

function source(handle: FileHandle, offset: number, size: number): ChunkSource {
  return {
    size,
    read: async (position, length) => {
      const b = Buffer.alloc(length)
      const { bytesRead } = await handle.read(b, 0, length, offset + position)
      return b.subarray(0, bytesRead)
    },
  }
}

/** Plaintext bytes of a chunked-encrypted `inner`, read at random (for yauzl, and for an archive inside an upload). */
function decrypted(key: Buffer, inner: ChunkSource): ChunkSource {
  return {
    size: plainSize(inner.size),
    read: async (position, length) => {
      const parts: Buffer[] = []
      for await (const p of openChunked(key, inner, position, position + length)) parts.push(p)
      return Buffer.concat(parts)
    },
  }
}

function slice(inner: ChunkSource, offset: number): ChunkSource {
  return { size: inner.size - offset, read: (position, length) => inner.read(offset + position, length) }
}

class SourceReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly plain: ChunkSource,
    private readonly handle: FileHandle,
  ) {
    super()
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const plain = this.plain
    return Readable.from(
      (async function* () {
        // In 1 MiB steps, so a large entry is never held whole in memory.
        for (let at = start; at < end; at += 1024 * 1024)
          yield await plain.read(at, Math.min(1024 * 1024, end - at))
      })(),
    )
  }

  override close(callback: (err: Error | null) => void): void {
    this.handle.close().then(() => callback(null), callback)
  }
}

export interface ZipOpenOptions {
  /** For an encrypted archive (a safe-mode export). */
  readonly passphrase?: string | undefined
  /** Safe mode's evidence key, for an archive uploaded in safe mode (staged encrypted). */
  readonly stagedKey?: Buffer | null | undefined
}

/**
 * Opens a case archive for reading with yauzl: a plain zip, an encrypted archive (with the
 * passphrase) or an upload staged encrypted in safe mode. Throws InvalidInput('passphrase', …)
 * when the passphrase is missing or wrong.
 */
export async function openZip(
  path: string,
  options: ZipOpenOptions,
  zipOptions: yauzl.Options,
): Promise<yauzl.ZipFile> {
  const handle = await open(path, 'r')
  let handed = false
  try {
    const { size } = await handle.stat()
    let src = source(handle, 0, size)
    const headOf = (s: ChunkSource): Promise<Buffer> => s.read(0, Math.min(s.size, 4096))
    let head = await headOf(src)
    let layered = false
    // An upload in safe mode is staged encrypted with the evidence key: read through that first.
    if (head.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) {
      if (!options.stagedKey)
        throw new Error('The uploaded archive was stored encrypted and cannot be read now.')
      src = decrypted(options.stagedKey, src)
      head = await headOf(src)
      layered = true
    }
    // Then, inside it or not, an encrypted archive (a safe-mode export) opens with its passphrase.
    if (
      head.length >= ARCHIVE_MAGIC.length + 4 &&
      head.subarray(0, ARCHIVE_MAGIC.length).equals(ARCHIVE_MAGIC)
    ) {
      const length = head.readUInt32BE(ARCHIVE_MAGIC.length)
      const start = ARCHIVE_MAGIC.length + 4
      const h = header.parse(JSON.parse((await src.read(start, length)).toString('utf8')))
      if (!options.passphrase)
        throw new InvalidInput('passphrase', message('platform.safe.archiveNeedsPassphrase'))
      const kek = await deriveKey(options.passphrase, Buffer.from(h.salt, 'base64'), h.kdf)
      const key = subkey(kek, 'archive', Buffer.from(h.archiveSalt, 'base64'))
      const body = slice(src, start + length)
      if (body.size < HEADER) throw new WrongKey()
      // Check the key on the first chunk, so a wrong passphrase is named as such.
      try {
        for await (const _ of openChunked(key, body, 0, 1)) break
      } catch (error) {
        if (error instanceof WrongKey)
          throw new InvalidInput('passphrase', message('platform.safe.archiveWrongPassphrase'))
        throw error
      }
      src = decrypted(key, body)
      layered = true
    }
    if (!layered) {
      await handle.close()
      handed = true
      return await new Promise<yauzl.ZipFile>((resolve, reject) =>
        yauzl.open(path, zipOptions, (err, zf) => (err ? reject(err) : resolve(zf))),
      )
    }
    const reader = new SourceReader(src, handle)
    handed = true
    const total = src.size
    return await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromRandomAccessReader(reader, total, zipOptions, (err, zf) => (err ? reject(err) : resolve(zf))),
    )
  } finally {
    if (!handed) await handle.close().catch(() => {})
  }
}
