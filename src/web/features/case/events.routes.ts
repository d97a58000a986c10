import type { FastifyPluginAsync } from 'fastify'
import type { EventType } from '../../../domain/case/index.ts'
import { paths } from '../../paths.ts'
import { EVENT_DATES, formFor, readEvent, recordParams } from './case.schema.ts'
import { one, readPosted } from './form.ts'
import {
  caseRenderer,
  fill,
  loadCaseFirst,
  savedFlag,
  saveOrShowErrors,
  type CaseRoutesDeps,
} from './case-page.ts'
import { eventForms, templateFor, titleFor } from './event-form.ts'
import { addressParams } from '../../params.ts'

/** The timeline's events (calls and letters included): one event, recording one, amending one. */
export const eventsRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, deps) => {
  const { svc, who } = deps
  loadCaseFirst(app, svc, 'timeline')
  const page = caseRenderer('case')
  const { eventFormView, eventValues, newEventRoute } = eventForms(deps)

  newEventRoute(app, paths.caseEventNew, 'event')

  app.get(paths.caseEvent, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const event = await svc.cases.get(who, caseId, 'event', id)
    const [tasks, linked, history] = await Promise.all([
      svc.cases.tasksFrom(who, caseId, 'event', id),
      svc.cases.linked(who, caseId, 'event', id),
      svc.cases.history(who, caseId, 'event', id),
    ])
    return page(request, reply, 'event.njk', event.title, {
      event,
      tasks,
      linked,
      images: linked.filter((l) => l.type === 'evidence'),
      history,
      saved: savedFlag(request),
    })
  })

  app.get(paths.caseEventEdit, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const e = await svc.cases.get(who, caseId, 'event', id)
    const kind = formFor(e.type)
    return page(request, reply, templateFor[kind], titleFor(kind, e.type, true), {
      ...(await eventFormView(caseId, kind, await eventValues(caseId, e))),
      editing: e,
    })
  })

  app.post(paths.caseEventEdit, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const e = await svc.cases.get(who, caseId, 'event', id)
    const kind = formFor(e.type)
    const posted = readPosted(request.body)
    const type = kind === 'event' ? (one(posted, 'type') as EventType) : e.type
    const read = readEvent(posted, type)
    return saveOrShowErrors(
      reply,
      async () => {
        await svc.cases.amendEvent(who, caseId, id, read.input, Number(one(posted, 'version')) || undefined)
        return `${fill(paths.caseEvent, { caseId, id })}?saved=1`
      },
      {
        read,
        dates: EVENT_DATES,
        show: async (errors) =>
          page(
            request,
            reply,
            templateFor[kind],
            titleFor(kind, e.type, true),
            { ...(await eventFormView(caseId, kind, { ...posted, type }, errors)), editing: e },
            400,
          ),
      },
    )
  })
}
