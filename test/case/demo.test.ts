import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_OWNER, type Actor } from '../../src/domain/case/index.ts'
import { Temporal } from '../../src/domain/shared/plain-date.ts'
import { rules } from '../../src/rules/load.ts'
import { createCaseServices, type CaseServices } from '../../src/services/case-services.ts'
import { seedDemoCases } from '../../src/services/demo.service.ts'
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
    today: () => Temporal.PlainDate.from('2025-09-20'),
  })
})
afterAll(async () => db.destroy())

describe('the demonstration cases', () => {
  it("create the four personas' cases with the deadlines their stories must produce", async () => {
    const made = await seedDemoCases(s.cases, WHO)
    expect(made.map((m) => m.title)).toEqual(['Amira and Dan', 'Priya', 'Jordan and Morgan', 'Chris and Lee'])
    const due = async (title: string) => {
      const id = made.find((m) => m.title === title)!.id
      const tasks = await s.cases.list(WHO, id, 'task')
      return tasks.map((t) => ({ kind: t.deadlineKind, dueOn: t.dueOn, legal: t.legalDeadline }))
    }
    expect(await due('Amira and Dan')).toContainEqual({
      kind: 'mandatoryReconsideration',
      dueOn: '2025-03-03',
      legal: '2025-03-05',
    })
    const jordan = await due('Jordan and Morgan')
    expect(jordan).toContainEqual(expect.objectContaining({ kind: 'tribunalAppeal', legal: '2025-04-14' }))
    expect(jordan).toContainEqual(expect.objectContaining({ kind: 'deoAppeal', legal: '2025-03-31' }))
    expect(jordan).toContainEqual(
      expect.objectContaining({ kind: 'complaintAcknowledgementTarget', dueOn: '2025-03-19' }),
    )
    expect(jordan).toContainEqual(
      expect.objectContaining({ kind: 'complaintResponseTarget', dueOn: '2025-04-07' }),
    )
    expect(await due('Priya')).toContainEqual(
      expect.objectContaining({ kind: 'iceReferral', legal: '2026-03-02' }),
    )
  })
})
