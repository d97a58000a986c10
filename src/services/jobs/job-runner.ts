import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Db } from '../../store/db.ts'
import { LeaseLost, type DrizzleJobRepository, type JobRecord } from '../../store/jobs.repository.ts'

export interface JobContext {
  readonly job: JobRecord
  /** Aborted when the worker loses the job (lease taken by another) or is stopping. */
  readonly signal: AbortSignal
  /** Records progress for the pages that show it (and renews the lease). */
  progress(done: number, total: number | null, note?: string | null): Promise<void>
}

export interface JobOutcome {
  /** Kept on the job row (counts, message keys; never personal data). */
  readonly result: Record<string, unknown>
  /** The handler's own writes, made in the same transaction that marks the job done. */
  readonly write?: (tx: Db) => Promise<void>
}

/** Runs one kind of job. Must be idempotent: an interrupted job is run again from the start. */
export type JobHandler = (ctx: JobContext) => Promise<JobOutcome>

/** A failure that trying again cannot fix (an unreadable file): the job is marked failed at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError'
  constructor(
    /** A short reason code (message key), shown to the parent through the locale file. */
    readonly reason: string,
    message: string,
    readonly result?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export interface JobRunnerOptions {
  readonly repo: DrizzleJobRepository
  readonly handlers: Readonly<Record<string, JobHandler>>
  /** How many jobs run at once (see `workerLimit`). */
  readonly concurrency: number
  /** How long a claim lasts without a heartbeat; a dead worker's job is taken again after this. */
  readonly leaseMs?: number
  /** How often an idle runner looks for work. */
  readonly pollMs?: number
  readonly workerId?: string
  /** Told about a job that failed (for the server log: job id and reason only). */
  readonly onFailure?: (job: JobRecord, reason: string) => void
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        resolve()
      },
      { once: true },
    )
  })

/**
 * Pulls jobs from the queue and runs them, at most `concurrency` at once. Each running job holds a
 * lease renewed every third of `leaseMs`; if renewal fails (another worker took the job after this
 * one stalled), the job's signal is aborted and its results are not written.
 */
export class JobRunner {
  readonly workerId: string
  private readonly repo: DrizzleJobRepository
  private readonly handlers: Readonly<Record<string, JobHandler>>
  private readonly concurrency: number
  private readonly leaseMs: number
  private readonly pollMs: number
  private readonly onFailure: ((job: JobRecord, reason: string) => void) | undefined
  private stopping = new AbortController()
  private loops: Promise<void>[] = []
  private wakers = new Set<() => void>()

  constructor(o: JobRunnerOptions) {
    this.repo = o.repo
    this.handlers = o.handlers
    this.concurrency = Math.max(1, Math.floor(o.concurrency))
    this.leaseMs = o.leaseMs ?? 60_000
    this.pollMs = o.pollMs ?? 2_000
    this.workerId = o.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
    this.onFailure = o.onFailure
  }

  private get kinds(): string[] {
    return Object.keys(this.handlers)
  }

  /** Starts the background loops (the server calls this once). */
  start(): void {
    if (this.loops.length) return
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop())
  }

  /** Looks for work now rather than at the next poll (after a job is queued). */
  wake(): void {
    for (const w of this.wakers) w()
  }

  /** Stops: running jobs are aborted and given back to the queue; resolves when all loops have ended. */
  async stop(): Promise<void> {
    this.stopping.abort()
    this.wake()
    await Promise.all(this.loops)
    this.loops = []
  }

  private async loop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      let ran = false
      try {
        ran = await this.runNext()
      } catch {
        // The database was unreachable for a moment: wait for the next poll.
      }
      if (ran || this.stopping.signal.aborted) continue
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.wakers.delete(wake)
          resolve()
        }
        this.wakers.add(wake)
        void sleep(this.pollMs, this.stopping.signal).then(wake)
      })
    }
  }

  /** Runs ready jobs one after another until none is left; returns how many ran (the CLI uses this). */
  async drain(): Promise<number> {
    let n = 0
    while (!this.stopping.signal.aborted && (await this.runNext())) n++
    return n
  }

  /** Claims and runs one job; false when there was none ready. */
  async runNext(): Promise<boolean> {
    const job = await this.repo.claim(this.workerId, this.kinds, this.leaseMs)
    if (!job) return false
    await this.run(job)
    return true
  }

  private async run(job: JobRecord): Promise<void> {
    const handler = this.handlers[job.kind]!
    const lost = new AbortController()
    const signal = AbortSignal.any([lost.signal, this.stopping.signal])
    const beat = setInterval(
      () => {
        void this.repo
          .heartbeat(job.id, this.workerId, this.leaseMs)
          .then((held) => {
            if (!held) lost.abort()
          })
          .catch(() => {})
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    )
    try {
      const outcome = await handler({
        job,
        signal,
        progress: async (done, total, note = null) => {
          const held = await this.repo.progress(job.id, this.workerId, done, total, note, this.leaseMs)
          if (!held) lost.abort()
        },
      })
      if (signal.aborted) throw new LeaseLost('stopped')
      await this.repo.finish(job.id, this.workerId, outcome.result, outcome.write)
    } catch (error) {
      if (error instanceof LeaseLost || lost.signal.aborted) return // another worker has it now
      if (this.stopping.signal.aborted) {
        await this.repo.release(job.id, this.workerId).catch(() => {})
        return
      }
      const permanent = error instanceof PermanentJobError
      const reason = permanent ? error.reason : 'unexpected'
      const status = await this.repo
        .fail(job.id, this.workerId, reason, {
          permanent,
          retryAfterMs: Math.min(60_000, 2_000 * 2 ** job.attempts),
          ...(permanent && error.result ? { result: error.result } : {}),
        })
        .catch(() => null)
      if (status === 'failed') this.onFailure?.(job, reason)
    } finally {
      clearInterval(beat)
    }
  }
}

/**
 * How many jobs may run at once: one fewer than the cores (the web server keeps one), at least one,
 * and no more than the free memory allows at `perJobBytes` each after keeping `reserveBytes` back.
 */
export function workerLimit(
  cores: number,
  freeBytes: number,
  perJobBytes: number,
  reserveBytes = 256 * 2 ** 20,
): number {
  const byCores = Math.max(1, cores - 1)
  const byMemory = Math.max(1, Math.floor(Math.max(0, freeBytes - reserveBytes) / perJobBytes))
  return Math.min(byCores, byMemory)
}
