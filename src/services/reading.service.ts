import { freemem, availableParallelism } from 'node:os'
import type { Actor, DecisionRecord, EvidenceRecord } from '../domain/case/index.ts'
import {
  bestByField,
  suggestFacts,
  type Suggestion,
  type SuggestionField,
} from '../domain/reading/suggest.ts'
import type { PlainDate } from '../domain/shared/plain-date.ts'
import { OcrEngine, parseLanguages, type OcrLanguage } from '../documents/read/ocr.ts'
import { ReadFailure } from '../documents/read/types.ts'
import type { CaseRepository } from '../store/case.repository.ts'
import type { Db } from '../store/db.ts'
import type { EvidenceFiles } from '../store/evidence-files.ts'
import type {
  DrizzleEvidenceTextRepository,
  SearchHit,
  SearchQuery,
  StoredPage,
} from '../store/evidence-text.repository.ts'
import type { DrizzleJobRepository, JobRecord } from '../store/jobs.repository.ts'
import { JobRunner, PermanentJobError, workerLimit, type JobHandler } from './jobs/job-runner.ts'
import { text } from '../copy/translate.ts'

export const READ_JOB = 'evidence.read'

/** About 300 MB per OCR job (tesseract.js worker, a page image, pdf.js); used to bound the workers. */
const OCR_JOB_BYTES = 300 * 2 ** 20

interface ReadPayload extends Record<string, unknown> {
  readonly evidenceId: string
  readonly caseId: string
  readonly ownerId: string
  readonly sha256: string
  readonly mediaType: string
  readonly languages: string
}

export type ReadingState =
  | { readonly state: 'none' }
  | {
      readonly state: 'queued' | 'running'
      readonly done: number
      readonly total: number | null
      readonly step: string | null
    }
  | { readonly state: 'done'; readonly pages: number; readonly language: string }
  | { readonly state: 'failed'; readonly reason: string; readonly message: string | null }

export interface ReadingServiceDeps {
  readonly repo: CaseRepository
  readonly files: EvidenceFiles
  readonly jobs: DrizzleJobRepository
  readonly text: DrizzleEvidenceTextRepository
  readonly today?: () => PlainDate
}

/** What a confirmed value was, against what was read (kept in the case's history). */
export interface ConfirmedField {
  readonly field: SuggestionField
  readonly suggested: string | number | null
  readonly confirmed: string | number | null
}

/**
 * Reading evidence: queues a job when a file is added, runs it (text per page, kept with how it was
 * read), reports its progress, searches the text, and suggests the facts of a CMS letter. Suggestions
 * are only ever shown; the parent's confirmation is what enters the case.
 */
export class ReadingService {
  private readonly repo: CaseRepository
  private readonly files: EvidenceFiles
  readonly jobs: DrizzleJobRepository
  private readonly text: DrizzleEvidenceTextRepository
  private readonly today: (() => PlainDate) | undefined
  private ocr: OcrEngine | null = null
  private runner: JobRunner | null = null

  constructor(deps: ReadingServiceDeps) {
    this.repo = deps.repo
    this.files = deps.files
    this.jobs = deps.jobs
    this.text = deps.text
    this.today = deps.today
  }

  /** Queues reading of a piece of evidence (once per file; `again` reads it afresh, e.g. in Welsh). */
  async queue(
    who: Actor,
    e: EvidenceRecord,
    options: { languages?: string; again?: boolean } = {},
  ): Promise<JobRecord> {
    const languages = parseLanguages(options.languages ?? 'eng').join('+')
    const payload: ReadPayload = {
      evidenceId: e.id,
      caseId: e.caseId,
      ownerId: who.ownerId,
      sha256: e.sha256,
      mediaType: e.mediaType,
      languages,
    }
    const { job } = await this.jobs.enqueue(
      {
        kind: READ_JOB,
        key: `${e.id}:${e.sha256}`,
        payload,
        ownerId: who.ownerId,
        caseId: e.caseId,
        subjectId: e.id,
      },
      { replace: options.again === true },
    )
    this.runner?.wake()
    return job
  }

  /** The job handler: reads the file and writes its pages in the transaction that finishes the job. */
  readonly handler: JobHandler = async (ctx) => {
    const p = ctx.job.payload as ReadPayload
    let languages: OcrLanguage[]
    try {
      languages = parseLanguages(p.languages)
    } catch (error) {
      // A language with no trained data (for example from an older job): a reason, not a retry.
      if (error instanceof ReadFailure)
        throw new PermanentJobError(error.reason, error.message, { message: error.message })
      throw error
    }
    if (!this.files.has(p.sha256))
      throw new PermanentJobError('missing', 'The file is missing from the store') // copy: not user-facing (a log detail; the parent reads reading.failed.missing)
    const bytes = await this.files.read(p.sha256)
    // The readers (pdf.js and its canvas) load on the first job, not with the server: they cost
    // about a second of start-up.
    const { readDocument } = await import('../documents/read/read.ts')
    try {
      const result = await readDocument(new Uint8Array(bytes), p.mediaType, {
        languages,
        ocr: this.engine(),
        onProgress: (done, total, step) => ctx.progress(done, total, step),
      })
      const pages = result.pages
      if (pages.every((x) => !x.text.trim()))
        // copy: not user-facing (a log detail; the parent reads reading.failed.no-text)
        throw new PermanentJobError('no-text', 'No text was found in the file', { pages: pages.length })
      return {
        result: { pages: pages.length, language: result.language },
        write: (tx: Db) =>
          this.text.replacePages(
            tx,
            {
              evidenceId: p.evidenceId,
              caseId: p.caseId,
              ownerId: p.ownerId,
              sha256: p.sha256,
              language: result.language,
            },
            pages,
          ),
      }
    } catch (error) {
      if (error instanceof ReadFailure)
        throw new PermanentJobError(error.reason, error.message, { message: error.message })
      throw error
    }
  }

