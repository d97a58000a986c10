import { expect } from 'vitest'
import { adviseRoutes } from '../../src/domain/remedies/advisor.ts'
import type { AdvisorContext } from '../../src/domain/remedies/context.ts'
import type { RouteId } from '../../src/domain/remedies/route.ts'
import { parseDate } from '../../src/domain/shared/plain-date.ts'
import { rules } from '../../src/rules/load.ts'
import { loadContacts } from '../../src/services/contacts.ts'
import {
  adviceInWords,
  realDeadlineFn,
  routeInputSchema,
  toProblemFacts,
  type AdviceInWords,
  type RouteInWords,
} from '../../src/services/route.service.ts'

/** Test support: advice from JSON-shaped facts (as `redress route` takes them), with the real engine. */

export const book = rules()
export const contacts = loadContacts()
export const deadline = realDeadlineFn(book)

export const ctxOn = (today: string): AdvisorContext => ({
  book,
  deadline,
  today: parseDate(today),
  contacts,
})

/** The advice as a person reads it (every message in words). */
export type Advice = AdviceInWords
export type Route = RouteInWords

export function advise(today: string, input: Record<string, unknown>): Advice {
  const parsed = routeInputSchema.parse(input)
  return adviceInWords(adviseRoutes(toProblemFacts(parsed), ctxOn(today)))
}

export function route(a: Advice, id: RouteId, nth = 0): Route {
  const found = a.routes.filter((r) => r.id === id)
  const r = found[nth]
  if (!r) throw new Error(`no route "${id}" in [${a.routes.map((x) => x.id).join(', ')}]`)
  return r
}

export const ids = (a: Advice): RouteId[] => a.routes.map((r) => r.id)

/** The first legal deadline of a route: [deadline, actBy] as ISO strings. */
export function dates(r: Route, kind?: string): { deadline: string; actBy: string; status: string } {
  const d = r.deadlines.find((x) => (kind ? x.kind === kind : !x.target))
  if (!d?.result) throw new Error(`route ${r.id} has no computed deadline${kind ? ` of kind ${kind}` : ''}`)
  return { deadline: d.result.deadline.toString(), actBy: d.result.actBy.toString(), status: d.status }
}

/** Every route's text in one string (for "never says X" checks). */
export const allText = (a: Advice): string =>
  a.routes
    .map((r) =>
      [
        r.title,
        r.whyItFits,
        ...r.gather,
        ...r.howToSend,
        r.whatHappensNext,
        ...r.cautions,
        r.noAppeal ?? '',
      ].join('\n'),
    )
    .join('\n')

export function expectRanked(a: Advice): void {
  expect(a.routes.map((r) => r.rank)).toEqual(a.routes.map((_, i) => i + 1))
  expect(a.help.notLegalAdvice).toMatch(/not legal advice/i)
  expect(a.help.organisations.length).toBeGreaterThan(0)
}
