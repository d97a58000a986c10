import { parsePounds } from '../shared/pence.ts'
import { formatDate, isAfter, isBefore, parseDate, type PlainDate } from '../shared/plain-date.ts'
import { InvalidInput } from '../shared/errors.ts'
import { message, type Message, type MessageParams } from '../shared/message.ts'
import { Problems } from './errors.ts'
import {
  CASE_NATIONS,
  DECISION_KINDS,
  ENFORCEMENT_ACTIONS,
  EVENT_TYPES,
  LETTER_METHODS,
  LETTER_SUBJECTS,
  PARENT_ROLES,
  TASK_STATUSES,
  type CallDetails,
  type CaseData,
  type Child,
  type DecisionData,
  type EventData,
  type LetterDetails,
  type TaskData,
} from './types.ts'

/**
 * The rules for what goes into a case file. Each `validate…` takes what the user typed (text, as
 * from a form or the command line) and `today` (Europe/London), and returns clean data or throws
 * a CaseInputError listing every problem, each naming its field.
 */

type Text = string | null | undefined

const clean = (s: Text): string | null => {
  const t = (s ?? '').trim()
  return t === '' ? null : t
}

const CMS_REFERENCE = /^121\d{9}$/

/** What is wrong, in words from domain-errors.json (`domainErrors.case.…`). */
const says = (key: string, params?: MessageParams): Message => message(`domainErrors.case.${key}`, params)
/**
 * What a field asks for ("the date on the letter"), by its id in `domainErrors.case.what`; `atStart`
 * is the same words to begin a sentence ("The date on the letter").
 */
const what = (id: string): Message => says(`what.${id}`)
const atStart = (id: string): Message => says(`whatAtStart.${id}`)

/** A CMS reference: 12 digits beginning 121 (spaces and dashes are ignored). */
export function parseCmsReference(text: string): string {
  const compact = text.replace(/[\s-]/g, '')
  if (!/^\d+$/.test(compact)) throw new InvalidInput('cmsReference', says('cmsDigits'))
  if (compact.length !== 12)
    throw new InvalidInput('cmsReference', says('cmsLength', { count: compact.length }))
  if (!CMS_REFERENCE.test(compact)) throw new InvalidInput('cmsReference', says('cmsPrefix'))
  return compact
}

/** "1211 2345 6789" */
export const formatCmsReference = (ref: string): string =>
  `${ref.slice(0, 4)} ${ref.slice(4, 8)} ${ref.slice(8)}`

function oneOf<T extends string>(
  p: Problems,
  field: string,
  value: Text,
  allowed: readonly T[],
  asks: string,
): T | null {
  const v = clean(value)
  if (v === null) {
    p.add(field, says('choose', { what: what(asks) }))
    return null
  }
  if (!(allowed as readonly string[]).includes(v)) {
    p.add(field, says('notKnown', { value: v, what: what(asks), allowed: allowed.join(', ') }))
    return null
  }
  return v as T
}

function optionalOneOf<T extends string>(
  p: Problems,
  field: string,
  value: Text,
  allowed: readonly T[],
  asks: string,
): T | null {
  return clean(value) === null ? null : oneOf(p, field, value, allowed, asks)
}

function required(p: Problems, field: string, value: Text, asks: string, max = 200): string | null {
  const v = clean(value)
  if (v === null) p.add(field, says('enter', { what: what(asks) }))
  else if (v.length > max) p.add(field, says('tooLong', { max }))
  return v
}

function optionalText(p: Problems, field: string, value: Text, max = 20_000): string | null {
  const v = clean(value)
  if (v !== null && v.length > max) p.add(field, says('tooLong', { max }))
  return v
}

function date(
  p: Problems,
  field: string,
  value: Text,
  asks: string,
  opts: { required?: boolean; notAfter?: PlainDate } = {},
): PlainDate | null {
  const v = clean(value)
  if (v === null) {
    if (opts.required) p.add(field, says('enter', { what: what(asks) }))
    return null
  }
  const d = p.try(field, () => parseDate(v, field))
  if (d && opts.notAfter && isAfter(d, opts.notAfter))
    p.add(field, says('notAfterToday', { what: atStart(asks), date: formatDate(d) }))
  return d
}

function wholeNumber(
  p: Problems,
  field: string,
  value: Text,
  min: number,
  max: number,
  asks: string,
): number | null {
  const v = clean(value)
  if (v === null) return null
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    p.add(field, says('wholeNumber', { what: atStart(asks), min, max }))
    return null
  }
  return Number(v)
}

