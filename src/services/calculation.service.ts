import { z } from 'zod'
import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'
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

/**
 * What a refused request is told, from the locale files (`calculationText.request`), read when a
 * request is checked (never when this module loads, so it is in the language of the moment).
 */
const says = (key: string, params?: Readonly<Record<string, string>>): string =>
  text(`calculationText.request.${key}`, params)
const problem = (key: string) => (): string => says(key)

/** zod message helper: "is required" when the field is missing, the problem `key` names otherwise. */
const requiredOr =
  (key: string) =>
  (issue: { input?: unknown }): string =>
    says(issue.input === undefined ? 'required' : key)

/** strictObject option: unknown fields are named in the message. */
const strict = {
  error: (issue: { code?: string; keys?: string[] }): string | undefined => {
    if (issue.code !== 'unrecognized_keys') return undefined
    const keys = issue.keys ?? []
    return says(keys.length > 1 ? 'unknownFields' : 'unknownField', {
      fields: keys.map((k) => `"${k}"`).join(', '),
    })
  },
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

const money = z.string({ error: requiredOr('money') }).refine(isPounds, { error: problem('money') })

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
    { error: (issue) => (issue.input === undefined ? says('required') : strict.error(issue)) },
  )
  .superRefine((v, ctx) => {
    if (v.grossWeekly === undefined && v.historicAnnual === undefined)
      ctx.addIssue({ code: 'custom', message: says('incomeEither') })
    if (v.grossWeekly !== undefined)
      for (const key of ['historicAnnual', 'currentAnnual', 'pensionContributionsAnnual'] as const)
        if (v[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: says('incomeNotBoth') })
  })
  // The refinement above guarantees one of the two shapes.
  .transform((v): IncomeRequest =>
    v.grossWeekly !== undefined ? { grossWeekly: v.grossWeekly } : (v as IncomeRequest),
  )

const child = z.strictObject(
  {
    nightsPerYear: z
      .number({ error: requiredOr('nights') })
      .int({ error: problem('nights') })
      .min(0, { error: problem('nights') })
      .max(366, { error: problem('nights') }),
  },
  strict,
)

const receivingParent = z.strictObject(
  {
    id: z.string({ error: requiredOr('text') }).min(1, { error: problem('notEmpty') }),
    children: z.array(child, { error: requiredOr('childrenList') }).min(1, { error: problem('childNeeded') }),
  },
  strict,
)

/** The JSON contract of `redress calc` (and the web journey): one calculation request. */
export const calcRequest = z.strictObject(
  {
    effectiveDate: z.string({ error: requiredOr('date') }).refine(isDate, { error: problem('realDate') }),
    income,
    benefit: z.enum(['none', 'flatRateBenefit', 'meansTested'], { error: requiredOr('benefit') }),
    nilRateCategory: z.boolean({ error: requiredOr('trueOrFalse') }),
    relevantOtherChildren: z
      .number({ error: requiredOr('count') })
      .int({ error: problem('count') })
      .min(0, { error: problem('count') }),
    receivingParents: z
      .array(receivingParent, { error: requiredOr('parentsList') })
      .min(1, { error: problem('parentNeeded') })
      .superRefine((list, ctx) => {
        const seen = new Set<string>()
        list.forEach((r, i) => {
          if (seen.has(r.id))
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: says('usedTwice', { id: r.id }) })
          seen.add(r.id)
        })
      }),
    variations: z
      .strictObject(
        { specialExpensesWeekly: money.optional(), additionalIncomeWeekly: money.optional() },
        strict,
      )
      .optional(),
    collection: z.enum(['direct', 'collectAndPay'], { error: problem('collection') }).optional(),
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

/** The comparison in JSON shape, its words (the domain's messages) put into `locale`. */
function comparisonJson(c: Comparison, locale: Locale = DEFAULT_LOCALE): ComparisonResponse {
  return {
    user: calculationJson(c.user, locale),
    cms: calculationJson(c.cms, locale),
    differences: c.differences.map((d) => ({
      input: d.input,
      field: d.field,
      cms: text(d.cms, {}, locale),
      user: text(d.user, {}, locale),
      weeklyWithOnlyThisChange: toDecimal(d.weeklyWithOnlyThisChange),
      effect: toDecimal(d.effect),
      text: text(d.text, {}, locale),
    })),
    combinedEffect: toDecimal(c.combinedEffect),
    combinedText: text(c.combinedText, {}, locale),
    ...(c.stated === undefined
      ? {}
      : {
          stated: {
            stated: toDecimal(c.stated.stated),
            engine: toDecimal(c.stated.engine),
            difference: toDecimal(c.stated.difference),
            verdict: c.stated.verdict,
            text: text(c.stated.text, {}, locale),
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
