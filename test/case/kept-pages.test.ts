import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { CaseInput } from '../../src/domain/case/index.ts'
import { fixedClock } from '../../src/services/clock.ts'
import { KeptPages } from '../../src/services/kept-pages.ts'
import { Vault } from '../../src/services/safe-mode.ts'
import { buildApp } from '../../src/web/app.ts'
import { CSRF_COOKIE, csrfToken } from '../../src/web/security/cross-site.ts'
import { TEST_CSRF_KEY, sameOrigin, testApp, testServices, type TestApp } from '../helpers/app.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { TODAY, WHO, once, pdf } from './fixtures.ts'

describe('KeptPages', () => {
  it('gives back what was kept for the same version, and drops it when another version is read', () => {
    const kept = new KeptPages()
    expect(kept.get('case:a', '1', '/p')).toBeUndefined()
    kept.set('case:a', '1', '/p', 'page at 1')
    expect(kept.get('case:a', '1', '/p')).toBe('page at 1')
    expect(kept.get('case:a', '2', '/p')).toBeUndefined() // a write: version 2
    expect(kept.size).toBe(0)
    expect(kept.get('case:a', '1', '/p')).toBeUndefined() // and nothing of 1 comes back
  })

  it('does not keep a page worked out at a version another request has since seen change', () => {
    const kept = new KeptPages()
    kept.get('case:a', '1', '/p') // request A reads version 1 …
    kept.get('case:a', '2', '/p') // … request B reads 2 after a write
    kept.set('case:a', '1', '/p', 'A, worked out at 1') // A finishes
    expect(kept.get('case:a', '2', '/p')).toBeUndefined()
    expect(kept.size).toBe(0)
  })

  it('keeps each case to itself and stays within its bounds, least recently used out first', () => {
    const kept = new KeptPages(1000, 3)
    for (const c of ['a', 'b', 'c']) {
      kept.get(`case:${c}`, '1', '/p')
      kept.set(`case:${c}`, '1', '/p', c.repeat(10))
    }
    expect(kept.get('case:a', '1', '/p')).toBe('aaaaaaaaaa') // a used again: b is now the oldest
    kept.get('case:d', '1', '/p')
    kept.set('case:d', '1', '/p', 'd')
    expect(kept.size).toBe(3)
    expect(kept.get('case:b', '1', '/p')).toBeUndefined()
    expect(kept.get('case:a', '1', '/p')).toBe('aaaaaaaaaa')
    // At most 1,000 bytes: five pages of 200 bytes fit, a sixth pushes the least recently used out.
    const small = new KeptPages(1000, 100)
    for (let i = 0; i < 6; i++) {
      small.get(`case:${i}`, '1', '/p')
      small.set(`case:${i}`, '1', '/p', String(i).repeat(100))
    }
    expect([small.size, small.bytes]).toEqual([5, 1000])
    expect(small.get('case:0', '1', '/p')).toBeUndefined()
    expect(small.get('case:5', '1', '/p')).toHaveLength(100)
    // A page bigger than a quarter of the whole is not kept at all.
    small.get('case:big', '1', '/p')
    small.set('case:big', '1', '/p', 'x'.repeat(200))
    expect(small.get('case:big', '1', '/p')).toBeUndefined()
    kept.clear()
    expect([kept.size, kept.bytes]).toEqual([0, 0])
  })
})

const INPUT: CaseInput = {
  title: 'Kept case',
  nation: 'england',
  role: 'receiving',
  cmsReference: '1212 3456 7890',
}

