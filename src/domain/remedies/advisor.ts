import { InvalidInput, domainProblem } from '../shared/errors.ts'
import { message } from '../shared/message.ts'
import { compareDates, formatLongDate, type PlainDate } from '../shared/plain-date.ts'
import type { AdvisorContext } from './context.ts'
import type { RouteDraft } from './draft.ts'
import type { Problem, ProblemFacts } from './facts.ts'
import { freeHelp } from './help.ts'
import type { Advice, Fit, Route } from './route.ts'
import { arrearsRoutes } from './routes/arrears.ts'
import { wrongCalculationRoutes } from './routes/calculation.ts'
import { callRoutes } from './routes/calls.ts'
import { changeRoutes } from './routes/change.ts'
import { poorServiceRoutes } from './routes/complaint.ts'
import { enforcementRoutes } from './routes/enforcement.ts'
import { legacyArrearsRoutes } from './routes/legacy.ts'
import { overpaymentRoutes } from './routes/overpayment.ts'
import { parentageRoutes } from './routes/parentage.ts'
import { specialExpensesRoutes, undeclaredIncomeRoutes } from './routes/variation.ts'
import { hasUnknownTimeLimit, urgentDate } from './timing.ts'

/** The routes that fit one problem, before ranking. */
export function routesFor(ctx: AdvisorContext, facts: ProblemFacts, p: Problem): RouteDraft[] {
  switch (p.kind) {
    case 'wrongCalculation':
      return wrongCalculationRoutes(ctx, facts, p)
    case 'changeOfCircumstances':
      return changeRoutes(ctx, facts, p)
    case 'undeclaredIncome':
      return undeclaredIncomeRoutes(ctx, facts, p)
    case 'specialExpenses':
      return specialExpensesRoutes(ctx, facts, p)
    case 'poorService':
      return poorServiceRoutes(ctx, facts, p)
    case 'arrearsWrong':
      return arrearsRoutes(ctx, facts, p)
    case 'enforcement':
      return enforcementRoutes(ctx, facts, p)
    case 'parentage':
      return parentageRoutes(ctx, facts, p)
    case 'overpayment':
      return overpaymentRoutes(ctx, facts, p)
    case 'legacyArrears':
      return legacyArrearsRoutes(ctx, facts, p)
  }
}

const FIT_WEIGHT: Record<Fit, number> = { main: 4, alongside: 3, support: 2, fallback: 1 }

interface Keyed {
  readonly route: Omit<Route, 'rank'>
  readonly group: number
  readonly date: PlainDate | null
  readonly order: number
}

/**
 * Ranking, in order: (1) routes with an open legal time limit, earliest act-by date first;
 * (2) routes with a time limit whose start date the parent does not know yet;
 * (3) everything else. Within a group, main before alongside before support before fallback,
 * then the order the problems were given. Fallbacks never jump the queue on a date.
 */
function rank(routes: readonly Omit<Route, 'rank'>[], today: PlainDate): Route[] {
  const keyed: Keyed[] = routes.map((route, order) => {
    const date = route.fit === 'fallback' ? null : urgentDate(route.deadlines, today)
    const group = date ? 0 : route.fit !== 'fallback' && hasUnknownTimeLimit(route.deadlines) ? 1 : 2
    return { route, group, date, order }
  })
  keyed.sort(
    (a, b) =>
      a.group - b.group ||
      (a.date && b.date ? compareDates(a.date, b.date) : 0) ||
      FIT_WEIGHT[b.route.fit] - FIT_WEIGHT[a.route.fit] ||
      a.order - b.order,
  )
  return keyed.map((k, i) => ({ ...k.route, rank: i + 1 }))
}

/**
 * The route advisor: every route that fits the parent's problems, ranked, each with its deadlines
 * (from the injected deadline engine), what to gather, how to send it, what happens next, the
 * letter it needs, and a plain "no appeal" statement wherever no appeal lies. Pure.
 */
export function adviseRoutes(facts: ProblemFacts, ctx: AdvisorContext): Advice {
  if (facts.problems.length === 0) throw new InvalidInput('problems', domainProblem('routeInput.noProblem'))
  const all: Omit<Route, 'rank'>[] = []
  facts.problems.forEach((p, i) => {
    for (const r of routesFor(ctx, facts, p)) all.push({ ...r, problem: i, problemKind: p.kind })
  })
  for (const r of callRoutes(ctx, facts)) all.push({ ...r, problem: null, problemKind: null })
  const routes = rank(all, ctx.today)

  const seen = new Set<string>()
  const noAppeal: Advice['noAppeal'][number][] = []
  for (const r of routes) {
    if (!r.noAppeal) continue
    const key = `${r.problem}|${JSON.stringify(r.noAppeal)}`
    if (seen.has(key)) continue
    seen.add(key)
    noAppeal.push({ route: r.id, problem: r.problem, text: r.noAppeal })
  }

  const assumptions = [
    message('remedies.advisor.assumption.today', { today: formatLongDate(ctx.today) }),
    message('remedies.advisor.assumption.letterDates'),
  ]
  if (facts.keepContactDetailsPrivate) assumptions.push(message('remedies.advisor.assumption.keepPrivate'))
  return { routes, noAppeal, help: freeHelp(facts.nation), assumptions }
}
