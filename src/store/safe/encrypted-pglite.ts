import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { MemoryFS, PGlite, type PGliteOptions, type Transaction } from '@electric-sql/pglite'
import { ChunkSealer, openChunked, seal, subkey, unseal } from './crypto.ts'
import { syncDirSync } from './atomic.ts'

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

/** A snapshot sealed whole as one AES-256-GCM box (the first format; still read). */
const SNAP_MAGIC_V1 = Buffer.from('RDXSNAP1')
/** A snapshot in the chunked format (64 KiB AES-256-GCM chunks), written and read as a stream. */
const SNAP_MAGIC = Buffer.from('RDXSNAP2')
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

/** The chunk key of snapshot `gen`: bound to its generation, so a snapshot cannot pass for another. */
const snapshotKey = (key: Buffer, gen: number): Buffer => subkey(key, `snapshot ${gen}`)

/** A PGlite data-folder tarball, as PGlite gives it (a Blob) or as bytes. */
type Tarball = Blob | Uint8Array

async function* chunksOf(tar: Tarball): AsyncGenerator<Uint8Array> {
  if (tar instanceof Uint8Array) {
    for (let at = 0; at < tar.length; at += 1024 * 1024) yield tar.subarray(at, at + 1024 * 1024)
    return
  }
  for await (const chunk of tar.stream() as unknown as AsyncIterable<Uint8Array>) yield chunk
}

const WAL_SEGMENT = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/

/** Where PGlite keeps its data folder in its file system (PGDATA; checked once the database opens). */
const PGDATA = '/pglite/data'

/** The calls of PGlite's (Emscripten's) file system that snapshots use (writing and unpacking). */
interface EmscriptenFs {
  mkdirTree(path: string): void
  writeFile(path: string, data: Uint8Array, options: { canOwn: boolean }): void
  utime(path: string, atime: number, mtime: number): void
  analyzePath(path: string): { exists: boolean }
  readdir(path: string): string[]
  stat(path: string): { mode: number; size: number; mtime: Date | number }
  isDir(mode: number): boolean
  isFile(mode: number): boolean
  open(path: string, flags: string): unknown
  read(stream: unknown, buffer: Uint8Array, offset: number, length: number, position: number): number
  close(stream: unknown): void
}

/**
 * The data folder as a tarball, straight from PGlite's in-memory file system, file by file and in
 * parts of at most 1 MB, so no copy of the database is ever made whole. (PGlite's `dumpDataDir`
 * copies every file, then builds the tarball, then copies it into a Blob: about three times the
 * database at once, which took the unlocked server from about 340 MB to 480 MB whenever it wrote a
 * snapshot.) The entries are those PGlite's own tar writer makes: folders and regular files, named
 * from PGDATA ("/base/1/112"), in ustar headers. WAL segments after `current` (the segment being
 * written) are left out: PostgreSQL makes those ahead of time, they hold nothing yet, it makes them
 * again when needed, and each is 16 MB.
 */
