import { z } from 'zod'
import { CONFIDENCES } from '../domain/shared/traced.ts'
import { says } from './says.ts'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, says('isoDate'))

export const sourceSchema = z.strictObject({
  instrument: z.string().min(3),
  provision: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
})

export const periodSchema = z.strictObject({
  /**
   * The first day of the period. `unknown` is allowed only for a change that is not in force
   * (`announced`, or `enacted` but not commenced): its date has not been set, and no placeholder is used.
   */
  from: z.union([isoDate, z.literal('unknown')]),
  /** Only the last in-force period may have `to`: the day the rule stopped applying. */
  to: isoDate.optional(),
  confidence: z.enum(CONFIDENCES),
  /**
   * `in-force` (default): the law on those dates. `announced`: a policy announced but not made law.
   * `enacted`: made law but not yet commenced. Both of the last two are recorded and shown, never applied.
   */
  status: z.enum(['in-force', 'announced', 'enacted']).default('in-force'),
  source: sourceSchema.optional(),
  note: z.string().optional(),
  value: z.unknown().refine((v) => v !== undefined, says('needsValue')),
})

export const ruleFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, says('idShape')),
  title: z.string().min(3),
  description: z.string().optional(),
  source: sourceSchema,
  /** The day someone last compared this rule with its sources (`redress rules --stale` lists old ones). */
  checked: z.string(says('needsChecked')).regex(/^\d{4}-\d{2}-\d{2}$/, says('isoDate')),
  periods: z.array(periodSchema).min(1),
})

export type RuleFile = z.infer<typeof ruleFileSchema>
