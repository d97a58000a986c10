import { z } from 'zod'
import { parsePounds } from '../shared/pence.ts'
import { parseFraction, parsePercent } from '../shared/ratio.ts'
import type { Band, Percent } from './params.ts'

/*
 * The calculation rules' values as zod schemas, for the rule book's check at load
 * (src/rules/values.ts). The calculation reads its parameters with the plain readers in
 * ./params.ts (a quick command then never loads zod); params.test.ts checks that the two give the
 * same values for every period of every rule.
 */

const pounds = z.string().transform((s) => parsePounds(s, 'rule value'))
const percent = z.string().transform((s): Percent => ({ ratio: parsePercent(s), text: s }))
const byChildren = z.tuple([percent, percent, percent])
const byOtherChildren = z.tuple([percent, percent, percent, percent])
const nights = z.number().int().min(0).max(366)

/** Each calculation rule's value schema, by role (src/rules/values.ts checks every value with these at load). */
export const schemas = {
  scheme: z.object({ phase: z.string(), pathfinder: z.boolean() }),
  income: z
    .object({ 'annual-to-weekly': z.string(), 'current-income-difference': percent })
    .transform((v) => ({
      annualToWeekly: parseFraction(v['annual-to-weekly']),
      currentDifference: v['current-income-difference'],
    })),
  cap: z.object({ 'capped-amount': pounds }).transform((v) => v['capped-amount']),
  specialExpenses: z.object({ 'threshold-weekly': pounds }).transform((v) => v['threshold-weekly']),
  additionalIncome: z
    .object({ 'unearned-income-threshold-annual': pounds })
    .transform((v) => v['unearned-income-threshold-annual']),
  nil: z.object({ 'income-below': pounds }).transform((v) => v['income-below']),
  flat: z
    .object({ amount: pounds, 'income-up-to': pounds })
    .transform((v) => ({ amount: v.amount, incomeUpTo: v['income-up-to'] })),
  reduced: z
    .object({
      'income-above': pounds,
      'income-below': pounds,
      percentages: z.tuple([byOtherChildren, byOtherChildren, byOtherChildren]),
    })
    .transform((v) => ({
      incomeAbove: v['income-above'],
      incomeBelow: v['income-below'],
      table: v.percentages,
    })),
  basic: z
    .object({ threshold: pounds, 'up-to-threshold': byChildren, 'above-threshold': byChildren })
    .transform((v) => ({ threshold: v.threshold, upTo: v['up-to-threshold'], above: v['above-threshold'] })),
  otherChildren: z.object({ reductions: byChildren }).transform((v) => v.reductions),
  sharedCare: z
    .object({
      bands: z.array(
        z.object({ 'from-nights': nights, 'to-nights': nights.optional(), reduction: z.string() }),
      ),
    })
    .transform((v) =>
      v.bands.map((b): Band => ({
        fromNights: b['from-nights'],
        toNights: b['to-nights'] ?? null,
        reduction: parseFraction(b.reduction),
        text: b.reduction,
      })),
    ),
  sharedCareExtra: z
    .object({ 'from-nights': nights, 'per-child': pounds })
    .transform((v) => ({ fromNights: v['from-nights'], perChild: v['per-child'] })),
  sharedCareMinimum: z.object({ minimum: pounds }).transform((v) => v.minimum),
  sharedCareBenefits: z.object({ 'from-nights': nights }).transform((v) => v['from-nights']),
  collectionFees: z
    .object({ 'paying-parent': percent, 'receiving-parent': percent })
    .transform((v) => ({ payingParent: v['paying-parent'], receivingParent: v['receiving-parent'] })),
  applicationFee: z.object({ fee: pounds }).transform((v) => v.fee),
  defaultRate: z
    .object({
      amounts: z.tuple([pounds, pounds, pounds]),
      'gov-uk-states': z.tuple([z.string(), z.string(), z.string()]),
    })
    .transform((v) => ({ amounts: v.amounts, govUkStates: v['gov-uk-states'] })),
} as const
