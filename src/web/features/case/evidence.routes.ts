import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  ACCEPTED_TYPES,
  CaseInputError,
  EVENT_TYPES,
  TYPES,
  type EvidenceRecord,
} from '../../../domain/case/index.ts'
import { InvalidInput } from '../../../domain/shared/errors.ts'
import { message } from '../../../domain/shared/message.ts'
import { paths } from '../../paths.ts'
import { recordParams } from './case.schema.ts'
import {
  dateValues,
  formView,
  one,
  readDate,
  readPosted,
  toErrors,
  type FieldError,
  type Posted,
} from './form.ts'
import { present } from './present.ts'
import {
  caseOf,
  caseRenderer,
  copy,
  fill,
  loadCaseFirst,
  pageNumber,
  pageWindow,
  listPaging,
  savedFlag,
  type CaseRoutesDeps,
} from './case-page.ts'
import { disposition, problemsOf, readMultipart } from './uploads.ts'
import { addressParams } from '../../params.ts'

const linkTarget = z
  .string()
  .regex(/^(decision|event):[0-9a-f-]{36}(:(evidence|letter|proof-of-postage|delivery-confirmation))?$/)
  .transform((s) => {
    const [type, id, role] = s.split(':') as ['decision' | 'event', string, string | undefined]
    return {
      type,
      id,
      role: (role ?? 'evidence') as 'evidence' | 'letter' | 'proof-of-postage' | 'delivery-confirmation',
    }
  })

/** How many timeline entries the "link it to" lists offer (the latest recorded). */
const LATEST_TARGETS = 200

const ACCEPT = Object.values(TYPES)
  .flatMap((t) => [...t.extensions, t.mediaType])
  .join(',')