function money(p: Problems, field: string, value: Text): number | null {
  const v = clean(value)
  if (v === null) return null
  return p.try(field, () => parsePounds(v, field))
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** "9:05", "09:05", "9.05" → "09:05" (24-hour clock, Europe/London). */
export function parseTime(text: string, field = 'time'): string {
  const t = text.trim().replace('.', ':')
  const padded = /^\d:\d\d$/.test(t) ? `0${t}` : t
  if (!TIME.test(padded)) throw new InvalidInput(field, says('time', { text }))
  return padded
}

/** Tags: words separated by commas, lower-cased, without repeats. */
export function parseTags(value: Text | readonly string[]): string[] {
  const parts = Array.isArray(value) ? value : String(value ?? '').split(',')
  const out: string[] = []
  for (const raw of parts) {
    const t = String(raw).trim().toLowerCase().replace(/\s+/g, ' ')
    if (t && t.length <= 40 && !out.includes(t)) out.push(t)
  }
  return out
}

function tags(p: Problems, field: string, value: Text | readonly string[]): string[] {
  const parts = Array.isArray(value) ? value : String(value ?? '').split(',')
  if (parts.some((t) => String(t).trim().length > 40)) p.add(field, says('tagTooLong'))
  const out = parseTags(value)
  if (out.length > 20) p.add(field, says('tooManyTags'))
  return out
}

export interface CaseInput {
  readonly title?: Text
  readonly nation?: Text
  readonly role?: Text
  readonly cmsReference?: Text
  readonly yourName?: Text
  readonly yourAddress?: Text
  readonly otherParent?: {
    readonly name?: Text
    readonly address?: Text
    readonly postcode?: Text
    readonly phone?: Text
    readonly email?: Text
  }
  readonly children?: readonly { readonly name?: Text; readonly dateOfBirth?: Text }[]
  readonly notes?: Text
}

export function validateCase(input: CaseInput, today: PlainDate): CaseData {
  const p = new Problems()
  const title = required(p, 'title', input.title, 'caseName', 120)
  const nation = oneOf(p, 'nation', input.nation, CASE_NATIONS, 'whereYouLive')
  const role = oneOf(p, 'role', input.role, PARENT_ROLES, 'whichParent')
  const refText = clean(input.cmsReference)
  const cmsReference = refText === null ? null : p.try('cmsReference', () => parseCmsReference(refText))
  const op = input.otherParent ?? {}
  const email = clean(op.email)
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) p.add('otherParent.email', says('email'))
  const phone = clean(op.phone)
  if (phone !== null && !/^[+\d][\d\s()-]{5,}$/.test(phone)) p.add('otherParent.phone', says('phone'))
  const children: Child[] = []
  for (const [i, c] of (input.children ?? []).entries()) {
    const name = clean(c.name)
    const dobText = clean(c.dateOfBirth)
    if (name === null && dobText === null) continue
    if (name === null) p.add(`children.${i}.name`, says('childName'))
    else if (name.length > 120) p.add(`children.${i}.name`, says('tooLong', { max: 120 }))
    const dob = date(p, `children.${i}.dateOfBirth`, dobText, 'dateOfBirth', { notAfter: today })
    children.push({ name: name ?? '', dateOfBirth: dob?.toString() ?? null })
  }
  if (children.length > 20) p.add('children', says('tooManyChildren'))
  const data: CaseData = {
    title: title ?? '',
    nation: nation ?? 'england',
    role: role ?? 'receiving',
    cmsReference,
    yourName: optionalText(p, 'yourName', input.yourName, 200),
    yourAddress: optionalText(p, 'yourAddress', input.yourAddress, 1000),
    otherParent: {
      name: optionalText(p, 'otherParent.name', op.name, 200),
      address: optionalText(p, 'otherParent.address', op.address, 1000),
      postcode: optionalText(p, 'otherParent.postcode', op.postcode, 10)?.toUpperCase() ?? null,
      phone,
      email,
    },
    children,
    notes: optionalText(p, 'notes', input.notes),
  }
  p.throwIfAny()
  return data
}

export interface DecisionInput {
  readonly kind?: Text
  readonly letterDate?: Text
  readonly receivedDate?: Text
  readonly effectiveDate?: Text
  readonly summary?: Text
  /** Pounds, e.g. "82.06". */
  readonly weeklyAmount?: Text
  readonly weeklyIncome?: Text
  readonly nights?: Text
  readonly otherChildren?: Text
  readonly enforcementAction?: Text
  readonly tags?: Text | readonly string[]
}

