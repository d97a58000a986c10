import { z } from 'zod'
import type { Nation as DeadlineNation } from '../deadlines/types.ts'
import { parsePounds, type Pence } from '../shared/pence.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { RuleAt, RuleBook } from '../shared/rule-book.ts'

/** Typed readers for the remedies rules in rules/remedies/ (each checks the shape of its value). */

const read =
  <S extends z.ZodType>(id: string, schema: S) =>
  (book: RuleBook, on: PlainDate): RuleAt<z.infer<S>> =>
    book.at(id, on, (v) => {
      const parsed = schema.safeParse(v)
      if (!parsed.success) throw new Error(`Rule ${id} has an unexpected value: ${parsed.error.message}`)
      return parsed.data
    })

const byDivision = z.object({
  'england-and-wales': z.string(),
  scotland: z.string(),
  'northern-ireland': z.string(),
})

export const DUTY_IDS = [
  'address',
  'overnight-care',
  'main-carer',
  'child-leaves-education',
  'child-turns-20',
  'child-adopted-or-in-care',
  'leaves-uk',
  'death',
  'child-added',
  'payment-or-contact-details',
  'missed-or-voluntary-payments',
  'income-change',
  'work-or-benefits',
  'job-change-with-earnings-order',
  'contact-costs',
] as const
export type DutyId = (typeof DUTY_IDS)[number]

export const reportingDutiesRule = read(
  'remedies.reporting-duties',
  z.array(
    z.object({
      id: z.enum(DUTY_IDS),
      who: z.enum(['either', 'paying', 'receiving']),
      within: z.string().optional(),
      offence: z.boolean().optional(),
      provision: z.string(),
    }),
  ),
)

export const reportingOffenceRule = read(
  'remedies.reporting-offence',
  z.object({ 'maximum-fine': z.string(), 'prosecution-time-limit': z.string() }),
)

export const BACKDATED_CATEGORIES = [
  'child-stops-qualifying',
  'person-with-care-stops',
  'leaves-uk',
  'flat-rate-benefit',
  'reportable-income-increase',
] as const
export type BackdatedCategory = (typeof BACKDATED_CATEGORIES)[number]

const provision = z.object({ provision: z.string() })
export const effectiveDatesRule = read(
  'remedies.supersession-effective-dates',
  z.object({
    backdated: z.array(z.object({ id: z.enum(BACKDATED_CATEGORIES), provision: z.string() })),
    expected: provision,
    'new-qualifying-child': provision,
    default: provision,
  }),
)

/** Grounds for revision at any time, as keyed in rules/deadlines/any-time-revision-grounds.yaml. */
export type AnyTimeGround = 'misrepresentation' | 'official-error' | 'not-a-parent'

export const lateRevisionRule = read(
  'remedies.late-revision',
  z.object({
    'outer-limit': z.string(),
    'reasons-that-can-count': z.array(z.string()),
    'reasons-that-never-count': z.array(z.string()),
  }),
)

const appealValue = z.object({
  body: z.string(),
  form: z.string().nullable(),
  'reconsideration-first': z.boolean(),
})
export const appealGbRule = read('remedies.appeal-gb', appealValue)
export const appealNiRule = read('remedies.appeal-ni', appealValue)

export const noRightOfAppealRule = read('remedies.no-right-of-appeal', z.array(z.string()))

export const deductionOrderAppealRule = read(
  'remedies.deduction-order-appeal',
  z.object({
    grounds: z.array(z.enum(['order-defective', 'not-earnings'])),
    court: byDivision,
    'calculation-can-be-questioned': z.literal(false),
    'good-reason-exclusion': z.object({ provision: z.string(), 'decision-provision': z.string() }),
  }),
)

export const liabilityOrderRule = read(
  'remedies.liability-order',
  z.object({ court: byDivision, 'calculation-can-be-questioned': z.literal(false) }),
)

export const parentageRule = read(
  'remedies.parentage',
  z.object({
    'assumed-if': z.array(z.string()),
    'keep-paying-while-disputed': z.boolean(),
    'refund-from': z.string(),
    'decided-by': z.string(),
  }),
)

export const complaintLadderRule = read(
  'remedies.complaint-ladder',
  z.object({
    steps: z.array(z.string()),
    'northern-ireland-steps': z.array(z.string()),
    'ice-needs-final-response': z.boolean(),
    'ombudsman-needs-mp-referral': z.boolean(),
    'northern-ireland-ombudsman-needs-mp-referral': z.boolean(),
  }),
)

export const compensationRule = read(
  'remedies.compensation',
  z.object({ categories: z.array(z.string()), 'legal-right': z.boolean() }),
)

const variationValue = z.object({
  'special-expenses': z.array(z.string()),
  'additional-income': z.array(z.string()),
  'unearned-income-threshold': z.string(),
  'preliminary-rejection': z.object({
    provision: z.string(),
    'benefit-rate': z.string(),
  }),
})
const variationRuleRaw = read('remedies.variation-grounds', variationValue)
export const variationGroundsRule = (
  book: RuleBook,
  on: PlainDate,
): { at: RuleAt<z.infer<typeof variationValue>>; unearnedThreshold: Pence } => {
  const at = variationRuleRaw(book, on)
  return {
    at,
    unearnedThreshold: parsePounds(at.value['unearned-income-threshold'], 'unearned-income-threshold'),
  }
}

export const overpaymentsRule = read(
  'remedies.overpayments',
  z.object({ 'usual-fix': z.string(), reimbursement: z.string() }),
)

/** The special-expenses threshold (calculation.special-expenses, reg 68), as a weekly amount. */
export const specialExpensesThreshold = (
  book: RuleBook,
  on: PlainDate,
): { at: RuleAt<unknown>; weekly: Pence } => {
  const at = book.at('calculation.special-expenses', on)
  const v = z.object({ 'threshold-weekly': z.string() }).parse(at.value)
  return { at, weekly: parsePounds(v['threshold-weekly'], 'threshold-weekly') }
}

export const subjectAccessRule = read(
  'remedies.subject-access',
  z.object({ 'response-time': z.string(), fee: z.string() }),
)

export const legacyArrearsRule = read('remedies.legacy-arrears', z.object({ appealable: z.literal(false) }))

export const courtFor = (courts: z.infer<typeof byDivision>, division: DeadlineNation): string =>
  courts[division]

/** "7 days" -> 7; refuses anything else. */
export function parseDays(text: string, field: string): number {
  const m = /^(\d{1,3}) days?$/.exec(text.trim())
  if (!m) throw new Error(`${field}: "${text}" is not a number of days`)
  return Number(m[1])
}
