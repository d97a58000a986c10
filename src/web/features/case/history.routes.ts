import type { FastifyPluginAsync } from 'fastify'
import type { Entity } from '../../../domain/case/index.ts'
import { paths } from '../../paths.ts'
import { recordPath } from './present.ts'
import {
  PAGE_SIZE,
  caseOf,
  caseRenderer,
  copy,
  loadCaseFirst,
  pageNumber,
  pageWindow,
  listPaging,
  type CaseRoutesDeps,
} from './case-page.ts'

/** The history of a case: every change, newest first, a page at a time. */
export const historyRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, { svc, who }) => {
  loadCaseFirst(app, svc, 'history')
  const page = caseRenderer('case')

  app.get(paths.caseHistory, async (request, reply) => {
    const caseId = caseOf(request).c.id
    const at = async (n: number) => svc.cases.auditPage(who, caseId, pageWindow(n))
    let current = pageNumber(request.query)
    let { entries, total } = await at(current)
    const last = Math.max(1, Math.ceil(total / PAGE_SIZE))
    if (current > last) {
      current = last
      ;({ entries, total } = await at(current))
    }
    return page(request, reply, 'history.njk', copy('case.history.title'), {
      audit: entries.map((a) => ({
        ...a,
        href: a.action === 'purge' ? null : recordPath(caseId, a.entity as Entity, a.entityId),
      })),
      ...listPaging(paths.caseHistory, caseId, current, total),
    })
  })
}
