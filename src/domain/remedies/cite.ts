import type { Citation } from '../shared/traced.ts'
import type { AdvisorContext } from './context.ts'

/** Cites a remedies rule in force today (throws OutsideRuleCoverage if it has no period today). */
export const cite = (ctx: AdvisorContext, id: string, provision?: string): Citation =>
  ctx.book.at(id, ctx.today).cite(provision)
