import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_OWNER, nextDeadlines, openChallenges, type Actor } from '../../src/domain/case/index.ts'
import { rules } from '../../src/rules/load.ts'
import { createCaseServices, type CaseServices } from '../../src/services/case-services.ts'
import {
  amira,
  jordan,
  jordanEnforcementAndComplaint,
  priya,
  seedDemoCases,
} from '../../src/services/demo.service.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { sameOrigin, testApp, type TestApp } from '../helpers/app.ts'
import { Temporal } from 'temporal-polyfill'
import { once, pdf } from './fixtures.ts'

const WHO: Actor = { ownerId: LOCAL_OWNER, name: 'you (test)' }

describe('the overview, asked of the database part by part', () => {
  let db: TestDatabase
  let s: CaseServices
  beforeAll(async () => {
    db = await testPglite()
    s = createCaseServices({ database: db, dataDir: db.dataDir, rules: rules(), maxUploadBytes: 1024 * 1024 })
  })
  afterAll(async () => db.destroy())

  it('says what reading every row of the case would say, for every demonstration case', async () => {
    await amira(s.cases, WHO)
    await priya(s.cases, WHO)
    const j = await jordan(s.cases, WHO)
    await jordanEnforcementAndComplaint(s.cases, WHO, j.c.id)
    await seedDemoCases(s.cases, WHO, s.cases.today())
    const cases = await s.cases.listCases(WHO)
    expect(cases.length).toBeGreaterThan(4)
    let challenges = 0
    for (const c of cases) {
      const [decisions, events, tasks, links, evidence] = await Promise.all([
        s.cases.list(WHO, c.id, 'decision'),
        s.cases.list(WHO, c.id, 'event'),
        s.cases.list(WHO, c.id, 'task'),
        s.cases.list(WHO, c.id, 'link'),
        s.cases.list(WHO, c.id, 'evidence'),
      ])
      const binned = await s.cases.binned(WHO, c.id)
      const timeline = await s.cases.timeline(WHO, c.id)
      const dash = await s.cases.dashboard(WHO, c.id)
      expect(dash.next).toEqual(nextDeadlines(tasks, s.cases.today(), 6))
      expect(dash.challenges).toEqual(openChallenges({ decisions, events, links, tasks }))
      expect(dash.recent).toEqual(timeline.slice(0, 5))
      expect(dash.counts).toEqual({
        decisions: decisions.length,
        events: events.length,
        evidence: evidence.length,
        binned: binned.length,
      })
      challenges += dash.challenges.length
    }
    expect(challenges).toBeGreaterThan(0) // the comparison covered open challenges too
  })
})

