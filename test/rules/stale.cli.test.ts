import { describe, expect, it } from 'vitest'
import { Temporal } from 'temporal-polyfill'
import { loadRuleBook } from '../../src/rules/load.ts'
import { staleBefore, staleRuleIds } from '../../src/rules/stale.ts'
import { runInProcess } from '../helpers/cli.ts'

const book = loadRuleBook()
const day = (s: string) => Temporal.PlainDate.from(s)

describe('stale rules (not checked for twelve months)', () => {
  it('counts twelve months back from today, a check on that very day still counting', () => {
    expect(staleBefore(day('2027-11-23')).toString()).toBe('2026-11-23')
    const checkedOn = (id: string) => book.rule(id).checked.toString()
    const ids = staleRuleIds(book, day('2027-11-24'))
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect(checkedOn(id) < '2026-11-24').toBe(true)
    for (const id of book.ids().filter((i) => !ids.includes(i)))
      expect(checkedOn(id) >= '2026-11-24').toBe(true)
    expect(staleRuleIds(book, day('2027-11-23')).every((id) => checkedOn(id) < '2026-11-23')).toBe(true)
  })

  it('lists nothing while every rule is within its year', () => {
    expect(staleRuleIds(book, day('2026-12-06'))).toEqual([])
  })

  it('lists every rule two years on', () => {
    expect(staleRuleIds(book, day('2029-01-01'))).toEqual(book.ids())
  })
})

describe('redress rules --stale', () => {
  it('counts from the one clock: REDRESS_TODAY moves "today" for the command', async () => {
    const r = await runInProcess(['rules', '--stale', '--json'], undefined, { REDRESS_TODAY: '2029-01-01' })
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as Array<{ id: string }>).map((x) => x.id)).toEqual(book.ids())
    const bad = await runInProcess(['rules', '--stale'], undefined, { REDRESS_TODAY: '2029-02-30' })
    expect(bad.stderr).toMatch(/REDRESS_TODAY: must be a real date as YYYY-MM-DD/)
  })

  it('lists, as JSON, only the rules last checked more than twelve months before --today', async () => {
    const r = await runInProcess(['rules', '--stale', '--today', '2027-12-01', '--json'])
    expect(r.code).toBe(0)
    const list = JSON.parse(r.stdout) as Array<{ id: string; checked: string }>
    expect(list.map((x) => x.id)).toEqual(staleRuleIds(book, day('2027-12-01')))
    expect(list.length).toBeGreaterThan(0)
    for (const x of list) expect(x.checked < '2026-12-01').toBe(true)
  })

  it('says so in words when nothing is stale', async () => {
    const r = await runInProcess(['rules', '--stale', '--today', '2026-12-06'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Every rule has been checked since 2025-12-06.')
  })

  it('shows the checked date and changes not in force in the full list', async () => {
    const r = await runInProcess(['rules', '--json'])
    const list = JSON.parse(r.stdout) as Array<{
      id: string
      checked: string
      pending: Array<{ status: string; from: string }>
    }>
    expect(list.every((x) => /^\d{4}-\d{2}-\d{2}$/.test(x.checked))).toBe(true)
    expect(list.find((x) => x.id === 'calculation.collection-fees')?.pending).toEqual([
      expect.objectContaining({ status: 'announced', from: 'unknown' }),
    ])
  })

  it('a bad --today exits 2 naming the option', async () => {
    const r = await runInProcess(['rules', '--stale', '--today', '2027-02-30'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--today')
  })
})