async function* tarOf(fs: EmscriptenFs, current: string): AsyncGenerator<Uint8Array> {
  const PART = 1024 * 1024
  const header = (name: string, mode: number, size: number, mtime: number, dir: boolean): Uint8Array => {
    const h = Buffer.alloc(512)
    const nameBytes = Buffer.from(name, 'utf8')
    if (nameBytes.length > 100) throw new Error(`A database file name is too long for a snapshot: ${name}`)
    nameBytes.copy(h, 0)
    const octal = (value: number, at: number, width: number): void =>
      void h.write(`${value.toString(8).padStart(width - 1, '0')}\0`, at, width, 'latin1')
    octal(mode & 0o7777, 100, 8)
    octal(0, 108, 8) // uid
    octal(0, 116, 8) // gid
    octal(size, 124, 12)
    octal(Math.max(0, Math.floor(mtime / 1000)), 136, 12)
    h.write(dir ? '5' : '0', 156, 1, 'latin1')
    h.write('ustar\u000000', 257, 8, 'latin1')
    h.fill(0x20, 148, 156) // the checksum is summed with its own field as spaces
    let sum = 0
    for (const byte of h) sum += byte
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1')
    return h
  }
  const walk = async function* (folder: string): AsyncGenerator<Uint8Array> {
    for (const entry of fs.readdir(folder)) {
      if (entry === '.' || entry === '..') continue
      const path = `${folder}/${entry}`
      const name = path.slice(PGDATA.length)
      const stat = fs.stat(path)
      const mtime = Number(stat.mtime)
      if (fs.isDir(stat.mode)) {
        yield header(name, stat.mode, 0, mtime, true)
        yield* walk(path)
        continue
      }
      if (!fs.isFile(stat.mode)) continue
      const segment = WAL_SEGMENT.exec(name)?.[1]
      if (segment !== undefined && segment > current) continue
      yield header(name, stat.mode, stat.size, mtime, false)
      const stream = fs.open(path, 'r')
      try {
        for (let at = 0; at < stat.size;) {
          // A fresh buffer each time: the encryption keeps the part it has not sealed yet.
          const part = new Uint8Array(Math.min(PART, stat.size - at))
          const n = fs.read(stream, part, 0, part.length, at)
          if (n !== part.length)
            throw new Error(`A database file changed while a snapshot was taken: ${name}`)
          yield part
          at += n
        }
      } finally {
        fs.close(stream)
      }
      if (stat.size % 512) yield new Uint8Array(512 - (stat.size % 512))
    }
  }
  yield* walk(PGDATA)
  yield new Uint8Array(1024) // the end-of-archive blocks
}

/**
 * Writes snapshot `gen` from the tarball, encrypting as it goes (no second copy of the database in
 * memory): temporary file, fsync, rename, fsync of the folder, so a crash leaves the old or the new
 * snapshot whole.
 */
async function writeSnapshot(
  dir: string,
  gen: number,
  key: Buffer,
  tar: AsyncIterable<Uint8Array>,
): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const path = snapshotPath(dir, gen)
  const temp = `${path}.${process.pid}.tmp`
  const fd = openSync(temp, 'w', 0o600)
  const put = (b: Uint8Array): void => {
    let done = 0
    while (done < b.length) done += writeSync(fd, b, done, b.length - done)
  }
  try {
    const sealer = new ChunkSealer(snapshotKey(key, gen))
    put(SNAP_MAGIC)
    put(sealer.header)
    for await (const chunk of tar) for (const sealed of sealer.push(chunk)) put(sealed)
    put(sealer.end())
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temp, { force: true })
    throw error
  }
  closeSync(fd)
  renameSync(temp, path)
  syncDirSync(dir)
}

/**
 * Snapshot `gen` decrypted, part by part (64 KiB): neither the encrypted file nor the tarball is
 * ever held whole. Parts are pulled one at a time, so the first (checked before PGlite starts)
 * tells a wrong key at once.
 */
async function* snapshotParts(dir: string, gen: number, key: Buffer): AsyncGenerator<Uint8Array> {
  const path = snapshotPath(dir, gen)
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const magic = Buffer.alloc(SNAP_MAGIC.length)
    readSync(fd, magic, 0, magic.length, 0)
    if (magic.equals(SNAP_MAGIC_V1)) {
      yield unseal(key, readFileSync(path).subarray(SNAP_MAGIC_V1.length), `snapshot ${gen}`)
      return
    }
    if (!magic.equals(SNAP_MAGIC))
      throw new Error('The encrypted database snapshot is not in a format Redress knows.')
    const offset = SNAP_MAGIC.length
    yield* openChunked(snapshotKey(key, gen), {
      size: size - offset,
      read: async (position: number, length: number) => {
        const b = Buffer.allocUnsafe(length)
        const n = readSync(fd, b, 0, length, offset + position)
        return b.subarray(0, n)
      },
    })
  } finally {
    closeSync(fd)
  }
}

