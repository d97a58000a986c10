/** The arrears tables behave the same on both engines: original bytes kept, re-import adds nothing, decisions and profiles upsert. */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseDate } from '../../src/domain/shared/plain-date.ts'
import { rules } from '../../src/rules/load.ts'
import { ArrearsCheckService } from '../../src/services/arrears-check.service.ts'
import { WHO } from '../case/fixtures.ts'
import { engines } from '../helpers/engines.ts'
import type { TestDatabase } from '../helpers/pglite.ts'

describe.each(engines)('arrears checks on %s', (_engine, open) => {
  let db: TestDatabase
  let svc: ArrearsCheckService
  beforeAll(async () => {
    db = await open()
    svc = new ArrearsCheckService({ db: db.db, rules: rules(), today: () => parseDate('2025-07-01') })
  })
  afterAll(async () => db?.destroy())

  it('keeps the statement’s bytes exactly, and re-importing adds nothing', async () => {
    const bytes = new Uint8Array(readFileSync('test/fixtures/bank/nationwide.csv'))
    const check = await svc.create(WHO, null, 'Engines')
    const first = await svc.importFile(WHO, check.id, { fileName: 'n.csv', bytes })
    expect(first).toMatchObject({ kind: 'imported', added: 3, skipped: 0 })
    expect(await svc.importFile(WHO, check.id, { fileName: 'n.csv', bytes })).toMatchObject({
      added: 0,
      skipped: 3,
    })
    const kept = await svc.repo.statementContent(check.id, first.statementId)
    expect(Buffer.from(kept!).equals(Buffer.from(bytes))).toBe(true)
    const contents = await svc.contents(WHO, check.id)
    expect(contents.transactions.map((t) => [t.date, t.amountPence])).toEqual([
      ['2025-01-30', -21303],
      ['2025-01-31', 185000],
      ['2025-02-27', -21303],
    ])
  })

  it('a decision on a match is replaced, not duplicated; a saved layout is replaced by name', async () => {
    const check = await svc.create(WHO, null)
    await svc.importFile(WHO, check.id, {
      fileName: 'l.csv',
      bytes: new Uint8Array(readFileSync('test/fixtures/bank/lloyds.csv')),
    })
    await svc.setCmsStatement(WHO, check.id, '03/02/2025, Payment received, , 213.03,')
    const c = await svc.contents(WHO, check.id)
    const tx = c.transactions[0]!
    const fig = c.cmsFigures[0]!
    await svc.decide(WHO, check.id, tx.id, fig.id, 'confirmed')
    await svc.decide(WHO, check.id, tx.id, fig.id, 'rejected')
    expect((await svc.contents(WHO, check.id)).matches.map((m) => m.status)).toEqual(['rejected'])
    await svc.repo.saveProfile(WHO.ownerId, 'Mine', { date: 'A', description: ['B'], amount: 'C' })
    await svc.repo.saveProfile(WHO.ownerId, 'Mine', { date: 'X', description: ['B'], amount: 'C' })
    const profiles = (await svc.repo.profiles(WHO.ownerId)).filter((p) => p.name === 'Mine')
    expect(profiles.map((p) => p.mapping.date)).toEqual(['X'])
  })
})
