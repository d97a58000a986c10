import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type yauzl from 'yauzl'
import yazl from 'yazl'
import { z } from 'zod'
import { CaseInputError, formatBytes, type Actor, type CaseRecord } from '../domain/case/index.ts'
import { caseRowsSchema, recordProblem } from '../domain/case/record-schemas.ts'
import type { CaseRepository, CaseRows } from '../store/case.repository.ts'
import { SHA256, type EvidenceFiles, type FileWriter, type StagedFile } from '../store/evidence-files.ts'
import { archiveSealer, openZip } from '../store/safe/archive-crypto.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { message, type Message, type MessageParams } from '../domain/shared/message.ts'
import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'
import { WordedError } from '../copy/worded-error.ts'

/**
 * A whole case as one archive: a zip holding manifest.json (every other file with its SHA-256 and
 * size), case.json (every row of the case: current versions, earlier versions, the bin and the audit
 * trail) and evidence/<sha256> (each file, named by its hash). Import checks every hash before it
 * writes anything, and writes everything in one transaction. A letter Redress made before issue 11
 * goes in as the parent would send it, without its page of notes (see `lettersAsSent`).
 */

export const ARCHIVE_FORMAT = 'redress-case-archive'
export const ARCHIVE_VERSION = 1

export interface ManifestEntry {
  readonly path: string
  readonly sha256: string
  readonly sizeBytes: number
}

export interface Manifest {
  readonly format: typeof ARCHIVE_FORMAT
  readonly formatVersion: number
  readonly exportedAt: string
  readonly caseId: string
  readonly files: readonly ManifestEntry[]
}

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_VERSION),
  exportedAt: z.string(),
  caseId: z.string().min(1),
  files: z.array(
    z.object({
      path: z.string(),
      sha256: z.string().regex(SHA256),
      sizeBytes: z.number().int().nonnegative(),
    }),
  ),
})

/** The words of the archive's messages: `platform.caseArchive.<key>` in platform.json. */
const archiveCopy = (key: string, params?: MessageParams): Message =>
  message(`platform.caseArchive.${key}`, params)

/**
 * The archive cannot be imported; `file` names the part of it that is wrong (null: the archive as a
 * whole). Nothing was written. `copy` is the whole sentence as a Message, for a page or the CLI to
 * put into the reader's language; the problem's text is in English.
 */
export class ArchiveRejected extends CaseInputError {
  override name = 'ArchiveRejected'
  readonly copy: Message
  constructor(
    readonly file: string | null,
    problem: Message,
  ) {
    const copy = archiveCopy('rejected', { file: file ?? archiveCopy('theArchive'), problem })
    super([{ field: 'archive', problem: copy }])
    this.copy = copy
  }
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')
const EVIDENCE_PATH = /^evidence\/([0-9a-f]{64})$/
/** Since issue 11 evidence files are named by date and title (their hash is in the manifest). */
const READABLE_PATH = /^evidence\/[A-Za-z0-9][A-Za-z0-9 ._()-]{0,150}$/

/** "evidence/2025-02-03 CMS decision letter (1a2b3c4d).pdf": date, title, start of the hash, type. */
export function readableEvidencePath(e: {
  readonly sha256: string
  readonly title: string
  readonly documentDate: string | null
  readonly fileName: string
}): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(e.fileName)?.[1]?.toLowerCase()
  const title =
    e.title
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^A-Za-z0-9 ._()-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 100)
      .trim() || 'document'
  return `evidence/${e.documentDate ?? 'undated'} ${title} (${e.sha256.slice(0, 8)})${ext ? `.${ext}` : ''}`
}
/** manifest.json and case.json are read into memory: each may be this large at most. */
const JSON_LIMIT = 256 * 1024 * 1024

export interface ExportOptions {
  /** In safe mode: write a plain zip anyway (a deliberate choice, e.g. to send to an adviser). */
  readonly unencrypted?: boolean
}

