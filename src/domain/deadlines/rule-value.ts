import { z } from 'zod'
import type { Confidence, Source } from '../shared/traced.ts'
import { parsePeriod, type Period } from './date-arithmetic.ts'
import type { DeadlineNature, MustBe, Nation } from './types.ts'
import { CONFIDENCES } from '../shared/traced.ts'

/** The shape of a time limit's `value` in rules/deadlines/*.yaml, checked when the engine reads it. */

const nation = z.enum(['england-and-wales', 'scotland', 'northern-ireland'])
const confidence = z.enum(CONFIDENCES)
const period = z.string().refine((t) => /^\d+ (day|days|month|months|working day|working days)$/.test(t), {
  // copy: not user-facing (read by whoever edits a rule file: the rule book is checked when it is built)
  message: 'must be a period like "30 days", "1 month" or "15 working days"',
})
const citable = {
  instrument: z.string().min(3),
  provision: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
  confidence,
}

const perNation = <T extends z.ZodType>(schema: T) =>
  z.strictObject({
    'england-and-wales': schema.optional(),
    scotland: schema.optional(),
    'northern-ireland': schema.optional(),
  })

const deadlineValueSchema = z.strictObject({
  nature: z.enum(['deadline', 'outer-limit', 'target', 'review-date', 'tracking']),
  trigger: z.string().min(3),
  period,
  'resident-abroad-period': period.optional(),
  'counted-from': z.enum(['sending', 'receipt', 'event']),
  'must-be': z.enum(['received', 'sent', 'made', 'done', 'none']),
  by: z.string().min(2),
  after: z.strictObject({ rule: z.string(), date: z.literal('unrolled-deadline') }).optional(),
  'working-days': z.literal('own-nation').optional(),
  nations: z.array(nation).min(1),
  'nation-sources': perNation(z.strictObject({ ...citable, by: z.string().optional() })).optional(),
  'not-covered': perNation(z.string()).optional(),
  'time-of-day': z.strictObject({ time: z.string().regex(/^\d\d:\d\d$/), ...citable }).optional(),
  'roll-forward': z
    .strictObject({
      applies: z.enum(['yes', 'uncertain']),
      calendar: z.enum(['england-and-wales', 'own-nation']),
      'also-show-own-nation': z.boolean().default(false),
      ...citable,
    })
    .optional(),
  'other-readings': z
    .array(z.strictObject({ key: z.string(), period, text: z.string(), ...citable }))
    .default([]),
  'outer-limit': z.string().optional(),
  assumptions: z.array(z.string()).default([]),
})

export interface CitableSource extends Source {
  readonly confidence: Confidence
}

export interface NationSource extends CitableSource {
  readonly by?: string
}

export interface OtherReading extends CitableSource {
  readonly key: string
  readonly period: Period
  readonly text: string
}

export interface RollForward extends CitableSource {
  /** `yes`: the rule moves the deadline; `uncertain`: shown as a later reading, never applied. */
  readonly applies: 'yes' | 'uncertain'
  readonly calendar: 'england-and-wales' | 'own-nation'
  readonly alsoShowOwnNation: boolean
}

/** A time limit, as the engine uses it. */
export interface DeadlineRuleValue {
  readonly nature: DeadlineNature
  readonly trigger: string
  readonly period: Period
  readonly residentAbroadPeriod: Period | null
  readonly countedFrom: 'sending' | 'receipt' | 'event'
  readonly mustBe: MustBe
  readonly by: string
  /** Counted from another rule's un-moved deadline instead of the trigger date. */
  readonly after: { readonly rule: string } | null
  readonly workingDays: 'own-nation' | null
  readonly nations: readonly Nation[]
  readonly nationSources: Partial<Record<Nation, NationSource>>
  readonly notCovered: Partial<Record<Nation, string>>
  readonly timeOfDay: (CitableSource & { readonly time: string }) | null
  readonly rollForward: RollForward | null
  readonly otherReadings: readonly OtherReading[]
  readonly outerLimit: string | null
  readonly assumptions: readonly string[]
}

const citableOf = (c: { instrument: string; provision: string; url: string; confidence: Confidence }) => ({
  instrument: c.instrument,
  provision: c.provision,
  url: c.url,
  confidence: c.confidence,
})

/** Reads a deadline rule's value; a malformed value is a bug in the rule file, reported with the rule id. */
export function deadlineValueParser(ruleId: string) {
  return (value: unknown): DeadlineRuleValue => {
    const parsed = deadlineValueSchema.safeParse(value)
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`)
      throw new Error(`${ruleId}: the rule's value is malformed (${issues.join('; ')})`)
    }
    const v = parsed.data
    const nationSources: Partial<Record<Nation, NationSource>> = {}
    for (const [n, s] of Object.entries(v['nation-sources'] ?? {})) {
      if (s) nationSources[n as Nation] = { ...citableOf(s), ...(s.by === undefined ? {} : { by: s.by }) }
    }
    const notCovered: Partial<Record<Nation, string>> = {}
    for (const [n, text] of Object.entries(v['not-covered'] ?? {})) if (text) notCovered[n as Nation] = text
    const roll = v['roll-forward']
    const time = v['time-of-day']
    return {
      nature: v.nature,
      trigger: v.trigger,
      period: parsePeriod(v.period),
      residentAbroadPeriod: v['resident-abroad-period'] ? parsePeriod(v['resident-abroad-period']) : null,
      countedFrom: v['counted-from'],
      mustBe: v['must-be'],
      by: v.by,
      after: v.after ? { rule: v.after.rule } : null,
      workingDays: v['working-days'] ?? null,
      nations: v.nations,
      nationSources,
      notCovered,
      timeOfDay: time ? { time: time.time, ...citableOf(time) } : null,
      rollForward: roll
        ? {
            applies: roll.applies,
            calendar: roll.calendar,
            alsoShowOwnNation: roll['also-show-own-nation'],
            ...citableOf(roll),
          }
        : null,
      otherReadings: v['other-readings'].map((r) => ({
        key: r.key,
        period: parsePeriod(r.period),
        text: r.text,
        ...citableOf(r),
      })),
      outerLimit: v['outer-limit'] ?? null,
      assumptions: v.assumptions,
    }
  }
}

const revisionGroundsSchema = z.strictObject({
  nations: z.array(nation).min(1),
  grounds: z.array(z.strictObject({ key: z.string(), provision: z.string(), text: z.string() })).min(1),
})

export interface RevisionGround {
  readonly key: string
  readonly provision: string
  readonly text: string
}

export function revisionGroundsParser(ruleId: string) {
  return (value: unknown): { nations: readonly Nation[]; grounds: readonly RevisionGround[] } => {
    const parsed = revisionGroundsSchema.safeParse(value)
    if (!parsed.success) throw new Error(`${ruleId}: the rule's value is malformed`)
    return parsed.data
  }
}

const deemedDeliverySchema = z.strictObject({ 'first-class': period, 'second-class': period })

export function deemedDeliveryParser(ruleId: string) {
  return (value: unknown): { firstClass: Period; secondClass: Period } => {
    const parsed = deemedDeliverySchema.safeParse(value)
    if (!parsed.success) throw new Error(`${ruleId}: the rule's value is malformed`)
    return {
      firstClass: parsePeriod(parsed.data['first-class']),
      secondClass: parsePeriod(parsed.data['second-class']),
    }
  }
}
