import type { FastifyPluginAsync } from 'fastify'
import { CASE_NATIONS, type CaseRecord } from '../../../domain/case/index.ts'
import { paths } from '../../paths.ts'
import { CASE_DATES, MAX_CHILD_ROWS, childRows, readCase } from './case.schema.ts'
import { dateValues, formView, one, readPosted, type FieldError, type Posted } from './form.ts'
import { present } from './present.ts'
import {
  caseOf,
  caseRenderer,
  copy,
  saveOrShowErrors,
  fill,
  loadCaseFirst,
  option,
  sendKept,
  type CaseRoutesDeps,
} from './case-page.ts'

/** Your cases, a new case, a case's details and its overview. */
export const casesRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, { svc, who }) => {
  loadCaseFirst(app, svc, 'overview')
  const page = caseRenderer('case')

  app.get(paths.cases, async (request, reply) => {
    const version = await svc.cases.casesVersion(who)
    if (sendKept(request, reply, svc.kept, `cases:${who.ownerId}`, version, svc.cases.today().toString()))
      return reply
    const [live, binned] = await Promise.all([svc.cases.listCases(who), svc.cases.listCases(who, 'binned')])
    return page(request, reply, 'cases.njk', copy('case.list.title'), { cases: live, binned })
  })

  const caseFormView = (values: Posted, errors: FieldError[] = []) => {
    const rows = childRows(values)
    return {
      form: formView(values, errors),
      childRows: Array.from({ length: rows }, (_, i) => i),
      canAddChild: rows < MAX_CHILD_ROWS,
      nations: option('nation', CASE_NATIONS, values.nation),
      roles: option('role', ['receiving', 'paying'], values.role),
    }
  }

  app.get(paths.caseNew, (request, reply) =>
    page(request, reply, 'case-form.njk', copy('case.form.newTitle'), caseFormView({})),
  )

  app.post(paths.caseNew, async (request, reply) => {
    const posted = readPosted(request.body)
    if (one(posted, 'action') === 'add-child')
      return page(request, reply, 'case-form.njk', copy('case.form.newTitle'), caseFormView(posted))
    const read = readCase(posted)
    return saveOrShowErrors(
      reply,
      async () => fill(paths.case, { caseId: (await svc.cases.createCase(who, read.input)).id }),
      {
        read,
        dates: CASE_DATES,
        show: (errors) =>
          page(
            request,
            reply,
            'case-form.njk',
            copy('case.form.newTitle'),
            { ...caseFormView(posted, errors), errors },
            400,
          ),
      },
    )
  })

  const caseValues = (c: CaseRecord): Posted => {
    const v: Record<string, string> = {
      title: c.title,
      nation: c.nation,
      role: c.role,
      cmsReference: c.cmsReference ? present.reference(c.cmsReference) : '',
      yourName: c.yourName ?? '',
      yourAddress: c.yourAddress ?? '',
      'otherParent-name': c.otherParent.name ?? '',
      'otherParent-address': c.otherParent.address ?? '',
      'otherParent-postcode': c.otherParent.postcode ?? '',
      'otherParent-phone': c.otherParent.phone ?? '',
      'otherParent-email': c.otherParent.email ?? '',
      notes: c.notes ?? '',
      version: String(c.version),
      childRows: String(c.children.length + 1),
    }
    c.children.forEach((child, i) => {
      v[`children-${i}-name`] = child.name
      Object.assign(v, dateValues(`children-${i}-dateOfBirth`, child.dateOfBirth))
    })
    return v
  }

  app.get(paths.caseEdit, async (request, reply) =>
    page(request, reply, 'case-edit.njk', copy('case.form.editTitle'), {
      ...caseFormView(caseValues(caseOf(request).c)),
      editing: true,
    }),
  )

  app.post(paths.caseEdit, async (request, reply) => {
    const { c } = caseOf(request)
    const posted = readPosted(request.body)
    const view = (errors: FieldError[] = []) => ({ ...caseFormView(posted, errors), editing: true, errors })
    if (one(posted, 'action') === 'add-child')
      return page(request, reply, 'case-edit.njk', copy('case.form.editTitle'), view())
    const read = readCase(posted)
    return saveOrShowErrors(
      reply,
      async () => {
        await svc.cases.amendCase(who, c.id, read.input, Number(one(posted, 'version')) || undefined)
        return fill(paths.case, { caseId: c.id })
      },
      {
        read,
        dates: CASE_DATES,
        show: (errors) =>
          page(request, reply, 'case-edit.njk', copy('case.form.editTitle'), view(errors), 400),
      },
    )
  })

  // The overview
  app.get(paths.case, async (request, reply) => {
    const { c } = caseOf(request)
    const dash = await svc.cases.dashboard(who, c.id)
    const imported = (request.query as Record<string, string>).imported
    return page(request, reply, 'dashboard.njk', c.title, {
      dash,
      imported: imported === 'copy' || imported === '1' ? imported : null,
    })
  })
}