/**
 * Unpacks a PGlite data-folder tarball (as PGlite's own tar writer makes it: folders and regular
 * files, names relative to PGDATA) into PGlite's in-memory file system as the parts arrive. Each
 * file is read into one buffer of its exact size, which the file system then owns without a copy.
 * PGlite's own loader (`loadDataDir`) wants the whole tarball as one buffer, copies every file out of
 * it, and copies each again into the file system: three copies of the database at the peak, two of
 * them left as garbage until V8 next collects (about 90 MB for 2,000 timeline entries).
 */
async function untarInto(fs: EmscriptenFs, parts: AsyncIterable<Uint8Array>): Promise<void> {
  const header = new Uint8Array(512)
  let headerAt = 0
  let file: { path: string; data: Uint8Array; at: number; mtime: number } | null = null
  let padding = 0
  let ended = false
  const field = (from: number, length: number): string => {
    const f = header.subarray(from, from + length)
    const end = f.indexOf(0)
    return Buffer.from(end === -1 ? f : f.subarray(0, end)).toString('utf8')
  }
  const octal = (from: number, length: number): number => {
    const n = parseInt(field(from, length).trim() || '0', 8)
    if (!Number.isSafeInteger(n) || n < 0) throw new Error('The database snapshot has a damaged header.')
    return n
  }
  const written = (f: { path: string; data: Uint8Array; mtime: number }): void => {
    fs.writeFile(f.path, f.data, { canOwn: true })
    fs.utime(f.path, f.mtime, f.mtime)
  }
  for await (const part of parts) {
    let at = 0
    while (at < part.length && !ended) {
      if (padding > 0) {
        const n = Math.min(padding, part.length - at)
        padding -= n
        at += n
      } else if (file) {
        const n = Math.min(file.data.length - file.at, part.length - at)
        file.data.set(part.subarray(at, at + n), file.at)
        file.at += n
        at += n
        if (file.at === file.data.length) {
          written(file)
          padding = (512 - (file.data.length % 512)) % 512
          file = null
        }
      } else {
        const n = Math.min(512 - headerAt, part.length - at)
        header.set(part.subarray(at, at + n), headerAt)
        headerAt += n
        at += n
        if (headerAt < 512) continue
        headerAt = 0
        if (header.every((b) => b === 0)) {
          ended = true // the end-of-archive blocks
          break
        }
        const path = `${PGDATA}/${field(0, 100).replace(/^\/+/, '')}`
        // As PGlite reads it: type '0' (or NUL) is a file, '5' a folder; anything else has no data.
        const type = (parseInt(String.fromCharCode(header[156]!), 10) || 0) % 8
        if (type === 5) fs.mkdirTree(path)
        else if (type === 0) {
          fs.mkdirTree(path.slice(0, path.lastIndexOf('/')))
          const size = octal(124, 12)
          const entry = { path, data: new Uint8Array(size), at: 0, mtime: octal(136, 12) * 1000 }
          if (size === 0) written(entry)
          else file = entry
        }
      }
    }
  }
  if (file || headerAt > 0) throw new Error('The database snapshot ends in the middle of a file.')
  if (!fs.analyzePath(`${PGDATA}/PG_VERSION`).exists)
    throw new Error('The database snapshot holds no database.')
}

/**
 * PGlite's in-memory file system, filled from the decrypted snapshot as it streams (`untarInto`)
 * when PGlite asks for its first sync, before PostgreSQL starts (PGlite then finds the data folder
 * there and opens it).
 */
class SnapshotFs extends MemoryFS {
  constructor(private readonly parts: AsyncIterable<Uint8Array>) {
    super()
  }

  override async initialSyncFs(): Promise<void> {
    await super.initialSyncFs()
    await untarInto(this.pg!.Module.FS as unknown as EmscriptenFs, this.parts)
  }
}