export interface ArchiveServiceDeps {
  readonly repo: CaseRepository
  readonly files: EvidenceFiles
  readonly now?: () => Date
  /** The most one evidence file in an archive may unpack to (the upload limit). */
  readonly maxEntryBytes?: number
  /** The most a whole archive may unpack to (REDRESS_MAX_IMPORT_MB, 2 GB by default). */
  readonly maxTotalBytes?: number
  /** The language of what the service writes into the case's history (English by default). */
  readonly locale?: Locale
}

/** A case as imported; `importedAsCopy` when the same case was already here and a copy was made. */
export type ImportedCase = CaseRecord & { readonly importedAsCopy: boolean }

/** "events, row 4, occurredOn" for a zod issue path into case.json. */
function rowPath(path: readonly PropertyKey[]): string {
  // The arrears tables sit one level down: "arrears, checks, 0, …" reads "arrears.checks, row 1".
  const parts = path.map(String)
  if (parts[0] === 'arrears' && parts.length > 1) parts.splice(0, 2, `arrears.${parts[1]}`)
  const [table, index, ...field] = parts
  if (table === undefined) return 'case.json'
  if (index === undefined || !/^\d+$/.test(index)) return [table, index, ...field].filter(Boolean).join('.')
  return `${table}, row ${Number(index) + 1}${field.length ? `, field ${field.join('.')}` : ''}`
}

export class CaseArchiveService {
  private readonly repo: CaseRepository
  private readonly files: EvidenceFiles
  private readonly now: () => Date
  readonly maxEntryBytes: number
  readonly maxTotalBytes: number
  private readonly locale: Locale

  constructor(deps: ArchiveServiceDeps) {
    this.locale = deps.locale ?? DEFAULT_LOCALE
    this.repo = deps.repo
    this.files = deps.files
    this.now = deps.now ?? (() => new Date())
    this.maxEntryBytes = deps.maxEntryBytes ?? 50 * 1024 * 1024
    this.maxTotalBytes = deps.maxTotalBytes ?? 2048 * 1024 * 1024
  }

