import { describe, expect, it } from 'vitest'
import { InvalidInput } from '../domain/shared/errors.ts'
import { rules } from '../rules/load.ts'
import {
  calcRequest,
  cmsCalcRequest,
  compareCalculation,
  quickCalcRequest,
  runCalculation,
} from './calculation.service.ts'

const book = rules()
const example = {
  effectiveDate: '2025-04-01',
  income: { grossWeekly: '575.34' },
  benefit: 'none',
  nilRateCategory: false,
  relevantOtherChildren: 1,
  receivingParents: [{ id: 'A', children: [{ nightsPerYear: 0 }, { nightsPerYear: 120 }] }],
  variations: { specialExpensesWeekly: '0.00', additionalIncomeWeekly: '0.00' },
  collection: 'direct',
}

/** The first problem zod finds, as "field: message". */
function problem(value: unknown, schema = calcRequest): string {
  const r = schema.safeParse(value)
  if (r.success) return 'ok'
  const i = r.error.issues[0]!
  return `${i.path.join('.')}: ${i.message}`
}

describe('runCalculation', () => {
  it('answers the contract’s example exactly', () => {
    const r = runCalculation(book, calcRequest.parse(example))
    expect({ ...r, steps: undefined, assumptions: undefined }).toEqual({
      rate: 'basic',
      grossWeeklyIncome: '575.34',
      totalWeekly: '70.23',
      perReceivingParent: [
        { id: 'A', weekly: '70.23', payerPaysWithFees: '70.23', receiverGetsAfterFees: '70.23' },
      ],
      steps: undefined,
      assumptions: undefined,
    })
    expect(r.steps.map((s) => [s.key, s.amount, s.unrounded])).toEqual([
      ['scheme', undefined, undefined],
      ['rounding', undefined, undefined],
      ['income', '575.34', undefined],
      ['rate.other-children', '512.05', '512.0526'],
      ['rate.basic', '81.93', '81.928'],
      ['shared-care.A', '70.23', '70.225714…'],
      ['total', '70.23', undefined],
      ['fees', undefined, undefined],
      ['fees.announced', undefined, undefined],
    ])
    expect(Object.keys(r.steps[4]!)).toEqual(['key', 'text', 'amount', 'unrounded', 'cite'])
    expect(r.steps[4]!.cite).toEqual({
      ruleId: 'calculation.basic-rate',
      instrument: 'Child Support Act 1991',
      provision: 'Schedule 1, paragraph 2(1)',
      url: 'https://www.legislation.gov.uk/ukpga/1991/48/schedule/1/paragraph/2',
      confidence: 'verified',
    })
    expect(r.assumptions.length).toBeGreaterThan(0)
  })

  it('takes annual income and optional parts', () => {
    const r = runCalculation(
      book,
      calcRequest.parse({
        ...example,
        income: { historicAnnual: '30000', pensionContributionsAnnual: '2000.00' },
        variations: undefined,
        collection: undefined,
      }),
    )
    expect(r.grossWeeklyIncome).toBe('536.99')
  })

  it('refuses a date before the scheme with InvalidInput naming effectiveDate', () => {
    expect(() =>
      runCalculation(book, calcRequest.parse({ ...example, effectiveDate: '2010-01-01' })),
    ).toThrow(InvalidInput)
  })
})

