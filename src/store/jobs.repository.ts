import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from './db.ts'
import { jobs } from './schema.ts'

export type JobStatus = 'queued' | 'running' | 'done' | 'failed'

export interface JobRecord {
  readonly id: string
  readonly kind: string
  readonly key: string
  readonly ownerId: string | null
  readonly caseId: string | null
  readonly subjectId: string | null
  readonly payload: Record<string, unknown>
  readonly status: JobStatus
  readonly attempts: number
  readonly maxAttempts: number
  readonly progress: { readonly done: number; readonly total: number | null; readonly note: string | null }
  readonly result: Record<string, unknown> | null
  readonly error: string | null
  readonly lockedBy: string | null
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly finishedAt: Date | null
}

export interface NewJob {
  readonly kind: string
  readonly key: string
  readonly payload: Record<string, unknown>
  readonly ownerId?: string | null
  readonly caseId?: string | null
  readonly subjectId?: string | null
  readonly maxAttempts?: number
}

/** Thrown inside `finish` when the worker no longer holds the job (its lease ran out and another took it). */
export class LeaseLost extends Error {
  override name = 'LeaseLost'
}

type Row = typeof jobs.$inferSelect

const toRecord = (r: Row): JobRecord => ({
  id: r.id,
  kind: r.kind,
  key: r.key,
  ownerId: r.ownerId,
  caseId: r.caseId,
  subjectId: r.subjectId,
  payload: r.payload,
  status: r.status as JobStatus,
  attempts: r.attempts,
  maxAttempts: r.maxAttempts,
  progress: { done: r.progressDone, total: r.progressTotal, note: r.progressNote },
  result: r.result ?? null,
  error: r.error,
  lockedBy: r.lockedBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  finishedAt: r.finishedAt,
})

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows

/** The database clock, so that leases mean the same thing to every process (PostgreSQL, several servers). */
const NOW = sql`clock_timestamp()`
const later = (ms: number) =>
  sql`clock_timestamp() + ${`${Math.max(0, Math.round(ms))} milliseconds`}::interval`

/**
 * The job queue, on either engine. A job is claimed with `FOR UPDATE SKIP LOCKED` (two workers never
 * take the same row) and held by a lease the worker renews (`heartbeat`). When a process dies (kill
 * -9, power cut), its lease runs out and the job is claimed again, up to `maxAttempts` times. The
 * final write (`finish`) checks, in the same transaction as the handler's own writes, that the worker
 * still holds the job: a worker that lost its lease cannot write its results twice.
 */
export class DrizzleJobRepository {
  constructor(private readonly db: Db) {}

