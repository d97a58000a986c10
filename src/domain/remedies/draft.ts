import type { Route } from './route.ts'

/** A route before ranking and before the advisor records which problem it answers. */
export type RouteDraft = Omit<Route, 'rank' | 'problem' | 'problemKind'>

type Required = Pick<RouteDraft, 'id' | 'fit' | 'title' | 'whyItFits' | 'whatHappensNext'>

/** Fills the optional parts of a route with empty values. */
export const draft = (r: Required & Partial<RouteDraft>): RouteDraft => ({
  deadlines: [],
  gather: [],
  howToSend: [],
  letterKind: null,
  noAppeal: null,
  cautions: [],
  citations: [],
  effect: null,
  ...r,
})
