import type { Locale } from '../../copy/translate.ts'
import type { PlainDate } from '../../domain/shared/plain-date.ts'
import type { Confidence } from '../../domain/shared/traced.ts'

/** Where a step's figure comes from, as shown to the reader. */
export interface WorkingsSource {
  readonly ruleId: string
  readonly ruleTitle: string
  readonly instrument: string
  readonly provision: string
  readonly url: string
  readonly confidence: Confidence
  /** "Verified", "Secondary source" or "Unverified", as the web page says it. */
  readonly confidenceLabel: string
  /** What that means, in a sentence. */
  readonly confidenceText: string
}

/** One step of the workings: what was done, the figure, and its source. */
export interface WorkingsStep {
  readonly text: string
  /** "£149.37" */
  readonly amount?: string
  /** "£149.3696": the exact figure before rounding. */
  readonly unrounded?: string
  readonly source: WorkingsSource
}

/** A figure the calculation used, on the user's side and (if compared) the CMS's. */
export interface WorkingsFigure {
  readonly label: string
  readonly yours: string
  readonly cms?: string
}

/** One input where the CMS's figures differ from the user's, and its effect on its own. */
export interface WorkingsDifference {
  readonly what: string
  readonly cms: string
  readonly user: string
  readonly effect: string
}

export interface WorkingsComparison {
  readonly differences: readonly WorkingsDifference[]
  /** Sentences: the combined effect, whether the CMS's stated amount matches its own figures. */
  readonly notes: readonly string[]
  readonly cmsSteps: readonly WorkingsStep[]
}

/**
 * A calculation's workings, ready to print and enclose with a mandatory reconsideration
 * request: the amount, the figures used, every step with its source, the comparison with the
 * CMS's figures and the points not confirmed. Plain data: the web journey builds it.
 */
export interface WorkingsDocument {
  /** The language to write it in (default English). */
  readonly locale?: Locale
  readonly preparedOn: PlainDate
  /** "the receiving parent", "the paying parent", "someone helping a parent" */
  readonly preparedBy: string
  readonly effectiveDate: PlainDate
  /** "£128.03" */
  readonly total: string
  /** Sentences under the amount: the rate, each receiving parent's share, fees. */
  readonly summary: readonly string[]
  readonly figures: readonly WorkingsFigure[]
  readonly steps: readonly WorkingsStep[]
  readonly comparison?: WorkingsComparison
  readonly assumptions: readonly string[]
}
