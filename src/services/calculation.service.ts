import { z } from 'zod'
import { compareWithCms, type Comparison } from '../domain/calculation/index.ts'
import { parsePounds, toDecimal } from '../domain/shared/pence.ts'
import { parseDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import { calculationJson, toCalculationInput, type CalcResponse } from './calculation-run.ts'

// Running a request and its JSON shape live in ./calculation-run.ts (no zod, for quick commands).
export {
  calculationJson,
  quickCalcRequest,
  runCalculation,
  toCalculationInput,
  type CalcResponse,
  type StepJson,
} from './calculation-run.ts'

/** zod message helper: "is required" when the field is missing, `problem` otherwise. */
const says =
  (problem: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : problem

/** strictObject option: unknown fields are named in the message. */
const strict = {
  error: (issue: { code?: string; keys?: string[] }): string | undefined =>
    issue.code === 'unrecognized_keys'
      ? `unknown field${(issue.keys ?? []).length > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}`
      : undefined,
}

/** A refinement that accepts what the domain's own parser accepts. */
const parses =
  (parse: (text: string) => unknown) =>
  (text: string): boolean => {
    try {
      parse(text)
      return true
    } catch {
      return false
    }
  }
const isPounds = parses(parsePounds)
const isDate = parses(parseDate)

const MONEY = 'must be an amount of money in pounds and pence written as text, like "575.34" (not negative)'
const money = z.string({ error: says(MONEY) }).refine(isPounds, MONEY)

type IncomeRequest =
  | { grossWeekly: string }
  | { historicAnnual: string; currentAnnual?: string; pensionContributionsAnnual?: string }

const income = z
  .strictObject(
    {
      grossWeekly: money.optional(),
      historicAnnual: money.optional(),
      currentAnnual: money.optional(),
      pensionContributionsAnnual: money.optional(),
    },
    { error: (issue) => (issue.input === undefined ? 'is required' : strict.error(issue)) },
  )
  .superRefine((v, ctx) => {
    if (v.grossWeekly === undefined && v.historicAnnual === undefined)
      ctx.addIssue({
        code: 'custom',
        message:
          'give either grossWeekly, or historicAnnual (with currentAnnual and pensionContributionsAnnual if known)',
      })
    if (v.grossWeekly !== undefined)
      for (const key of ['historicAnnual', 'currentAnnual', 'pensionContributionsAnnual'] as const)
        if (v[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'give either grossWeekly or annual figures, not both',
          })
  })
  // The refinement above guarantees one of the two shapes.
  .transform((v): IncomeRequest =>
    v.grossWeekly !== undefined ? { grossWeekly: v.grossWeekly } : (v as IncomeRequest),
  )

const NIGHTS = 'must be a whole number of nights a year from 0 to 366'
const child = z.strictObject(
  {
    nightsPerYear: z
      .number({ error: says(NIGHTS) })
      .int(NIGHTS)
      .min(0, NIGHTS)
      .max(366, NIGHTS),
  },
  strict,
)

const receivingParent = z.strictObject(
  {
    id: z.string({ error: says('must be text') }).min(1, 'must not be empty'),
    children: z
      .array(child, { error: says('must be a list of qualifying children') })
      .min(1, 'at least one qualifying child is needed'),
  },
  strict,
)

const COUNT = 'must be a whole number, 0 or more'

/** The JSON contract of `redress calc` (and the web journey): one calculation request. */
export const calcRequest = z.strictObject(
  {
    effectiveDate: z
      .string({ error: says('must be a date written YYYY-MM-DD') })
      .refine(isDate, 'must be a real date written YYYY-MM-DD'),
    income,
    benefit: z.enum(['none', 'flatRateBenefit', 'meansTested'], {
      error: says('must be "none", "flatRateBenefit" or "meansTested"'),
    }),
    nilRateCategory: z.boolean({ error: says('must be true or false') }),
    relevantOtherChildren: z
      .number({ error: says(COUNT) })
      .int(COUNT)
      .min(0, COUNT),
    receivingParents: z
      .array(receivingParent, { error: says('must be a list of receiving parents') })
      .min(1, 'at least one receiving parent with a qualifying child is needed')
      .superRefine((list, ctx) => {
        const seen = new Set<string>()
        list.forEach((r, i) => {
          if (seen.has(r.id))
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${r.id}" is used twice` })
          seen.add(r.id)
        })
      }),
    variations: z
      .strictObject(
        { specialExpensesWeekly: money.optional(), additionalIncomeWeekly: money.optional() },
        strict,
      )
      .optional(),
    collection: z
      .enum(['direct', 'collectAndPay'], { error: 'must be "direct" or "collectAndPay"' })
      .optional(),
  },
  strict,
)
export type CalcRequest = z.infer<typeof calcRequest>

/** The CMS's figures, with the weekly amount its decision states (optional). */
export const cmsCalcRequest = calcRequest.extend({ statedWeekly: money.optional() })
export type CmsCalcRequest = z.infer<typeof cmsCalcRequest>

export interface ComparisonResponse {
  user: CalcResponse
  cms: CalcResponse
  differences: {
    input: string
    field: string
    cms: string
    user: string
    weeklyWithOnlyThisChange: string
    effect: string
    text: string
  }[]
  combinedEffect: string
  combinedText: string
  stated?: { stated: string; engine: string; difference: string; verdict: string; text: string }
}

function comparisonJson(c: Comparison): ComparisonResponse {
  return {
    user: calculationJson(c.user),
    cms: calculationJson(c.cms),
    differences: c.differences.map((d) => ({
      input: d.input,
      field: d.field,
      cms: d.cms,
      user: d.user,
      weeklyWithOnlyThisChange: toDecimal(d.weeklyWithOnlyThisChange),
      effect: toDecimal(d.effect),
      text: d.text,
    })),
    combinedEffect: toDecimal(c.combinedEffect),
    combinedText: c.combinedText,
    ...(c.stated === undefined
      ? {}
      : {
          stated: {
            stated: toDecimal(c.stated.stated),
            engine: toDecimal(c.stated.engine),
            difference: toDecimal(c.stated.difference),
            verdict: c.stated.verdict,
            text: c.stated.text,
          },
        }),
  }
}

/** Compares your figures with the CMS's (see compareWithCms), in JSON shape. */
export function compareCalculation(
  book: RuleBook,
  user: CalcRequest,
  cms: CmsCalcRequest,
): ComparisonResponse {
  const { statedWeekly, ...figures } = cms
  const cmsInput = toCalculationInput(figures)
  return comparisonJson(
    compareWithCms(
      book,
      toCalculationInput(user),
      statedWeekly === undefined
        ? cmsInput
        : { ...cmsInput, statedWeekly: parsePounds(statedWeekly, 'statedWeekly') },
    ),
  )
}