describe('calcRequest: bad input names the field', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'negative money',
      { ...example, income: { grossWeekly: '-5.00' } },
      /^income\.grossWeekly: must be an amount/,
    ],
    [
      'money not a number',
      { ...example, income: { grossWeekly: 'lots' } },
      /^income\.grossWeekly: must be an amount/,
    ],
    [
      'money as a JSON number',
      { ...example, income: { grossWeekly: 575.34 } },
      /^income\.grossWeekly: must be an amount/,
    ],
    ['three decimals', { ...example, income: { grossWeekly: '1.234' } }, /^income\.grossWeekly: /],
    ['no income figure', { ...example, income: {} }, /^income: give either grossWeekly/],
    [
      'both kinds of income',
      { ...example, income: { grossWeekly: '1', historicAnnual: '2' } },
      /^income\.historicAnnual: give either/,
    ],
    [
      'unknown income field',
      { ...example, income: { grossWeekly: '1', net: '2' } },
      /^income: unknown field "net"/,
    ],
    [
      'nights above 366',
      { ...example, receivingParents: [{ id: 'A', children: [{ nightsPerYear: 367 }] }] },
      /^receivingParents\.0\.children\.0\.nightsPerYear: must be a whole number of nights/,
    ],
    [
      'negative nights',
      { ...example, receivingParents: [{ id: 'A', children: [{ nightsPerYear: -1 }] }] },
      /^receivingParents\.0\.children\.0\.nightsPerYear: /,
    ],
    [
      'fractional nights',
      { ...example, receivingParents: [{ id: 'A', children: [{ nightsPerYear: 1.5 }] }] },
      /^receivingParents\.0\.children\.0\.nightsPerYear: /,
    ],
    ['no receiving parent', { ...example, receivingParents: [] }, /^receivingParents: at least one/],
    [
      'no child',
      { ...example, receivingParents: [{ id: 'A', children: [] }] },
      /^receivingParents\.0\.children: at least one qualifying child/,
    ],
    [
      'the same id twice',
      {
        ...example,
        receivingParents: [
          { id: 'A', children: [{ nightsPerYear: 0 }] },
          { id: 'A', children: [{ nightsPerYear: 0 }] },
        ],
      },
      /^receivingParents\.1\.id: "A" is used twice/,
    ],
    ['unknown field', { ...example, colour: 'blue' }, /^: unknown field "colour"/],
    [
      'unknown benefit',
      { ...example, benefit: 'UC' },
      /^benefit: must be "none", "flatRateBenefit" or "meansTested"/,
    ],
    [
      'unknown collection',
      { ...example, collection: 'cash' },
      /^collection: must be "direct" or "collectAndPay"/,
    ],
    ['missing benefit', { ...example, benefit: undefined }, /^benefit: is required/],
    ['bad date', { ...example, effectiveDate: '2025-02-30' }, /^effectiveDate: must be a real date/],
    [
      'other children negative',
      { ...example, relevantOtherChildren: -1 },
      /^relevantOtherChildren: must be a whole number/,
    ],
    ['unknown variation', { ...example, variations: { other: '1' } }, /^variations: unknown field "other"/],
  ]
  for (const [name, value, expected] of cases) it(name, () => expect(problem(value)).toMatch(expected))

  it('accepts the example', () => expect(problem(example)).toBe('ok'))
})