  /**
   * Queues a job unless one with the same kind and key exists. `replace` queues it again when the
   * existing one has finished or failed (to read a file again); a queued or running job is left alone.
   */
  async enqueue(
    job: NewJob,
    options: { replace?: boolean } = {},
  ): Promise<{ job: JobRecord; created: boolean }> {
    const id = randomUUID()
    const inserted = await this.db
      .insert(jobs)
      .values({
        id,
        kind: job.kind,
        key: job.key,
        ownerId: job.ownerId ?? null,
        caseId: job.caseId ?? null,
        subjectId: job.subjectId ?? null,
        payload: job.payload,
        status: 'queued',
        maxAttempts: job.maxAttempts ?? 3,
        runAfter: NOW as unknown as Date,
        createdAt: NOW as unknown as Date,
        updatedAt: NOW as unknown as Date,
      })
      .onConflictDoNothing({ target: [jobs.kind, jobs.key] })
      .returning()
    if (inserted[0]) return { job: toRecord(inserted[0]), created: true }
    if (options.replace) {
      const again = await this.db
        .update(jobs)
        .set({
          status: 'queued',
          payload: job.payload,
          attempts: 0,
          runAfter: NOW as unknown as Date,
          leaseUntil: null,
          lockedBy: null,
          progressDone: 0,
          progressTotal: null,
          progressNote: null,
          result: null,
          error: null,
          finishedAt: null,
          updatedAt: NOW as unknown as Date,
        })
        .where(and(eq(jobs.kind, job.kind), eq(jobs.key, job.key), inArray(jobs.status, ['done', 'failed'])))
        .returning()
      if (again[0]) return { job: toRecord(again[0]), created: true }
    }
    const existing = await this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, job.kind), eq(jobs.key, job.key)))
    return { job: toRecord(existing[0]!), created: false }
  }

  /**
   * Claims the oldest ready job of one of `kinds` for `workerId`: a queued job whose time has come,
   * or a running one whose lease has run out (its worker died). A job interrupted more often than
   * its attempts allow is marked failed instead of being run again.
   */
  async claim(workerId: string, kinds: readonly string[], leaseMs: number): Promise<JobRecord | null> {
    if (kinds.length === 0) return null
    for (;;) {
      const outcome = await this.db.transaction(async (tx) => {
        const candidates = rowsOf<{ id: string; attempts: number; max_attempts: number; status: string }>(
          await tx.execute(sql`
            select id, attempts, max_attempts, status from jobs
            where kind in (${sql.join(
              kinds.map((k) => sql`${k}`),
              sql`, `,
            )})
              and ((status = 'queued' and run_after <= clock_timestamp())
                or (status = 'running' and lease_until < clock_timestamp()))
            order by run_after, created_at
            limit 1
            for update skip locked`),
        )
        const c = candidates[0]
        if (!c) return { kind: 'none' as const }
        if (c.status === 'running' && c.attempts >= c.max_attempts) {
          await tx
            .update(jobs)
            .set({
              status: 'failed',
              error: 'interrupted',
              leaseUntil: null,
              lockedBy: null,
              finishedAt: NOW as unknown as Date,
              updatedAt: NOW as unknown as Date,
            })
            .where(eq(jobs.id, c.id))
          return { kind: 'retry' as const }
        }
        const claimed = await tx
          .update(jobs)
          .set({
            status: 'running',
            attempts: sql`${jobs.attempts} + 1`,
            leaseUntil: later(leaseMs) as unknown as Date,
            lockedBy: workerId,
            updatedAt: NOW as unknown as Date,
          })
          .where(eq(jobs.id, c.id))
          .returning()
        return { kind: 'job' as const, job: toRecord(claimed[0]!) }
      })
      if (outcome.kind === 'none') return null
      if (outcome.kind === 'job') return outcome.job
    }
  }

  /** Renews the lease; false when the worker no longer holds the job (it should stop). */
  async heartbeat(id: string, workerId: string, leaseMs: number): Promise<boolean> {
    const r = await this.db
      .update(jobs)
      .set({ leaseUntil: later(leaseMs) as unknown as Date, updatedAt: NOW as unknown as Date })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')))
      .returning({ id: jobs.id })
    return r.length === 1
  }

  /** Records progress (and renews the lease); false when the worker no longer holds the job. */
  async progress(
    id: string,
    workerId: string,
    done: number,
    total: number | null,
    note: string | null,
    leaseMs: number,
  ): Promise<boolean> {
    const r = await this.db
      .update(jobs)
      .set({
        progressDone: done,
        progressTotal: total,
        progressNote: note,
        leaseUntil: later(leaseMs) as unknown as Date,
        updatedAt: NOW as unknown as Date,
      })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')))
      .returning({ id: jobs.id })
    return r.length === 1
  }

  /**
   * Finishes a job: in one transaction, locks the job row, checks this worker still holds it, runs
   * `write` (the handler's own writes, on the same transaction) and marks the job done. Throws
   * LeaseLost (and writes nothing) when another worker has taken the job meanwhile.
   */
  async finish(
    id: string,
    workerId: string,
    result: Record<string, unknown>,
    write?: (tx: Db) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const held = rowsOf<{ id: string }>(
        await tx.execute(
          sql`select id from jobs where id = ${id} and locked_by = ${workerId} and status = 'running' for update`,
        ),
      )
      if (held.length === 0) throw new LeaseLost('the job was taken by another worker') // copy: not user-facing (caught by the job runner, never shown)
      if (write) await write(tx as unknown as Db)
      await tx
        .update(jobs)
        .set({
          status: 'done',
          result,
          error: null,
          leaseUntil: null,
          lockedBy: null,
          finishedAt: NOW as unknown as Date,
          updatedAt: NOW as unknown as Date,
        })
        .where(eq(jobs.id, id))
    })
  }

  /**
   * Records a failure. A `permanent` failure (the file cannot be read) or the last attempt marks the
   * job failed with `error` (a message key or reason, never personal data); otherwise it is queued
   * again after `retryAfterMs`.
   */
  async fail(
    id: string,
    workerId: string,
    error: string,
    options: { permanent?: boolean; retryAfterMs?: number; result?: Record<string, unknown> } = {},
  ): Promise<JobStatus | null> {
    const r = await this.db
      .update(jobs)
      .set({
        status: sql`case when ${options.permanent === true} or ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'queued' end`,
        error,
        result: options.result ?? null,
        runAfter: later(options.retryAfterMs ?? 5_000) as unknown as Date,
        leaseUntil: null,
        lockedBy: null,
        finishedAt: sql`case when ${options.permanent === true} or ${jobs.attempts} >= ${jobs.maxAttempts} then clock_timestamp() else null end`,
        updatedAt: NOW as unknown as Date,
      })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')))
      .returning({ status: jobs.status })
    return (r[0]?.status as JobStatus | undefined) ?? null
  }

  /** Gives a job back to the queue at once (the worker is stopping). */
  async release(id: string, workerId: string): Promise<void> {
    await this.db
      .update(jobs)
      .set({
        status: 'queued',
        attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
        runAfter: NOW as unknown as Date,
        leaseUntil: null,
        lockedBy: null,
        updatedAt: NOW as unknown as Date,
      })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')))
  }

  async get(id: string): Promise<JobRecord | null> {
    const r = await this.db.select().from(jobs).where(eq(jobs.id, id))
    return r[0] ? toRecord(r[0]) : null
  }

  async byKey(kind: string, key: string): Promise<JobRecord | null> {
    const r = await this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, kind), eq(jobs.key, key)))
    return r[0] ? toRecord(r[0]) : null
  }

  /** The latest job of `kind` about each of `subjectIds` (an evidence id), newest first. */
  async forSubjects(kind: string, subjectIds: readonly string[]): Promise<Map<string, JobRecord>> {
    const out = new Map<string, JobRecord>()
    if (subjectIds.length === 0) return out
    const rows = await this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, kind), inArray(jobs.subjectId, [...subjectIds])))
      .orderBy(desc(jobs.updatedAt))
    for (const r of rows) if (r.subjectId && !out.has(r.subjectId)) out.set(r.subjectId, toRecord(r))
    return out
  }

  /** Jobs not yet finished, oldest first. */
  async pending(kinds?: readonly string[]): Promise<JobRecord[]> {
    const rows = await this.db
      .select()
      .from(jobs)
      .where(
        and(
          inArray(jobs.status, ['queued', 'running']),
          kinds && kinds.length ? inArray(jobs.kind, [...kinds]) : undefined,
        ),
      )
      .orderBy(asc(jobs.createdAt))
    return rows.map(toRecord)
  }
}
