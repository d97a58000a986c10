import type { FastifyPluginAsync } from 'fastify'
import { paths } from '../../paths.ts'
import { TASK_DATES, readTask, recordParams } from './case.schema.ts'
import { dateValues, formView, one, readPosted } from './form.ts'
import { recordPath } from './present.ts'
import {
  caseOf,
  caseRenderer,
  copy,
  saveOrShowErrors,
  fill,
  loadCaseFirst,
  pageNumber,
  pageWindow,
  pagination,
  savedFlag,
  showing,
  type CaseRoutesDeps,
} from './case-page.ts'
import { addressParams } from '../../params.ts'

/** Deadlines and tasks: the list, one task, adding, amending and ticking one off. */
export const tasksRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, { svc, who }) => {
  loadCaseFirst(app, svc, 'deadlines')
  const page = caseRenderer('case')

  // The open deadlines (soonest first) and the tasks done, each a page at a time: `?open=N` and
  // `?page=N` (the address of one list's page keeps the other's).
  app.get(paths.caseDeadlines, async (request, reply) => {
    const caseId = caseOf(request).c.id
    const current = pageNumber(request.query)
    const openPage = pageNumber({ page: (request.query as Record<string, unknown> | undefined)?.open })
    const [upcoming, done] = await Promise.all([
      svc.cases.deadlinesPage(who, caseId, pageWindow(openPage)),
      svc.cases.doneTasks(who, caseId, pageWindow(current)),
    ])
    const address = (open: number, done: number, anchor: string) => {
      const pairs: [string, string][] = []
      if (open > 1) pairs.push(['open', String(open)])
      if (done > 1) pairs.push(['page', String(done)])
      const search = new URLSearchParams(pairs).toString()
      return `${fill(paths.caseDeadlines, { caseId })}${search ? `?${search}` : ''}${anchor}`
    }
    const href = (n: number) => address(openPage, n, '#done')
    return page(request, reply, 'deadlines.njk', copy('case.deadlines.title'), {
      upcoming: upcoming.upcoming,
      upcomingShowing: showing(openPage, upcoming.total),
      upcomingPagination: pagination(openPage, upcoming.total, (n) => address(n, current, '#open')),
      done: done.tasks,
      doneShowing: showing(current, done.total),
      donePagination: pagination(current, done.total, href),
    })
  })

  app.get(paths.caseTaskNew, async (request, reply) =>
    page(request, reply, 'task-form.njk', copy('case.tasks.newTitle'), { form: formView({}) }),
  )

  app.post(paths.caseTaskNew, async (request, reply) => {
    const caseId = caseOf(request).c.id
    const posted = readPosted(request.body)
    const read = readTask(posted)
    return saveOrShowErrors(
      reply,
      async () => {
        const t = await svc.cases.addTask(who, caseId, read.input)
        return `${fill(paths.caseTask, { caseId, id: t.id })}?saved=1`
      },
      {
        read,
        dates: TASK_DATES,
        show: (errors) =>
          page(
            request,
            reply,
            'task-form.njk',
            copy('case.tasks.newTitle'),
            { form: formView(posted, errors), errors },
            400,
          ),
      },
    )
  })

  app.get(paths.caseTask, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const task = await svc.cases.get(who, caseId, 'task', id)
    const history = await svc.cases.history(who, caseId, 'task', id)
    const origin =
      task.originId && task.origin !== 'manual' ? recordPath(caseId, task.origin, task.originId) : null
    return page(request, reply, 'task.njk', task.title, { task, history, origin, saved: savedFlag(request) })
  })

  app.get(paths.caseTaskEdit, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const t = await svc.cases.get(who, caseId, 'task', id)
    const values = {
      title: t.title,
      ...dateValues('dueOn', t.dueOn),
      notes: t.notes ?? '',
      status: t.status,
      version: String(t.version),
    }
    return page(request, reply, 'task-form.njk', copy('case.tasks.editTitle'), {
      form: formView(values),
      editing: t,
    })
  })

  app.post(paths.caseTaskEdit, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const t = await svc.cases.get(who, caseId, 'task', id)
    const posted = readPosted(request.body)
    const read = readTask(posted)
    return saveOrShowErrors(
      reply,
      async () => {
        await svc.cases.amendTask(who, caseId, id, read.input, Number(one(posted, 'version')) || undefined)
        return `${fill(paths.caseTask, { caseId, id })}?saved=1`
      },
      {
        read,
        dates: TASK_DATES,
        show: (errors) =>
          page(
            request,
            reply,
            'task-form.njk',
            copy('case.tasks.editTitle'),
            { form: formView(posted, errors), errors, editing: t },
            400,
          ),
      },
    )
  })

  app.post(paths.caseTaskDone, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const posted = readPosted(request.body)
    await svc.cases.setTaskDone(who, caseId, id, one(posted, 'done') !== 'no')
    return reply.redirect(
      one(posted, 'back') === 'task'
        ? fill(paths.caseTask, { caseId, id })
        : fill(paths.caseDeadlines, { caseId }),
      303,
    )
  })
}