export function validateDecision(input: DecisionInput, today: PlainDate): DecisionData {
  const p = new Problems()
  const kind = oneOf(p, 'kind', input.kind, DECISION_KINDS, 'kindOfDecision')
  const letterDate = date(p, 'letterDate', input.letterDate, 'letterDate', {
    required: true,
    notAfter: today,
  })
  const receivedDate = date(p, 'receivedDate', input.receivedDate, 'receivedDate', {
    notAfter: today,
  })
  if (letterDate && receivedDate && isBefore(receivedDate, letterDate))
    p.add(
      'receivedDate',
      says('receivedBeforeLetter', {
        received: formatDate(receivedDate),
        letterDate: formatDate(letterDate),
      }),
    )
  const effectiveDate = date(p, 'effectiveDate', input.effectiveDate, 'effectiveDate')
  const enforcementAction = optionalOneOf(
    p,
    'enforcementAction',
    input.enforcementAction,
    ENFORCEMENT_ACTIONS,
    'kindOfEnforcement',
  )
  const data: DecisionData = {
    kind: kind ?? 'calculation',
    letterDate: letterDate?.toString() ?? '',
    receivedDate: receivedDate?.toString() ?? null,
    effectiveDate: effectiveDate?.toString() ?? null,
    summary: optionalText(p, 'summary', input.summary, 2000),
    weeklyAmountPence: money(p, 'weeklyAmount', input.weeklyAmount),
    weeklyIncomePence: money(p, 'weeklyIncome', input.weeklyIncome),
    nights: wholeNumber(p, 'nights', input.nights, 0, 366, 'nights'),
    otherChildren: wholeNumber(p, 'otherChildren', input.otherChildren, 0, 20, 'otherChildren'),
    enforcementAction: kind === 'enforcement' ? enforcementAction : null,
    tags: tags(p, 'tags', input.tags),
  }
  p.throwIfAny()
  return data
}

export interface CallInput {
  readonly numberDialled?: Text
  readonly durationMinutes?: Text
  readonly personName?: Text
  readonly personRole?: Text
  readonly personOffice?: Text
  readonly iSaid?: Text
  readonly theySaid?: Text
  readonly actions?: readonly { readonly text?: Text; readonly due?: Text }[]
  readonly followUpOn?: Text
}

export interface LetterInput {
  readonly subject?: Text
  readonly method?: Text
  readonly letterDate?: Text
  readonly counterparty?: Text
  readonly certificateNumber?: Text
  readonly trackingNumber?: Text
  readonly deliveredOn?: Text
}

export interface EventInput {
  readonly type?: Text
  readonly occurredOn?: Text
  readonly occurredTime?: Text
  readonly title?: Text
  readonly details?: Text
  readonly amount?: Text
  readonly call?: CallInput
  readonly letter?: LetterInput
  readonly tags?: Text | readonly string[]
}

function validateCall(p: Problems, input: CallInput): CallDetails {
  const actions = []
  for (const [i, a] of (input.actions ?? []).entries()) {
    const text = clean(a.text)
    const dueText = clean(a.due)
    if (text === null && dueText === null) continue
    if (text === null) p.add(`call.actions.${i}.text`, says('promised'))
    const due = date(p, `call.actions.${i}.due`, dueText, 'datePromised')
    actions.push({ text: text ?? '', due: due?.toString() ?? null })
  }
  const number = clean(input.numberDialled)
  if (number !== null && !/^[+\d][\d\s()-]{2,}$/.test(number))
    p.add('call.numberDialled', says('numberDialled'))
  return {
    numberDialled: number,
    durationMinutes: wholeNumber(p, 'call.durationMinutes', input.durationMinutes, 0, 600, 'callLength'),
    personName: optionalText(p, 'call.personName', input.personName, 200),
    personRole: optionalText(p, 'call.personRole', input.personRole, 200),
    personOffice: optionalText(p, 'call.personOffice', input.personOffice, 200),
    iSaid: optionalText(p, 'call.iSaid', input.iSaid),
    theySaid: optionalText(p, 'call.theySaid', input.theySaid),
    actions,
    followUpOn: date(p, 'call.followUpOn', input.followUpOn, 'followUpDate')?.toString() ?? null,
  }
}

