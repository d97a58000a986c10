import { Readable } from 'node:stream'
import { unzipSync } from 'fflate'
import {
  CaseInputError,
  Problems,
  TYPES,
  checkFileName,
  checkFileType,
  detectType,
  parseTags,
  type Actor,
  type EvidenceRecord,
  type LinkRole,
} from '../domain/case/index.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { message } from '../domain/shared/message.ts'
import { formatDate, isAfter, parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import type { CaseRepository } from '../store/case.repository.ts'
import type { EvidenceFiles, StagedFile } from '../store/evidence-files.ts'
import { checkPixels } from '../documents/read/image.ts'

/** The evidence store's words (`platform.evidence.*` in platform.json). */
export interface EvidenceUpload {
  /** The file's name as the browser or command line gave it. */
  readonly fileName: string
  readonly content: AsyncIterable<Uint8Array>
  readonly title?: string | null
  readonly description?: string | null
  readonly documentDate?: string | null
  readonly tags?: string | readonly string[] | null
  /** Link the new evidence to a decision or event straight away. */
  readonly linkTo?: {
    readonly type: 'decision' | 'event'
    readonly id: string
    readonly role?: LinkRole
  } | null
}

export interface EvidenceMetadata {
  readonly title?: string | null
  readonly description?: string | null
  readonly documentDate?: string | null
  readonly tags?: string | readonly string[] | null
}

export interface EvidenceServiceDeps {
  readonly repo: CaseRepository
  readonly files: EvidenceFiles
  readonly maxUploadBytes: number
  /** Today in the UK, from the one clock: a document's date cannot be after it. */
  readonly today: () => PlainDate
  /** Told about each file kept (reading queues a job to read its text); a failure here never loses the file. */
  readonly afterAdd?: (who: Actor, record: EvidenceRecord) => Promise<unknown>
}

/** The names inside a zip file (to tell a Word .docx from other zips), or null if it is not a readable zip. */
function zipEntries(bytes: Uint8Array): string[] | null {
  try {
    const names: string[] = []
    unzipSync(new Uint8Array(bytes), {
      filter: (f) => {
        names.push(f.name)
        return false
      },
    })
    return names
  } catch {
    return null
  }
}

/**
 * Evidence: uploads (checked, hashed, written atomically with their row), metadata amendments and
 * reading the files back.
 */
export class EvidenceService {
  private readonly repo: CaseRepository
  readonly files: EvidenceFiles
  readonly maxUploadBytes: number
  private readonly today: () => PlainDate
  afterAdd: EvidenceServiceDeps['afterAdd']

  constructor(deps: EvidenceServiceDeps) {
    this.afterAdd = deps.afterAdd
    this.repo = deps.repo
    this.files = deps.files
    this.maxUploadBytes = deps.maxUploadBytes
    this.today = deps.today
  }

  private metadata(input: EvidenceMetadata, fallbackTitle: string) {
    const p = new Problems()
    const title = (input.title ?? '').trim() || fallbackTitle
    if (title.length > 200) p.add('title', message('platform.evidence.titleTooLong'))
    const description = (input.description ?? '').trim() || null
    if (description && description.length > 20_000)
      p.add('description', message('platform.evidence.descriptionTooLong'))
    let documentDate: string | null = null
    const dateText = (input.documentDate ?? '').trim()
    if (dateText) {
      const d = p.try('documentDate', () => parseDate(dateText, 'documentDate'))
      if (d && isAfter(d, this.today()))
        p.add('documentDate', message('platform.evidence.dateInFuture', { date: formatDate(d) }))
      documentDate = d?.toString() ?? null
    }
    const tags = parseTags(input.tags as string | readonly string[] | null)
    return { p, data: { title, description, documentDate, tags } }
  }

  /**
   * Keeps an uploaded file: streams it to a temporary file (hashing, enforcing the size limit),
   * checks its name and type from its content, then in one transaction writes the row (and any link)
   * and moves the file into the store. A refused file leaves nothing behind.
   */
  async add(who: Actor, caseId: string, upload: EvidenceUpload): Promise<EvidenceRecord> {
    const c = await this.repo.get('case', who.ownerId, caseId, caseId)
    let staged: StagedFile | null = null
    try {
      staged = await this.files.stage(upload.content, this.maxUploadBytes, 'file')
      if (!c) throw new InvalidInput('case', message('platform.evidence.noSuchCase'))
      const name = checkFileName(upload.fileName, 'file')
      const entries =
        staged.head[0] === 0x50 && staged.head[1] === 0x4b
          ? zipEntries(await this.files.readStaged(staged))
          : null
      const { mediaType, fileName } = checkFileType(name, detectType(staged.head, entries), 'file')
      const { p, data } = this.metadata(upload, fileName)
      if (upload.linkTo) {
        const target = await this.repo.get(upload.linkTo.type, who.ownerId, caseId, upload.linkTo.id)
        if (!target || target.deletedAt !== null) p.add('linkTo', message('platform.caseFile.chooseLink'))
      }
      p.throwIfAny()
      const file = staged
      let created = false
      try {
        const kept = await this.repo.transaction(async (repo) => {
          const record = await repo.insert('evidence', who, caseId, {
            ...data,
            sha256: file.sha256,
            sizeBytes: file.sizeBytes,
            mediaType,
            fileName,
          })
          if (upload.linkTo)
            await repo.insert('link', who, caseId, {
              fromType: 'evidence',
              fromId: record.id,
              toType: upload.linkTo.type,
              toId: upload.linkTo.id,
              role: upload.linkTo.role ?? 'evidence',
            })
          // Last step inside the transaction: if the rename fails, the row is rolled back.
          created = await this.files.commit(file)
          staged = null
          return record
        })
        await this.afterAdd?.(who, kept).catch(() => {}) // the file is kept; it can be read again later
        return kept
      } catch (error) {
        // The commit failed after the file went into place: take it out again unless another row uses it.
        if (created && (await this.repo.evidenceUsing(file.sha256)) === 0)
          await this.files.remove(file.sha256)
        throw error
      }
    } finally {
      if (staged) await this.files.discard(staged)
    }
  }

  async amend(
    who: Actor,
    caseId: string,
    id: string,
    input: EvidenceMetadata,
    expectedVersion?: number,
  ): Promise<EvidenceRecord> {
    const current = await this.get(who, caseId, id)
    const { p, data } = this.metadata(input, current.fileName)
    p.throwIfAny()
    return this.repo.transaction((repo) => repo.amend('evidence', who, caseId, id, data, expectedVersion))
  }

  async get(who: Actor, caseId: string, id: string): Promise<EvidenceRecord> {
    const r = await this.repo.get('evidence', who.ownerId, caseId, id)
    if (!r)
      throw new CaseInputError([{ field: 'evidence', problem: message('platform.evidence.noSuchEvidence') }])
    return r
  }

  /**
   * The stored file, for download or viewing, with its size as sent. A letter Redress made before
   * issue 11 carried a page of notes for the parent ("This page is for you. Do not send it."); that
   * page is taken out here, every time the letter is opened, so it never reaches the parent's hands
   * (the stored file is kept as it was).
   */
  async open(
    who: Actor,
    caseId: string,
    id: string,
  ): Promise<{ record: EvidenceRecord; stream: Readable; sizeBytes: number }> {
    const record = await this.get(who, caseId, id)
    const letter = await this.letterWithoutNotes(record)
    if (letter) return { record, stream: Readable.from([letter]), sizeBytes: letter.length }
    return { record, stream: this.files.openRead(record.sha256), sizeBytes: record.sizeBytes }
  }

  /** A letter PDF Redress made, without any page of notes for the parent; null for any other file. */
  private async letterWithoutNotes(record: EvidenceRecord): Promise<Buffer | null> {
    if (record.mediaType !== 'application/pdf' || !record.tags.includes('redress-letter')) return null
    const { withoutNotesPages } = await import('../documents/bundle/notes-pages.ts')
    const bytes = await this.files.read(record.sha256)
    const out = await withoutNotesPages(bytes)
    return out.removed.length ? Buffer.from(out.bytes) : bytes
  }

  /**
   * A version browsers can show inline: the file itself for PDF, JPEG and PNG; a HEIC photo is
   * converted to JPEG (by heic-convert, pure JavaScript) since browsers cannot show HEIC.
   */
  async viewable(
    who: Actor,
    caseId: string,
    id: string,
  ): Promise<{ record: EvidenceRecord; mediaType: string; body: Buffer | Readable } | null> {
    const record = await this.get(who, caseId, id)
    if (!TYPES[record.mediaType].inline) return null
    const letter = await this.letterWithoutNotes(record)
    if (letter) return { record, mediaType: record.mediaType, body: letter }
    if (record.mediaType !== 'image/heic')
      return { record, mediaType: record.mediaType, body: this.files.openRead(record.sha256) }
    const library = 'heic-convert' // no type declarations ship with it
    const { default: convert } = (await import(library)) as {
      default: (o: { buffer: Buffer; format: 'JPEG'; quality: number }) => Promise<ArrayBuffer>
    }
    const heic = await this.files.read(record.sha256)
    try {
      // Over the pixel limit, decoding it would take gigabytes: offered as a download instead.
      checkPixels(heic, 'image/heic')
    } catch {
      return null
    }
    try {
      const jpeg = await convert({
        buffer: heic,
        format: 'JPEG',
        quality: 0.85,
      })
      return { record, mediaType: 'image/jpeg', body: Buffer.from(jpeg) }
    } catch {
      return null // a photo the decoder cannot read: offered as a download instead
    }
  }

  /** Evidence in a case that can be linked or chosen as proof (for forms). */
  choices(who: Actor, caseId: string): Promise<EvidenceRecord[]> {
    return this.repo.list('evidence', who.ownerId, caseId)
  }

  /**
   * The `limit` pieces of evidence recorded last (for a list to choose from), in order of recording,
   * with any already chosen added first when older than those; `more` when there are older ones.
   */
  async latestChoices(
    who: Actor,
    caseId: string,
    limit: number,
    chosen: readonly (string | null | undefined)[] = [],
  ): Promise<{ choices: Pick<EvidenceRecord, 'id' | 'title'>[]; more: boolean }> {
    const latest = await this.repo.latestEvidence(who.ownerId, caseId, limit + 1)
    const more = latest.length > limit
    const shown = more ? latest.slice(1) : latest
    const older: Pick<EvidenceRecord, 'id' | 'title'>[] = []
    for (const id of new Set(chosen)) {
      if (!id || shown.some((e) => e.id === id)) continue
      const e = await this.repo.get('evidence', who.ownerId, caseId, id)
      if (e && e.deletedAt === null) older.push(e)
    }
    return { choices: [...older, ...shown], more }
  }

  /** After a crash: removes temporary files and files no row uses (older than `olderThanMs`). */
  async sweep(olderThanMs: number): Promise<{ temps: number; orphans: number }> {
    return this.files.sweep(await this.repo.allEvidenceHashes(), olderThanMs)
  }

  /** Checks every evidence row has its file, and that the file's content matches its hash. */
  async check(): Promise<{ missing: string[]; corrupt: string[] }> {
    const missing: string[] = []
    const corrupt: string[] = []
    for (const sha of await this.repo.allEvidenceHashes()) {
      if (!this.files.has(sha)) missing.push(sha)
      else if (!(await this.files.verify(sha))) corrupt.push(sha)
    }
    return { missing, corrupt }
  }
}
