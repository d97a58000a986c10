import { describe, expect, it } from 'vitest'
import { rules } from '../../rules/load.ts'
import { readers } from './params.ts'
import { RULE } from './rule-ids.ts'
import { schemas } from './value-schemas.ts'

describe('calculation rule values', () => {
  const book = rules()

  it('are read the same by the plain readers as by the zod schemas the rule book is checked with, in every period', () => {
    let periods = 0
    for (const role of Object.keys(readers) as (keyof typeof readers)[]) {
      expect(Object.keys(schemas)).toContain(role)
      for (const period of book.rule(RULE[role]).periods) {
        expect(readers[role](period.value), `${RULE[role]} from ${period.from.toString()}`).toEqual(
          schemas[role].parse(period.value),
        )
        periods++
      }
    }
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(readers).sort())
    expect(periods).toBeGreaterThan(20)
  })

  it('a value in the wrong shape is refused by the reader as by the schema', () => {
    const bad: [keyof typeof readers, unknown][] = [
      ['cap', { 'capped-amount': 3000 }],
      ['cap', null],
      [
        'basic',
        { threshold: '£800', 'up-to-threshold': ['12%', '16%'], 'above-threshold': ['9%', '12%', '15%'] },
      ],
      ['sharedCare', { bands: [{ 'from-nights': 400, reduction: '1/7' }] }],
      ['sharedCare', { bands: [{ 'from-nights': 52, reduction: 17 }] }],
      ['scheme', { phase: 'x', pathfinder: 'no' }],
      ['flat', { amount: '£7', 'income-up-to': 'a hundred' }],
      ['sharedCareBenefits', { 'from-nights': 52.5 }],
    ]
    for (const [role, value] of bad) {
      expect(() => schemas[role].parse(value), role).toThrow()
      expect(() => readers[role](value), role).toThrow()
    }
  })
})
