import {
  closeSync,
  existsSync,
  fdatasyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { PGlite, type PGliteOptions, type Transaction } from '@electric-sql/pglite'
import { seal, subkey, unseal } from './crypto.ts'
import { syncDirSync, writeFileAtomic } from './atomic.ts'

/**
 * The embedded database in safe mode (docs/adr/0005-safe-mode.md): PGlite runs in memory, loaded
 * from an encrypted snapshot, and every transaction that writes is appended to an encrypted journal
 * (and fsynced) before it commits. Opening loads the newest snapshot and replays its journal; a
 * torn last record (a crash mid-append) belongs to a transaction that never reported success, and
 * is cut off. Now and then (and when the database closes) a new snapshot is written atomically and
 * a new, empty journal begins.
 *
 * Files in `<dataDir>/safe/`: `snapshot-<n>.rdx` and `journal-<n>.rdx`, nothing else.
 */

const SNAP_MAGIC = Buffer.from('RDXSNAP1')
const SNAPSHOT = /^snapshot-(\d+)\.rdx$/
/** A new snapshot after this many journal records (REDRESS_SAFE_SNAPSHOT_EVERY lowers it, for the crash test). */
const COMPACT_RECORDS = Number(process.env.REDRESS_SAFE_SNAPSHOT_EVERY) || 2000
const COMPACT_BYTES = 64 * 1024 * 1024

type Param = unknown
/** One statement: SQL and its parameters, or null parameters for `exec` (simple protocol). */
type Statement = [string, Param[] | null]
interface JournalRecord {
  /** Committed (true) or rolled back (false; replayed so sequences advance exactly as they did). */
  readonly c: boolean
  readonly s: Statement[]
}

export const safeDbDir = (dataDir: string): string => join(dataDir, 'safe')

const snapshotPath = (dir: string, gen: number) => join(dir, `snapshot-${gen}.rdx`)
const journalPath = (dir: string, gen: number) => join(dir, `journal-${gen}.rdx`)

function generations(dir: string): number[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .flatMap((n) => {
      const m = SNAPSHOT.exec(n)
      return m ? [Number(m[1])] : []
    })
    .sort((a, b) => b - a)
}

/** True when `dataDir` holds an encrypted embedded database. */
export const hasEncryptedDatabase = (dataDir: string): boolean => generations(safeDbDir(dataDir)).length > 0

function writeSnapshot(dir: string, gen: number, key: Buffer, tar: Uint8Array): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  writeFileAtomic(snapshotPath(dir, gen), Buffer.concat([SNAP_MAGIC, seal(key, tar, `snapshot ${gen}`)]))
}

/** Writes a first encrypted snapshot from a PGlite data-folder tarball (making safe mode's database). */
export function createEncryptedDatabase(dataDir: string, dataKey: Buffer, tar: Uint8Array): void {
  const dir = safeDbDir(dataDir)
  const gen = (generations(dir)[0] ?? 0) + 1
  writeSnapshot(dir, gen, subkey(dataKey, 'database'), tar)
  for (const old of generations(dir)) if (old !== gen) removeGeneration(dir, old)
}

function removeGeneration(dir: string, gen: number): void {
  rmSync(journalPath(dir, gen), { force: true })
  rmSync(snapshotPath(dir, gen), { force: true })
}

/** Encodes parameters so that replay passes exactly the same values (bigints, bytes, dates). */
function encode(record: JournalRecord): Buffer {
  return Buffer.from(
    JSON.stringify(record, function (this: Record<string, unknown>, key, value: unknown) {
      const raw = this[key]
      if (typeof raw === 'bigint') return { $t: 'n', v: raw.toString() }
      if (raw instanceof Date) return { $t: 'd', v: raw.toISOString() }
      if (raw instanceof Uint8Array) return { $t: 'b', v: Buffer.from(raw).toString('base64') }
      return value
    }),
  )
}

function decode(text: Buffer): JournalRecord {
  return JSON.parse(text.toString('utf8'), (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$t' in value && 'v' in value) {
      const { $t, v } = value as { $t: string; v: string }
      if ($t === 'n') return BigInt(v)
      if ($t === 'd') return new Date(v)
      if ($t === 'b') return new Uint8Array(Buffer.from(v, 'base64'))
    }
    return value
  }) as JournalRecord
}