  /**
   * Writes the case to `path` (through a temporary file renamed into place, so a crash never leaves
   * half an archive under that name). The export is recorded in the audit trail.
   */
  async export(
    who: Actor,
    caseId: string,
    path: string,
    onProgress?: (done: number, total: number) => void,
    options: ExportOptions = {},
  ): Promise<Manifest> {
    // In safe mode the archive is encrypted as it is written (docs/adr/0005-safe-mode.md), unless
    // the parent deliberately asks for a plain one (to send to an adviser).
    const protect = options.unencrypted || !this.files.contentKey() ? null : this.files.archiveKey()
    if (!options.unencrypted && this.files.contentKey() && !protect)
      throw new InvalidInput('passphrase', archiveCopy('exportNeedsPassphrase'))
    await this.repo.transaction((repo) =>
      repo.record(who, caseId, 'export', 'case', caseId, text(archiveCopy('exported'), {}, this.locale)),
    )
    const stored = await this.repo.exportRows(who.ownerId, caseId)
    const { rows, replaced } = await this.lettersAsSent(stored)
    const caseJson = new TextEncoder().encode(JSON.stringify(rows, null, 1))
    const hashes = [...new Set(rows.evidence.map((e) => e.sha256))].sort()
    const entries: ManifestEntry[] = [
      { path: 'case.json', sha256: sha(caseJson), sizeBytes: caseJson.length },
    ]
    const sizes = new Map(rows.evidence.map((e) => [e.sha256, e.sizeBytes]))
    const names = new Map<string, string>()
    for (const e of rows.evidence) if (!names.has(e.sha256)) names.set(e.sha256, readableEvidencePath(e))
    for (const h of hashes) {
      if (!replaced.has(h) && !this.files.has(h))
        throw new WordedError(archiveCopy('evidenceMissingOnExport', { hash: h }))
      entries.push({ path: names.get(h) ?? `evidence/${h}`, sha256: h, sizeBytes: sizes.get(h) ?? 0 })
    }
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_VERSION,
      exportedAt: this.now().toISOString(),
      caseId,
      files: entries,
    }
    const temp = `${path}.${process.pid}.part`
    const zip = new yazl.ZipFile()
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 1)), 'manifest.json')
    zip.addBuffer(Buffer.from(caseJson), 'case.json')
    // Files are stored without compression: PDFs and photos are compressed already.
    // Read through the store, so that files kept encrypted (safe mode) go in as their content.
    for (const h of hashes) {
      const name = names.get(h) ?? `evidence/${h}`
      const letter = replaced.get(h)
      if (letter) zip.addBuffer(Buffer.from(letter), name, { compress: false })
      else zip.addReadStream(this.files.openRead(h), name, { compress: false, size: sizes.get(h) ?? 0 })
    }
    zip.end()
    const total = caseJson.length + rows.evidence.reduce((n, e) => n + e.sizeBytes, 0)
    let written = 0
    const count = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        written += chunk.length
        onProgress?.(Math.min(written, total), total)
        cb(null, chunk)
      },
    })
    try {
      const out = createWriteStream(temp, { mode: 0o600 })
      if (protect) await pipeline(zip.outputStream, count, archiveSealer(protect), out)
      else await pipeline(zip.outputStream, count, out)
      const handle = await open(temp, 'r+')
      await handle.sync()
      await handle.close()
      await rename(temp, path)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
    return manifest
  }

  /**
   * The rows to export, with every letter Redress made before issue 11 as the parent would send
   * it. Such a letter was stored with a last page of notes for the parent ("This page is for you.
   * Do not send it."); the app takes that page out whenever the letter is downloaded, viewed or
   * bundled, so the parent never sees it, and an archive (which may go to an adviser) carries the
   * letter without it too. Its evidence rows, and the earlier versions of them in the trail, name
   * the file in the archive (its hash and size), so the manifest, case.json and the bytes agree
   * and an import stores the letter as sent. The stored file here is left as it was.
   * `replaced` maps each stored hash so changed to the bytes that go into the archive under the
   * new hash.
   */
  private async lettersAsSent(
    rows: CaseRows,
  ): Promise<{ rows: CaseRows; replaced: Map<string, Uint8Array> }> {
    const letters = new Set(
      rows.evidence
        .filter((e) => e.mediaType === 'application/pdf' && e.tags.includes('redress-letter'))
        .map((e) => e.sha256),
    )
    const swap = new Map<string, { sha256: string; sizeBytes: number }>()
    const replaced = new Map<string, Uint8Array>()
    if (letters.size === 0) return { rows, replaced }
    const { withoutNotesPages } = await import('../documents/bundle/notes-pages.ts')
    for (const h of letters) {
      if (!this.files.has(h)) continue // reported as missing below
      const out = await withoutNotesPages(await this.files.read(h))
      if (out.removed.length === 0) continue
      const next = sha(out.bytes)
      swap.set(h, { sha256: next, sizeBytes: out.bytes.length })
      replaced.set(next, out.bytes)
    }
    if (swap.size === 0) return { rows, replaced }
    const evidence = rows.evidence.map((e) => {
      const s = swap.get(e.sha256)
      return s ? { ...e, ...s } : e
    })
    const revisions = rows.revisions.map((r) => {
      const s =
        r.entity === 'evidence' && typeof r.data.sha256 === 'string' ? swap.get(r.data.sha256) : undefined
      return s ? { ...r, data: { ...r.data, ...s } } : r
    })
    return { rows: { ...rows, evidence, revisions }, replaced }
  }

  /**
   * Imports an archive. Every file's hash is checked against the manifest (and each evidence file
   * against its name) before anything is written; a mismatch refuses the import naming the file.
   * Then the rows and the files go in together, in one transaction.
   */
  async import(
    who: Actor,
    path: string,
    onProgress?: (bytes: number) => void,
    options: { readonly passphrase?: string } = {},
  ): Promise<ImportedCase> {
    const texts = new Map<string, Uint8Array>()
    const staged = new Map<string, StagedFile>()
    const seen = new Set<string>()
    let writer: FileWriter | null = null
    try {
      let zipfile: yauzl.ZipFile
      try {
        // A plain zip, an encrypted archive (safe-mode export) or an upload staged encrypted.
        zipfile = await openZip(
          path,
          { passphrase: options.passphrase, stagedKey: this.files.contentKey() },
          { lazyEntries: true, autoClose: true, validateEntrySizes: true },
        )
      } catch (error) {
        if (error instanceof InvalidInput) throw error
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw new ArchiveRejected(path, archiveCopy('noSuchFile'))
        throw new ArchiveRejected(null, archiveCopy('notAZip'))
      }
      let bytes = 0
      try {
        for await (const entry of entries(zipfile)) {
          const name = entry.fileName
          if (seen.has(name)) throw new ArchiveRejected(name, archiveCopy('twice'))
          seen.add(name)
          const evidence = EVIDENCE_PATH.test(name) || READABLE_PATH.test(name)
          if (!evidence && name !== 'manifest.json' && name !== 'case.json')
            throw new ArchiveRejected(name, archiveCopy('notAnArchiveFile'))
          const entryCap = evidence ? this.maxEntryBytes : JSON_LIMIT
          const tooLarge = (size: number | null, cap: number, what: 'fileMayBe' | 'archiveMayBe') =>
            new ArchiveRejected(
              name,
              size === null
                ? archiveCopy('unpacksToMore', { cap: formatBytes(cap), what: archiveCopy(what) })
                : archiveCopy('unpacksTo', {
                    size: formatBytes(size),
                    cap: formatBytes(cap),
                    what: archiveCopy(what),
                  }),
            )
          // The sizes the archive declares are checked first; the real ones as it unpacks, below.
          if (entry.uncompressedSize > entryCap) throw tooLarge(entry.uncompressedSize, entryCap, 'fileMayBe')
          if (bytes + entry.uncompressedSize > this.maxTotalBytes)
            throw tooLarge(bytes + entry.uncompressedSize, this.maxTotalBytes, 'archiveMayBe')
          const stream = await new Promise<Readable>((resolve, reject) =>
            zipfile.openReadStream(entry, (err, rs) => (err ? reject(err) : resolve(rs))),
          )
          // The loop below hears the stream's first fault and refuses the archive. yauzl can report
          // the same fault again a moment later (its size check runs as the data flows in, and
          // passes errors on a tick later), when the loop no longer listens: heard here, it cannot
          // end the whole server as an uncaught error.
          stream.on('error', () => {})
          const chunks: Buffer[] = []
          let entryBytes = 0
          if (evidence) writer = await this.files.writer()
          try {
            for await (const chunk of stream as AsyncIterable<Buffer>) {
              // Stop as soon as a cap would be passed, before writing the chunk that passes it.
              if (entryBytes + chunk.length > entryCap) throw tooLarge(null, entryCap, 'fileMayBe')
              if (bytes + chunk.length > this.maxTotalBytes)
                throw tooLarge(null, this.maxTotalBytes, 'archiveMayBe')
              entryBytes += chunk.length
              bytes += chunk.length
              if (writer) await writer.write(chunk)
              else chunks.push(chunk)
              onProgress?.(bytes)
            }
          } catch (error) {
            stream.destroy()
            throw error
          }
          if (writer) {
            staged.set(name, await writer.finish())
            writer = null
          } else texts.set(name, Buffer.concat(chunks))
        }
      } catch (error) {
        zipfile.close()
        if (error instanceof ArchiveRejected) throw error
        throw new ArchiveRejected(null, archiveCopy('damaged'))
      }

      const manifestBytes = texts.get('manifest.json')
      if (!manifestBytes) throw new ArchiveRejected('manifest.json', archiveCopy('noManifest'))
      let manifest: z.infer<typeof manifestSchema>
      try {
        manifest = manifestSchema.parse(JSON.parse(Buffer.from(manifestBytes).toString('utf8')))
      } catch {
        throw new ArchiveRejected('manifest.json', archiveCopy('notAManifest'))
      }
      const listed = new Map(manifest.files.map((f) => [f.path, f]))
      for (const name of seen)
        if (name !== 'manifest.json' && !listed.has(name))
          throw new ArchiveRejected(name, archiveCopy('notListed'))
      for (const f of manifest.files) {
        const got = f.path === 'case.json' ? texts.get(f.path) : staged.get(f.path)
        if (!got) throw new ArchiveRejected(f.path, archiveCopy('listedButMissing'))
        const [hash, size] = got instanceof Uint8Array ? [sha(got), got.length] : [got.sha256, got.sizeBytes]
        if (hash !== f.sha256 || size !== f.sizeBytes)
          throw new ArchiveRejected(f.path, archiveCopy('hashMismatch'))
        const m = EVIDENCE_PATH.exec(f.path)
        if (m && m[1] !== hash) throw new ArchiveRejected(f.path, archiveCopy('nameHashMismatch'))
      }
      const caseBytes = texts.get('case.json')
      if (!caseBytes) throw new ArchiveRejected('case.json', archiveCopy('missing'))
      let json: unknown
      try {
        json = JSON.parse(Buffer.from(caseBytes).toString('utf8'))
      } catch {
        throw new ArchiveRejected('case.json', archiveCopy('notACaseFile'))
      }
      // Every row is checked with the same rules as the forms: enums, real dates, sizes, no extra keys.
      const parsed = caseRowsSchema.safeParse(json)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new ArchiveRejected(
          'case.json',
          archiveCopy('rowProblem', { row: rowPath(issue.path), problem: recordProblem(issue.message) }),
        )
      }
      let rows: CaseRows = parsed.data as unknown as CaseRows
      const caseId = rows.case.id
      if (caseId !== manifest.caseId) throw new ArchiveRejected('case.json', archiveCopy('differentCase'))
      const tables = {
        decisions: rows.decisions,
        events: rows.events,
        evidence: rows.evidence,
        tasks: rows.tasks,
        links: rows.links,
        revisions: rows.revisions,
        audit: rows.audit,
      }
      for (const [table, list] of Object.entries(tables)) {
        const i = list.findIndex((r) => r.caseId !== caseId)
        if (i >= 0)
          throw new ArchiveRejected('case.json', archiveCopy('rowInAnotherCase', { table, row: i + 1 }))
      }
      const sizes = new Map(manifest.files.map((f) => [f.path, f.sizeBytes]))
      // Old archives name each file by its hash; newer ones by date and title, the hash in the manifest.
      const pathOf = new Map(
        manifest.files.filter((f) => f.path.startsWith('evidence/')).map((f) => [f.sha256, f.path]),
      )
      for (const [i, e] of rows.evidence.entries()) {
        const file = pathOf.get(e.sha256) ?? `evidence/${e.sha256}`
        if (!staged.has(file))
          throw new ArchiveRejected('case.json', archiveCopy('evidenceFileMissing', { row: i + 1, file }))
        if (sizes.get(file) !== e.sizeBytes)
          throw new ArchiveRejected('case.json', archiveCopy('evidenceSizeMismatch', { row: i + 1 }))
      }
      const ids = new Map<string, Set<string>>(
        (['case', 'decision', 'event', 'evidence', 'task', 'link'] as const).map((entity) => [
          entity,
          new Set(),
        ]),
      )
      ids.get('case')!.add(caseId)
      for (const [entity, list] of [
        ['decision', rows.decisions],
        ['event', rows.events],
        ['evidence', rows.evidence],
        ['task', rows.tasks],
        ['link', rows.links],
      ] as const)
        for (const r of list) ids.get(entity)!.add(r.id)
      for (const [i, l] of rows.links.entries()) {
        if (!ids.get(l.fromType)!.has(l.fromId) || !ids.get(l.toType)!.has(l.toId))
          throw new ArchiveRejected('case.json', archiveCopy('linkToNothing', { row: i + 1 }))
      }
      checkArrears(rows, ids)
      // Imported rows belong to whoever imports them (the owner is never read from the archive),
      // and a case already here comes in as a copy with new ids rather than being refused.
      const importedAsCopy = await this.repo.caseIdTaken(caseId)
      if (importedAsCopy) rows = withNewIds(rows, this.locale)

      const created: string[] = []
      try {
        await this.repo.transaction(async (repo) => {
          await repo.importRows(who.ownerId, rows)
          await repo.record(
            who,
            rows.case.id,
            'import',
            'case',
            rows.case.id,
            text(
              archiveCopy(importedAsCopy ? 'importedAsCopy' : 'imported', {
                exportedAt: manifest.exportedAt,
              }),
              {},
              this.locale,
            ),
          )
          for (const [name, file] of staged) {
            if (await this.files.commit(file)) created.push(file.sha256)
            staged.delete(name)
          }
        })
      } catch (error) {
        for (const h of created) if ((await this.repo.evidenceUsing(h)) === 0) await this.files.remove(h)
        if (error instanceof ArchiveRejected) throw error
        throw new ArchiveRejected('case.json', archiveCopy('notStored'))
      }
      const imported = await this.repo.get('case', who.ownerId, rows.case.id, rows.case.id)
      return { ...imported!, importedAsCopy }
    } finally {
      if (writer) await (writer as FileWriter).abort()
      for (const f of staged.values()) await this.files.discard(f)
    }
  }
}

