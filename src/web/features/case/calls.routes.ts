import type { FastifyPluginAsync } from 'fastify'
import { paths } from '../../paths.ts'
import { recordParams } from './case.schema.ts'
import { caseRenderer, copy, fill, loadCaseFirst, type CaseRoutesDeps } from './case-page.ts'
import { eventForms } from './event-form.ts'
import { addressParams } from '../../params.ts'

/** Calls: logging one, and the page after it that offers to confirm the call in writing. */
export const callsRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, deps) => {
  const { svc, who } = deps
  loadCaseFirst(app, svc, 'timeline')
  const page = caseRenderer('case')
  eventForms(deps).newEventRoute(app, paths.caseCallNew, 'call')

  app.get(paths.caseCallConfirm, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const event = await svc.cases.get(who, caseId, 'event', id)
    if (event.type !== 'call') return reply.redirect(fill(paths.caseEvent, { caseId, id }), 303)
    const tasks = await svc.cases.tasksFrom(who, caseId, 'event', id)
    // The letters feature writes the confirmation letter; link to it when it is installed.
    const letterPath = (paths as Record<string, string>).letterCallConfirmation
    return page(request, reply, 'call-confirm.njk', copy('case.calls.confirm.title'), {
      event,
      tasks,
      letterHref: letterPath ? `${fill(letterPath, { caseId, id })}` : null,
      recordHref: `${fill(paths.caseLetterNew, { caseId })}?direction=sent&confirms=${id}`,
    })
  })
}
