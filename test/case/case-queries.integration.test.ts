import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextDeadlines, openChallenges } from '../../src/domain/case/index.ts'
import { DrizzleCaseRepository } from '../../src/store/case.repository.ts'
import type { CaseServices } from '../../src/services/case-services.ts'
import { jordan, jordanEnforcementAndComplaint } from '../../src/services/demo.service.ts'
import { engines } from '../helpers/engines.ts'
import type { TestDatabase } from '../helpers/pglite.ts'
import { WHO, services } from './fixtures.ts'

/** The queries behind the case pages (pages of the timeline, counts, the overview's parts) on both engines. */
describe.each(engines)('case page queries on %s', (engine, open) => {
  let db: TestDatabase
  let dir: string
  let s: CaseServices
  beforeAll(async () => {
    db = await open()
    dir = db.dataDir || mkdtempSync(join(tmpdir(), 'redress-case-pg-'))
    s = services(db, dir)
  })
  afterAll(async () => {
    await db?.destroy()
    if (engine === 'postgresql') rmSync(dir, { recursive: true, force: true })
  })

  it('pages the timeline in its order, counts and filters in SQL, and lists tags once', async () => {
    const repo = new DrizzleCaseRepository(db.db)
    const c = await s.cases.createCase(WHO, { title: 'Pages', nation: 'wales', role: 'receiving' })
    for (let i = 0; i < 12; i++)
      await s.cases.addEvent(WHO, c.id, {
        type: i % 3 === 0 ? 'payment' : 'note',
        occurredOn: `2025-03-${String(10 + (i % 4)).padStart(2, '0')}`,
        title: `Entry ${i}`,
        tags: i % 2 ? ['b', 'shared'] : ['a', 'shared'],
      })
    const all = await s.cases.timeline(WHO, c.id)
    const pages = [0, 5, 10].map((offset) => repo.timeline('local', c.id, {}, { limit: 5, offset }))
    expect((await Promise.all(pages)).flat()).toEqual(all)
    expect(await repo.countTimeline('local', c.id, {})).toBe(12)
    expect(await repo.countTimeline('local', c.id, { types: ['payment'] })).toBe(4)
    expect(await repo.countTimeline('local', c.id, { tag: 'a' })).toBe(6)
    expect(await s.cases.eventTags(WHO, c.id)).toEqual(['a', 'b', 'shared'])
    await s.cases.addEvent(WHO, c.id, { type: 'note', occurredOn: '2025-03-20', title: 'New', tags: ['c'] })
    expect(await s.cases.eventTags(WHO, c.id)).toEqual(['a', 'b', 'c', 'shared']) // kept tags follow a change
    expect(await repo.count('event', 'local', c.id)).toBe(13)
    const latest = await repo.latestEvents('local', c.id, ['payment'], 2)
    expect(latest.map((e) => e.title)).toEqual(['Entry 6', 'Entry 9'])
    await repo.analyze()
  })

  it("gives the overview of Jordan's case with open challenges as reading every row would", async () => {
    const j = await jordan(s.cases, WHO)
    await jordanEnforcementAndComplaint(s.cases, WHO, j.c.id)
    const [decisions, events, tasks, links] = await Promise.all([
      s.cases.list(WHO, j.c.id, 'decision'),
      s.cases.list(WHO, j.c.id, 'event'),
      s.cases.list(WHO, j.c.id, 'task'),
      s.cases.list(WHO, j.c.id, 'link'),
    ])
    const dash = await s.cases.dashboard(WHO, j.c.id)
    expect(dash.challenges.length).toBeGreaterThan(0)
    expect(dash.challenges).toEqual(openChallenges({ decisions, events, links, tasks }))
    expect(dash.next).toEqual(nextDeadlines(tasks, s.cases.today(), 6))
    expect(dash.counts.events).toBe(events.length)
    // The same overview again while nothing changes; a change shows at once.
    expect(await s.cases.dashboard(WHO, j.c.id)).toEqual(dash)
    const added = await s.cases.addEvent(WHO, j.c.id, {
      type: 'note',
      occurredOn: s.cases.today().toString(),
      title: 'Noted today',
    })
    const after = await s.cases.dashboard(WHO, j.c.id)
    expect(after.counts.events).toBe(events.length + 1)
    expect(after.recent.map((e) => e.id)).toContain(added.record.id)
    await s.cases.bin(WHO, j.c.id, 'event', added.record.id)
    expect((await s.cases.dashboard(WHO, j.c.id)).counts).toMatchObject({ events: events.length, binned: 1 })
  })
})