/**
 * The same rows under new ids, for a second copy of a case already in this data folder: every id
 * is replaced and every reference to it (case, links, tasks' origins, history) follows.
 */
function withNewIds(rows: CaseRows, locale: Locale): CaseRows {
  const fresh = new Map<string, string>()
  const map = (old: string): string => {
    let next = fresh.get(old)
    if (!next) fresh.set(old, (next = randomUUID()))
    return next
  }
  const keep = (old: string): string => fresh.get(old) ?? old
  const caseId = map(rows.case.id)
  const inCase = <T extends { id: string; caseId: string }>(r: T): T => ({ ...r, id: map(r.id), caseId })
  const decisions = rows.decisions.map(inCase)
  const events = rows.events.map(inCase)
  const evidence = rows.evidence.map(inCase)
  const tasks = rows.tasks.map(inCase)
  const links = rows.links.map(inCase)
  return {
    case: {
      ...rows.case,
      id: caseId,
      title: text(archiveCopy('copyTitle', { title: rows.case.title }), {}, locale).slice(0, 200),
    },
    decisions,
    events,
    evidence,
    tasks: tasks.map((t) => ({ ...t, originId: t.originId === null ? null : keep(t.originId) })),
    links: links.map((l) => ({ ...l, fromId: keep(l.fromId), toId: keep(l.toId) })),
    revisions: rows.revisions.map((r) => ({ ...r, id: randomUUID(), caseId, entityId: keep(r.entityId) })),
    audit: rows.audit.map((a) => ({ ...a, id: randomUUID(), caseId, entityId: keep(a.entityId) })),
    ...(rows.arrears ? { arrears: arrearsWithNewIds(rows.arrears, caseId, map, keep) } : {}),
  }
}

