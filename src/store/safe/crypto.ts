import { WordedError } from '../../copy/worded-error.ts'
import { message } from '../../domain/shared/message.ts'
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
} from 'node:crypto'

/**
 * The cryptography of safe mode, all from Node's own `node:crypto` (OpenSSL): scrypt to turn a
 * passphrase into a key, AES-256-GCM to encrypt, HKDF to derive one key per purpose from the data
 * key. See docs/adr/0005-safe-mode.md.
 */

/** scrypt's cost parameters; stored beside every wrapped key so they can be raised later. */
export interface ScryptParams {
  readonly N: number
  readonly r: number
  readonly p: number
}

/**
 * 128 MiB and about 0.4 s of CPU on this machine type: the OWASP minimum for scrypt (N = 2^17,
 * r = 8, p = 1), slow to guess, and within the 2 s unlock budget (docs/adr/0005-safe-mode.md). Key
 * files keep the parameters they were made with (case files made before used N = 2^16).
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 }

export class WrongKey extends WordedError {
  override name = 'WrongKey'
  constructor() {
    super(message('platform.safe.wrongKey'))
  }
}

export function deriveKey(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(
      secret.normalize('NFC'),
      salt,
      32,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  )
}

/** A key for one purpose, derived from the data key (so one data key serves the database, files and names). */
export function subkey(dataKey: Buffer, purpose: string, salt: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, salt, `redress ${purpose}`, 32))
}

const IV = 12
const TAG = 16

/** AES-256-GCM: iv ‖ ciphertext ‖ tag. `aad` binds the box to where it belongs (a record number, a purpose). */
export function seal(key: Buffer, plain: Uint8Array, aad: string): Buffer {
  const iv = randomBytes(IV)
  const c = createCipheriv('aes-256-gcm', key, iv)
  c.setAAD(Buffer.from(aad))
  const body = Buffer.concat([c.update(plain), c.final()])
  return Buffer.concat([iv, body, c.getAuthTag()])
}

/** Opens a box made by `seal`; throws WrongKey when the key, the AAD or a byte is wrong. */
export function unseal(key: Buffer, box: Uint8Array, aad: string): Buffer {
  const b = Buffer.from(box.buffer, box.byteOffset, box.byteLength)
  if (b.length < IV + TAG) throw new WrongKey()
  const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, IV))
  d.setAAD(Buffer.from(aad))
  d.setAuthTag(b.subarray(b.length - TAG))
  try {
    return Buffer.concat([d.update(b.subarray(IV, b.length - TAG)), d.final()])
  } catch {
    throw new WrongKey()
  }
}

export function hmacHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex')
}

export const sameBytes = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b)

// Recovery codes: 25 random bytes (200 bits) in Crockford's base32, in groups of five, so they can
// be printed, read aloud and typed back without confusing O and 0 or I and 1.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function newRecoveryCode(): string {
  const bytes = randomBytes(25)
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  return out.match(/.{5}/g)!.join('-')
}

/** Reads a recovery code as typed: any case, spaces or dashes, O for 0, I or L for 1. */
export function normaliseRecoveryCode(text: string): string {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return clean.match(/.{1,5}/g)?.join('-') ?? ''
}

export const looksLikeRecoveryCode = (text: string): boolean =>
  /^[0-9A-HJKMNP-TV-Z]{40}$/.test(normaliseRecoveryCode(text).replace(/-/g, ''))

/*
 * Chunked encrypted files (evidence, exports): a header (magic, 16-byte salt), then the content
 * in 64 KiB chunks, each sealed with AES-256-GCM under a key derived from the purpose key and the
 * salt, the nonce being the chunk number and the AAD saying whether it is the last chunk. A chunk
 * can be decrypted on its own (for a range of a file), a truncated file fails on its last chunk,
 * and chunks cannot be reordered.
 */
export const CHUNK = 64 * 1024
export const FILE_MAGIC = Buffer.from('RDXENC01')
export const HEADER = FILE_MAGIC.length + 16
const SEALED_CHUNK = CHUNK + TAG

export function isEncryptedHeader(head: Uint8Array): boolean {
  return (
    head.length >= FILE_MAGIC.length && Buffer.from(head.subarray(0, FILE_MAGIC.length)).equals(FILE_MAGIC)
  )
}

