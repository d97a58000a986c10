import { readFileSync } from 'node:fs'
import { ZodError } from 'zod'
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import {
  CaseInputError,
  DECISION_KINDS,
  ENFORCEMENT_ACTIONS,
  LETTER_METHODS,
  LETTER_SUBJECTS,
  LOCAL_OWNER,
  NotFound,
  StaleVersion,
  TYPES,
  ACCEPTED_TYPES_TEXT,
  type Actor,
  type Entity,
  type EventRecord,
  type EventType,
} from '../../../domain/case/index.ts'
import { DomainError } from '../../../domain/shared/errors.ts'
import { parseDate } from '../../../domain/shared/plain-date.ts'
import type { CaseServices } from '../../../services/case-services.ts'
import type { FeatureOptions } from '../feature.ts'
import { translate } from '../../i18n.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import {
  ACTION_ROWS,
  CASE_DATES,
  DECISION_DATES,
  EVENT_DATES,
  MAX_CHILD_ROWS,
  OTHER_EVENT_TYPES,
  TASK_DATES,
  binParams,
  childRows,
  formFor,
  params,
  readCase,
  readDecision,
  readEvent,
  readTask,
  recordParams,
  timelineQuery,
  type Read,
} from './case.schema.ts'
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
import { present, recordPath } from './present.ts'
import { registerEvidenceRoutes } from './evidence.routes.ts'
import { fromRoot } from '../../../root.ts'
import { ASKED_ON_CALL } from '../../../services/letter.service.ts'

/** The person using this install, through the web (accounts come later; rows already carry an owner). */
export const WEB_ACTOR: Actor = { ownerId: LOCAL_OWNER, name: 'you (web)' }

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

/** A path from its pattern in paths.ts: fill('/cases/:caseId', { caseId }) → "/cases/…". */
export const fill = (pattern: string, values: Record<string, string>): string =>
  pattern.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(values[k] ?? ''))

export interface CaseContext {
  readonly app: FastifyInstance
  readonly svc: CaseServices
  readonly who: Actor
  render(
    reply: FastifyReply,
    template: string,
    title: string,
    context?: Record<string, unknown>,
    status?: number,
  ): FastifyReply
  caseOr404<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | FastifyReply>
}

const option = (group: string, values: readonly string[], selected: string | null | undefined) =>
  values.map((v) => ({
    value: v,
    text: copy(`case.labels.${group}.${v}`),
    selected: v === selected,
    checked: v === selected,
  }))

/** Problems from the services (or the parts of a date typed wrongly) as the error summary. */
function errorsFrom(
  error: unknown,
  read: Read<unknown> | null,
  dates: ReadonlySet<string>,
): FieldError[] | null {
  if (error instanceof StaleVersion) return [{ text: error.message, href: '#main-content' }]
  if (!(error instanceof CaseInputError)) return null
  return toErrors(error.problems, dates, read?.dateProblems)
}