/** A case's arrears checks under new ids, every reference following (timeline events and evidence too). */
function arrearsWithNewIds(
  a: NonNullable<CaseRows['arrears']>,
  caseId: string,
  map: (old: string) => string,
  keep: (old: string) => string,
): NonNullable<CaseRows['arrears']> {
  return {
    checks: a.checks.map((c) => ({ ...c, id: map(c.id), caseId })),
    statements: a.statements.map((s) => ({
      ...s,
      id: map(s.id),
      checkId: map(s.checkId),
      evidenceId: s.evidenceId === null ? null : keep(s.evidenceId),
    })),
    transactions: a.transactions.map((t) => ({
      ...t,
      id: map(t.id),
      checkId: map(t.checkId),
      statementId: map(t.statementId),
      eventId: t.eventId === null ? null : keep(t.eventId),
    })),
    schedule: a.schedule.map((r) => ({ ...r, id: map(r.id), checkId: map(r.checkId) })),
    cmsFigures: a.cmsFigures.map((f) => ({ ...f, id: map(f.id), checkId: map(f.checkId) })),
    matches: a.matches.map((m) => ({
      ...m,
      checkId: map(m.checkId),
      transactionId: map(m.transactionId),
      cmsFigureId: map(m.cmsFigureId),
    })),
  }
}

