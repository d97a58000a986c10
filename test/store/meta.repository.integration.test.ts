import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DrizzleMetaRepository } from '../../src/store/meta.repository.ts'
import { engines } from '../helpers/engines.ts'
import type { TestDatabase } from '../helpers/pglite.ts'

describe.each(engines)('meta repository on %s', (engine, open) => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await open()
  })
  afterAll(async () => db.destroy())

  it('reports its engine and answers a query', async () => {
    expect(db.engine).toBe(engine)
    expect(await db.ping()).toBe(true)
  })

  it('stores, reads and replaces a value', async () => {
    const repo = new DrizzleMetaRepository(db.db)
    expect(await repo.get('greeting')).toBeUndefined()
    await repo.set('greeting', 'hello')
    expect(await repo.get('greeting')).toBe('hello')
    await repo.set('greeting', 'Łukasz £')
    expect(await repo.get('greeting')).toBe('Łukasz £')
  })
})
