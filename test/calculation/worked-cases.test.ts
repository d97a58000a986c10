/**
 * Runs every worked case in rules/calculation/*.cases.yaml (published examples, derived cases,
 * personas) and checks that every calculation rule is cited by at least one case's workings.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { z } from 'zod'
import { applicationFee, defaultRate } from '../../src/domain/calculation/index.ts'
import { INCOME_PERIODS, weeklyIncome } from '../../src/domain/calculation/income-period.ts'
import { InvalidInput } from '../../src/domain/shared/errors.ts'
import { parsePounds, toDecimal } from '../../src/domain/shared/pence.ts'
import { parseDate } from '../../src/domain/shared/plain-date.ts'
import type { Traced } from '../../src/domain/shared/traced.ts'
import { rules, RULES_DIR } from '../../src/rules/load.ts'
import {
  calcRequest,
  cmsCalcRequest,
  compareCalculation,
  runCalculation,
  type CalcResponse,
} from '../../src/services/calculation.service.ts'

const workedCase = z.strictObject({
  name: z.string().min(3),
  source: z.string().min(3),
  note: z.string().optional(),
  kind: z
    .enum(['calculation', 'compare', 'application-fee', 'default-rate', 'weekly-income'])
    .default('calculation'),
  input: z.unknown(),
  expected: z.record(z.string(), z.unknown()),
})
type WorkedCase = z.infer<typeof workedCase>

const dir = join(RULES_DIR, 'calculation')
const files = readdirSync(dir).filter((f) => f.endsWith('.cases.yaml'))
const cases = files.flatMap((file) =>
  z
    .array(workedCase)
    .parse(parse(readFileSync(join(dir, file), 'utf8')))
    .map((c) => ({ file, ...c })),
)
const book = rules()

interface Outcome {
  readonly actual: unknown
  readonly cited: readonly string[]
}

const citedBy = (r: CalcResponse): string[] => r.steps.map((s) => s.cite.ruleId)
const citedIn = (t: Traced<unknown, unknown, unknown>): string[] =>
  t.steps.flatMap((s) => (s.cite ? [s.cite.ruleId] : []))

function run(c: WorkedCase): Outcome {
  switch (c.kind) {
    case 'calculation': {
      const request = calcRequest.parse(c.input)
      if ('error' in c.expected) {
        try {
          runCalculation(book, request)
        } catch (e) {
          if (e instanceof InvalidInput) return { actual: { error: e.field }, cited: [] }
          throw e
        }
        return { actual: { error: null }, cited: [] }
      }
      const r = runCalculation(book, request)
      const picked = Object.fromEntries(Object.keys(c.expected).map((k) => [k, r[k as keyof CalcResponse]]))
      return { actual: picked, cited: citedBy(r) }
    }
    case 'compare': {
      const { user, cms } = z.object({ user: z.unknown(), cms: z.unknown() }).parse(c.input)
      const r = compareCalculation(book, calcRequest.parse(user), cmsCalcRequest.parse(cms))
      return {
        actual: {
          differences: r.differences.map((d) => ({ field: d.field, effect: d.effect })),
          combinedEffect: r.combinedEffect,
          ...(r.stated ? { stated: r.stated.verdict } : {}),
        },
        cited: [...citedBy(r.user), ...citedBy(r.cms)],
      }
    }
    case 'application-fee': {
      const { date } = z.object({ date: z.string() }).parse(c.input)
      const r = applicationFee(book, parseDate(date))
      return { actual: { fee: toDecimal(r.value) }, cited: citedIn(r) }
    }
    case 'default-rate': {
      const i = z.object({ effectiveDate: z.string(), qualifyingChildren: z.number() }).parse(c.input)
      const r = defaultRate(book, parseDate(i.effectiveDate), i.qualifyingChildren)
      return { actual: { weekly: toDecimal(r.value) }, cited: citedIn(r) }
    }
    case 'weekly-income': {
      const i = z
        .object({ date: z.string(), amount: z.string(), period: z.enum(INCOME_PERIODS) })
        .parse(c.input)
      const w = weeklyIncome(book, parseDate(i.date), parsePounds(i.amount), i.period)
      return {
        actual: { weekly: toDecimal(w.weekly), confirmed: w.confirmed },
        cited: w.cite ? [w.cite.ruleId] : [],
      }
    }
  }
}

describe('worked cases (rules/calculation/*.cases.yaml)', () => {
  it('finds the case tables', () => {
    expect(files.length).toBeGreaterThanOrEqual(3)
    expect(cases.length).toBeGreaterThanOrEqual(60)
  })

  for (const file of files)
    describe(file, () => {
      for (const c of cases.filter((x) => x.file === file))
        it(`${c.name} [${c.source}]`, () => {
          const { actual } = run(c)
          if (c.kind === 'calculation' && !('error' in c.expected)) expect(actual).toMatchObject(c.expected)
          else expect(actual).toEqual(c.expected)
        })
    })

  it('covers every published (P1–P21) and derived (D1–D18) worked example', () => {
    const names = cases.map((c) => c.name)
    const ids = [
      ...Array.from({ length: 21 }, (_, i) => `P${i + 1}`),
      ...Array.from({ length: 18 }, (_, i) => `D${i + 1}`),
    ]
    const missing = ids.filter((id) => !names.some((n) => new RegExp(`^${id}[a-z]? `).test(n)))
    expect(missing).toEqual([])
  })

  it('cites every calculation rule in at least one case', () => {
    const cited = new Set(cases.flatMap((c) => run(c).cited))
    const uncited = book.ids().filter((id) => id.startsWith('calculation.') && !cited.has(id))
    expect(uncited).toEqual([])
  })
})