describe('case pages kept until the case changes', () => {
  let t: TestApp
  let caseId: string
  const ids = {} as { decision: string; call: string; task: string; evidence: string; binned: string }
  // One browser (one cross-site secret) unless a test says otherwise.
  const get = (url: string, headers: Record<string, string> = { cookie: sameOrigin().cookie! }) =>
    t.app.inject({ method: 'GET', url, headers })
  let titles = 0

  beforeAll(async () => {
    t = await testApp({}, fixedClock(TODAY))
    const svc = t.services.caseFile
    const c = await svc.cases.createCase(WHO, INPUT)
    caseId = c.id
    ids.decision = (
      await svc.cases.addDecision(WHO, caseId, {
        kind: 'annual-review',
        letterDate: '2025-02-03',
        weeklyAmount: '81.06',
      })
    ).record.id
    ids.call = (
      await svc.cases.addEvent(WHO, caseId, {
        type: 'call',
        occurredOn: '2025-02-10',
        title: 'Called the CMS',
        call: { personName: 'Kelly', iSaid: 'About the new job', theySaid: 'They will look' },
      })
    ).record.id
    ids.task = (await svc.cases.addTask(WHO, caseId, { title: 'Chase the CMS', dueOn: '2025-04-01' })).id
    ids.evidence = (
      await svc.evidence.add(WHO, caseId, { fileName: 'letter.pdf', content: once(pdf()), title: 'A letter' })
    ).id
    ids.binned = (
      await svc.cases.addEvent(WHO, caseId, { type: 'note', occurredOn: '2025-02-11', title: 'Binned note' })
    ).record.id
    await svc.cases.bin(WHO, caseId, 'event', ids.binned)
  }, 60_000)
  afterAll(async () => t.close())

  const pages = (): [string, string][] => {
    const base = `/cases/${caseId}`
    return [
      ['overview', base],
      ['case details form', `${base}/edit`],
      ['decisions', `${base}/decisions`],
      ['one decision', `${base}/decisions/${ids.decision}`],
      ['new decision form', `${base}/decisions/new`],
      ['decision form', `${base}/decisions/${ids.decision}/edit`],
      ['timeline', `${base}/timeline`],
      ['timeline filtered', `${base}/timeline?type=call`],
      ['one event', `${base}/events/${ids.call}`],
      ['event form', `${base}/events/${ids.call}/edit`],
      ['new event form', `${base}/events/new`],
      ['call form', `${base}/calls/new`],
      ['letter form', `${base}/letters/new?direction=sent`],
      ['confirm a call', `${base}/events/${ids.call}/confirm-in-writing`],
      ['deadlines', `${base}/deadlines`],
      ['one task', `${base}/tasks/${ids.task}`],
      ['task form', `${base}/tasks/${ids.task}/edit`],
      ['new task form', `${base}/tasks/new`],
      ['evidence', `${base}/evidence`],
      ['one piece of evidence', `${base}/evidence/${ids.evidence}`],
      ['evidence form', `${base}/evidence/${ids.evidence}/edit`],
      ['upload form', `${base}/evidence/new`],
      ['bin', `${base}/bin`],
      ['purge', `${base}/bin/event/${ids.binned}/purge`],
      ['history', `${base}/history`],
      ['export', `${base}/export`],
    ]
  }

  it('sends every case page again without working it out, and a change shows on the very next request', async () => {
    const svc = t.services.caseFile
    for (const [name, url] of pages()) {
      const first = await get(url)
      expect(first.statusCode, name).toBe(200)
      const worked = vi.spyOn(svc.cases, 'caseAndVersion')
      const again = await get(url)
      expect(again.body, name).toBe(first.body)
      expect(worked, `${name} was worked out again`).not.toHaveBeenCalled()
      worked.mockRestore()
      // Any write to the case: here its title, which every case page shows.
      const title = `Kept case, renamed ${++titles}`
      await svc.cases.amendCase(WHO, caseId, { ...INPUT, title })
      const after = await get(url)
      expect(after.statusCode, name).toBe(200)
      expect(after.body, name).toContain(title)
      expect(after.body, name).not.toContain(`Kept case, renamed ${titles - 1}<`)
    }
  })

  it('shows a new entry, a task done and something binned at once, however it was written', async () => {
    const svc = t.services.caseFile
    const base = `/cases/${caseId}`
    for (const url of [base, `${base}/timeline`, `${base}/deadlines`, `${base}/bin`]) await get(url)
    // Through the web: a new note.
    const posted = await t.app.inject({
      method: 'POST',
      url: `${base}/events/new`,
      headers: { ...sameOrigin(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        type: 'note',
        'occurredOn-day': '12',
        'occurredOn-month': '2',
        'occurredOn-year': '2025',
        title: 'Written on the web',
      }).toString(),
    })
    expect(posted.statusCode).toBe(303)
    expect((await get(`${base}/timeline`)).body).toContain('Written on the web')
    expect((await get(base)).body).toContain('Written on the web')
    // Through the services: a task ticked off, an entry binned.
    const doneSection = async () => (await get(`${base}/deadlines`)).body.split('id="done"')[1] ?? ''
    expect(await doneSection()).not.toContain('Chase the CMS')
    await svc.cases.setTaskDone(WHO, caseId, ids.task, true)
    expect(await doneSection()).toContain('Chase the CMS')
    await svc.cases.bin(WHO, caseId, 'event', ids.call)
    expect((await get(`${base}/bin`)).body).toContain('Called the CMS')
    expect((await get(`${base}/timeline`)).body).not.toContain('Called the CMS')
    await svc.cases.restore(WHO, caseId, 'event', ids.call)
    expect((await get(`${base}/timeline`)).body).toContain('Called the CMS')
  })

  it('gives each browser its own cross-site token in a kept page, never another’s', async () => {
    const url = `/cases/${caseId}/tasks/new`
    const browser = (secret: string) => ({
      cookie: `${CSRF_COOKIE}=${secret}`,
      token: csrfToken(TEST_CSRF_KEY, secret),
    })
    const a = browser('a'.repeat(43))
    const b = browser('b'.repeat(43))
    const pageA = await get(url, { cookie: a.cookie })
    const pageB = await get(url, { cookie: b.cookie })
    expect(pageA.body).toContain(`value="${a.token}"`)
    expect(pageB.body).toContain(`value="${b.token}"`)
    expect(pageB.body).not.toContain(a.token)
    expect(pageB.body.replaceAll(b.token, a.token)).toBe(pageA.body)
    // A browser with no secret yet gets a new one, and the cookie to go with it.
    const fresh = await get(url, {})
    expect(String(fresh.headers['set-cookie'])).toContain(`${CSRF_COOKIE}=`)
  })

  it('keeps the list of cases until a case is added, changed or purged', async () => {
    const svc = t.services.caseFile
    const first = await get('/cases')
    expect(first.body).toContain('Kept case')
    const other = await svc.cases.createCase(WHO, { ...INPUT, title: 'A second case' })
    expect((await get('/cases')).body).toContain('A second case')
    await svc.cases.amendCase(WHO, other.id, { ...INPUT, title: 'The second case, renamed' })
    expect((await get('/cases')).body).toContain('The second case, renamed')
    await svc.cases.bin(WHO, other.id, 'case', other.id)
    await get('/cases')
    await svc.cases.purge(WHO, other.id, 'case', other.id)
    expect((await get('/cases')).body).not.toContain('The second case, renamed')
  })
})

