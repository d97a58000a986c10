import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { Temporal, type PlainDate } from '../../src/domain/shared/plain-date.ts'
import type { Challenge, TaskRecord, UpcomingTask } from '../../src/domain/case/index.ts'
import { buildApp } from '../../src/web/app.ts'
import type { CaseServices } from '../../src/services/case-services.ts'
import type { LetterService } from '../../src/services/letter.service.ts'
import { systemClock, type Clock } from '../../src/services/clock.ts'
import * as demo from '../../src/services/demo.service.ts'
import { TEST_CSRF_KEY, testServices } from '../helpers/app.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { WHO } from '../letters/personas.ts'

/**
 * Issue #11, point 5: the case file's deadlines follow what happened, and the overview, the
 * deadlines page and "Open challenges" always agree. Amira's case is followed through: her
 * reconsideration request is sent in time (the 30 days are met, a "check it arrived" reminder falls
 * two working days after posting), the notice comes (the case moves to the appeal stage), and a
 * promise made on a call without a date gets a follow-up ten working days later.
 */

let db: TestDatabase
let today: PlainDate = Temporal.PlainDate.from('2025-02-21')
let svc: CaseServices
let letters: LetterService
let app: FastifyInstance
let A: Awaited<ReturnType<typeof demo.amira>>

beforeAll(async () => {
  db = await testPglite()
  // One clock for the services and the pages; the test moves its day forward as the story goes.
  const clock: Clock = { today: () => today, now: () => systemClock.now() }
  const services = testServices(db, clock, { maxUploadBytes: 5 * 1024 * 1024 })
  svc = services.caseFile
  letters = services.letters
  app = await buildApp(services, { csrfKey: TEST_CSRF_KEY })
  await app.ready()
  A = await demo.amira(svc.cases, WHO)
}, 60_000)
afterAll(async () => {
  await app.close()
  await db.destroy()
})

const open = (ts: readonly UpcomingTask[]) => ts.map((u) => u.task.id).sort()

/** The three views of the case's dates, and the checks that they agree. */
async function views() {
  const dash = await svc.cases.dashboard(WHO, A.c.id)
  const all = await svc.cases.deadlines(WHO, A.c.id)
  const tasks = await svc.cases.list(WHO, A.c.id, 'task')
  return { dash, all, tasks }
}

function agree(v: Awaited<ReturnType<typeof views>>): void {
  // The overview's next dates are the first of the deadlines page's, in the same order.
  expect(v.dash.next.map((n) => n.task.id)).toEqual(v.all.slice(0, v.dash.next.length).map((n) => n.task.id))
  // Every open challenge's next date is an open deadline on the deadlines page.
  for (const c of v.dash.challenges as Challenge[]) if (c.next) expect(open(v.all)).toContain(c.next.id)
  // Nothing done is shown as a deadline.
  const done = new Set(v.tasks.filter((t) => t.status === 'done').map((t) => t.id))
  expect(v.all.filter((n) => done.has(n.task.id))).toEqual([])
}

const byKind = (tasks: readonly TaskRecord[], kind: string) => tasks.find((t) => t.deadlineKind === kind)

