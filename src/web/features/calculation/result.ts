import { formatPounds, parsePounds, pence, toDecimal, type Pence } from '../../../domain/shared/pence.ts'
import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import type { Confidence } from '../../../domain/shared/traced.ts'
import {
  calcRequest,
  cmsCalcRequest,
  compareCalculation,
  runCalculation,
  type CalcRequest,
  type CalcResponse,
  type ComparisonResponse,
  type StepJson,
} from '../../../services/calculation.service.ts'
import { translate } from '../../i18n.ts'
import type { Answers } from './answers.ts'
import { isoDate, parentId, toPence, type Side } from './calculation.schema.ts'
import { weeklyIncome, type WeeklyIncome } from './income.ts'
import { childLabels, effectiveDate, type Context } from './journey.ts'

const t = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(`calculation.${key}`, params))

/**
 * Differences of up to this many pence are put down to rounding: the same tolerance the domain's
 * comparison uses for the CMS's stated amount (the rounding rule, reg 6, is not confirmed).
 */
export const ROUNDING_PENCE = 2

export interface SourceView {
  readonly ruleId: string
  readonly ruleTitle: string
  readonly instrument: string
  readonly provision: string
  readonly url: string
  readonly confidence: Confidence
  /** "Verified", "Secondary source" or "Unverified": said plainly. */
  readonly confidenceLabel: string
  /** What that means, in a sentence. */
  readonly confidenceText: string
}

export interface StepView {
  readonly text: string
  /** "£149.37" */
  readonly amount?: string
  /** The exact figure before rounding, "£149.3696". */
  readonly unrounded?: string
  readonly source: SourceView
}

export interface DifferenceView {
  readonly what: string
  readonly cms: string
  readonly user: string
  /** "+£34.13 a week, to £116.19" */
  readonly effect: string
  readonly rounding: boolean
  readonly text: string
}

export interface ComparisonView {
  readonly userTotal: string
  readonly cmsTotal: string
  readonly combinedText: string
  readonly combinedRounding: boolean
  readonly same: boolean
  readonly differences: readonly DifferenceView[]
  readonly stated?: {
    readonly text: string
    readonly verdict: string
    readonly label: string
    readonly colour: string
  }
  readonly cmsWorkings: readonly StepView[]
}

export interface ParentAmountView {
  readonly label: string
  readonly weekly: string
  readonly pays: string
  readonly gets: string
}

/** Everything the result page and the workings PDF show. */
export interface ResultView {
  readonly effectiveDate: PlainDate
  readonly effectiveDateText: string
  readonly total: string
  readonly totalPence: Pence
  readonly rate: string
  readonly collection: 'direct' | 'collectAndPay' | 'unknown'
  readonly parents: readonly ParentAmountView[]
  /** What each would pay and get if the CMS collected (Collect and Pay), where that was not the answer given. */
  readonly parentsIfCollected: readonly ParentAmountView[] | null
  readonly workings: readonly StepView[]
  readonly comparison?: ComparisonView
  readonly assumptions: readonly string[]
}

/** A request for the calculation service from one side's answers, and how its income was made weekly. */
export interface SideRequest {
  readonly request: CalcRequest
  readonly income: WeeklyIncome
}

/** The calculation request for one side (the user's figures or the CMS's), checked by the service's schema. */
export function sideRequest(a: Answers, side: Side, ctx: Context): SideRequest {
  const on = effectiveDate(a, ctx)
  const s = a[side]
  if (!a.date || !a.parents || !s.income || !s.nights || !s.benefit || s.otherChildren === undefined)
    throw new Error(`The ${side} answers are not complete`)
  const income = weeklyIncome(ctx.book, on, toPence(s.income.amount), s.income.frequency)
  const extra = toPence(s.variations?.additionalIncome ?? '')
  const expenses = toPence(s.variations?.specialExpenses ?? '')
  const request = calcRequest.parse({
    effectiveDate: isoDate(a.date),
    income: { grossWeekly: toDecimal(income.weekly) },
    benefit: s.benefit === 'nilRate' ? 'none' : s.benefit,
    nilRateCategory: s.benefit === 'nilRate',
    relevantOtherChildren: Number(s.otherChildren),
    receivingParents: a.parents.map((row, i) => ({
      id: parentId(row, i),
      children: (s.nights?.[i] ?? []).map((n) => ({ nightsPerYear: Number(n) })),
    })),
    ...(extra > 0 || expenses > 0
      ? {
          variations: {
            additionalIncomeWeekly: toDecimal(extra),
            specialExpensesWeekly: toDecimal(expenses),
          },
        }
      : {}),
    ...(a.collection && a.collection !== 'unknown' ? { collection: a.collection } : {}),
  })
  return { request, income }
}

/** Pence from the service's decimal text, which may be negative ("-8.20"). */
const fromDecimal = (d: string): Pence =>
  d.startsWith('-') ? pence(-parsePounds(d.slice(1))) : parsePounds(d)

const money = (d: string): string => formatPounds(fromDecimal(d))

const signed = (d: string): string => {
  const p = fromDecimal(d)
  return p > 0 ? `+${formatPounds(p)}` : formatPounds(p)
}

const isRounding = (d: string): boolean => {
  const gap = Math.abs(fromDecimal(d))
  return gap > 0 && gap <= ROUNDING_PENCE
}