/**
 * The arrears checks an archive carries must all belong to its case, refer only to rows it holds,
 * and carry each statement file whole (its SHA-256 and size as recorded).
 */
function checkArrears(rows: CaseRows, ids: ReadonlyMap<string, ReadonlySet<string>>): void {
  const a = rows.arrears
  if (!a) return
  const refuse = (table: string, i: number, problem: string): never => {
    throw new ArchiveRejected(
      'case.json',
      archiveCopy('arrearsRow', { table, row: i + 1, problem: archiveCopy(`arrears.${problem}`) }),
    )
  }
  const checks = new Set<string>()
  for (const [i, c] of a.checks.entries()) {
    if (c.caseId !== rows.case.id) refuse('checks', i, 'inAnotherCase')
    checks.add(c.id)
  }
  const inCheck = (table: string, list: readonly { checkId: string }[]) => {
    for (const [i, r] of list.entries()) if (!checks.has(r.checkId)) refuse(table, i, 'checkNotHeld')
  }
  inCheck('statements', a.statements)
  inCheck('transactions', a.transactions)
  inCheck('schedule', a.schedule)
  inCheck('cmsFigures', a.cmsFigures)
  inCheck('matches', a.matches)
  const statements = new Map(a.statements.map((s) => [s.id, s.checkId]))
  for (const [i, s] of a.statements.entries()) {
    const bytes = Buffer.from(s.content, 'base64')
    if (bytes.length !== s.sizeBytes || sha(bytes) !== s.sha256) refuse('statements', i, 'statementMismatch')
    if (s.evidenceId !== null && !ids.get('evidence')?.has(s.evidenceId))
      refuse('statements', i, 'evidenceNotHeld')
  }
  const transactions = new Map(a.transactions.map((t) => [t.id, t.checkId]))
  for (const [i, t] of a.transactions.entries()) {
    if (statements.get(t.statementId) !== t.checkId) refuse('transactions', i, 'statementNotHeld')
    if (t.eventId !== null && !ids.get('event')?.has(t.eventId)) refuse('transactions', i, 'eventNotHeld')
  }
  const figures = new Map(a.cmsFigures.map((f) => [f.id, f.checkId]))
  for (const [i, m] of a.matches.entries())
    if (transactions.get(m.transactionId) !== m.checkId || figures.get(m.cmsFigureId) !== m.checkId)
      refuse('matches', i, 'rowsNotHeld')
}

/** The entries of a zip, one at a time (yauzl reads them from the central directory). */
async function* entries(zipfile: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  const queue: Array<yauzl.Entry | null | Error> = []
  let wake: (() => void) | null = null
  const push = (x: yauzl.Entry | null | Error) => {
    queue.push(x)
    wake?.()
  }
  zipfile.on('entry', (e: yauzl.Entry) => push(e))
  zipfile.on('end', () => push(null))
  zipfile.on('error', (e: Error) => push(e))
  zipfile.readEntry()
  for (;;) {
    if (queue.length === 0) await new Promise<void>((r) => (wake = r))
    wake = null
    const next = queue.shift()!
    if (next === null) return
    if (next instanceof Error) throw next
    if (next.fileName.endsWith('/')) {
      zipfile.readEntry()
      continue
    }
    yield next
    zipfile.readEntry()
  }
}