function chunkNonce(index: number): Buffer {
  const n = Buffer.alloc(IV)
  n.writeUInt32BE(Math.floor(index / 2 ** 32), 4)
  n.writeUInt32BE(index >>> 0, 8)
  return n
}

/** Encrypts a stream of plaintext chunks of any size into the chunked format. */
export class ChunkSealer {
  private readonly key: Buffer
  private pending: Buffer[] = []
  private pendingLength = 0
  private index = 0
  readonly header: Buffer

  constructor(purposeKey: Buffer) {
    const salt = randomBytes(16)
    this.key = subkey(purposeKey, 'chunks', salt)
    this.header = Buffer.concat([FILE_MAGIC, salt])
  }

  /** Returns the sealed chunks completed by `data` (possibly none). */
  push(data: Uint8Array): Buffer[] {
    this.pending.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
    this.pendingLength += data.byteLength
    const out: Buffer[] = []
    // Keep at least one byte back so the last chunk is always sealed by `end` with the final flag.
    if (this.pendingLength <= CHUNK) return out
    // One copy at most (of the bytes still pending), not one per chunk sealed.
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending)
    let at = 0
    while (all.length - at > CHUNK) {
      out.push(this.sealChunk(all.subarray(at, at + CHUNK), false))
      at += CHUNK
    }
    this.pending = [all.subarray(at)]
    this.pendingLength = all.length - at
    return out
  }

  end(): Buffer {
    return this.sealChunk(Buffer.concat(this.pending), true)
  }

  private sealChunk(plain: Buffer, final: boolean): Buffer {
    const c = createCipheriv('aes-256-gcm', this.key, chunkNonce(this.index++))
    c.setAAD(Buffer.from([final ? 1 : 0]))
    return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()])
  }
}

/** Encrypts a whole buffer into the chunked format. */
export function sealChunked(purposeKey: Buffer, plain: Uint8Array): Buffer {
  const s = new ChunkSealer(purposeKey)
  return Buffer.concat([s.header, ...s.push(plain), s.end()])
}

/** The plaintext length of a chunked file of `fileSize` bytes. */
export function plainSize(fileSize: number): number {
  const body = fileSize - HEADER
  if (body < TAG) throw new WrongKey()
  const full = Math.floor((body - TAG) / SEALED_CHUNK)
  const last = body - full * SEALED_CHUNK - TAG
  return full * CHUNK + last
}

/** Reads chunks of a file by index: enough for whole-file and range decryption. */
export interface ChunkSource {
  readonly size: number
  read(position: number, length: number): Promise<Buffer>
}

/** Decrypts plaintext bytes [start, end) (end exclusive) of a chunked file, chunk by chunk. */
export async function* openChunked(
  purposeKey: Buffer,
  source: ChunkSource,
  start = 0,
  end?: number,
): AsyncGenerator<Buffer> {
  const head = await source.read(0, HEADER)
  if (!isEncryptedHeader(head)) throw new WrongKey()
  const key = subkey(purposeKey, 'chunks', head.subarray(FILE_MAGIC.length, HEADER))
  const total = plainSize(source.size)
  const stop = Math.min(end ?? total, total)
  const chunks = Math.max(1, Math.ceil(total / CHUNK))
  const lastIndex = chunks - 1
  for (let i = Math.floor(start / CHUNK); i <= lastIndex; i++) {
    if (i * CHUNK >= stop && !(i === 0 && stop === 0)) break
    const at = HEADER + i * SEALED_CHUNK
    const sealed = await source.read(at, Math.min(SEALED_CHUNK, source.size - at))
    const d = createDecipheriv('aes-256-gcm', key, chunkNonce(i))
    d.setAAD(Buffer.from([i === lastIndex ? 1 : 0]))
    d.setAuthTag(sealed.subarray(sealed.length - TAG))
    let plain: Buffer
    try {
      plain = Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()])
    } catch {
      throw new WrongKey()
    }
    const from = Math.max(0, start - i * CHUNK)
    const to = Math.min(plain.length, stop - i * CHUNK)
    if (to > from) yield plain.subarray(from, to)
  }
}

export function bufferSource(b: Buffer): ChunkSource {
  return { size: b.length, read: async (p, l) => b.subarray(p, p + l) }
}

export async function openChunkedBuffer(purposeKey: Buffer, sealed: Buffer): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const p of openChunked(purposeKey, bufferSource(sealed))) parts.push(p)
  return Buffer.concat(parts)
}