describe('quickCalcRequest: the quick check for a well-formed request', () => {
  /** Deterministic varied requests: every shape the schema takes, and many it refuses. */
  function* variants(): Generator<unknown> {
    const incomes = [
      { grossWeekly: '575.34' },
      { grossWeekly: '£1,234.5' },
      { grossWeekly: ' 7 ' },
      { historicAnnual: '26000' },
      { historicAnnual: '26000', currentAnnual: '52000' },
      { historicAnnual: '26000', pensionContributionsAnnual: '1200', currentAnnual: '0' },
      { grossWeekly: '1', historicAnnual: '2' },
      { currentAnnual: '2' },
      { grossWeekly: 5 },
      { grossWeekly: '-5' },
      {},
      { grossWeekly: '1', other: '1' },
      [],
      null,
    ]
    const parents = [
      [{ id: 'A', children: [{ nightsPerYear: 0 }] }],
      [
        { id: 'A', children: [{ nightsPerYear: 52 }, { nightsPerYear: 366 }] },
        { id: 'B', children: [{ nightsPerYear: 175 }] },
      ],
      [{ id: '2300-01-01', children: [{ nightsPerYear: 1 }] }],
      [],
      [{ id: 'A', children: [] }],
      [{ id: '', children: [{ nightsPerYear: 1 }] }],
      [{ id: 'A', children: [{ nightsPerYear: 367 }] }],
      [{ id: 'A', children: [{ nightsPerYear: 1.5 }] }],
      [{ id: 'A', children: [{ nightsPerYear: -0 }] }],
      [{ id: 'A', children: [{ nightsPerYear: 1, x: 1 }] }],
      [{ id: 'A', children: [{ nightsPerYear: 1 }], x: 1 }],
      [
        { id: 'A', children: [{ nightsPerYear: 1 }] },
        { id: 'A', children: [{ nightsPerYear: 1 }] },
      ],
      [null],
      'A',
    ]
    const extras: Record<string, unknown>[] = [
      {},
      { variations: { specialExpensesWeekly: '10', additionalIncomeWeekly: '0.5' } },
      { variations: { specialExpensesWeekly: '10' } },
      { variations: {} },
      { variations: { other: '1' } },
      { variations: null },
      { variations: { specialExpensesWeekly: 'ten' } },
      { collection: 'direct' },
      { collection: 'collectAndPay' },
      { collection: 'post' },
      { collection: null },
      { note: 'hello' },
      { effectiveDate: '2025-02-30' },
      { effectiveDate: '2025-2-3' },
      { effectiveDate: 20250203 },
      { effectiveDate: '1985-01-01' },
      { benefit: 'some' },
      { benefit: 'meansTested' },
      { benefit: 'flatRateBenefit', nilRateCategory: true },
      { nilRateCategory: 'no' },
      { relevantOtherChildren: -1 },
      { relevantOtherChildren: 2.5 },
      { relevantOtherChildren: 1e300 },
      { relevantOtherChildren: 4 },
      { __proto__: null },
    ]
    for (const income of incomes)
      for (const receivingParents of parents)
        for (const extra of extras) yield { ...example, income, receivingParents, ...extra }
    for (const key of Object.keys(example)) {
      const { [key]: _gone, ...rest } = example as Record<string, unknown>
      yield rest
    }
    yield* [null, [], 'text', 3, [example], Object.assign(Object.create(null), example)]
  }

  it('accepts only what the schema accepts, as the same value, and leaves the rest to it', () => {
    let accepted = 0
    let left = 0
    for (const raw of variants()) {
      // As it comes from JSON text (the CLI's case), and as the object itself.
      const values =
        raw !== null && typeof raw === 'object' && Object.getPrototypeOf(raw) === null
          ? [raw]
          : [raw, JSON.parse(JSON.stringify(raw)) as unknown]
      for (const value of values) {
        const quick = quickCalcRequest(value)
        const full = calcRequest.safeParse(value)
        if (quick === undefined) {
          left++
          continue
        }
        accepted++
        expect(full.success).toBe(true)
        // The same fields and values (the order of an object's keys may differ; nothing reads it).
        expect(quick).toEqual(full.data)
      }
    }
    expect(accepted).toBeGreaterThan(100)
    expect(left).toBeGreaterThan(1000)
  })
})

describe('compareCalculation', () => {
  it('gives Jordan’s comparison as JSON', () => {
    const cms = {
      ...example,
      effectiveDate: '2025-03-14',
      income: { historicAnnual: '28000' },
      variations: undefined,
      collection: undefined,
    }
    const user = { ...cms, receivingParents: [{ id: 'M', children: [{ nightsPerYear: 130 }] }] }
    const r = compareCalculation(
      book,
      calcRequest.parse(user),
      cmsCalcRequest.parse({
        ...cms,
        receivingParents: [{ id: 'M', children: [{ nightsPerYear: 78 }] }],
        statedWeekly: '49.16',
      }),
    )
    expect(r.user.totalWeekly).toBe('40.96')
    expect(r.cms.totalWeekly).toBe('49.16')
    expect(r.differences).toEqual([
      expect.objectContaining({
        input: 'nights',
        field: 'receivingParents.0.children.0.nightsPerYear',
        weeklyWithOnlyThisChange: '40.96',
        effect: '-8.20',
      }),
    ])
    expect(r.combinedEffect).toBe('-8.20')
    expect(r.stated).toMatchObject({
      stated: '49.16',
      engine: '49.16',
      difference: '0.00',
      verdict: 'matches',
    })
  })
})