  private engine(): OcrEngine {
    return (this.ocr ??= new OcrEngine())
  }

  /** Starts the background workers (the server does this; the CLI runs jobs itself with `drain`). */
  start(): JobRunner {
    this.runner ??= new JobRunner({
      repo: this.jobs,
      handlers: { [READ_JOB]: this.handler },
      // One OCR engine is one worker thread; a second job waits for it. Bounded by cores and memory.
      concurrency: workerLimit(availableParallelism(), freemem(), OCR_JOB_BYTES),
    })
    this.runner.start()
    return this.runner
  }

  /** Runs queued reading jobs in this process until none is left (the command line). */
  async drain(onProgress?: (job: JobRecord) => void): Promise<number> {
    const runner = new JobRunner({
      repo: this.jobs,
      concurrency: 1,
      handlers: {
        [READ_JOB]: async (ctx) => {
          onProgress?.(ctx.job)
          return this.handler({
            ...ctx,
            progress: async (done, total, note) => {
              await ctx.progress(done, total, note)
              onProgress?.({ ...ctx.job, progress: { done, total, note: note ?? null } })
            },
          })
        },
      },
    })
    return runner.drain()
  }

  async stop(): Promise<void> {
    await this.runner?.stop()
    this.runner = null
    await this.ocr?.close()
    this.ocr = null
  }

  /** Where reading of each piece of evidence stands. */
  async states(evidenceIds: readonly string[]): Promise<Map<string, ReadingState>> {
    const jobs = await this.jobs.forSubjects(READ_JOB, evidenceIds)
    const out = new Map<string, ReadingState>()
    for (const id of evidenceIds) out.set(id, stateOf(jobs.get(id)))
    return out
  }

  async state(evidenceId: string): Promise<ReadingState> {
    return (await this.states([evidenceId])).get(evidenceId)!
  }

  pages(evidenceId: string): Promise<StoredPage[]> {
    return this.text.pages(evidenceId)
  }

  /** The facts suggested from a piece of evidence, ranked against what the case knows. */
  async suggestions(who: Actor, caseId: string, evidenceId: string): Promise<Suggestion[]> {
    const [pages, c, decisions] = await Promise.all([
      this.text.pages(evidenceId),
      this.repo.get('case', who.ownerId, caseId, caseId),
      this.repo.list('decision', who.ownerId, caseId),
    ])
    return suggestFacts(pages, {
      cmsReference: c?.cmsReference ?? null,
      decisionLetterDates: (decisions as DecisionRecord[]).map((d) => d.letterDate),
      ...(this.today ? { today: this.today() } : {}),
    })
  }

  /** The best suggestion for each field, to pre-fill a form. */
  async prefill(who: Actor, caseId: string, evidenceId: string) {
    return bestByField(await this.suggestions(who, caseId, evidenceId))
  }

  /**
   * Keeps in the case's history that the parent confirmed a decision's facts from a letter Redress
   * read: which fields were confirmed as read and which were corrected (names only, never values:
   * the decision's own version holds them).
   */
  async recordConfirmation(
    who: Actor,
    caseId: string,
    decisionId: string,
    evidenceId: string,
    fields: readonly ConfirmedField[],
  ): Promise<void> {
    const same = (f: ConfirmedField) => String(f.suggested ?? '') === String(f.confirmed ?? '')
    const asRead = fields.filter((f) => f.suggested !== null && same(f)).map((f) => f.field)
    const corrected = fields.filter((f) => f.suggested !== null && !same(f)).map((f) => f.field)
    const none = text('platform.history.none')
    const summary = text('platform.history.factsConfirmed', {
      evidenceId,
      asRead: asRead.join(', ') || none,
      corrected: corrected.join(', ') || none,
    })
    await this.repo.record(who, caseId, 'create', 'decision', decisionId, summary)
  }

  search(who: Actor, q: Omit<SearchQuery, 'ownerId'>): Promise<SearchHit[]> {
    return this.text.search({ ...q, ownerId: who.ownerId })
  }
}

function stateOf(job: JobRecord | undefined): ReadingState {
  if (!job) return { state: 'none' }
  switch (job.status) {
    case 'queued':
    case 'running':
      return {
        state: job.status,
        done: job.progress.done,
        total: job.progress.total,
        step: job.progress.note,
      }
    case 'done':
      return {
        state: 'done',
        pages: Number(job.result?.pages ?? 0),
        language: String(job.result?.language ?? 'eng'),
      }
    case 'failed':
      return {
        state: 'failed',
        reason: job.error ?? 'unexpected',
        message: typeof job.result?.message === 'string' ? job.result.message : null,
      }
  }
}
