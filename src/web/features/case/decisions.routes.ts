import type { FastifyPluginAsync } from 'fastify'
import { DECISION_KINDS, ENFORCEMENT_ACTIONS } from '../../../domain/case/index.ts'
import { paths } from '../../paths.ts'
import { DECISION_DATES, readDecision, recordParams } from './case.schema.ts'
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
  pageNumber,
  pageWindow,
  listPaging,
  savedFlag,
  type CaseRoutesDeps,
} from './case-page.ts'
import { addressParams } from '../../params.ts'

/** How many pieces of evidence a list to choose from offers (the latest recorded). */
export const LATEST_EVIDENCE = 200

/** Choices of evidence for a select, with "none" first. */
export const evidenceOptions = (
  list: readonly { id: string; title: string }[],
  selected: string | undefined,
) => [
  { value: '', text: copy('case.form.none') },
  ...list.map((e) => ({ value: e.id, text: e.title, selected: e.id === selected })),
]

/** The decisions of a case: the list, one decision, adding and amending. */
export const decisionsRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, { svc, who }) => {
  loadCaseFirst(app, svc, 'decisions')
  const page = caseRenderer('case')

  app.get(paths.caseDecisions, async (request, reply) => {
    const caseId = caseOf(request).c.id
    const current = pageNumber(request.query)
    const { decisions, total } = await svc.cases.decisionsPage(who, caseId, pageWindow(current))
    return page(request, reply, 'decisions.njk', copy('case.decisions.title'), {
      decisions,
      ...listPaging(paths.caseDecisions, caseId, current, total),
    })
  })

  const decisionFormView = async (caseId: string, values: Posted, errors: FieldError[] = []) => ({
    form: formView(values, errors),
    kinds: option('decisionKind', DECISION_KINDS, values.kind),
    enforcementActions: [
      { value: '', text: copy('case.decisions.form.enforcementNone') },
      ...option('enforcementAction', ENFORCEMENT_ACTIONS, values.enforcementAction),
    ],
    ...(await svc.evidence
      .latestChoices(who, caseId, LATEST_EVIDENCE, [values.letterEvidenceId])
      .then(({ choices, more }) => ({
        evidenceChoices: evidenceOptions(choices, values.letterEvidenceId),
        evidenceChoicesHint: more ? copy('casePages.evidence.latestEvidenceOnly') : null,
      }))),
    errors,
  })

  app.get(paths.caseDecisionNew, async (request, reply) =>
    page(
      request,
      reply,
      'decision-form.njk',
      copy('case.decisions.form.newTitle'),
      await decisionFormView(caseOf(request).c.id, {}),
    ),
  )

  app.post(paths.caseDecisionNew, async (request, reply) => {
    const caseId = caseOf(request).c.id
    const posted = readPosted(request.body)
    const read = readDecision(posted)
    return saveOrShowErrors(
      reply,
      async () => {
        const saved = await svc.cases.addDecision(who, caseId, read.input)
        return `${fill(paths.caseDecision, { caseId, id: saved.record.id })}?saved=1`
      },
      {
        read,
        dates: DECISION_DATES,
        show: async (errors) =>
          page(
            request,
            reply,
            'decision-form.njk',
            copy('case.decisions.form.newTitle'),
            await decisionFormView(caseId, posted, errors),
            400,
          ),
      },
    )
  })

  app.get(paths.caseDecision, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const decision = await svc.cases.get(who, caseId, 'decision', id)
    const [tasks, linked, history] = await Promise.all([
      svc.cases.tasksFrom(who, caseId, 'decision', id),
      svc.cases.linked(who, caseId, 'decision', id),
      svc.cases.history(who, caseId, 'decision', id),
    ])
    return page(
      request,
      reply,
      'decision.njk',
      copy('case.decisions.showTitle', { kind: present.label('decisionKind', decision.kind) }),
      { decision, tasks, linked, history, saved: savedFlag(request) },
    )
  })

  app.get(paths.caseDecisionEdit, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const d = await svc.cases.get(who, caseId, 'decision', id)
    const letter = (await svc.cases.linked(who, caseId, 'decision', id)).find((l) => l.link.role === 'letter')
    const values: Posted = {
      kind: d.kind,
      ...dateValues('letterDate', d.letterDate),
      ...dateValues('receivedDate', d.receivedDate),
      ...dateValues('effectiveDate', d.effectiveDate),
      summary: d.summary ?? '',
      weeklyAmount: present.pounds(d.weeklyAmountPence),
      weeklyIncome: present.pounds(d.weeklyIncomePence),
      nights: d.nights === null ? '' : String(d.nights),
      otherChildren: d.otherChildren === null ? '' : String(d.otherChildren),
      enforcementAction: d.enforcementAction ?? '',
      tags: d.tags.join(', '),
      letterEvidenceId: letter?.id ?? '',
      version: String(d.version),
    }
    return page(request, reply, 'decision-form.njk', copy('case.decisions.form.editTitle'), {
      ...(await decisionFormView(caseId, values)),
      editing: d,
    })
  })

  app.post(paths.caseDecisionEdit, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const d = await svc.cases.get(who, caseId, 'decision', id)
    const posted = readPosted(request.body)
    const read = readDecision(posted)
    return saveOrShowErrors(
      reply,
      async () => {
        await svc.cases.amendDecision(
          who,
          caseId,
          id,
          read.input,
          Number(one(posted, 'version')) || undefined,
        )
        return `${fill(paths.caseDecision, { caseId, id })}?saved=1`
      },
      {
        read,
        dates: DECISION_DATES,
        show: async (errors) =>
          page(
            request,
            reply,
            'decision-form.njk',
            copy('case.decisions.form.editTitle'),
            { ...(await decisionFormView(caseId, posted, errors)), editing: d },
            400,
          ),
      },
    )
  })
}