/** Evidence: the list, uploading, one piece (its file, download, links) and amending its details. */
export const evidenceRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, { svc, who }) => {
  loadCaseFirst(app, svc, 'evidence')
  const page = caseRenderer('case')
  const maxText = present.bytes(svc.evidence.maxUploadBytes)

  app.get(paths.caseEvidenceList, async (request, reply) => {
    const caseId = caseOf(request).c.id
    const current = pageNumber(request.query)
    const { evidence, total } = await svc.cases.evidencePage(who, caseId, pageWindow(current))
    return page(request, reply, 'evidence-list.njk', copy('case.evidence.title'), {
      evidence,
      types: TYPES,
      ...listPaging(paths.caseEvidenceList, caseId, current, total),
    })
  })

  // What evidence can be linked to: every decision, and the timeline entries recorded last (a case
  // of thousands would otherwise send them all in one list); the one asked for is always there.
  const targets = async (caseId: string, selected: string | undefined) => {
    const [decisions, latest] = await Promise.all([
      svc.cases.list(who, caseId, 'decision'),
      svc.cases.latestEvents(who, caseId, EVENT_TYPES, LATEST_TARGETS),
    ])
    const wanted = /^event:([0-9a-f-]{36})/.exec(selected ?? '')?.[1]
    const extra =
      wanted && !latest.some((e) => e.id === wanted)
        ? await svc.cases.get(who, caseId, 'event', wanted).catch(() => null)
        : null
    const events = extra && extra.deletedAt === null ? [extra, ...latest] : latest
    const items = [
      { value: '', text: copy('case.form.none') },
      ...decisions.map((d) => ({
        value: `decision:${d.id}`,
        text: `${copy('case.evidence.decisionPrefix')} ${present.label('decisionKind', d.kind)}, ${present.date(d.letterDate)}`,
        selected: `decision:${d.id}` === selected,
      })),
      ...events.map((e) => ({
        value: `event:${e.id}`,
        text: `${present.date(e.occurredOn)}: ${e.title}`,
        selected:
          `event:${e.id}` === selected || `event:${e.id}` === selected?.split(':').slice(0, 2).join(':'),
      })),
    ]
    // When the list stops at the latest entries, say so and how to reach an older one.
    return { items, hint: latest.length >= LATEST_TARGETS ? copy('casePages.evidence.latestOnly') : null }
  }

  const uploadView = async (caseId: string, values: Posted, errors: FieldError[] = []) => ({
    form: formView(values, errors),
    errors,
    ...(await targets(caseId, values.linkTo).then((t) => ({ targets: t.items, targetsHint: t.hint }))),
    linkRole: values.linkTo?.split(':')[2] ?? '',
    maxText,
    accepted: copy(ACCEPTED_TYPES),
    accept: ACCEPT,
  })

  app.get(paths.caseEvidenceNew, async (request, reply) => {
    const query = readPosted(request.query)
    return page(
      request,
      reply,
      'evidence-upload.njk',
      copy('case.evidence.uploadTitle'),
      await uploadView(caseOf(request).c.id, { linkTo: one(query, 'linkTo') }),
    )
  })

  app.post(paths.caseEvidenceNew, async (request, reply) => {
    const caseId = caseOf(request).c.id
    const dateProblems = new Map<string, string>()
    const { fields, result, error } = await readMultipart(request, async (fileName, stream, f) => {
      const date = readDate(f, 'documentDate')
      if (date.problem) dateProblems.set('documentDate', date.problem)
      const link = one(f, 'linkTo') ? linkTarget.safeParse(one(f, 'linkTo')) : null
      if (link && !link.success) throw new InvalidInput('linkTo', message('platform.caseFile.chooseLink'))
      return svc.evidence.add(who, caseId, {
        fileName,
        content: stream,
        title: one(f, 'title'),
        description: one(f, 'description'),
        documentDate: date.text,
        tags: one(f, 'tags'),
        linkTo: link?.data ?? null,
      })
    })
    if (result && !error) {
      const back = one(fields, 'linkTo')
      const to = linkTarget.safeParse(back)
      const next =
        to.success && one(fields, 'return') === 'target'
          ? fill(to.data.type === 'decision' ? paths.caseDecision : paths.caseEvent, {
              caseId,
              id: to.data.id,
            })
          : `${fill(paths.caseEvidence, { caseId, id: result.id })}?saved=1`
      return reply.redirect(next, 303)
    }
    const problems = problemsOf(error)
    if (!problems) throw error
    const errors = toErrors(problems, new Set(['documentDate']), dateProblems)
    return page(
      request,
      reply,
      'evidence-upload.njk',
      copy('case.evidence.uploadTitle'),
      await uploadView(caseId, fields, errors),
      400,
    )
  })

  const showEvidence = async (
    request: FastifyRequest,
    reply: FastifyReply,
    e: EvidenceRecord,
    extra: Record<string, unknown> = {},
  ) => {
    const caseId = e.caseId
    const [linked, history] = await Promise.all([
      svc.cases.linked(who, caseId, 'evidence', e.id),
      svc.cases.history(who, caseId, 'evidence', e.id),
    ])
    return page(
      request,
      reply,
      'evidence.njk',
      e.title,
      {
        evidence: e,
        info: TYPES[e.mediaType],
        isImage: e.mediaType.startsWith('image/'),
        fileHref: fill(paths.caseEvidenceFile, { caseId, id: e.id }),
        downloadHref: fill(paths.caseEvidenceDownload, { caseId, id: e.id }),
        linked,
        history,
        ...(await targets(caseId, undefined).then((t) => ({ targets: t.items, targetsHint: t.hint }))),
        ...extra,
      },
      (extra.errors as unknown[] | undefined)?.length ? 400 : 200,
    )
  }

  app.get(paths.caseEvidence, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const e = await svc.cases.get(who, caseId, 'evidence', id)
    return showEvidence(request, reply, e, { saved: savedFlag(request) })
  })

  app.post(paths.caseEvidenceLink, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const e = await svc.cases.get(who, caseId, 'evidence', id)
    const posted = readPosted(request.body)
    const target = linkTarget.safeParse(one(posted, 'target'))
    try {
      if (!target.success)
        throw new CaseInputError([{ field: 'target', problem: message('case.evidence.chooseTarget') }])
      await svc.cases.link(who, caseId, id, target.data.type, target.data.id)
      return reply.redirect(`${fill(paths.caseEvidence, { caseId, id })}?saved=1`, 303)
    } catch (error) {
      if (!(error instanceof CaseInputError)) throw error
      const errors = toErrors(error.problems, new Set())
      return showEvidence(request, reply, e, { errors, form: formView(posted, errors) })
    }
  })

  app.get(paths.caseEvidenceFile, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const e = await svc.cases.get(who, caseId, 'evidence', id)
    const view = await svc.evidence.viewable(who, caseId, id)
    if (!view) return reply.redirect(fill(paths.caseEvidenceDownload, { caseId, id }), 303)
    return reply
      .type(view.mediaType)
      .header('content-disposition', disposition('inline', e.fileName))
      .send(view.body)
  })

  app.get(paths.caseEvidenceDownload, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const e = await svc.cases.get(who, caseId, 'evidence', id)
    const { stream, sizeBytes } = await svc.evidence.open(who, caseId, id)
    return reply
      .type(e.mediaType)
      .header('content-length', String(sizeBytes))
      .header('content-disposition', disposition('attachment', e.fileName))
      .send(stream)
  })

  app.get(paths.caseEvidenceEdit, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const e = await svc.cases.get(who, caseId, 'evidence', id)
    const values = {
      title: e.title,
      description: e.description ?? '',
      ...dateValues('documentDate', e.documentDate),
      tags: e.tags.join(', '),
      version: String(e.version),
    }
    return page(request, reply, 'evidence-form.njk', copy('case.evidence.editTitle'), {
      form: formView(values),
      editing: e,
    })
  })

  app.post(paths.caseEvidenceEdit, async (request, reply) => {
    const { caseId, id } = addressParams(recordParams, request)
    const e = await svc.cases.get(who, caseId, 'evidence', id)
    const posted = readPosted(request.body)
    const date = readDate(posted, 'documentDate')
    try {
      await svc.evidence.amend(
        who,
        caseId,
        id,
        {
          title: one(posted, 'title'),
          description: one(posted, 'description'),
          documentDate: date.text,
          tags: one(posted, 'tags'),
        },
        Number(one(posted, 'version')) || undefined,
      )
      return reply.redirect(`${fill(paths.caseEvidence, { caseId, id })}?saved=1`, 303)
    } catch (error) {
      const problems = problemsOf(error)
      if (!problems) throw error
      const errors = toErrors(
        problems,
        new Set(['documentDate']),
        new Map(date.problem ? [['documentDate', date.problem]] : []),
      )
      return page(
        request,
        reply,
        'evidence-form.njk',
        copy('case.evidence.editTitle'),
        { form: formView(posted, errors), errors, editing: e },
        400,
      )
    }
  })
}
