import { WordedError } from '../../copy/worded-error.ts'
import { message } from '../../domain/shared/message.ts'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import {
  DEFAULT_SCRYPT,
  WrongKey,
  deriveKey,
  looksLikeRecoveryCode,
  newRecoveryCode,
  normaliseRecoveryCode,
  seal,
  unseal,
  type ScryptParams,
} from './crypto.ts'
import { writeFileAtomic } from './atomic.ts'
import type { ArchiveKey } from './archive-crypto.ts'

/**
 * The key file, `<dataDir>/safe-mode.json`: the random data key, wrapped twice (once by a key
 * derived from the passphrase, once by a key derived from the recovery code), with the scrypt
 * parameters and salts. It holds no case data and nothing that opens it without a secret.
 * Changing the passphrase rewraps the data key; nothing else is re-encrypted.
 */
export const KEY_FILE = 'safe-mode.json'
const AAD = 'redress data key v1' // copy: not user-facing (authenticated data bound into every key file)

const wrapped = z.object({ salt: z.string(), box: z.string() })
const keyFile = z.object({
  format: z.literal('redress-safe-mode'),
  version: z.literal(1),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  passphrase: wrapped,
  recovery: wrapped,
  /** 'enabling' while the case file is being converted; 'on' once everything is encrypted. */
  state: z.enum(['enabling', 'on', 'disabling']),
})
export type KeyFile = z.infer<typeof keyFile>

export const MIN_PASSPHRASE = 8

export class PassphraseTooShort extends WordedError {
  override name = 'PassphraseTooShort'
  constructor() {
    super(message('platform.safe.passphraseTooShort', { min: MIN_PASSPHRASE }))
  }
}

export const keyFilePath = (dataDir: string): string => join(dataDir, KEY_FILE)

export function readKeyFile(dataDir: string): KeyFile | null {
  const path = keyFilePath(dataDir)
  if (!existsSync(path)) return null
  return keyFile.parse(JSON.parse(readFileSync(path, 'utf8')))
}

export function writeKeyFile(dataDir: string, file: KeyFile): void {
  writeFileAtomic(keyFilePath(dataDir), Buffer.from(JSON.stringify(file, null, 1)))
}

async function wrap(secret: string, dataKey: Buffer, params: ScryptParams): Promise<z.infer<typeof wrapped>> {
  const salt = randomBytes(16)
  const kek = await deriveKey(secret, salt, params)
  return { salt: salt.toString('base64'), box: seal(kek, dataKey, AAD).toString('base64') }
}

async function unwrap(secret: string, w: z.infer<typeof wrapped>, params: ScryptParams): Promise<Buffer> {
  const kek = await deriveKey(secret, Buffer.from(w.salt, 'base64'), params)
  return unseal(kek, Buffer.from(w.box, 'base64'), AAD)
}

export interface NewKeys {
  readonly file: KeyFile
  readonly dataKey: Buffer
  /** Shown once to the parent; never stored in the clear. */
  readonly recoveryCode: string
}

/** Makes a new data key and wraps it with the passphrase and a new recovery code. */
export async function createKeys(
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<NewKeys> {
  if ([...passphrase].length < MIN_PASSPHRASE) throw new PassphraseTooShort()
  const dataKey = randomBytes(32)
  const recoveryCode = newRecoveryCode()
  const [p, r] = await Promise.all([
    wrap(passphrase, dataKey, params),
    wrap(recoveryCode.replace(/-/g, ''), dataKey, params),
  ])
  return {
    dataKey,
    recoveryCode,
    file: {
      format: 'redress-safe-mode',
      version: 1,
      kdf: { name: 'scrypt', ...params },
      passphrase: p,
      recovery: r,
      state: 'enabling',
    },
  }
}

/**
 * The passphrase-derived key for encrypted exports, for a data key unlocked with the passphrase in
 * this process (not with the recovery code: an archive opens with the passphrase only).
 */
const archiveKeys = new WeakMap<Buffer, ArchiveKey>()
export const archiveKeyFor = (dataKey: Buffer): ArchiveKey | null => archiveKeys.get(dataKey) ?? null

/** Remembers the archive key for `dataKey` after the passphrase changed to `passphrase`. */
export async function rememberArchiveKey(file: KeyFile, dataKey: Buffer, passphrase: string): Promise<void> {
  const params = { N: file.kdf.N, r: file.kdf.r, p: file.kdf.p }
  const kek = await deriveKey(passphrase, Buffer.from(file.passphrase.salt, 'base64'), params)
  unseal(kek, Buffer.from(file.passphrase.box, 'base64'), AAD) // the passphrase must fit this file
  archiveKeys.set(dataKey, { kek, salt: file.passphrase.salt, kdf: params })
}

/** Unwraps the data key with the passphrase or, if it looks like one, the recovery code. Throws WrongKey. */
export async function unlockKeys(file: KeyFile, secret: string): Promise<Buffer> {
  const params = { N: file.kdf.N, r: file.kdf.r, p: file.kdf.p }
  try {
    const kek = await deriveKey(secret, Buffer.from(file.passphrase.salt, 'base64'), params)
    const dataKey = unseal(kek, Buffer.from(file.passphrase.box, 'base64'), AAD)
    archiveKeys.set(dataKey, { kek, salt: file.passphrase.salt, kdf: params })
    return dataKey
  } catch (error) {
    if (!(error instanceof WrongKey) || !looksLikeRecoveryCode(secret)) throw error
    return unwrap(normaliseRecoveryCode(secret).replace(/-/g, ''), file.recovery, params)
  }
}

/** A key file whose passphrase is rewrapped: the same data key, a new salt, the same recovery code. */
export async function rewrapKeys(file: KeyFile, dataKey: Buffer, newPassphrase: string): Promise<KeyFile> {
  if ([...newPassphrase].length < MIN_PASSPHRASE) throw new PassphraseTooShort()
  const params = { N: file.kdf.N, r: file.kdf.r, p: file.kdf.p }
  return { ...file, passphrase: await wrap(newPassphrase, dataKey, params) }
}
