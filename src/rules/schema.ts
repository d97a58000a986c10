import { z } from 'zod'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')

export const sourceSchema = z.strictObject({
  instrument: z.string().min(3),
  provision: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
})

export const periodSchema = z.strictObject({
  from: isoDate,
  /** Only the last in-force period may have `to`: the day the rule stopped applying. */
  to: isoDate.optional(),
  confidence: z.enum(['verified', 'secondary', 'unverified']),
  status: z.enum(['in-force', 'announced']).default('in-force'),
  source: sourceSchema.optional(),
  note: z.string().optional(),
  value: z.unknown().refine((v) => v !== undefined, 'every period needs a value'),
})

export const ruleFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be like "calculation.basic-rate"'),
  title: z.string().min(3),
  description: z.string().optional(),
  source: sourceSchema,
  periods: z.array(periodSchema).min(1),
})

export type RuleFile = z.infer<typeof ruleFileSchema>
