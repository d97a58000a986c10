import type { FastifyInstance } from 'fastify'
import {
  LETTER_METHODS,
  LETTER_SUBJECTS,
  type EventRecord,
  type EventType,
} from '../../../domain/case/index.ts'
import { ASKED_ON_CALL } from '../../../services/letter-builders.ts'
import { paths } from '../../paths.ts'
import { ACTION_ROWS, EVENT_DATES, OTHER_EVENT_TYPES, readEvent } from './case.schema.ts'
import { dateValues, formView, one, readPosted, type FieldError, type Posted } from './form.ts'
import { present } from './present.ts'
import {
  caseOf,
  caseRenderer,
  copy,
  fill,
  option,
  saveOrShowErrors,
  type CaseRoutesDeps,
} from './case-page.ts'
import { LATEST_EVIDENCE, evidenceOptions } from './decisions.routes.ts'

/**
 * The forms of the timeline's records: an event, a call, a letter sent or received. They share one
 * shape (a call and a letter are events with their own details), so one form view serves all three.
 */

export type EventFormKind = 'call' | 'letter' | 'event'

export const templateFor = {
  call: 'call-form.njk',
  letter: 'letter-form.njk',
  event: 'event-form.njk',
} as const

export const titleFor = (kind: EventFormKind, type: string, editing: boolean): string =>
  kind === 'call'
    ? copy(editing ? 'case.calls.editTitle' : 'case.calls.newTitle')
    : kind === 'letter'
      ? copy(
          `case.letters.${editing ? 'edit' : 'new'}${type === 'letter-received' ? 'Received' : 'Sent'}Title`,
        )
      : copy(editing ? 'case.events.editTitle' : 'case.events.newTitle')

/** How many calls the "confirms a call" list of the letter form offers (the latest recorded). */
const LATEST_CALLS = 200

export function eventForms({ svc, who }: CaseRoutesDeps) {
  /** The latest calls, with the one a letter confirms added when it is older than those. */
  const withCall = async (
    caseId: string,
    calls: Pick<EventRecord, 'id' | 'occurredOn' | 'title'>[],
    id: string | undefined,
  ) => {
    if (!id || calls.some((c) => c.id === id)) return calls
    const call = await svc.cases.get(who, caseId, 'event', id).catch(() => null)
    return call && call.type === 'call' && call.deletedAt === null ? [call, ...calls] : calls
  }

  const eventFormView = async (
    caseId: string,
    kind: EventFormKind,
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
    const [decisions, calls, evidence] = await Promise.all([
      svc.cases.list(who, caseId, 'decision'),
      svc.cases.latestEvents(who, caseId, ['call'], LATEST_CALLS),
      svc.evidence.latestChoices(who, caseId, LATEST_EVIDENCE, [
        values.proofEvidenceId,
        values.deliveryEvidenceId,
      ]),
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
      // The calls recorded last, in the order they were recorded (the one asked for is always there).
      callChoices: [
        { value: '', text: copy('case.form.none') },
        ...(await withCall(caseId, calls, values.confirmsCallId)).map((e) => ({
          value: e.id,
          text: `${present.date(e.occurredOn)}: ${e.title}`,
          selected: e.id === values.confirmsCallId,
        })),
      ],
      proofChoices: evidenceOptions(evidence.choices, values.proofEvidenceId),
      deliveryChoices: evidenceOptions(evidence.choices, values.deliveryEvidenceId),
      evidenceChoicesHint: evidence.more ? copy('casePages.evidence.latestEvidenceOnly') : null,
    }
  }

  /** A recorded event as the values of its form. */
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

  /** The page that records a new event, call or letter (GET shows the form, POST saves it). */
  const newEventRoute = (app: FastifyInstance, pattern: string, kind: EventFormKind): void => {
    const page = caseRenderer('case')
    const fixed = (query: Posted): EventType | undefined =>
      kind === 'call'
        ? 'call'
        : kind === 'letter'
          ? one(query, 'direction') === 'received'
            ? 'letter-received'
            : 'letter-sent'
          : undefined
    app.get(pattern, async (request, reply) => {
      const caseId = caseOf(request).c.id
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
      return page(
        request,
        reply,
        templateFor[kind],
        titleFor(kind, type ?? '', false),
        await eventFormView(caseId, kind, values),
      )
    })
    app.post(pattern, async (request, reply) => {
      const caseId = caseOf(request).c.id
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
      return saveOrShowErrors(
        reply,
        async () => {
          const saved = await svc.cases.addEvent(who, caseId, read.input)
          const next = kind === 'call' ? paths.caseCallConfirm : paths.caseEvent
          return `${fill(next, { caseId, id: saved.record.id })}?saved=1`
        },
        {
          read,
          dates: EVENT_DATES,
          show: async (errors) =>
            page(
              request,
              reply,
              templateFor[kind],
              titleFor(kind, type ?? '', false),
              await eventFormView(caseId, kind, { ...posted, ...(type ? { type } : {}) }, errors),
              400,
            ),
        },
      )
    })
  }

  return { eventFormView, eventValues, newEventRoute }
}