/** The workings with the income conversion (if any) put just before the income step. */
function withConversion(steps: readonly StepJson[], income: WeeklyIncome): StepJson[] {
  const out = [...steps]
  if (!income.step) return out
  const s = income.step
  const converted: StepJson = {
    key: s.key,
    text: s.text,
    amount: toDecimal(s.amount),
    ...(s.unrounded === undefined ? {} : { unrounded: s.unrounded }),
    cite: s.cite,
  }
  const at = out.findIndex((x) => x.key === 'income')
  out.splice(at < 0 ? 0 : at, 0, converted)
  return out
}

function stepView(step: StepJson, ctx: Context): StepView {
  const c = step.cite
  return {
    text: step.text,
    ...(step.amount === undefined ? {} : { amount: money(step.amount) }),
    ...(step.unrounded === undefined ? {} : { unrounded: `£${step.unrounded}` }),
    source: {
      ruleId: c.ruleId,
      ruleTitle: ctx.book.has(c.ruleId) ? ctx.book.rule(c.ruleId).title : c.ruleId,
      instrument: c.instrument,
      provision: c.provision,
      url: c.url,
      confidence: c.confidence,
      confidenceLabel: t(`confidenceTag.${c.confidence}`),
      confidenceText: t(`confidence.${c.confidence}`),
    },
  }
}

/** "Income", "Nights for child 1 of Amira", … for a difference the comparison found. */
function differenceLabel(a: Answers, input: string, field: string): string {
  const m = /^receivingParents\.(\d+)\.children\.(\d+)\.nightsPerYear$/.exec(field)
  if (input === 'nights' && m) {
    const label = childLabels(a, 'cms')[Number(m[1])]?.[Number(m[2])] ?? ''
    return t('result.inputs.nights', { child: label })
  }
  return t(`result.inputs.${input}`)
}

function parentsView(a: Answers, r: CalcResponse): ParentAmountView[] {
  return r.perReceivingParent.map((p, i) => ({
    label: a.parents?.[i]?.name.trim() || t('parentLetter', { letter: p.id }),
    weekly: money(p.weekly),
    pays: money(p.payerPaysWithFees),
    gets: money(p.receiverGetsAfterFees),
  }))
}

const unique = (xs: readonly string[]): string[] => [...new Set(xs)]

/** Runs the calculation (and the comparison, if the user gave the CMS's figures) and shapes it for display. */
export function buildResult(a: Answers, ctx: Context): ResultView {
  const yours = sideRequest(a, 'yours', ctx)
  let user: CalcResponse
  let comparison: ComparisonView | undefined
  let cmsAssumptions: readonly string[] = []
  if (a.compare === 'yes') {
    const theirs = sideRequest(a, 'cms', ctx)
    const stated = a.cms.stated === undefined ? {} : { statedWeekly: toDecimal(toPence(a.cms.stated)) }
    const c: ComparisonResponse = compareCalculation(
      ctx.book,
      yours.request,
      cmsCalcRequest.parse({ ...theirs.request, ...stated }),
    )
    user = c.user
    cmsAssumptions = [...c.cms.assumptions, ...(theirs.income.assumption ? [theirs.income.assumption] : [])]
    const verdictColour = { matches: 'green', rounding: 'grey', differs: 'red' } as const
    comparison = {
      userTotal: money(c.user.totalWeekly),
      cmsTotal: money(c.cms.totalWeekly),
      combinedText: c.combinedText,
      combinedRounding: isRounding(c.combinedEffect),
      same: c.differences.length === 0,
      differences: c.differences.map((d) => ({
        what: differenceLabel(a, d.input, d.field),
        cms: d.cms,
        user: d.user,
        effect:
          d.effect === '0.00'
            ? t('result.noEffect')
            : t('result.effect', { effect: signed(d.effect), weekly: money(d.weeklyWithOnlyThisChange) }),
        rounding: isRounding(d.effect),
        text: d.text,
      })),
      ...(c.stated
        ? {
            stated: {
              text: c.stated.text,
              verdict: c.stated.verdict,
              label: t(`result.verdict.${c.stated.verdict}`),
              colour: verdictColour[c.stated.verdict as keyof typeof verdictColour] ?? 'grey',
            },
          }
        : {}),
      cmsWorkings: withConversion(c.cms.steps, theirs.income).map((s) => stepView(s, ctx)),
    }
  } else {
    user = runCalculation(ctx.book, yours.request)
  }
  const on = effectiveDate(a, ctx)
  const ifCollected =
    a.collection === 'collectAndPay'
      ? null
      : parentsView(
          a,
          runCalculation(ctx.book, calcRequest.parse({ ...yours.request, collection: 'collectAndPay' })),
        )
  return {
    effectiveDate: on,
    parentsIfCollected: ifCollected,
    effectiveDateText: formatDate(on),
    total: money(user.totalWeekly),
    totalPence: parsePounds(user.totalWeekly),
    rate: t(`result.rate.${user.rate}`),
    collection: a.collection ?? 'unknown',
    parents: parentsView(a, user),
    workings: withConversion(user.steps, yours.income).map((s) => stepView(s, ctx)),
    ...(comparison ? { comparison } : {}),
    assumptions: unique([
      ...user.assumptions,
      ...(yours.income.assumption ? [yours.income.assumption] : []),
      ...cmsAssumptions,
    ]),
  }
}