/** Plain reads that change nothing are not journalled. */
const READ_ONLY = /^\s*(select|show)\b/i
const UPDATE_OR_DELETE = /^\s*(update|delete)\b/i
/**
 * Whether a transaction changed anything: any statement but a plain read (row locks taken by
 * `SELECT … FOR UPDATE` do not outlive the transaction), leaving out updates and deletes that
 * touched no row (the job queue polls that way every few seconds).
 */
const changes = (s: Statement[], noops: ReadonlySet<number>): boolean =>
  s.some(([sql], i) => !noops.has(i) && (!READ_ONLY.test(sql) || /\bnextval\b/i.test(sql)))

/** Lets transactions run side by side and a snapshot wait for them all to finish and stop new ones. */
class Gate {
  private active = 0
  private closedBy: Promise<void> | null = null
  private drained: (() => void) | null = null

  async enter(): Promise<void> {
    while (this.closedBy) await this.closedBy
    this.active++
  }

  leave(): void {
    this.active--
    if (this.active === 0) this.drained?.()
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.closedBy) await this.closedBy
    let open!: () => void
    this.closedBy = new Promise((r) => (open = r))
    try {
      if (this.active > 0) await new Promise<void>((r) => (this.drained = r))
      this.drained = null
      return await fn()
    } finally {
      this.closedBy = null
      open()
    }
  }
}

export interface EncryptedPglite {
  /** The PGlite client; its writes go to the journal before they commit. */
  readonly client: PGlite
  /** Writes a new snapshot and starts an empty journal (also done now and then by itself). */
  snapshot(): Promise<void>
  /** The database as a PGlite data-folder tarball (for turning safe mode off). */
  dump(): Promise<Blob>
  /** Snapshots if anything was journalled since the last one, then closes. */
  close(): Promise<void>
  /** Records replayed from the journal when it opened (for tests and the benchmark). */
  readonly replayed: number
}