describe('the deadlines follow what happened, and every view agrees', () => {
  it('starts with the reconsideration deadline open', async () => {
    const v = await views()
    agree(v)
    expect(byKind(v.tasks, 'mandatoryReconsideration')).toMatchObject({
      status: 'open',
      legalDeadline: '2025-03-05',
    })
  })

  it('meets the deadline with a request sent in time, and reminds to check it arrived two working days later', async () => {
    const d = await letters.draft(WHO, A.c.id, 'mandatory-reconsideration', {
      words: { grounds: 'Dan started a new job in November 2024, at £45,000 a year.' },
    })
    const sent = await letters.markSent(WHO, A.c.id, d, { method: 'first-class', sentOn: today })
    today = Temporal.PlainDate.from('2025-03-06') // the day after the 30 days ended
    const v = await views()
    agree(v)
    expect(byKind(v.tasks, 'mandatoryReconsideration')).toMatchObject({
      status: 'done',
      doneOn: '2025-02-21',
    })
    expect(byKind(v.tasks, 'lateMandatoryReconsiderationLimit')?.status).toBe('done')
    // Friday 21 February + two working days = Tuesday 25 February, before 3 March (two working days
    // before the deadline of 5 March).
    const check = v.tasks.find((t) => t.originId === sent.event.id && t.nature === 'tracking')
    expect(check).toMatchObject({ dueOn: '2025-02-25', status: 'open' })
    const challenge = v.dash.challenges.find((c) => c.kind === 'reconsideration')
    expect(challenge).toMatchObject({ stage: 'reconsideration-asked' })
    expect(challenge?.next?.id).toBe(check?.id)
    // The only date shown as passed is the reminder, never the deadline the letter met.
    expect(v.all.filter((n) => n.overdue).map((n) => n.task.title)).toEqual([
      'Check your letter sent on 21 February 2025 has arrived',
    ])
  })

  it('gives a promise made on a call without a date a follow-up ten working days later', async () => {
    const call = await svc.cases.addEvent(WHO, A.c.id, {
      type: 'call',
      occurredOn: '2025-03-06',
      title: 'Called to check my request arrived',
      call: { personName: 'Sam', actions: [{ text: 'someone will call me back about my request' }] },
    })
    const follow = call.tasks.find((t) => t.nature === 'tracking')
    // Thursday 6 March 2025 + 10 working days = Thursday 20 March.
    expect(follow).toMatchObject({ dueOn: '2025-03-20' })
    expect(follow?.title).toContain('someone will call me back about my request')
    agree(await views())
  })

  it('moves the case to the appeal stage when the notice is recorded', async () => {
    today = Temporal.PlainDate.from('2025-03-19')
    await svc.cases.addDecision(WHO, A.c.id, {
      kind: 'mandatory-reconsideration-notice',
      letterDate: '2025-03-17',
      receivedDate: '2025-03-19',
      summary: 'the decision was not changed',
    })
    const v = await views()
    agree(v)
    const challenge = v.dash.challenges.find((c) => c.kind === 'reconsideration')
    expect(challenge?.stage).toBe('notice-received')
    expect(challenge?.next?.deadlineKind).toBe('tribunalAppeal')
    // The reminder to check the request arrived is done: the notice shows the CMS had it.
    expect(v.all.map((n) => n.task.title)).not.toContain(
      'Check your letter sent on 21 February 2025 has arrived',
    )
    expect(v.all.filter((n) => n.overdue)).toEqual([])
  })

  it('shows the same dates on the overview page and the deadlines page', async () => {
    const overview = (await app.inject(`/cases/${A.c.id}`)).body
    const page = (await app.inject(`/cases/${A.c.id}/deadlines`)).body
    const v = await views()
    const appeal = byKind(v.tasks, 'tribunalAppeal')!
    expect(overview).toContain(appeal.title)
    expect(page).toContain(appeal.title)
    const mr = 'Ask for a mandatory reconsideration of the decision of 3 February 2025'
    for (const body of [overview, page]) {
      // Where the met deadline is listed at all, it is marked done.
      for (let i = body.indexOf(mr); i >= 0; i = body.indexOf(mr, i + 1))
        expect(body.slice(i, i + mr.length + 80)).toContain('Done')
      expect(body).not.toMatch(/\d+ days ago/)
      expect(body).not.toMatch(/>\s*\d{4}-\d{2}-\d{2}\s*</)
    }
    expect(overview).toContain('reconsideration notice received')
  })

  it('closes the reminder to check a complaint arrived when the CMS replies to it', async () => {
    today = Temporal.PlainDate.from('2025-04-22')
    const complaint = await svc.cases.addEvent(WHO, A.c.id, {
      type: 'letter-sent',
      occurredOn: '2025-03-24',
      title: 'Complaint about the delay',
      letter: { subject: 'complaint', method: 'first-class' },
    })
    const check = complaint.tasks.find((t) => t.nature === 'tracking')
    expect(check?.title).toBe('Check your letter sent on 24 March 2025 has arrived')
    await svc.cases.addEvent(WHO, A.c.id, {
      type: 'letter-received',
      occurredOn: '2025-04-14',
      title: 'Reply to my complaint',
      letter: { subject: 'complaint-response', method: 'first-class' },
    })
    const v = await views()
    agree(v)
    expect(v.tasks.find((t) => t.id === check?.id)).toMatchObject({
      status: 'done',
      doneOn: '2025-04-14',
      notes: "Done: the CMS's reply of 14 April 2025 shows your complaint arrived.",
    })
    expect(v.all.map((n) => n.task.title)).not.toContain(
      'Check your letter sent on 24 March 2025 has arrived',
    )
  })
})
