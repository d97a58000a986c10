import { existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import {
  openDatabase,
  PGLITE_START_PARAMS,
  type Database,
  type Db,
  type Engine,
  type OpenOptions,
} from '../db.ts'
import { EvidenceFiles, type FileCipher } from '../evidence-files.ts'
import { DrizzleCaseRepository } from '../case.repository.ts'
import { lockDataDirectory } from '../lock.ts'
import { WrongKey } from './crypto.ts'
import { createEncryptedDatabase, safeDbDir } from './encrypted-pglite.ts'
import { SafeModeLocked } from './errors.ts'
import { message } from '../../domain/shared/message.ts'
import {
  createKeys,
  keyFilePath,
  readKeyFile,
  rememberArchiveKey,
  rewrapKeys,
  unlockKeys,
  writeKeyFile,
  type KeyFile,
} from './keyring.ts'
import type { SafeDatabase } from './open.ts'

export type SafeModeStatus = 'off' | 'locked' | 'unlocked'

/**
 * The database as the web server (and `redress safe-mode`) holds it: open all the time when safe
 * mode is off; in safe mode, closed and keyless until the passphrase unlocks it, and closed again
 * (the data key dropped from memory) when it locks. Safe mode can be turned on and off while it
 * runs. Repositories built over `db` keep working across lock and unlock: `db` forwards to the
 * database open at the moment, and throws SafeModeLocked while there is none.
 */
export class Vault implements Database {
  private current: Database | null = null
  private dataKey: Buffer | null = null
  /** Safe mode on (the key file exists); kept here so that no request reads the file again. */
  private keyed: boolean
  private readonly onOpen: Array<(database: Database) => Promise<void>> = []
  /** Told whenever the database closes, opens or changes (see whenClosed). */
  private readonly onClose: Array<() => void> = []
  readonly engine: Engine
  readonly db: Db
  readonly cipher: FileCipher

  private constructor(private readonly options: OpenOptions) {
    this.engine = options.databaseUrl ? 'postgresql' : 'pglite'
    this.keyed = readKeyFile(options.dataDir) !== null
    const current = (): Database => {
      if (!this.current) throw new SafeModeLocked(message('platform.safe.lockedShort'))
      return this.current
    }
    this.db = new Proxy({} as Db, {
      get: (_target, prop) => {
        const real = current().db as unknown as Record<PropertyKey, unknown>
        const value = Reflect.get(real, prop, real)
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value
      },
    })
    this.cipher = {
      current: () => {
        if (!this.keyed) return null
        if (!this.dataKey) throw new SafeModeLocked(message('platform.safe.lockedShort'))
        return this.dataKey
      },
    }
  }

  /** Opens the data folder: the database at once when safe mode is off, nothing until unlocked when on. */
  static async open(options: OpenOptions): Promise<Vault> {
    recoverInterrupted(options.dataDir)
    const vault = new Vault(options)
    if (!readKeyFile(options.dataDir)) vault.current = await openDatabase(options)
    return vault
  }

  get dataDir(): string {
    return this.options.dataDir
  }

  get status(): SafeModeStatus {
    if (!this.keyed) return 'off'
    return this.current ? 'unlocked' : 'locked'
  }

  /** Runs `fn` whenever the database opens (now, if it is open): first-start facts, tidying after a crash. */
  async whenOpen(fn: (database: Database) => Promise<void>): Promise<void> {
    this.onOpen.push(fn)
    if (this.current) await fn(this)
  }

  /**
   * Runs `fn` whenever the open database closes, is opened or replaced (lock, unlock, safe mode on
   * or off): what was kept in memory from it must go (pages kept until a case changes).
   */
  whenClosed(fn: () => void): void {
    this.onClose.push(fn)
  }

  private closed(): void {
    for (const fn of this.onClose) fn()
  }

  /** Unlocks with the passphrase or the recovery code; throws WrongKey. */
  async unlock(secret: string): Promise<void> {
    const file = readKeyFile(this.options.dataDir)
    if (!file) return
    if (this.current) return
    const dataKey = await unlockKeys(file, secret)
    await this.openWith(dataKey)
    if (file.state === 'enabling') {
      await this.convertEvidence(true)
      writeKeyFile(this.options.dataDir, { ...file, state: 'on' })
    }
  }

  private async openWith(dataKey: Buffer): Promise<void> {
    this.closed()
    this.dataKey = dataKey
    try {
      this.current = await openDatabase({ ...this.options, dataKey })
    } catch (error) {
      this.dataKey = null
      throw error
    }
    for (const fn of this.onOpen) await fn(this)
  }

  /** Closes the database and forgets the key (safe mode only; with safe mode off it stays open). */
  async lock(): Promise<void> {
    if (!readKeyFile(this.options.dataDir) || !this.current) return
    const db = this.current
    this.current = null
    this.closed()
    try {
      await db.close()
    } finally {
      this.dataKey?.fill(0)
      this.dataKey = null
    }
  }

  /** Turns safe mode on: encrypts the database and every evidence file. Returns the recovery code (show it once). */
  async enable(passphrase: string): Promise<string> {
    if (readKeyFile(this.options.dataDir)) throw new Error('Safe mode is already on.')
    const { dataDir } = this.options
    const keys = await createKeys(passphrase)
    await rememberArchiveKey(keys.file, keys.dataKey, passphrase) // for encrypted exports
    if (!this.options.databaseUrl) {
      await this.current?.close()
      this.current = null
      const release = lockDataDirectory(dataDir)
      try {
        const plain = await PGlite.create(join(dataDir, 'pglite'), {
          startParams: PGLITE_START_PARAMS,
          extensions: { pg_trgm },
        })
        const tar = await plain.dumpDataDir('none')
        await plain.close()
        writeKeyFile(dataDir, keys.file)
        this.keyed = true
        await createEncryptedDatabase(dataDir, keys.dataKey, tar)
        // From here the encrypted copy is the database (see recoverInterrupted).
        renameSync(join(dataDir, 'pglite'), join(dataDir, 'pglite.removing'))
        rmSync(join(dataDir, 'pglite.removing'), { recursive: true, force: true })
      } finally {
        release()
      }
    } else {
      writeKeyFile(dataDir, keys.file)
      this.keyed = true
      await this.current?.close()
      this.current = null
    }
    await this.openWith(keys.dataKey)
    await this.convertEvidence(true)
    writeKeyFile(dataDir, { ...keys.file, state: 'on' })
    return keys.recoveryCode
  }

  /** Turns safe mode off (it must be unlocked): the database and evidence files go back to plain files. */
  async disable(): Promise<void> {
    const file = this.requireUnlocked()
    const { dataDir } = this.options
    writeKeyFile(dataDir, { ...file, state: 'disabling' })
    await this.convertEvidence(false)
    const current = this.current as SafeDatabase
    if (!this.options.databaseUrl) {
      const tar = await current.store.dump()
      await current.close()
      this.current = null
      const next = join(dataDir, 'pglite.new')
      rmSync(next, { recursive: true, force: true })
      const plain = await PGlite.create(next, {
        loadDataDir: tar,
        startParams: PGLITE_START_PARAMS,
        extensions: { pg_trgm },
      })
      await plain.close()
      renameSync(next, join(dataDir, 'pglite'))
      rmSync(safeDbDir(dataDir), { recursive: true, force: true })
    } else {
      await current.close()
      this.current = null
    }
    rmSync(keyFilePath(dataDir), { force: true })
    this.keyed = false
    this.dataKey?.fill(0)
    this.dataKey = null
    this.closed()
    this.current = await openDatabase(this.options)
    for (const fn of this.onOpen) await fn(this)
  }

  /** A new passphrase: the data key is rewrapped, nothing else changes. Throws WrongKey if `current` is wrong. */
  async changePassphrase(currentSecret: string, next: string): Promise<void> {
    const file = readKeyFile(this.options.dataDir)
    if (!file) throw new Error('Safe mode is off.')
    const dataKey = await unlockKeys(file, currentSecret)
    const rewrapped = await rewrapKeys(file, dataKey, next)
    writeKeyFile(this.options.dataDir, rewrapped)
    // Encrypted exports from now on open with the new passphrase.
    if (this.dataKey) await rememberArchiveKey(rewrapped, this.dataKey, next)
  }

  private requireUnlocked(): KeyFile {
    const file = readKeyFile(this.options.dataDir)
    if (!file) throw new Error('Safe mode is off.')
    if (!this.current || !this.dataKey) throw new SafeModeLocked()
    return file
  }

  private async convertEvidence(toSealed: boolean): Promise<void> {
    const files = new EvidenceFiles(join(this.options.dataDir, 'evidence'), {
      current: () => this.dataKey,
    })
    const referenced = await new DrizzleCaseRepository(this.db).allEvidenceHashes()
    await files.convert(referenced, toSealed)
    // Leftovers no row uses (and any temporary file) would stay readable: remove them.
    rmSync(files.tempDir, { recursive: true, force: true })
    if (this.engine === 'pglite')
      for (const name of await files.unused(referenced))
        rmSync(join(files.root, name.slice(0, 2), name), { force: true })
  }

  ping(): Promise<boolean> {
    return this.current ? this.current.ping() : Promise.resolve(false)
  }

  async close(): Promise<void> {
    const db = this.current
    this.current = null
    this.dataKey = null
    await db?.close()
  }
}

/** Finishes or undoes a switch of safe mode that a crash interrupted (see docs/adr/0005-safe-mode.md). */
export function recoverInterrupted(dataDir: string): void {
  let file: KeyFile | null
  try {
    file = readKeyFile(dataDir)
  } catch {
    return
  }
  const plainThere = existsSync(join(dataDir, 'pglite', 'PG_VERSION'))
  rmSync(join(dataDir, 'pglite.removing'), { recursive: true, force: true })
  if (!file) return
  if (file.state === 'enabling' && plainThere) {
    // The plain database was still the database: turning safe mode on did not happen.
    rmSync(safeDbDir(dataDir), { recursive: true, force: true })
    rmSync(keyFilePath(dataDir), { force: true })
  }
  if (file.state === 'disabling') {
    rmSync(join(dataDir, 'pglite.new'), { recursive: true, force: true })
    if (plainThere) {
      // Every evidence file was already in the clear and the plain database in place.
      rmSync(safeDbDir(dataDir), { recursive: true, force: true })
      rmSync(keyFilePath(dataDir), { force: true })
    }
  }
}

export { WrongKey }
