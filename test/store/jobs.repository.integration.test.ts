import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase, type Database } from '../../src/store/db.ts'
import { DrizzleJobRepository, LeaseLost } from '../../src/store/jobs.repository.ts'
import { JobRunner, PermanentJobError, workerLimit } from '../../src/services/jobs/job-runner.ts'
import { appMeta } from '../../src/store/schema.ts'
import { engines } from '../helpers/engines.ts'
import type { TestDatabase } from '../helpers/pglite.ts'
import { WHO, services } from '../case/fixtures.ts'
import { letterPdf, makeSpec, scanImage } from '../fixtures/letters/synthetic.ts'

const CHILD = fileURLToPath(new URL('../fixtures/jobs/worker-child.ts', import.meta.url))
const READER = fileURLToPath(new URL('../fixtures/jobs/reader-child.ts', import.meta.url))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/**
 * The job worker child runs on V8's baseline compiler only, as the CLI runs a command that opens
 * the case file (src/cli/main.ts): a process killed seconds after it starts never gains from the
 * optimising compiler, and starting the database takes half the CPU without it. (The reading
 * child keeps the optimising compiler: OCR's loops need it, as `redress case read` does.)
 */
const CHILD_NODE = ['--liftoff-only', '--import', 'tsx']

/** Appends a mark to an app_meta row: run twice, the value shows it ("xx"). */
const mark = (key: string) => async (tx: Database['db']) => {
  await tx
    .insert(appMeta)
    .values({ key, value: 'x' })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: sql`${appMeta.value} || 'x'` } })
}
const markOf = async (db: Database['db'], key: string) =>
  (
    await db
      .select()
      .from(appMeta)
      .where(sql`${appMeta.key} = ${key}`)
  )[0]?.value ?? null

/** How long the job's lease has still to run, in milliseconds, by the database's own clock. */
async function leaseLeft(db: Database, kind: string, key: string): Promise<number> {
  const r = (await db.db.execute(
    sql`select (extract(epoch from (lease_until - clock_timestamp())) * 1000)::float8 as ms from jobs where kind = ${kind} and key = ${key}`,
  )) as unknown as { rows: Array<{ ms: number | string }> }
  return Number(r.rows[0]!.ms)
}