/** Opens the encrypted database in `dataDir` with the data key (throws WrongKey if it does not open it). */
export async function openEncryptedPglite(
  dataDir: string,
  dataKey: Buffer,
  options: Pick<PGliteOptions, 'startParams' | 'extensions'> = {},
): Promise<EncryptedPglite> {
  const dir = safeDbDir(dataDir)
  const key = subkey(dataKey, 'database')
  const gens = generations(dir)
  if (!gens.length) throw new Error(`There is no encrypted database in ${dir}.`)
  const gen = gens[0]!
  const sealedSnapshot = readFileSync(snapshotPath(dir, gen))
  if (!sealedSnapshot.subarray(0, SNAP_MAGIC.length).equals(SNAP_MAGIC))
    throw new Error('The encrypted database snapshot is not in a format Redress knows.')
  const tar = unseal(key, sealedSnapshot.subarray(SNAP_MAGIC.length), `snapshot ${gen}`)
  const client = await PGlite.create({
    dataDir: 'memory://',
    loadDataDir: new Blob([tar]),
    ...options,
  })
  // Anything older than the newest snapshot is already inside it; a temporary file is a snapshot
  // that a crash cut short.
  for (const old of gens.slice(1)) removeGeneration(dir, old)
  for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true })

  // Replay the journal; a torn or unreadable tail is cut off (it never reported success).
  let state = { gen, seq: 0, bytes: 0, fd: -1 }
  const jpath = journalPath(dir, gen)
  let replayed = 0
  if (existsSync(jpath)) {
    const data = readFileSync(jpath)
    let at = 0
    while (at + 4 <= data.length) {
      const length = data.readUInt32BE(at)
      if (at + 4 + length > data.length) break
      let record: JournalRecord
      try {
        record = decode(unseal(key, data.subarray(at + 4, at + 4 + length), `journal ${gen} ${state.seq}`))
      } catch {
        break
      }
      await replay(client, record)
      state.seq++
      at += 4 + length
      replayed++
    }
    state.bytes = at
    if (at < data.length) {
      const fd = openSync(jpath, 'r+')
      ftruncateSync(fd, at)
      fdatasyncSync(fd)
      closeSync(fd)
    }
  }
  state.fd = openSync(jpath, 'a', 0o600)
  syncDirSync(dir)

  const append = (record: JournalRecord): void => {
    const box = seal(key, encode(record), `journal ${state.gen} ${state.seq}`)
    const frame = Buffer.alloc(4 + box.length)
    frame.writeUInt32BE(box.length, 0)
    box.copy(frame, 4)
    let done = 0
    while (done < frame.length) done += writeSync(state.fd, frame, done, frame.length - done)
    fdatasyncSync(state.fd)
    state.seq++
    state.bytes += frame.length
    if ((state.seq >= COMPACT_RECORDS || state.bytes >= COMPACT_BYTES) && !compactScheduled) {
      compactScheduled = true
      setImmediate(() => void snapshot().catch(() => {}))
    }
  }

  const gate = new Gate()
  let compactScheduled = false
  let closed = false
  const rawTransaction = client.transaction.bind(client)
  const rawQuery = client.query.bind(client)

  const snapshot = (): Promise<void> =>
    gate.exclusive(async () => {
      compactScheduled = false
      if (state.seq === 0 || closed) return
      const next = state.gen + 1
      const tarNow = new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer())
      writeSnapshot(dir, next, key, tarNow)
      const fd = openSync(journalPath(dir, next), 'a', 0o600)
      syncDirSync(dir)
      closeSync(state.fd)
      removeGeneration(dir, state.gen)
      state = { gen: next, seq: 0, bytes: 0, fd }
    })

  const journalled = async <T>(fn: (tx: Transaction) => Promise<T>): Promise<T> => {
    await gate.enter()
    try {
      return await rawTransaction(async (tx) => {
        const statements: Statement[] = []
        const noops = new Set<number>()
        const q = tx.query.bind(tx)
        const e = tx.exec.bind(tx)
        tx.query = (async (sql: string, params?: Param[], opts?: unknown) => {
          const at = statements.push([sql, params ?? []]) - 1
          const result = await q(sql, params, opts as never)
          if (UPDATE_OR_DELETE.test(sql) && result.affectedRows === 0) noops.add(at)
          return result
        }) as typeof tx.query
        tx.exec = ((sql: string, opts?: unknown) => {
          statements.push([sql, null])
          return e(sql, opts as never)
        }) as typeof tx.exec
        let result: T
        try {
          result = await fn(tx)
        } catch (error) {
          if (changes(statements, noops)) append({ c: false, s: statements })
          throw error
        }
        // Written and fsynced before COMMIT: once the caller hears "saved", the journal has it.
        if (changes(statements, noops)) append({ c: !tx.closed, s: statements })
        return result
      })
    } finally {
      gate.leave()
    }
  }

  const wrapped = client as PGlite & Record<string, unknown>
  wrapped.transaction = journalled as PGlite['transaction']
  wrapped.query = (async (sql: string, params?: Param[], opts?: unknown) =>
    READ_ONLY.test(sql) && !/\bnextval\b/i.test(sql)
      ? rawQuery(sql, params, opts as never)
      : journalled((tx) => tx.query(sql, params, opts as never))) as PGlite['query']
  wrapped.exec = (async (sql: string, opts?: unknown) =>
    journalled((tx) => tx.exec(sql, opts as never))) as PGlite['exec']

  return {
    client,
    get replayed() {
      return replayed
    },
    snapshot,
    dump: () => gate.exclusive(() => client.dumpDataDir('none')),
    close: async () => {
      if (closed) return
      await snapshot()
      await gate.exclusive(async () => {
        closed = true
        closeSync(state.fd)
        await client.close()
      })
    },
  }
}

async function replay(client: PGlite, record: JournalRecord): Promise<void> {
  await client.exec('BEGIN')
  for (const [sql, params] of record.s) {
    try {
      if (params === null) await client.exec(sql)
      else await client.query(sql, params)
    } catch {
      // It failed the same way the first time (the same statements on the same data); the
      // transaction's own savepoint or rollback handles it, as it did then.
    }
  }
  await client.exec(record.c ? 'COMMIT' : 'ROLLBACK')
}
