import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_OWNER, type Actor } from '../../src/domain/case/index.ts'
import { Temporal } from '../../src/domain/shared/plain-date.ts'
import { rules } from '../../src/rules/load.ts'
import { createCaseServices, type CaseServices } from '../../src/services/case-services.ts'
import { fixedClock } from '../../src/services/clock.ts'
import {
  amira,
  jordan,
  jordanEnforcementAndComplaint,
  priya,
  seedDemoCases,
} from '../../src/services/demo.service.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'

const WHO: Actor = { ownerId: LOCAL_OWNER, name: 'you (test)' }
let db: TestDatabase
let s: CaseServices

beforeAll(async () => {
  db = await testPglite()
  s = createCaseServices({
    database: db,
    dataDir: db.dataDir,
    rules: rules(),
    maxUploadBytes: 1024 * 1024,
    clock: fixedClock(Temporal.PlainDate.from('2025-09-20')),
  })
})
afterAll(async () => db.destroy())

/** Days from `a` to `b` (ISO dates). */
const gap = (a: string, b: string): number =>
  Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'days' }).days

describe('the demonstration cases', () => {
  it("as written, the personas' cases have the deadlines their stories must produce", async () => {
    const story = {
      amira: await amira(s.cases, WHO),
      jordan: await jordan(s.cases, WHO),
      priya: await priya(s.cases, WHO),
    }
    const due = async (id: string) =>
      (await s.cases.list(WHO, id, 'task')).map((t) => ({
        kind: t.deadlineKind,
        dueOn: t.dueOn,
        legal: t.legalDeadline,
      }))
    expect(await due(story.amira.c.id)).toContainEqual({
      kind: 'mandatoryReconsideration',
      dueOn: '2025-03-03',
      legal: '2025-03-05',
    })
    await jordanEnforcementAndComplaint(s.cases, WHO, story.jordan.c.id)
    const jordanTasks = await due(story.jordan.c.id)
    expect(jordanTasks).toContainEqual(
      expect.objectContaining({ kind: 'tribunalAppeal', legal: '2025-04-14' }),
    )
    expect(jordanTasks).toContainEqual(expect.objectContaining({ kind: 'deoAppeal', legal: '2025-03-31' }))
    expect(jordanTasks).toContainEqual(
      expect.objectContaining({ kind: 'complaintAcknowledgementTarget', dueOn: '2025-03-19' }),
    )
    expect(jordanTasks).toContainEqual(
      expect.objectContaining({ kind: 'complaintResponseTarget', dueOn: '2025-04-07' }),
    )
    expect(await due(story.priya.c.id)).toContainEqual(
      expect.objectContaining({ kind: 'iceReferral', legal: '2026-03-02' }),
    )
  })

  it.each(['2026-12-06', '2027-06-15'])(
    'seeded on %s: labelled "Example", moved by whole weeks, the same deadlines after the same events, still ahead',
    async (todayText) => {
      const today = Temporal.PlainDate.from(todayText)
      const s = createCaseServices({
        database: db,
        dataDir: db.dataDir,
        rules: rules(),
        maxUploadBytes: 1024 * 1024,
        clock: fixedClock(today),
      })
      const made = await seedDemoCases(s.cases, WHO, today)
      expect(made.map((m) => m.title)).toEqual([
        'Example: Amira and Dan',
        'Example: Priya',
        'Example: Jordan and Morgan',
        'Example: Chris and Lee',
      ])
      expect(made.every((m) => m.created)).toBe(true)
      const tasks = async (title: string) =>
        s.cases.list(WHO, made.find((m) => m.title === title)!.id, 'task')
      const decisions = async (title: string) =>
        s.cases.list(WHO, made.find((m) => m.title === title)!.id, 'decision')

      // Amira: the reconsideration is due 30 days after the letter, and that day is still ahead.
      const [letter] = await decisions('Example: Amira and Dan')
      const mr = (await tasks('Example: Amira and Dan')).find(
        (t) => t.deadlineKind === 'mandatoryReconsideration',
      )!
      expect(gap('2025-02-03', letter!.letterDate!) % 7).toBe(0)
      expect(gap(letter!.letterDate!, mr.legalDeadline!)).toBe(30)
      expect(gap(mr.dueOn!, mr.legalDeadline!)).toBeGreaterThanOrEqual(0) // act by this day, or earlier
      expect(gap(todayText, mr.legalDeadline!)).toBeGreaterThan(0)

      // Jordan: the tribunal appeal and the earnings-order appeal are both still ahead.
      const jordanTasks = await tasks('Example: Jordan and Morgan')
      for (const kind of ['tribunalAppeal', 'deoAppeal']) {
        const t = jordanTasks.find((x) => x.deadlineKind === kind)!
        expect(gap(todayText, t.legalDeadline!), kind).toBeGreaterThan(0)
      }
      // Priya: the referral to the Independent Case Examiner is six months after the final response.
      const ice = (await tasks('Example: Priya')).find((t) => t.deadlineKind === 'iceReferral')!
      expect(gap(todayText, ice.legalDeadline!)).toBeGreaterThan(0)

      // Running it again adds nothing.
      const again = await seedDemoCases(s.cases, WHO, today)
      expect(again.map((m) => [m.id, m.created])).toEqual(made.map((m) => [m.id, false]))
      for (const m of made) await s.cases.bin(WHO, m.id, 'case', m.id)
    },
  )
})