function validateLetter(
  p: Problems,
  input: LetterInput,
  sent: boolean,
  occurredOn: PlainDate | null,
  today: PlainDate,
): LetterDetails {
  const subject = optionalOneOf(p, 'letter.subject', input.subject, LETTER_SUBJECTS, 'subject') ?? 'other'
  const method = oneOf(p, 'letter.method', input.method, LETTER_METHODS, 'howSent')
  const letterDate = date(p, 'letter.letterDate', input.letterDate, 'letterDate', {
    notAfter: today,
  })
  const deliveredOn = sent
    ? date(p, 'letter.deliveredOn', input.deliveredOn, 'deliveredOn', { notAfter: today })
    : null
  if (sent) {
    if (letterDate && occurredOn && isAfter(letterDate, occurredOn))
      p.add(
        'letter.letterDate',
        says('letterAfterSent', { letterDate: formatDate(letterDate), sentOn: formatDate(occurredOn) }),
      )
    if (deliveredOn && occurredOn && isBefore(deliveredOn, occurredOn))
      p.add(
        'letter.deliveredOn',
        says('deliveredBeforeSent', { deliveredOn: formatDate(deliveredOn), sentOn: formatDate(occurredOn) }),
      )
  } else if (letterDate && occurredOn && isBefore(occurredOn, letterDate)) {
    p.add(
      'occurredOn',
      says('receivedBeforeSent', { receivedOn: formatDate(occurredOn), letterDate: formatDate(letterDate) }),
    )
  }
  const certificate = optionalText(p, 'letter.certificateNumber', input.certificateNumber, 60)
  const tracking = optionalText(p, 'letter.trackingNumber', input.trackingNumber, 60)
  if (tracking !== null && !/^[A-Za-z0-9 -]{6,40}$/.test(tracking))
    p.add('letter.trackingNumber', says('tracking'))
  return {
    subject,
    method: method ?? 'first-class',
    letterDate: letterDate?.toString() ?? null,
    counterparty: optionalText(p, 'letter.counterparty', input.counterparty, 200),
    certificateNumber: certificate,
    trackingNumber: tracking?.toUpperCase().replace(/\s+/g, '') ?? null,
    deliveredOn: deliveredOn?.toString() ?? null,
  }
}

export function validateEvent(input: EventInput, today: PlainDate): EventData {
  const p = new Problems()
  const type = oneOf(p, 'type', input.type, EVENT_TYPES, 'kindOfEvent')
  const occurredOn = date(p, 'occurredOn', input.occurredOn, 'dateHappened', {
    required: true,
    notAfter: today,
  })
  const timeText = clean(input.occurredTime)
  const occurredTime =
    timeText === null ? null : p.try('occurredTime', () => parseTime(timeText, 'occurredTime'))
  const title = required(p, 'title', input.title, 'shortDescription', 200)
  const isLetter = type === 'letter-sent' || type === 'letter-received'
  const data: EventData = {
    type: type ?? 'note',
    occurredOn: occurredOn?.toString() ?? '',
    occurredTime,
    title: title ?? '',
    details: optionalText(p, 'details', input.details),
    amountPence: type === 'payment' ? money(p, 'amount', input.amount) : null,
    call: type === 'call' ? validateCall(p, input.call ?? {}) : null,
    letter: isLetter
      ? validateLetter(p, input.letter ?? {}, type === 'letter-sent', occurredOn, today)
      : null,
    tags: tags(p, 'tags', input.tags),
  }
  p.throwIfAny()
  return data
}

export interface TaskInput {
  readonly title?: Text
  readonly dueOn?: Text
  readonly notes?: Text
  readonly status?: Text
  readonly doneOn?: Text
}

/** A task added (or amended) by hand. */
export function validateTask(
  input: TaskInput,
  today: PlainDate,
): Pick<TaskData, 'title' | 'dueOn' | 'notes' | 'status' | 'doneOn'> {
  const p = new Problems()
  const title = required(p, 'title', input.title, 'whatNeedsDoing', 200)
  const dueOn = date(p, 'dueOn', input.dueOn, 'dateDue', { required: true })
  const status = optionalOneOf(p, 'status', input.status, TASK_STATUSES, 'status') ?? 'open'
  const doneOn = date(p, 'doneOn', input.doneOn, 'dateDone', { notAfter: today })
  const data = {
    title: title ?? '',
    dueOn: dueOn?.toString() ?? '',
    notes: optionalText(p, 'notes', input.notes),
    status,
    doneOn: status === 'done' ? (doneOn ?? today).toString() : null,
  }
  p.throwIfAny()
  return data
}