describe('kept pages and safe mode', () => {
  let dataDir: string
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it(
    'forgets every kept page and overview when the vault locks, opens or safe mode is switched',
    { timeout: 180_000 },
    async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'redress-kept-safe-'))
      cpSync(join(await ensureTemplate(), 'pglite'), join(dataDir, 'pglite'), { recursive: true })
      const vault = await Vault.open({ dataDir })
      const services = testServices(vault, fixedClock(TODAY), { dataDir })
      const app = await buildApp(services, { csrfKey: TEST_CSRF_KEY })
      await app.ready()
      try {
        const svc = services.caseFile
        const inner = svc.cases as unknown as {
          overviewsKept: Map<string, unknown>
          tagsKept: Map<string, unknown>
        }
        const c = await svc.cases.createCase(WHO, INPUT)
        const visit = async () => {
          for (const url of [`/cases/${c.id}`, `/cases/${c.id}/timeline`])
            expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200)
          expect(svc.kept.size).toBe(2)
          expect(inner.overviewsKept.size + inner.tagsKept.size).toBe(2)
        }
        const forgotten = () => {
          expect([svc.kept.size, svc.kept.bytes]).toEqual([0, 0])
          expect(inner.overviewsKept.size + inner.tagsKept.size).toBe(0)
        }
        await visit()
        await vault.enable('a long enough passphrase') // closes the plain database, opens the encrypted one
        forgotten()
        await visit()
        await vault.lock()
        forgotten()
        const locked = await app.inject({ method: 'GET', url: `/cases/${c.id}` })
        expect(locked.statusCode).toBe(303) // to the unlock page, nothing kept to send
        await vault.unlock('a long enough passphrase')
        await visit()
        await vault.disable()
        forgotten()
      } finally {
        await app.close()
        await vault.close()
      }
    },
  )
})