/** Writes a first encrypted snapshot from a PGlite data-folder tarball (making safe mode's database). */
export async function createEncryptedDatabase(dataDir: string, dataKey: Buffer, tar: Tarball): Promise<void> {
  const dir = safeDbDir(dataDir)
  const gen = (generations(dir)[0] ?? 0) + 1
  await writeSnapshot(dir, gen, subkey(dataKey, 'database'), chunksOf(tar))
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
/** A read that still changes something: a sequence moved. */
const MOVES_SEQUENCE = /\b(nextval|setval)\b/i
const isPlainRead = (sql: string): boolean => READ_ONLY.test(sql) && !MOVES_SEQUENCE.test(sql)
const UPDATE_OR_DELETE = /^\s*(update|delete)\b/i
/**
 * Whether a transaction changed anything: any statement but a plain read (row locks taken by
 * `SELECT … FOR UPDATE` do not outlive the transaction), leaving out updates and deletes that
 * touched no row (the job queue polls that way every few seconds).
 */
const changes = (s: Statement[], noops: ReadonlySet<number>): boolean =>
  s.some(([sql], i) => !noops.has(i) && !isPlainRead(sql))

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
  const parts = snapshotParts(dir, gen, key)
  let client: PGlite
  try {
    // The first part is decrypted before PGlite starts: a wrong key fails here, at once.
    const first = await parts.next()
    const all = async function* (): AsyncGenerator<Uint8Array> {
      if (!first.done) yield first.value
      yield* parts
    }
    client = await PGlite.create({ fs: new SnapshotFs(all()), ...options })
  } finally {
    await parts.return(undefined) // closes the snapshot file whatever happened
  }
  const where = await client.query<{ d: string }>('select current_setting($1) as d', ['data_directory'])
  if (where.rows[0]?.d !== PGDATA) {
    await client.close()
    throw new Error(
      `PGlite keeps its data in ${where.rows[0]?.d}, not ${PGDATA}: the snapshot was not loaded.`,
    )
  }
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
        // copy: not user-facing (authenticated data: which journal record this is)
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
    const box = seal(key, encode(record), `journal ${state.gen} ${state.seq}`) // copy: not user-facing (authenticated data)
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
      // A checkpoint first, so the data files hold everything and only the WAL segment being
      // written is needed (older ones are removed: wal_recycle is off, see open.ts).
      await rawQuery('CHECKPOINT')
      const current = await rawQuery<{ name: string }>(
        // + 1: at a segment boundary pg_walfile_name names the segment before; this names the one written next.
        'select pg_walfile_name(pg_current_wal_insert_lsn() + 1) as name',
      )
      const fs = client.Module.FS as unknown as EmscriptenFs
      // Under PGlite's query lock (as its own dumpDataDir is): the walk waits between parts, and a
      // plain read (which does not pass the gate) must not change a file while it is read.
      await client._runExclusiveQuery(() => writeSnapshot(dir, next, key, tarOf(fs, current.rows[0]!.name)))
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
        // Plain reads that succeeded: left out of the record (replaying them changes nothing). A
        // read that failed stays in, in its place, since it aborted the transaction or savepoint.
        const reads = new Set<number>()
        const q = tx.query.bind(tx)
        const e = tx.exec.bind(tx)
        tx.query = (async (sql: string, params?: Param[], opts?: unknown) => {
          const at = statements.push([sql, params ?? []]) - 1
          const result = await q(sql, params, opts as never)
          if (isPlainRead(sql)) reads.add(at)
          else if (UPDATE_OR_DELETE.test(sql) && result.affectedRows === 0) noops.add(at)
          return result
        }) as typeof tx.query
        tx.exec = ((sql: string, opts?: unknown) => {
          statements.push([sql, null])
          return e(sql, opts as never)
        }) as typeof tx.exec
        const record = (): Statement[] => statements.filter((_, i) => !reads.has(i))
        let result: T
        try {
          result = await fn(tx)
        } catch (error) {
          if (changes(statements, noops)) append({ c: false, s: record() })
          throw error
        }
        // Written and fsynced before COMMIT: once the caller hears "saved", the journal has it.
        if (changes(statements, noops)) append({ c: !tx.closed, s: record() })
        return result
      })
    } finally {
      gate.leave()
    }
  }

  const wrapped = client as PGlite & Record<string, unknown>
  wrapped.transaction = journalled as PGlite['transaction']
  wrapped.query = (async (sql: string, params?: Param[], opts?: unknown) =>
    isPlainRead(sql)
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
