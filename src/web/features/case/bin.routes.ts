import type { FastifyPluginAsync } from 'fastify'
import { paths } from '../../paths.ts'
import { binParams } from './case.schema.ts'
import { one, readPosted } from './form.ts'
import { recordPath } from './present.ts'
import {
  caseOf,
  caseRenderer,
  copy,
  fill,
  loadCaseFirst,
  pageNumber,
  pageWindow,
  listPaging,
  type CaseRoutesDeps,
} from './case-page.ts'
import { addressParams } from '../../params.ts'

/** The bin: what is in it, moving something there, restoring it, and purging it for good. */
export const binRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, { svc, who }) => {
  loadCaseFirst(app, svc, 'bin')
  const page = caseRenderer('case')

  app.get(paths.caseBin, async (request, reply) => {
    const caseId = caseOf(request).c.id
    const current = pageNumber(request.query)
    const { binned, total } = await svc.cases.binnedPage(who, caseId, pageWindow(current))
    return page(request, reply, 'bin.njk', copy('case.bin.title'), {
      binned,
      ...listPaging(paths.caseBin, caseId, current, total),
    })
  })

  app.post(paths.caseBinMove, async (request, reply) => {
    const { caseId, entity, id } = addressParams(binParams, request)
    await svc.cases.bin(who, caseId, entity, id)
    return reply.redirect(
      entity === 'case' ? paths.cases : `${fill(paths.caseBin, { caseId })}?binned=1`,
      303,
    )
  })

  app.post(paths.caseBinRestore, async (request, reply) => {
    const { caseId, entity, id } = addressParams(binParams, request)
    await svc.cases.restore(who, caseId, entity, id)
    return reply.redirect(recordPath(caseId, entity, id), 303)
  })

  app.get(paths.caseBinPurge, async (request, reply) => {
    const { caseId, entity, id } = addressParams(binParams, request)
    const record = await svc.cases.get(who, caseId, entity, id)
    if (record.deletedAt === null) return reply.redirect(recordPath(caseId, entity, id), 303)
    return page(request, reply, 'purge.njk', copy('case.bin.purgeTitle'), {
      entity,
      record,
      title:
        entity === 'case'
          ? caseOf(request).c.title
          : ((record as { title?: string }).title ?? copy(`case.entities.${entity}`)),
    })
  })

  app.post(paths.caseBinPurge, async (request, reply) => {
    const { caseId, entity, id } = addressParams(binParams, request)
    const posted = readPosted(request.body)
    if (one(posted, 'confirm') !== 'yes')
      return reply.redirect(fill(paths.caseBinPurge, { caseId, entity, id }), 303)
    await svc.cases.purge(who, caseId, entity, id)
    return reply.redirect(entity === 'case' ? paths.cases : fill(paths.caseBin, { caseId }), 303)
  })
}
