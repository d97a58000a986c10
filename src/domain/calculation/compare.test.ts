import { describe, expect, it } from 'vitest'
import { text } from '../../copy/translate.ts'
import { rules } from '../../rules/load.ts'
import { pence } from '../shared/pence.ts'
import { parseDate } from '../shared/plain-date.ts'
import { compareWithCms, type CalculationInput } from './index.ts'

const book = rules()

const jordanCms: CalculationInput = {
  effectiveDate: parseDate('2025-03-14'),
  income: { historicAnnual: pence(2_800_000) },
  benefit: 'none',
  nilRateCategory: false,
  relevantOtherChildren: 1,
  receivingParents: [{ id: 'Morgan', children: [{ nightsPerYear: 78 }] }],
}
const nightsAre = (n: number): CalculationInput => ({
  ...jordanCms,
  receivingParents: [{ id: 'Morgan', children: [{ nightsPerYear: n }] }],
})

describe('compareWithCms', () => {
  it('finds Jordan’s nights difference and its effect', () => {
    const c = compareWithCms(book, nightsAre(130), { ...jordanCms, statedWeekly: pence(4916) })
    expect(c.differences).toHaveLength(1)
    expect(c.differences[0]).toMatchObject({
      input: 'nights',
      field: 'receivingParents.0.children.0.nightsPerYear',
      weeklyWithOnlyThisChange: 4096,
      effect: -820,
    })
    // The domain tells the difference as messages; in English:
    expect(text(c.differences[0]!.cms)).toBe('78 nights')
    expect(text(c.differences[0]!.user)).toBe('130 nights')
    expect(text(c.differences[0]!.text)).toBe(
      'The CMS used 78 nights for nights a year with the paying parent for child 1 of receiving parent Morgan; ' +
        'you say 130 nights. On its own this changes the weekly amount by -£8.20, to £40.96.',
    )
    expect(text(c.combinedText)).toBe(
      "With all your figures the weekly amount is £40.96, against £49.16 on the CMS's figures: -£8.20.",
    )
    expect(text(c.stated!.text)).toBe("The CMS's figure of £49.16 a week matches what its own figures give.")
    expect(c.combinedEffect).toBe(-820)
    expect(c.stated).toMatchObject({ verdict: 'matches', engine: 4916, difference: 0 })
  })

  it('puts a 1–2p gap from the CMS’s stated figure down to rounding, and a larger one not', () => {
    expect(compareWithCms(book, jordanCms, { ...jordanCms, statedWeekly: pence(4918) }).stated).toMatchObject(
      {
        verdict: 'rounding',
        difference: 2,
      },
    )
    const off = compareWithCms(book, jordanCms, { ...jordanCms, statedWeekly: pence(4919) }).stated
    expect(off?.verdict).toBe('differs')
    expect(text(off!.text)).toMatch(/does not match/)
  })

  it('changes one input at a time from the CMS’s figures', () => {
    const user: CalculationInput = {
      ...nightsAre(130),
      relevantOtherChildren: 0,
      benefit: 'none',
      income: { grossWeekly: pence(60000) },
    }
    const c = compareWithCms(book, user, jordanCms)
    expect(c.differences.map((d) => d.input)).toEqual(['income', 'relevantOtherChildren', 'nights'])
    // Only the other-children difference: 536.99 × 12% = 64.44, × 6/7 = 55.23
    expect(c.differences[1]).toMatchObject({ weeklyWithOnlyThisChange: 5523, effect: 5523 - 4916 })
    // All together: 600 × 12% = 72, × 5/7 = 51.43
    expect(c.combinedEffect).toBe(5143 - 4916)
    expect(text(c.combinedText)).toMatch(/need not add up/)
  })

  it('compares the children as a whole when their number differs', () => {
    const user: CalculationInput = {
      ...jordanCms,
      receivingParents: [{ id: 'Morgan', children: [{ nightsPerYear: 78 }, { nightsPerYear: 0 }] }],
    }
    const c = compareWithCms(book, user, jordanCms)
    expect(c.differences.map((d) => [d.input, text(d.cms), text(d.user)])).toEqual([
      ['numberOfChildren', '1 child with 1 receiving parent', '2 children with 1 receiving parent'],
    ])
  })

  it('lists a benefit difference', () => {
    const c = compareWithCms(book, { ...jordanCms, benefit: 'meansTested' }, jordanCms)
    expect(c.differences[0]).toMatchObject({ input: 'benefit', weeklyWithOnlyThisChange: 0 })
  })
})
