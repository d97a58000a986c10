import type { PlainDate } from './plain-date.ts'
import type { Pence } from './pence.ts'

/** How sure we are of a figure or fact: read in the legislation, from guidance or decisions, or not confirmed. */
export const CONFIDENCES = ['verified', 'secondary', 'unverified'] as const
export type Confidence = (typeof CONFIDENCES)[number]

export interface Source {
  readonly instrument: string
  readonly provision: string
  readonly url: string
}

/** Where a step's figure comes from: a rule id, its source, and how sure we are of it. */
export interface Citation extends Source {
  readonly ruleId: string
  readonly confidence: Confidence
}

/**
 * One step of a working: what was done, the figure it produced, in words, and why. `W` is how the
 * step is told: a `Message` (see ./message.ts) where the domain has moved its words to the locale
 * files (the deadlines), English text where it has not yet.
 */
export interface Step<W = string> {
  readonly key: string
  readonly text: W
  readonly amount?: Pence
  readonly date?: PlainDate
  /** The exact figure before rounding, where rounding happened (e.g. "575.342465…"). */
  readonly unrounded?: string
  readonly cite?: Citation
}

/**
 * A value together with the steps that produced it and any assumptions made on the way. `A` is how
 * an assumption is told: a `Message` (key and parameters, see ./message.ts) where the domain has
 * moved its words to the locale files (the calculation), English text where it has not yet.
 */
export interface Traced<T, A = string, W = string> {
  readonly value: T
  readonly steps: readonly Step<W>[]
  readonly assumptions: readonly A[]
}

export const traced = <T, A = string, W = string>(
  value: T,
  steps: readonly Step<W>[] = [],
  assumptions: readonly A[] = [],
): Traced<T, A, W> => ({
  value,
  steps,
  assumptions,
})

export const step = <W = string>(
  key: string,
  text: W,
  extra: Omit<Step<W>, 'key' | 'text'> = {},
): Step<W> => ({
  key,
  text,
  ...extra,
})