describe.each(engines)('job queue on %s', (engine, open) => {
  let t: TestDatabase
  let repo: DrizzleJobRepository
  beforeAll(async () => {
    t = await open()
    repo = new DrizzleJobRepository(t.db)
  })
  afterAll(async () => t?.destroy())

  it('queues a job once per kind and key, and again on request once it has finished', async () => {
    const a = await repo.enqueue({ kind: 'test.once', key: 'k1', payload: { n: 1 } })
    const b = await repo.enqueue({ kind: 'test.once', key: 'k1', payload: { n: 2 } })
    expect(a.created).toBe(true)
    expect(b.created).toBe(false)
    expect(b.job.id).toBe(a.job.id)
    expect(b.job.payload).toEqual({ n: 1 })
    // Running: a replace request leaves it alone.
    const claimed = await repo.claim('w1', ['test.once'], 10_000)
    expect(claimed?.id).toBe(a.job.id)
    expect(
      (await repo.enqueue({ kind: 'test.once', key: 'k1', payload: {} }, { replace: true })).created,
    ).toBe(false)
    await repo.finish(a.job.id, 'w1', { pages: 1 })
    const again = await repo.enqueue({ kind: 'test.once', key: 'k1', payload: { n: 3 } }, { replace: true })
    expect(again).toMatchObject({ created: true, job: { id: a.job.id, status: 'queued', attempts: 0 } })
    expect((await repo.claim('w1', ['test.once'], 10_000))?.payload).toEqual({ n: 3 })
    await repo.finish(a.job.id, 'w1', {})
  })

  it('never gives one job to two workers claiming at the same moment (SKIP LOCKED)', async () => {
    for (let i = 0; i < 6; i++) await repo.enqueue({ kind: 'test.race', key: `r${i}`, payload: {} })
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => repo.claim(`w${i}`, ['test.race'], 10_000)),
    )
    const ids = claims.filter((c) => c !== null).map((c) => c.id)
    expect(ids).toHaveLength(6)
    expect(new Set(ids).size).toBe(6)
    expect(await repo.claim('late', ['test.race'], 10_000)).toBeNull()
  })

  it('takes back a job whose lease ran out; the stalled worker cannot write its results', async () => {
    const { job } = await repo.enqueue({ kind: 'test.lease', key: 'l1', payload: {} })
    const first = await repo.claim('stalled', ['test.lease'], 200)
    expect(first?.attempts).toBe(1)
    expect(await repo.claim('other', ['test.lease'], 10_000)).toBeNull() // lease still held
    await sleep(400)
    const second = await repo.claim('other', ['test.lease'], 10_000)
    expect(second).toMatchObject({ id: job.id, attempts: 2, lockedBy: 'other' })
    expect(await repo.heartbeat(job.id, 'stalled', 10_000)).toBe(false)
    await expect(repo.finish(job.id, 'stalled', {}, mark('lease-l1'))).rejects.toBeInstanceOf(LeaseLost)
    expect(await markOf(t.db, 'lease-l1')).toBeNull()
    await repo.finish(job.id, 'other', { ok: true }, mark('lease-l1'))
    expect(await markOf(t.db, 'lease-l1')).toBe('x')
    expect(await repo.get(job.id)).toMatchObject({ status: 'done', result: { ok: true }, lockedBy: null })
  })

  it('retries a failure, fails at once on a permanent one, and gives up after its attempts', async () => {
    const { job } = await repo.enqueue({ kind: 'test.fail', key: 'f1', payload: {}, maxAttempts: 2 })
    await repo.claim('w', ['test.fail'], 10_000)
    expect(await repo.fail(job.id, 'w', 'unexpected', { retryAfterMs: 0 })).toBe('queued')
    await repo.claim('w', ['test.fail'], 10_000)
    expect(await repo.fail(job.id, 'w', 'unexpected', { retryAfterMs: 0 })).toBe('failed')
    const p = await repo.enqueue({ kind: 'test.fail', key: 'f2', payload: {} })
    await repo.claim('w', ['test.fail'], 10_000)
    expect(await repo.fail(p.job.id, 'w', 'password', { permanent: true })).toBe('failed')
    expect(await repo.get(p.job.id)).toMatchObject({ status: 'failed', error: 'password', attempts: 1 })
    // Interrupted once too often: marked failed when next claimed, not run a third time.
    const q = await repo.enqueue({ kind: 'test.crash', key: 'c1', payload: {}, maxAttempts: 1 })
    await repo.claim('dies', ['test.crash'], 50)
    await sleep(150)
    expect(await repo.claim('w', ['test.crash'], 10_000)).toBeNull()
    expect(await repo.get(q.job.id)).toMatchObject({ status: 'failed', error: 'interrupted' })
  })

  it('runs jobs with the runner: progress, results written once, permanent failures kept', async () => {
    const seen: string[] = []
    const runner = new JobRunner({
      repo,
      concurrency: 2,
      leaseMs: 5_000,
      handlers: {
        'test.run': async (ctx) => {
          await ctx.progress(1, 2, 'half')
          if (ctx.job.payload.bad) throw new PermanentJobError('unreadable', 'cannot read')
          seen.push(ctx.job.key)
          return { result: { key: ctx.job.key }, write: mark(`run-${ctx.job.key}`) }
        },
      },
    })
    await repo.enqueue({ kind: 'test.run', key: 'a', payload: {} })
    await repo.enqueue({ kind: 'test.run', key: 'b', payload: { bad: true } })
    expect(await runner.drain()).toBe(2)
    expect(seen).toEqual(['a'])
    expect(await markOf(t.db, 'run-a')).toBe('x')
    expect(await repo.byKey('test.run', 'a')).toMatchObject({
      status: 'done',
      progress: { done: 1, total: 2, note: 'half' },
    })
    expect(await repo.byKey('test.run', 'b')).toMatchObject({ status: 'failed', error: 'unreadable' })
  })

  it('survives kill -9 of a worker process mid-job: the job is run again, once', async () => {
    const work = mkdtempSync(join(tmpdir(), 'redress-kill-'))
    const started = join(work, 'started')
    let where: string
    if (engine === 'pglite') {
      // One process at a time owns an embedded database: a fresh one, let go while the child works.
      const k = await open()
      where = k.dataDir
      await new DrizzleJobRepository(k.db).enqueue({ kind: 'test.slow', key: 'kill', payload: {} })
      await k.close()
    } else {
      const r = (await t.db.execute(sql`select current_database() as name`)) as unknown as {
        rows: Array<{ name: string }>
      }
      const url = new URL(inject('postgresUrl'))
      url.pathname = `/${r.rows[0]!.name}`
      where = url.toString()
      await repo.enqueue({ kind: 'test.slow', key: 'kill', payload: {} })
    }
    const child = spawn(process.execPath, [...CHILD_NODE, CHILD, where, started, '2500'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const deadline = Date.now() + 60_000
    while (!existsSync(started) && Date.now() < deadline && child.exitCode === null) await sleep(100)
    expect(existsSync(started), stderr).toBe(true)
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited

    // PGlite: reopening takes over the dead process's lock and recovers the database.
    const db: Database = engine === 'pglite' ? await openDatabase({ dataDir: where }) : t
    try {
      const r2 = new DrizzleJobRepository(db.db)
      expect(await r2.byKey('test.slow', 'kill')).toMatchObject({
        status: 'running',
        attempts: 1,
        progress: { done: 1, total: 3 },
      })
      let runs = 0
      const runner = new JobRunner({
        repo: r2,
        concurrency: 1,
        leaseMs: 5_000,
        handlers: {
          'test.slow': async (ctx) => {
            runs++
            await ctx.progress(3, 3, 'done')
            return { result: { resumed: true }, write: mark('kill-once') }
          },
        },
      })
      // The dead worker's lease (2.5 s, renewed every third of it) must run out before anyone takes
      // its job: while the database says it still holds, a drain takes nothing; once it has run
      // out, the job is run again.
      const left = await leaseLeft(db, 'test.slow', 'kill')
      expect(left).toBeLessThanOrEqual(2500) // the dead worker's own lease
      if (left > 500) expect(await runner.drain()).toBe(0)
      await sleep(Math.max(0, left + 300))
      expect(await runner.drain()).toBe(1)
      expect(await runner.drain()).toBe(0)
      expect(runs).toBe(1)
      expect(await markOf(db.db, 'kill-once')).toBe('x')
      expect(await r2.byKey('test.slow', 'kill')).toMatchObject({
        status: 'done',
        attempts: 2,
        result: { resumed: true },
      })
    } finally {
      if (engine === 'pglite') {
        await db.close()
        rmSync(where, { recursive: true, force: true })
      }
      rmSync(work, { recursive: true, force: true })
    }
  })
})

