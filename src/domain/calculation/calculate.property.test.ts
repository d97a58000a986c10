import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rules } from '../../rules/load.ts'
import { pence, type Pence } from '../shared/pence.ts'
import { parseDate } from '../shared/plain-date.ts'
import { apportion } from './apportion.ts'
import { calculate } from './calculate.ts'
import { compareWithCms } from './compare.ts'
import type { Benefit, CalculationInput, Rate } from './types.ts'

const book = rules()
const DATES = ['2013-01-07', '2013-09-02', '2014-09-01', '2020-06-15', '2025-04-01'].map((d) => parseDate(d))

const money = (maxPounds: number): fc.Arbitrary<Pence> =>
  fc.integer({ min: 0, max: maxPounds * 100 }).map(pence)
const nights = fc.integer({ min: 0, max: 366 })

const input: fc.Arbitrary<CalculationInput> = fc.record({
  effectiveDate: fc.constantFrom(...DATES),
  income: money(4000).map((grossWeekly) => ({ grossWeekly })),
  benefit: fc.constantFrom<Benefit>('none', 'none', 'none', 'flatRateBenefit', 'meansTested'),
  nilRateCategory: fc.oneof(
    { arbitrary: fc.constant(false), weight: 9 },
    { arbitrary: fc.constant(true), weight: 1 },
  ),
  relevantOtherChildren: fc.integer({ min: 0, max: 4 }),
  receivingParents: fc
    .array(
      fc.array(
        nights.map((n) => ({ nightsPerYear: n })),
        { minLength: 1, maxLength: 3 },
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((lists) => lists.map((children, i) => ({ id: String.fromCharCode(65 + i), children }))),
})

const total = (x: CalculationInput): number => calculate(book, x).value.totalWeekly

describe('calculate: properties', () => {
  it('the receiving parents’ amounts add up exactly to the total', () => {
    fc.assert(
      fc.property(input, (x) => {
        const r = calculate(book, x).value
        expect(r.perReceivingParent.reduce((a, b) => a + b.weekly, 0)).toBe(r.totalWeekly)
      }),
    )
  })

  it('never rises when the paying parent has a child for more nights', () => {
    fc.assert(
      fc.property(input, fc.nat(), fc.integer({ min: 1, max: 366 }), (x, pick, extra) => {
        const flat = x.receivingParents.flatMap((r, i) => r.children.map((_, j) => [i, j] as const))
        const [i, j] = flat[pick % flat.length]!
        const more = {
          ...x,
          receivingParents: x.receivingParents.map((r, k) =>
            k !== i
              ? r
              : {
                  ...r,
                  children: r.children.map((c, m) =>
                    m !== j ? c : { nightsPerYear: Math.min(366, c.nightsPerYear + extra) },
                  ),
                },
          ),
        }
        expect(total(more)).toBeLessThanOrEqual(total(x))
      }),
    )
  })

  it('never goes below the minimum after shared care on the basic or reduced rate', () => {
    const calculated: Rate[] = ['reduced', 'basic', 'basicPlus']
    fc.assert(
      fc.property(input, (x) => {
        const r = calculate(book, { ...x, benefit: 'none', nilRateCategory: false })
        if (!calculated.includes(r.value.rate)) return
        const minimum = x.effectiveDate.toString() < '2013-11-25' ? 500 : 700
        expect(r.value.totalWeekly).toBeGreaterThanOrEqual(minimum)
      }),
    )
  })

  it('does not fall as income rises within the same rate', () => {
    fc.assert(
      fc.property(input, money(4000), money(500), (x, a, rise) => {
        const low = { ...x, income: { grossWeekly: a } }
        const high = { ...x, income: { grossWeekly: pence(a + rise) } }
        const l = calculate(book, low).value
        const h = calculate(book, high).value
        if (l.rate === h.rate) expect(h.totalWeekly).toBeGreaterThanOrEqual(l.totalWeekly)
      }),
    )
  })

  it('finds no difference when your figures are the CMS’s', () => {
    fc.assert(
      fc.property(input, (x) => {
        const c = compareWithCms(book, x, x)
        expect(c.differences).toEqual([])
        expect(c.combinedEffect).toBe(0)
      }),
      { numRuns: 50 },
    )
  })
})

describe('apportion: properties', () => {
  it('shares add up to the total and each is within a penny of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 6 })
          .filter((w) => w.some((x) => x > 0)),
        (t, weights) => {
          const shares = apportion(pence(t), weights)
          const sum = weights.reduce((a, b) => a + b, 0)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(t)
          shares.forEach((s, i) => expect(Math.abs(s * sum - t * weights[i]!)).toBeLessThan(sum))
        },
      ),
    )
  })
})
