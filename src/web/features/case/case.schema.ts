import { z } from 'zod'
import {
  ENTITIES,
  EVENT_TYPES,
  type CaseInput,
  type DecisionForm,
  type EventType,
} from '../../../services/case-inputs.ts'
import { one, readDate, type Posted } from './form.ts'
import type { EventForm } from '../../../services/case.service.ts'
import type { TaskInput } from '../../../domain/case/index.ts'
import { ASKED_ON_CALL } from '../../../services/letter-builders.ts'

/** The case-file forms: posted fields (strings) to the services' inputs, and the route parameters. */

export const MAX_CHILD_ROWS = 12
export const ACTION_ROWS = 3

export const params = z.object({ caseId: z.uuid() })
export const recordParams = z.object({ caseId: z.uuid(), id: z.uuid() })
export const binParams = z.object({ caseId: z.uuid(), entity: z.enum(ENTITIES), id: z.uuid() })

/** A form read into a service input, with the messages about date parts typed wrongly. */
export interface Read<T> {
  readonly input: T
  readonly dateProblems: Map<string, string>
}

function dates(
  p: Posted,
  ids: readonly string[],
): { get: (id: string) => string; problems: Map<string, string> } {
  const problems = new Map<string, string>()
  const values = new Map<string, string>()
  for (const id of ids) {
    const d = readDate(p, id)
    values.set(id, d.text)
    if (d.problem) problems.set(id, d.problem)
  }
  return { get: (id) => values.get(id) ?? '', problems }
}

export const CASE_DATES = new Set(
  Array.from({ length: MAX_CHILD_ROWS }, (_, i) => `children-${i}-dateOfBirth`),
)

/** How many child rows the case form shows: those filled in, one empty, more when "add another" was pressed. */
export function childRows(p: Posted): number {
  let filled = 0
  for (let i = 0; i < MAX_CHILD_ROWS; i++) {
    const any = ['name', 'dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year'].some((k) =>
      one(p, `children-${i}-${k}`),
    )
    if (any) filled = i + 1
  }
  const extra = one(p, 'action') === 'add-child' ? 1 : 0
  return Math.min(MAX_CHILD_ROWS, Math.max(1, filled + extra, Number(one(p, 'childRows')) || 0))
}

export function readCase(p: Posted): Read<CaseInput> {
  const d = dates(p, [...CASE_DATES])
  const children = Array.from({ length: MAX_CHILD_ROWS }, (_, i) => ({
    name: one(p, `children-${i}-name`),
    dateOfBirth: d.get(`children-${i}-dateOfBirth`),
  }))
  return {
    input: {
      title: one(p, 'title'),
      nation: one(p, 'nation'),
      role: one(p, 'role'),
      cmsReference: one(p, 'cmsReference'),
      yourName: one(p, 'yourName'),
      yourAddress: one(p, 'yourAddress'),
      otherParent: {
        name: one(p, 'otherParent-name'),
        address: one(p, 'otherParent-address'),
        postcode: one(p, 'otherParent-postcode'),
        phone: one(p, 'otherParent-phone'),
        email: one(p, 'otherParent-email'),
      },
      children,
      notes: one(p, 'notes'),
    },
    dateProblems: d.problems,
  }
}

export const DECISION_DATES = new Set(['letterDate', 'receivedDate', 'effectiveDate'])

export function readDecision(p: Posted): Read<DecisionForm> {
  const d = dates(p, [...DECISION_DATES])
  return {
    input: {
      kind: one(p, 'kind'),
      letterDate: d.get('letterDate'),
      receivedDate: d.get('receivedDate'),
      effectiveDate: d.get('effectiveDate'),
      summary: one(p, 'summary'),
      weeklyAmount: one(p, 'weeklyAmount'),
      weeklyIncome: one(p, 'weeklyIncome'),
      nights: one(p, 'nights'),
      otherChildren: one(p, 'otherChildren'),
      enforcementAction: one(p, 'enforcementAction'),
      tags: one(p, 'tags'),
      letterEvidenceId: one(p, 'letterEvidenceId') || null,
    },
    dateProblems: d.problems,
  }
}