describe('long lists a page at a time', () => {
  let t: TestApp
  let caseUrl: string
  const get = (url: string) => t.app.inject({ method: 'GET', url })

  beforeAll(async () => {
    t = await testApp()
    const svc = t.services.caseFile!
    const c = await svc.cases.createCase(WHO, { title: 'Long case', nation: 'england', role: 'receiving' })
    caseUrl = `/cases/${c.id}`
    for (let i = 1; i <= 105; i++)
      await svc.cases.addEvent(WHO, c.id, {
        type: 'note',
        occurredOn: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        title: `Note number ${i}`,
        tags: i % 2 ? ['odd'] : ['even'],
      })
  }, 120_000)
  afterAll(async () => t.close())

  it('shows the timeline 100 entries a page, with govuk pagination and every entry once', async () => {
    const first = await get(`${caseUrl}/timeline`)
    expect(first.statusCode).toBe(200)
    expect(first.body).toContain('105 of 105 entries')
    expect(first.body).toContain('Showing 1 to 100 of 105')
    expect(first.body).toContain('class="govuk-pagination"')
    expect(first.body).toContain(`href="${caseUrl}/timeline?page=2#results"`)
    const second = await get(`${caseUrl}/timeline?page=2`)
    expect(second.body).toContain('Showing 101 to 105 of 105')
    const titles = (html: string) => [...html.matchAll(/>(Note number \d+)</g)].map((m) => m[1])
    const seen = [...titles(first.body), ...titles(second.body)]
    expect(seen).toHaveLength(105)
    expect(new Set(seen).size).toBe(105)
    // Past the end: the last page.
    expect((await get(`${caseUrl}/timeline?page=9`)).body).toContain('Showing 101 to 105 of 105')
  })

  it('keeps the filters on the other pages, and the tags of every entry in the tag list', async () => {
    const odd = await get(`${caseUrl}/timeline?tag=odd`)
    expect(odd.body).toContain('53 of 105 entries')
    expect(odd.body).not.toContain('class="govuk-pagination"')
    expect(odd.body).toContain('<option value="even"')
    const notes = await get(`${caseUrl}/timeline?type=note`)
    expect(notes.body).toContain(`href="${caseUrl}/timeline?type=note&amp;page=2#results"`)
  })

  it('pages words searched for by posting them again, so they stay out of the address', async () => {
    const posted = await t.app.inject({
      method: 'POST',
      url: `${caseUrl}/timeline`,
      payload: 'q=Note+number',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOrigin() },
    })
    expect(posted.statusCode).toBe(200)
    expect(posted.body).toContain('105 of 105 entries')
    expect(posted.body).not.toContain('q=Note')
    expect(posted.body).toMatch(/<button type="submit" name="page" value="2"/)
    expect(posted.body).toContain('<input type="hidden" name="q" value="Note number">')
  })

  it('shows the history of changes newest first, 100 a page', async () => {
    const first = await get(`${caseUrl}/history`)
    expect(first.body).toMatch(/Showing 1 to 100 of 1\d\d/)
    expect(first.body).toContain(`href="${caseUrl}/history?page=2"`)
    const second = await get(`${caseUrl}/history?page=2`)
    expect(second.body).toMatch(/Showing 101 to 1\d\d of 1\d\d/)
    // The case was created first, so its entry is on the last page.
    expect(second.body).toContain('case created')
    expect(first.body).not.toContain('case created')
  })

  it('offers every entry to link evidence to while there are at most 200, and says nothing of a limit', async () => {
    const upload = await get(`${caseUrl}/evidence/new`)
    expect([...upload.body.matchAll(/<option value="event:[^"]+"[^>]*>[^<]*Note number \d+</g)]).toHaveLength(
      105,
    )
    expect(upload.body).not.toContain('added most recently')
  })

  it('answers 404 for a record of another case and for a malformed id', async () => {
    expect((await get(`${caseUrl}/events/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404)
    expect((await get(`${caseUrl}/events/not-an-id`)).statusCode).toBe(404)
    expect((await get('/cases/00000000-0000-4000-8000-000000000000/history')).statusCode).toBe(404)
  })
})

describe('whole lists a page at a time: decisions, evidence, open deadlines, the bin', () => {
  let t: TestApp
  let caseUrl: string
  let decisionsUrl: string
  let firstEvidence: string
  const get = (url: string) => t.app.inject({ method: 'GET', url })
  const countOf = (html: string, re: RegExp) => [...html.matchAll(re)].length

  beforeAll(async () => {
    t = await testApp()
    const svc = t.services.caseFile
    const c = await svc.cases.createCase(WHO, { title: 'Lists', nation: 'england', role: 'receiving' })
    caseUrl = `/cases/${c.id}`
    for (let i = 1; i <= 103; i++)
      await svc.cases.addTask(WHO, c.id, {
        title: `Open task ${String(i).padStart(3, '0')}`,
        dueOn: `2030-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      })
    for (let i = 1; i <= 102; i++) {
      const note = await svc.cases.addEvent(WHO, c.id, {
        type: 'note',
        occurredOn: '2025-01-02',
        title: `Binned note ${i}`,
      })
      await svc.cases.bin(WHO, c.id, 'event', note.record.id)
    }
    for (let i = 1; i <= 202; i++) {
      const e = await svc.evidence.add(WHO, c.id, {
        fileName: `letter-${i}.pdf`,
        content: once(pdf(`Letter ${i}`)),
        title: `Evidence ${i}`,
      })
      if (i === 1) firstEvidence = e.id
    }
    const d = await svc.cases.createCase(WHO, { title: 'Decisions', nation: 'england', role: 'receiving' })
    decisionsUrl = `/cases/${d.id}/decisions`
    for (let i = 0; i < 101; i++)
      await svc.cases.addDecision(WHO, d.id, {
        kind: 'annual-review',
        letterDate: Temporal.PlainDate.from('2015-01-01')
          .add({ days: i * 20 })
          .toString(),
      })
  }, 300_000)
  afterAll(async () => t.close())

  it('lists the decisions 100 a page, the latest letter first', async () => {
    const first = await get(decisionsUrl)
    expect(first.body).toContain('Showing 1 to 100 of 101')
    expect(first.body).toContain(`href="${decisionsUrl}?page=2"`)
    expect(countOf(first.body, /decisions\/[0-9a-f-]{36}"/g)).toBe(100)
    const second = await get(`${decisionsUrl}?page=2`)
    expect(second.body).toContain('Showing 101 to 101 of 101')
    expect(second.body).toContain('>1 January 2015<') // the oldest letter, last
    expect(first.body).not.toContain('>1 January 2015<')
  })

  it('lists the evidence 100 a page, and offers the 200 pieces added last to choose from', async () => {
    const pages = await Promise.all([1, 2, 3].map((n) => get(`${caseUrl}/evidence?page=${n}`)))
    expect(pages[0]!.body).toContain('Showing 1 to 100 of 202')
    expect(pages[2]!.body).toContain('Showing 201 to 202 of 202')
    const titles = pages.flatMap((p) => [...p.body.matchAll(/>(Evidence \d+)</g)].map((m) => m[1]))
    expect(new Set(titles).size).toBe(202)
    const form = await get(`${caseUrl}/decisions/new`)
    expect(countOf(form.body, /<option value="[0-9a-f-]{36}"/g)).toBe(200)
    expect(form.body).not.toContain('>Evidence 1<')
    expect(form.body).toContain('added most recently')
    // The one already chosen is offered even when older than those.
    const letter = await get(`${caseUrl}/letters/new?direction=sent`)
    expect(countOf(letter.body, /<option value="[0-9a-f-]{36}"/g)).toBe(400) // proof and delivery lists
    const evidence = await t.services.caseFile.evidence.latestChoices(WHO, caseUrl.split('/')[2]!, 200, [
      firstEvidence,
    ])
    expect(evidence.choices).toHaveLength(201)
    expect(evidence.choices[0]!.id).toBe(firstEvidence)
  })

  it('lists the open deadlines 100 a page, the soonest first, apart from the tasks done', async () => {
    const first = await get(`${caseUrl}/deadlines`)
    expect(first.body).toContain('Showing 1 to 100 of 103')
    expect(first.body).toContain(`href="${caseUrl}/deadlines?open=2#open"`)
    const second = await get(`${caseUrl}/deadlines?open=2`)
    expect(second.body).toContain('Showing 101 to 103 of 103')
    const due = (html: string) => [...html.matchAll(/(\d+) January 2030/g)].map((m) => Number(m[1]))
    const all = [...due(first.body), ...due(second.body)]
    expect(all).toHaveLength(103)
    expect(all).toEqual([...all].sort((a, b) => a - b))
  })

  it('lists the bin 100 a page, the latest binned first', async () => {
    const first = await get(`${caseUrl}/bin`)
    expect(first.body).toContain('Showing 1 to 100 of 102')
    expect(first.body).toContain('Binned note 102<')
    const second = await get(`${caseUrl}/bin?page=2`)
    expect(second.body).toContain('Showing 101 to 102 of 102')
    expect(second.body).toContain('Binned note 1<')
    const all = [first, second].flatMap((p) => [...p.body.matchAll(/>(Binned note \d+)</g)].map((m) => m[1]))
    expect(new Set(all).size).toBe(102)
  })
})
