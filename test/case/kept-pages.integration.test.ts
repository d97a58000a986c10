import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/services/clock.ts'
import type { Services } from '../../src/services/services.ts'
import { buildApp } from '../../src/web/app.ts'
import { engines } from '../helpers/engines.ts'
import { TEST_CSRF_KEY, sameOrigin, testServices } from '../helpers/app.ts'
import type { TestDatabase } from '../helpers/pglite.ts'
import { TODAY, WHO, once, pdf } from './fixtures.ts'

/**
 * Pages kept until the case changes, when someone else writes: with PostgreSQL another process
 * (here, a second set of services with its own kept pages) may change the case, and the page must
 * show it on the next request, because the version is asked of the database every time.
 */
describe.each(engines)('kept case pages with another writer, on %s', (engine, open) => {
  let db: TestDatabase
  let dir: string
  let app: FastifyInstance
  let mine: Services
  let other: Services
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: sameOrigin().cookie! } })
    expect(res.statusCode, url).toBe(200)
    return res.body
  }

  beforeAll(async () => {
    db = await open()
    dir = db.dataDir || mkdtempSync(join(tmpdir(), 'redress-kept-pg-'))
    mine = testServices(db, fixedClock(TODAY), { dataDir: dir })
    other = testServices(db, fixedClock(TODAY), { dataDir: dir })
    app = await buildApp(mine, { csrfKey: TEST_CSRF_KEY })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await db?.destroy()
    if (engine === 'postgresql') rmSync(dir, { recursive: true, force: true })
  })

  it('gives the case a new version with every kind of write, and none when it is only read', async () => {
    const s = other.caseFile
    const c = await s.cases.createCase(WHO, { title: 'Versions', nation: 'scotland', role: 'paying' })
    const seen = new Set([await s.cases.caseVersion(WHO, c.id)])
    const changed = async (what: string) => {
      const v = await s.cases.caseVersion(WHO, c.id)
      expect(seen.has(v), `${what} left the version as it was`).toBe(false)
      seen.add(v)
      expect((await s.cases.caseAndVersion(WHO, c.id)).version).toBe(v)
    }
    const e = await s.cases.addEvent(WHO, c.id, { type: 'note', occurredOn: '2025-03-01', title: 'A note' })
    await changed('adding an entry')
    await s.cases.amendEvent(WHO, c.id, e.record.id, {
      type: 'note',
      occurredOn: '2025-03-01',
      title: 'Amended',
    })
    await changed('amending it')
    const task = await s.cases.addTask(WHO, c.id, { title: 'A task', dueOn: '2025-04-01' })
    await changed('adding a task')
    await s.cases.setTaskDone(WHO, c.id, task.id, true)
    await changed('ticking it off')
    const ev = await s.evidence.add(WHO, c.id, { fileName: 'a.pdf', content: once(pdf()), title: 'A letter' })
    await changed('adding evidence')
    await s.cases.link(WHO, c.id, ev.id, 'event', e.record.id)
    await changed('linking it')
    await s.cases.bin(WHO, c.id, 'event', e.record.id)
    await changed('binning the entry')
    await s.cases.restore(WHO, c.id, 'event', e.record.id)
    await changed('restoring it')
    await s.cases.bin(WHO, c.id, 'task', task.id)
    await s.cases.purge(WHO, c.id, 'task', task.id)
    await changed('purging the task')
    await s.cases.amendCase(WHO, c.id, { title: 'Versions, renamed', nation: 'scotland', role: 'paying' })
    await changed('amending the case')
    // Reading changes nothing.
    await s.cases.dashboard(WHO, c.id)
    expect(await s.cases.caseVersion(WHO, c.id)).toBe([...seen].at(-1))
  })

  it('shows what another writer changed on the next request to a kept page', async () => {
    const c = await mine.caseFile.cases.createCase(WHO, {
      title: 'Shared',
      nation: 'wales',
      role: 'receiving',
    })
    const base = `/cases/${c.id}`
    const urls = [base, `${base}/timeline`, `${base}/deadlines`, `${base}/bin`, `${base}/history`]
    for (const url of urls) expect(await get(url)).toBe(await get(url)) // kept
    expect(mine.caseFile.kept.size).toBeGreaterThanOrEqual(urls.length)

    const e = await other.caseFile.cases.addEvent(WHO, c.id, {
      type: 'note',
      occurredOn: '2025-03-02',
      title: 'Written by the other process',
    })
    expect(await get(base)).toContain('Written by the other process')
    expect(await get(`${base}/timeline`)).toContain('Written by the other process')
    expect(await get(`${base}/history`)).toContain('event created')

    await other.caseFile.cases.addTask(WHO, c.id, { title: 'Their task', dueOn: '2025-03-25' })
    expect(await get(`${base}/deadlines`)).toContain('Their task')

    await other.caseFile.cases.bin(WHO, c.id, 'event', e.record.id)
    expect(await get(`${base}/bin`)).toContain('Written by the other process')
    expect(await get(`${base}/timeline`)).not.toContain('Written by the other process')

    await other.caseFile.cases.amendCase(WHO, c.id, {
      title: 'Shared, renamed',
      nation: 'wales',
      role: 'receiving',
    })
    expect(await get('/cases')).toContain('Shared, renamed')
    for (const url of urls) expect(await get(url)).toContain('Shared, renamed')
  })
})