describe.each(engines)('reading survives kill -9 during OCR on %s', (engine, open) => {
  it('reads the photo again after the worker is killed mid-OCR, and keeps its pages once', async () => {
    const t = await open()
    const dataDir = t.dataDir || mkdtempSync(join(tmpdir(), 'redress-kill-ocr-'))
    const work = mkdtempSync(join(tmpdir(), 'redress-kill-ocr-work-'))
    const started = join(work, 'started')
    let url = '-'
    let db: Database = t
    try {
      const s = services(t, dataDir)
      const c = await s.cases.createCase(WHO, { title: 'Kill', nation: 'england', role: 'receiving' })
      const photo = await scanImage(await letterPdf(makeSpec(3, 'calculation')), 110)
      const e = await s.evidence.add(WHO, c.id, {
        fileName: 'letter.png',
        content: (async function* () {
          yield photo
        })(),
      })
      if (engine === 'pglite') await t.close()
      else {
        const r = (await t.db.execute(sql`select current_database() as name`)) as unknown as {
          rows: Array<{ name: string }>
        }
        const u = new URL(inject('postgresUrl'))
        u.pathname = `/${r.rows[0]!.name}`
        url = u.toString()
      }
      const child = spawn(process.execPath, ['--import', 'tsx', READER, url, dataDir, started], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      const deadline = Date.now() + 90_000
      while (!existsSync(started) && Date.now() < deadline && child.exitCode === null) await sleep(50)
      expect(existsSync(started), stderr).toBe(true)
      await sleep(300) // in the middle of OCR
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await exited
      if (engine === 'pglite') db = await openDatabase({ dataDir })
      const s2 = services(db, dataDir)
      expect(await s2.reading.state(e.id)).toMatchObject({ state: 'running', step: 'ocr' })
      expect(await s2.reading.pages(e.id)).toEqual([])
      await sleep(1200) // the killed worker's lease runs out
      expect(await s2.reading.drain()).toBe(1)
      expect(await s2.reading.state(e.id)).toMatchObject({ state: 'done', pages: 1 })
      const pages = await s2.reading.pages(e.id)
      expect(pages).toHaveLength(1)
      expect(pages[0]).toMatchObject({ page: 1, method: 'ocr' })
      expect(pages[0]!.text).toContain('Child Maintenance Service')
      expect((await s2.reading.jobs.byKey('evidence.read', `${e.id}:${e.sha256}`))?.attempts).toBe(2)
      await s2.reading.stop()
    } finally {
      if (engine === 'pglite') {
        await db.close().catch(() => {})
        rmSync(dataDir, { recursive: true, force: true })
      } else {
        await t.destroy()
        rmSync(dataDir, { recursive: true, force: true })
      }
      rmSync(work, { recursive: true, force: true })
    }
  }, 180_000)
})

describe('worker limit', () => {
  it('keeps a core for the web server and stays within memory', () => {
    const MB = 2 ** 20
    expect(workerLimit(2, 8000 * MB, 300 * MB)).toBe(1)
    expect(workerLimit(8, 8000 * MB, 300 * MB)).toBe(7)
    expect(workerLimit(8, 1000 * MB, 300 * MB)).toBe(2)
    expect(workerLimit(1, 100 * MB, 300 * MB)).toBe(1)
  })
})