export const EVENT_DATES = new Set([
  'occurredOn',
  'letter-letterDate',
  'letter-deliveredOn',
  'call-followUpOn',
  ...Array.from({ length: ACTION_ROWS }, (_, i) => `call-actions-${i}-due`),
])

/** Which form an event type is edited with. */
export const formFor = (type: EventType): 'call' | 'letter' | 'event' =>
  type === 'call' ? 'call' : type === 'letter-sent' || type === 'letter-received' ? 'letter' : 'event'

export const OTHER_EVENT_TYPES = EVENT_TYPES.filter((t) => formFor(t) === 'event')

export function readEvent(p: Posted, fixedType?: EventType): Read<EventForm> {
  const d = dates(p, [...EVENT_DATES])
  const type = (fixedType ?? one(p, 'type')) as EventType
  const form = formFor(type)
  return {
    input: {
      type,
      occurredOn: d.get('occurredOn'),
      occurredTime: one(p, 'occurredTime'),
      title: one(p, 'title'),
      details: one(p, 'details'),
      amount: one(p, 'amount'),
      tags:
        form === 'call' && one(p, 'call-askedForReconsideration') === 'yes'
          ? [one(p, 'tags'), ASKED_ON_CALL].filter(Boolean).join(', ')
          : one(p, 'tags'),
      call:
        form === 'call'
          ? {
              numberDialled: one(p, 'call-numberDialled'),
              durationMinutes: one(p, 'call-durationMinutes'),
              personName: one(p, 'call-personName'),
              personRole: one(p, 'call-personRole'),
              personOffice: one(p, 'call-personOffice'),
              iSaid: one(p, 'call-iSaid'),
              theySaid: one(p, 'call-theySaid'),
              actions: Array.from({ length: ACTION_ROWS }, (_, i) => ({
                text: one(p, `call-actions-${i}-text`),
                due: d.get(`call-actions-${i}-due`),
              })),
              followUpOn: d.get('call-followUpOn'),
            }
          : undefined,
      letter:
        form === 'letter'
          ? {
              subject: one(p, 'letter-subject'),
              method: one(p, 'letter-method'),
              letterDate: d.get('letter-letterDate'),
              counterparty: one(p, 'letter-counterparty'),
              certificateNumber: one(p, 'letter-certificateNumber'),
              trackingNumber: one(p, 'letter-trackingNumber'),
              deliveredOn: type === 'letter-sent' ? d.get('letter-deliveredOn') : '',
            }
          : undefined,
      ...(form === 'letter'
        ? {
            aboutDecisionId: one(p, 'aboutDecisionId') || null,
            proofEvidenceId: one(p, 'proofEvidenceId') || null,
            deliveryEvidenceId: type === 'letter-sent' ? one(p, 'deliveryEvidenceId') || null : null,
            confirmsCallId: type === 'letter-sent' ? one(p, 'confirmsCallId') || null : null,
          }
        : {}),
    },
    dateProblems: d.problems,
  }
}

export const TASK_DATES = new Set(['dueOn'])

export function readTask(p: Posted): Read<TaskInput> {
  const d = dates(p, [...TASK_DATES])
  return {
    input: {
      title: one(p, 'title'),
      dueOn: d.get('dueOn'),
      notes: one(p, 'notes'),
      status: one(p, 'status') || 'open',
    },
    dateProblems: d.problems,
  }
}

/** The timeline's filters, from the query string. */
export const timelineQuery = z.object({
  type: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      v === undefined
        ? []
        : (Array.isArray(v) ? v : v.split(',')).filter((t): t is EventType =>
            (EVENT_TYPES as readonly string[]).includes(t),
          ),
    ),
  tag: z.string().trim().max(40).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  'from-day': z.string().optional(),
  'from-month': z.string().optional(),
  'from-year': z.string().optional(),
  'to-day': z.string().optional(),
  'to-month': z.string().optional(),
  'to-year': z.string().optional(),
})