export const caseRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services }) => {
  const svc = services.caseFile
  if (!svc) return // the case file needs its services (the shell tests run without them)
  const who = WEB_ACTOR
  // Uploads are read to the end (up to the import cap) so a file over its limit is refused with
  // its real size; what is kept on disk never passes the limit (see EvidenceFiles.stage).
  const readLimit = Math.max(svc.evidence.maxUploadBytes, svc.caseArchive.maxTotalBytes) + 1
  await app.register(multipart, {
    limits: { fileSize: readLimit, files: 1, fields: 40, fieldSize: 100_000 },
    throwFileSizeLimit: false,
    // Keep the name as sent, so a name with a path in it is refused with a message rather than quietly cut.
    preservePath: true,
  } as Parameters<typeof multipart>[1])
  // A malformed id in the address is a page that does not exist.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ZodError) {
      reply.callNotFound()
      return reply
    }
    throw error
  })

  const render = (
    reply: FastifyReply,
    template: string,
    title: string,
    context: Record<string, unknown> = {},
    status = 200,
  ) =>
    reply.code(status).view(`case/${template}`, {
      pageTitle: title,
      navigation: navigation(paths.cases),
      fmt: present,
      paths,
      ...context,
    })

  const caseOr404 = async <T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | FastifyReply> => {
    try {
      return await fn()
    } catch (error) {
      if (error instanceof NotFound) {
        reply.callNotFound()
        return reply
      }
      throw error
    }
  }
  const ctx: CaseContext = { app, svc, who, render, caseOr404 }
  const isReply = (x: unknown): x is FastifyReply =>
    typeof x === 'object' && x !== null && 'sent' in x && 'code' in x

  /** The parts of a case page: the case, its side navigation and where we are. */
  const caseShell = async (caseId: string, current: string) => {
    const c = await svc.cases.getCase(who, caseId)
    const items = [
      ['overview', paths.case],
      ['decisions', paths.caseDecisions],
      ['timeline', paths.caseTimeline],
      ['deadlines', paths.caseDeadlines],
      ['evidence', paths.caseEvidenceList],
      ['letters', paths.caseLetters],
      ['arrears', paths.arrearsInCase],
      ['history', paths.caseHistory],
      ['bin', paths.caseBin],
      ['export', paths.caseExport],
    ].map(([key, pattern]) => ({
      key,
      href: fill(pattern!, { caseId }),
      // "Check your arrears" keeps its copy in its own locale file.
      text: copy(key === 'arrears' ? 'arrears.nav' : `case.nav.${key}`),
      current: key === current,
    }))
    return { c, caseNav: items }
  }

  // Upload progress script (progressive enhancement; the forms work without it).
  const uploadScript = readFileSync(fromRoot('src/web/features/case/upload.js'), 'utf8')
  app.get(paths.caseUploadScript, (request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(uploadScript),
  )
  const styles = readFileSync(fromRoot('src/web/features/case/case.css'), 'utf8')
  app.get(paths.caseStyles, (request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(styles),
  )

  // Your cases

  app.get(paths.cases, async (request, reply) => {
    const [live, binned] = await Promise.all([svc.cases.listCases(who), svc.cases.listCases(who, 'binned')])
    return render(reply, 'cases.njk', copy('case.list.title'), { cases: live, binned })
  })

  const caseFormView = (values: Posted, errors: FieldError[] = []) => {
    const rows = childRows(values)
    return {
      form: formView(values, errors),
      childRows: Array.from({ length: rows }, (_, i) => i),
      canAddChild: rows < MAX_CHILD_ROWS,
      nations: option('nation', ['england', 'wales', 'scotland', 'northern-ireland'], values.nation),
      roles: option('role', ['receiving', 'paying'], values.role),
    }
  }

  app.get(paths.caseNew, (request, reply) =>
    render(reply, 'case-form.njk', copy('case.form.newTitle'), caseFormView({})),
  )

  app.post(paths.caseNew, async (request, reply) => {
    const posted = readPosted(request.body)
    if (one(posted, 'action') === 'add-child')
      return render(reply, 'case-form.njk', copy('case.form.newTitle'), caseFormView(posted))
    const read = readCase(posted)
    try {
      const c = await svc.cases.createCase(who, read.input)
      return reply.redirect(fill(paths.case, { caseId: c.id }), 303)
    } catch (error) {
      const errors = errorsFrom(error, read, CASE_DATES)
      if (!errors) throw error
      return render(
        reply,
        'case-form.njk',
        copy('case.form.newTitle'),
        { ...caseFormView(posted, errors), errors },
        400,
      )
    }
  })

  const caseValues = (c: Awaited<ReturnType<typeof svc.cases.getCase>>): Posted => {
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

  app.get(paths.caseEdit, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'overview'))
    if (isReply(shell)) return shell
    return render(reply, 'case-edit.njk', copy('case.form.editTitle'), {
      ...shell,
      ...caseFormView(caseValues(shell.c)),
      editing: true,
    })
  })

  app.post(paths.caseEdit, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'overview'))
    if (isReply(shell)) return shell
    const posted = readPosted(request.body)
    const view = (errors: FieldError[] = []) => ({
      ...shell,
      ...caseFormView(posted, errors),
      editing: true,
      errors,
    })
    if (one(posted, 'action') === 'add-child')
      return render(reply, 'case-edit.njk', copy('case.form.editTitle'), view())
    const read = readCase(posted)
    try {
      await svc.cases.amendCase(who, caseId, read.input, Number(one(posted, 'version')) || undefined)
      return reply.redirect(fill(paths.case, { caseId }), 303)
    } catch (error) {
      const errors = errorsFrom(error, read, CASE_DATES)
      if (!errors) throw error
      return render(reply, 'case-edit.njk', copy('case.form.editTitle'), view(errors), 400)
    }
  })

  // Dashboard

  app.get(paths.case, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'overview'))
    if (isReply(shell)) return shell
    const dash = await svc.cases.dashboard(who, caseId)
    const imported = (request.query as Record<string, string>).imported
    return render(reply, 'dashboard.njk', shell.c.title, {
      ...shell,
      dash,
      imported: imported === 'copy' || imported === '1' ? imported : null,
    })
  })

  // Decisions

  app.get(paths.caseDecisions, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'decisions'))
    if (isReply(shell)) return shell
    const decisions = (await svc.cases.list(who, caseId, 'decision')).sort((a, b) =>
      b.letterDate.localeCompare(a.letterDate),
    )
    return render(reply, 'decisions.njk', copy('case.decisions.title'), { ...shell, decisions })
  })

  const decisionFormView = async (caseId: string, values: Posted, errors: FieldError[] = []) => ({
    form: formView(values, errors),
    kinds: option('decisionKind', DECISION_KINDS, values.kind),
    enforcementActions: [
      { value: '', text: copy('case.decisions.form.enforcementNone') },
      ...option('enforcementAction', ENFORCEMENT_ACTIONS, values.enforcementAction),
    ],
    evidenceChoices: evidenceOptions(await svc.evidence.choices(who, caseId), values.letterEvidenceId),
    errors,
  })

  const evidenceOptions = (list: { id: string; title: string }[], selected: string | undefined) => [
    { value: '', text: copy('case.form.none') },
    ...list.map((e) => ({ value: e.id, text: e.title, selected: e.id === selected })),
  ]

  app.get(paths.caseDecisionNew, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'decisions'))
    if (isReply(shell)) return shell
    return render(reply, 'decision-form.njk', copy('case.decisions.form.newTitle'), {
      ...shell,
      ...(await decisionFormView(caseId, {})),
    })
  })

  app.post(paths.caseDecisionNew, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'decisions'))
    if (isReply(shell)) return shell
    const posted = readPosted(request.body)
    const read = readDecision(posted)
    try {
      const saved = await svc.cases.addDecision(who, caseId, read.input)
      return reply.redirect(`${fill(paths.caseDecision, { caseId, id: saved.record.id })}?saved=1`, 303)
    } catch (error) {
      const errors = errorsFrom(error, read, DECISION_DATES)
      if (!errors) throw error
      return render(
        reply,
        'decision-form.njk',
        copy('case.decisions.form.newTitle'),
        { ...shell, ...(await decisionFormView(caseId, posted, errors)) },
        400,
      )
    }
  })

  app.get(paths.caseDecision, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'decisions'))
    if (isReply(shell)) return shell
    const decision = await caseOr404(reply, () => svc.cases.get(who, caseId, 'decision', id))
    if (isReply(decision)) return decision
    const [tasks, linked, history] = await Promise.all([
      svc.cases.list(who, caseId, 'task'),
      svc.cases.linked(who, caseId, 'decision', id),
      svc.cases.history(who, caseId, 'decision', id),
    ])
    return render(
      reply,
      'decision.njk',
      copy('case.decisions.showTitle', { kind: present.label('decisionKind', decision.kind) }),
      {
        ...shell,
        decision,
        tasks: tasks.filter((t) => t.origin === 'decision' && t.originId === id),
        linked,
        history,
        saved: (request.query as Record<string, string>).saved === '1',
      },
    )
  })

  app.get(paths.caseDecisionEdit, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'decisions'))
    if (isReply(shell)) return shell
    const d = await caseOr404(reply, () => svc.cases.get(who, caseId, 'decision', id))
    if (isReply(d)) return d
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
    return render(reply, 'decision-form.njk', copy('case.decisions.form.editTitle'), {
      ...shell,
      ...(await decisionFormView(caseId, values)),
      editing: d,
    })
  })

  app.post(paths.caseDecisionEdit, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'decisions'))
    if (isReply(shell)) return shell
    const d = await caseOr404(reply, () => svc.cases.get(who, caseId, 'decision', id))
    if (isReply(d)) return d
    const posted = readPosted(request.body)
    const read = readDecision(posted)
    try {
      await svc.cases.amendDecision(who, caseId, id, read.input, Number(one(posted, 'version')) || undefined)
      return reply.redirect(`${fill(paths.caseDecision, { caseId, id })}?saved=1`, 303)
    } catch (error) {
      const errors = errorsFrom(error, read, DECISION_DATES)
      if (!errors) throw error
      return render(
        reply,
        'decision-form.njk',
        copy('case.decisions.form.editTitle'),
        { ...shell, ...(await decisionFormView(caseId, posted, errors)), editing: d },
        400,
      )
    }
  })

  // Timeline and events

  // The filter form posts its words rather than putting them in the address, so what a parent
  // searched for does not end up in the browser's history; the query string works too.
  const timelinePage = async (request: FastifyRequest, reply: FastifyReply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'timeline'))
    if (isReply(shell)) return shell
    const source = request.method === 'POST' ? request.body : request.query
    const q = timelineQuery.parse(source ?? {})
    const query = readPosted(source)
    const from = readDate(query, 'from')
    const to = readDate(query, 'to')
    const errors: FieldError[] = []
    const real = (text: string) => {
      try {
        parseDate(text)
        return true
      } catch {
        return false
      }
    }
    if (from.problem || (from.text && !real(from.text)))
      errors.push({ text: copy('case.timeline.badFrom'), href: '#from-day' })
    if (to.problem || (to.text && !real(to.text)))
      errors.push({ text: copy('case.timeline.badTo'), href: '#to-day' })
    const filter = {
      types: q.type,
      ...(q.tag ? { tag: q.tag.toLowerCase() } : {}),
      ...(q.q ? { text: q.q } : {}),
      ...(from.text && !errors.some((e) => e.href === '#from-day') ? { from: from.text } : {}),
      ...(to.text && !errors.some((e) => e.href === '#to-day') ? { to: to.text } : {}),
    }
    let events: EventRecord[] = []
    try {
      events = await svc.cases.timeline(who, caseId, filter)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      errors.push({ text: error.message, href: '#from-day' })
    }
    const all = await svc.cases.list(who, caseId, 'event')
    const tags = [...new Set(all.flatMap((e) => e.tags))].sort()
    const filtered = q.type.length > 0 || !!q.tag || !!q.q || !!from.text || !!to.text
    return render(reply, 'timeline.njk', copy('case.timeline.title'), {
      ...shell,
      events,
      filtered,
      total: all.length,
      form: formView(query, errors),
      errors,
      typeItems: option(
        'eventType',
        [
          'call',
          'letter-sent',
          'letter-received',
          'email',
          'online-message',
          'meeting',
          'payment',
          'change-of-circumstances',
          'note',
        ],
        null,
      ).map((i) => ({
        ...i,
        checked: q.type.includes(i.value as EventType),
      })),
      tagItems: [
        { value: '', text: copy('case.timeline.anyTag') },
        ...tags.map((t) => ({ value: t, text: t, selected: t === q.tag })),
      ],
    })
  }
  app.get(paths.caseTimeline, timelinePage)
  app.post(paths.caseTimeline, timelinePage)

  const eventFormView = async (
    caseId: string,
    kind: 'call' | 'letter' | 'event',
    values: Posted,
    errors: FieldError[] = [],
  ) => {
    const base = {
      form: formView(values, errors),
      errors,
      actionRows: Array.from({ length: ACTION_ROWS }, (_, i) => i),
    }
    if (kind === 'event') return { ...base, types: option('eventType', OTHER_EVENT_TYPES, values.type) }
    if (kind === 'call') return base
    const [decisions, events, evidence] = await Promise.all([
      svc.cases.list(who, caseId, 'decision'),
      svc.cases.list(who, caseId, 'event'),
      svc.evidence.choices(who, caseId),
    ])
    return {
      ...base,
      sent: values.type !== 'letter-received',
      subjects: option('letterSubject', LETTER_SUBJECTS, values['letter-subject'] || 'other'),
      methods: option('letterMethod', LETTER_METHODS, values['letter-method']),
      decisionChoices: [
        { value: '', text: copy('case.form.none') },
        ...decisions.map((d) => ({
          value: d.id,
          text: `${present.label('decisionKind', d.kind)}, ${present.date(d.letterDate)}`,
          selected: d.id === values.aboutDecisionId,
        })),
      ],
      callChoices: [
        { value: '', text: copy('case.form.none') },
        ...events
          .filter((e) => e.type === 'call')
          .map((e) => ({
            value: e.id,
            text: `${present.date(e.occurredOn)}: ${e.title}`,
            selected: e.id === values.confirmsCallId,
          })),
      ],
      proofChoices: evidenceOptions(evidence, values.proofEvidenceId),
      deliveryChoices: evidenceOptions(evidence, values.deliveryEvidenceId),
    }
  }

  const templateFor = { call: 'call-form.njk', letter: 'letter-form.njk', event: 'event-form.njk' } as const
  const titleFor = (kind: 'call' | 'letter' | 'event', type: string, editing: boolean) =>
    kind === 'call'
      ? copy(editing ? 'case.calls.editTitle' : 'case.calls.newTitle')
      : kind === 'letter'
        ? copy(
            `case.letters.${editing ? 'edit' : 'new'}${type === 'letter-received' ? 'Received' : 'Sent'}Title`,
          )
        : copy(editing ? 'case.events.editTitle' : 'case.events.newTitle')

  const newEventRoute = (pattern: string, kind: 'call' | 'letter' | 'event') => {
    const fixed = (query: Posted): EventType | undefined =>
      kind === 'call'
        ? 'call'
        : kind === 'letter'
          ? one(query, 'direction') === 'received'
            ? 'letter-received'
            : 'letter-sent'
          : undefined
    app.get(pattern, async (request, reply) => {
      const { caseId } = params.parse(request.params)
      const shell = await caseOr404(reply, () => caseShell(caseId, 'timeline'))
      if (isReply(shell)) return shell
      const query = readPosted(request.query)
      const type = fixed(query)
      const values: Record<string, string> = { ...(type ? { type } : {}) }
      if (kind === 'call') values.title = copy('case.calls.defaultTitle')
      if (kind === 'letter' && one(query, 'confirms')) {
        const call = await svc.cases.get(who, caseId, 'event', one(query, 'confirms')).catch(() => null)
        if (call && call.type === 'call') {
          values.confirmsCallId = call.id
          values['letter-subject'] = 'call-confirmation'
          values.title = copy('case.letters.confirmTitle', { date: present.date(call.occurredOn) })
          values['letter-counterparty'] = copy('case.letters.cms')
        }
      }
      return render(reply, templateFor[kind], titleFor(kind, type ?? '', false), {
        ...shell,
        ...(await eventFormView(caseId, kind, values)),
      })
    })
    app.post(pattern, async (request, reply) => {
      const { caseId } = params.parse(request.params)
      const shell = await caseOr404(reply, () => caseShell(caseId, 'timeline'))
      if (isReply(shell)) return shell
      const posted = readPosted(request.body)
      const type =
        kind === 'event'
          ? undefined
          : kind === 'call'
            ? 'call'
            : one(posted, 'type') === 'letter-received'
              ? 'letter-received'
              : 'letter-sent'
      const read = readEvent(posted, type)
      try {
        const saved = await svc.cases.addEvent(who, caseId, read.input)
        const next = kind === 'call' ? paths.caseCallConfirm : paths.caseEvent
        return reply.redirect(`${fill(next, { caseId, id: saved.record.id })}?saved=1`, 303)
      } catch (error) {
        const errors = errorsFrom(error, read, EVENT_DATES)
        if (!errors) throw error
        const values = { ...posted, ...(type ? { type } : {}) }
        return render(
          reply,
          templateFor[kind],
          titleFor(kind, type ?? '', false),
          { ...shell, ...(await eventFormView(caseId, kind, values, errors)) },
          400,
        )
      }
    })
  }
  newEventRoute(paths.caseEventNew, 'event')
  newEventRoute(paths.caseCallNew, 'call')
  newEventRoute(paths.caseLetterNew, 'letter')

  const eventValues = async (caseId: string, e: EventRecord): Promise<Posted> => {
    const v: Record<string, string> = {
      type: e.type,
      ...dateValues('occurredOn', e.occurredOn),
      occurredTime: e.occurredTime ?? '',
      title: e.title,
      details: e.details ?? '',
      amount: present.pounds(e.amountPence),
      tags: e.tags.join(', '),
      version: String(e.version),
    }
    if (e.call) {
      Object.assign(v, {
        'call-numberDialled': e.call.numberDialled ?? '',
        'call-durationMinutes': e.call.durationMinutes === null ? '' : String(e.call.durationMinutes),
        'call-personName': e.call.personName ?? '',
        'call-personRole': e.call.personRole ?? '',
        'call-personOffice': e.call.personOffice ?? '',
        'call-iSaid': e.call.iSaid ?? '',
        'call-theySaid': e.call.theySaid ?? '',
        ...dateValues('call-followUpOn', e.call.followUpOn),
        // The reconsideration asked for on the call is a tick box, not a tag to type.
        'call-askedForReconsideration': e.tags.includes(ASKED_ON_CALL) ? 'yes' : '',
        tags: e.tags.filter((t) => t !== ASKED_ON_CALL).join(', '),
      })
      e.call.actions.forEach((a, i) => {
        v[`call-actions-${i}-text`] = a.text
        Object.assign(v, dateValues(`call-actions-${i}-due`, a.due))
      })
    }
    if (e.letter) {
      Object.assign(v, {
        'letter-subject': e.letter.subject,
        'letter-method': e.letter.method,
        ...dateValues('letter-letterDate', e.letter.letterDate),
        'letter-counterparty': e.letter.counterparty ?? '',
        'letter-certificateNumber': e.letter.certificateNumber ?? '',
        'letter-trackingNumber': e.letter.trackingNumber ?? '',
        ...dateValues('letter-deliveredOn', e.letter.deliveredOn),
      })
      for (const l of await svc.cases.linked(who, caseId, 'event', e.id)) {
        if (l.link.role === 'about') v.aboutDecisionId = l.id
        if (l.link.role === 'confirms' && l.link.fromId === e.id) v.confirmsCallId = l.id
        if (l.link.role === 'proof-of-postage') v.proofEvidenceId = l.id
        if (l.link.role === 'delivery-confirmation') v.deliveryEvidenceId = l.id
      }
    }
    return v
  }

  app.get(paths.caseEvent, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'timeline'))
    if (isReply(shell)) return shell
    const event = await caseOr404(reply, () => svc.cases.get(who, caseId, 'event', id))
    if (isReply(event)) return event
    const [tasks, linked, history] = await Promise.all([
      svc.cases.list(who, caseId, 'task'),
      svc.cases.linked(who, caseId, 'event', id),
      svc.cases.history(who, caseId, 'event', id),
    ])
    return render(reply, 'event.njk', event.title, {
      ...shell,
      event,
      tasks: tasks.filter((t) => t.origin === 'event' && t.originId === id),
      linked,
      images: linked.filter((l) => l.type === 'evidence'),
      history,
      saved: (request.query as Record<string, string>).saved === '1',
    })
  })

  app.get(paths.caseCallConfirm, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'timeline'))
    if (isReply(shell)) return shell
    const event = await caseOr404(reply, () => svc.cases.get(who, caseId, 'event', id))
    if (isReply(event)) return event
    if (event.type !== 'call') return reply.redirect(fill(paths.caseEvent, { caseId, id }), 303)
    const tasks = (await svc.cases.list(who, caseId, 'task')).filter(
      (t) => t.origin === 'event' && t.originId === id,
    )
    // The letters feature writes the confirmation letter; link to it when it is installed.
    const letterPath = (paths as Record<string, string>).letterCallConfirmation
    return render(reply, 'call-confirm.njk', copy('case.calls.confirm.title'), {
      ...shell,
      event,
      tasks,
      letterHref: letterPath ? `${fill(letterPath, { caseId, id })}` : null,
      recordHref: `${fill(paths.caseLetterNew, { caseId })}?direction=sent&confirms=${id}`,
    })
  })

  app.get(paths.caseEventEdit, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'timeline'))
    if (isReply(shell)) return shell
    const e = await caseOr404(reply, () => svc.cases.get(who, caseId, 'event', id))
    if (isReply(e)) return e
    const kind = formFor(e.type)
    return render(reply, templateFor[kind], titleFor(kind, e.type, true), {
      ...shell,
      ...(await eventFormView(caseId, kind, await eventValues(caseId, e))),
      editing: e,
    })
  })

  app.post(paths.caseEventEdit, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'timeline'))
    if (isReply(shell)) return shell
    const e = await caseOr404(reply, () => svc.cases.get(who, caseId, 'event', id))
    if (isReply(e)) return e
    const kind = formFor(e.type)
    const posted = readPosted(request.body)
    const type = kind === 'event' ? (one(posted, 'type') as EventType) : e.type
    const read = readEvent(posted, type)
    try {
      await svc.cases.amendEvent(who, caseId, id, read.input, Number(one(posted, 'version')) || undefined)
      return reply.redirect(`${fill(paths.caseEvent, { caseId, id })}?saved=1`, 303)
    } catch (error) {
      const errors = errorsFrom(error, read, EVENT_DATES)
      if (!errors) throw error
      return render(
        reply,
        templateFor[kind],
        titleFor(kind, e.type, true),
        {
          ...shell,
          ...(await eventFormView(caseId, kind, { ...posted, type }, errors)),
          editing: e,
        },
        400,
      )
    }
  })

  // Deadlines and tasks

  app.get(paths.caseDeadlines, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'deadlines'))
    if (isReply(shell)) return shell
    const upcoming = await svc.cases.deadlines(who, caseId)
    const done = (await svc.cases.list(who, caseId, 'task')).filter((t) => t.status === 'done')
    return render(reply, 'deadlines.njk', copy('case.deadlines.title'), { ...shell, upcoming, done })
  })

  app.get(paths.caseTaskNew, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'deadlines'))
    if (isReply(shell)) return shell
    return render(reply, 'task-form.njk', copy('case.tasks.newTitle'), { ...shell, form: formView({}) })
  })

  app.post(paths.caseTaskNew, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'deadlines'))
    if (isReply(shell)) return shell
    const posted = readPosted(request.body)
    const read = readTask(posted)
    try {
      const t = await svc.cases.addTask(who, caseId, read.input)
      return reply.redirect(`${fill(paths.caseTask, { caseId, id: t.id })}?saved=1`, 303)
    } catch (error) {
      const errors = errorsFrom(error, read, TASK_DATES)
      if (!errors) throw error
      return render(
        reply,
        'task-form.njk',
        copy('case.tasks.newTitle'),
        { ...shell, form: formView(posted, errors), errors },
        400,
      )
    }
  })

  app.get(paths.caseTask, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'deadlines'))
    if (isReply(shell)) return shell
    const task = await caseOr404(reply, () => svc.cases.get(who, caseId, 'task', id))
    if (isReply(task)) return task
    const history = await svc.cases.history(who, caseId, 'task', id)
    const origin =
      task.originId && task.origin !== 'manual' ? recordPath(caseId, task.origin, task.originId) : null
    return render(reply, 'task.njk', task.title, {
      ...shell,
      task,
      history,
      origin,
      saved: (request.query as Record<string, string>).saved === '1',
    })
  })

  app.get(paths.caseTaskEdit, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'deadlines'))
    if (isReply(shell)) return shell
    const t = await caseOr404(reply, () => svc.cases.get(who, caseId, 'task', id))
    if (isReply(t)) return t
    const values = {
      title: t.title,
      ...dateValues('dueOn', t.dueOn),
      notes: t.notes ?? '',
      status: t.status,
      version: String(t.version),
    }
    return render(reply, 'task-form.njk', copy('case.tasks.editTitle'), {
      ...shell,
      form: formView(values),
      editing: t,
    })
  })

  app.post(paths.caseTaskEdit, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'deadlines'))
    if (isReply(shell)) return shell
    const t = await caseOr404(reply, () => svc.cases.get(who, caseId, 'task', id))
    if (isReply(t)) return t
    const posted = readPosted(request.body)
    const read = readTask(posted)
    try {
      await svc.cases.amendTask(who, caseId, id, read.input, Number(one(posted, 'version')) || undefined)
      return reply.redirect(`${fill(paths.caseTask, { caseId, id })}?saved=1`, 303)
    } catch (error) {
      const errors = errorsFrom(error, read, TASK_DATES)
      if (!errors) throw error
      return render(
        reply,
        'task-form.njk',
        copy('case.tasks.editTitle'),
        { ...shell, form: formView(posted, errors), errors, editing: t },
        400,
      )
    }
  })

  app.post(paths.caseTaskDone, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const posted = readPosted(request.body)
    const r = await caseOr404(reply, () =>
      svc.cases.setTaskDone(who, caseId, id, one(posted, 'done') !== 'no'),
    )
    if (isReply(r)) return r
    return reply.redirect(
      one(posted, 'back') === 'task'
        ? fill(paths.caseTask, { caseId, id })
        : fill(paths.caseDeadlines, { caseId }),
      303,
    )
  })

  // The bin, the history

  app.get(paths.caseBin, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'bin'))
    if (isReply(shell)) return shell
    const binned = await svc.cases.binned(who, caseId)
    return render(reply, 'bin.njk', copy('case.bin.title'), { ...shell, binned })
  })

  app.post(paths.caseBinMove, async (request, reply) => {
    const { caseId, entity, id } = binParams.parse(request.params)
    const r = await caseOr404(reply, () => svc.cases.bin(who, caseId, entity, id))
    if (isReply(r)) return r
    return reply.redirect(
      entity === 'case' ? paths.cases : `${fill(paths.caseBin, { caseId })}?binned=1`,
      303,
    )
  })

  app.post(paths.caseBinRestore, async (request, reply) => {
    const { caseId, entity, id } = binParams.parse(request.params)
    const r = await caseOr404(reply, () => svc.cases.restore(who, caseId, entity, id))
    if (isReply(r)) return r
    return reply.redirect(recordPath(caseId, entity, id), 303)
  })

  app.get(paths.caseBinPurge, async (request, reply) => {
    const { caseId, entity, id } = binParams.parse(request.params)
    const record = await caseOr404(reply, () => svc.cases.get(who, caseId, entity, id))
    if (isReply(record)) return record
    if (record.deletedAt === null) return reply.redirect(recordPath(caseId, entity, id), 303)
    const shell = await caseShell(caseId, 'bin')
    return render(reply, 'purge.njk', copy('case.bin.purgeTitle'), {
      ...shell,
      entity,
      record,
      title:
        entity === 'case'
          ? shell.c.title
          : ((record as { title?: string }).title ?? copy(`case.entities.${entity}`)),
    })
  })

  app.post(paths.caseBinPurge, async (request, reply) => {
    const { caseId, entity, id } = binParams.parse(request.params)
    const posted = readPosted(request.body)
    if (one(posted, 'confirm') !== 'yes')
      return reply.redirect(fill(paths.caseBinPurge, { caseId, entity, id }), 303)
    const r = await caseOr404(reply, () => svc.cases.purge(who, caseId, entity, id))
    if (isReply(r)) return r
    return reply.redirect(entity === 'case' ? paths.cases : fill(paths.caseBin, { caseId }), 303)
  })

  app.get(paths.caseHistory, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'history'))
    if (isReply(shell)) return shell
    const audit = (await svc.cases.audit(who, caseId)).reverse()
    return render(reply, 'history.njk', copy('case.history.title'), {
      ...shell,
      audit: audit.map((a) => ({
        ...a,
        href: a.action === 'purge' ? null : recordPath(caseId, a.entity as Entity, a.entityId),
      })),
    })
  })

  registerEvidenceRoutes(ctx, {
    caseShell,
    isReply,
    fill,
    copy,
    option,
    evidenceTypes: Object.values(TYPES),
    accepted: ACCEPTED_TYPES_TEXT,
  })
}

export type CaseShell = (
  caseId: string,
  current: string,
) => Promise<{ c: Awaited<ReturnType<CaseServices['cases']['getCase']>>; caseNav: unknown[] }>
