import { parsePounds } from '../shared/pence.ts'
import { formatDate, isAfter, isBefore, parseDate, type PlainDate } from '../shared/plain-date.ts'
import { InvalidInput, rawProblem } from '../shared/errors.ts'
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

/** A CMS reference: 12 digits beginning 121 (spaces and dashes are ignored). */
export function parseCmsReference(text: string): string {
  const compact = text.replace(/[\s-]/g, '')
  if (!/^\d+$/.test(compact))
    throw new InvalidInput(
      'cmsReference',
      rawProblem('The CMS reference must be 12 digits beginning 121, like 1211 2345 6789'),
    )
  if (compact.length !== 12)
    throw new InvalidInput(
      'cmsReference',
      rawProblem(`The CMS reference must be 12 digits beginning 121 (you gave ${compact.length} digits)`),
    )
  if (!CMS_REFERENCE.test(compact))
    throw new InvalidInput(
      'cmsReference',
      rawProblem('The CMS reference must begin 121 (it is 12 digits beginning 121)'),
    )
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
  what: string,
): T | null {
  const v = clean(value)
  if (v === null) {
    p.add(field, `Choose ${what}`)
    return null
  }
  if (!(allowed as readonly string[]).includes(v)) {
    p.add(field, `"${v}" is not ${what} Redress knows (one of: ${allowed.join(', ')})`)
    return null
  }
  return v as T
}

function optionalOneOf<T extends string>(
  p: Problems,
  field: string,
  value: Text,
  allowed: readonly T[],
  what: string,
): T | null {
  return clean(value) === null ? null : oneOf(p, field, value, allowed, what)
}

function required(p: Problems, field: string, value: Text, what: string, max = 200): string | null {
  const v = clean(value)
  if (v === null) p.add(field, `Enter ${what}`)
  else if (v.length > max) p.add(field, `Use ${max} characters or fewer`)
  return v
}

function optionalText(p: Problems, field: string, value: Text, max = 20_000): string | null {
  const v = clean(value)
  if (v !== null && v.length > max) p.add(field, `Use ${max} characters or fewer`)
  return v
}

function date(
  p: Problems,
  field: string,
  value: Text,
  what: string,
  opts: { required?: boolean; notAfter?: PlainDate } = {},
): PlainDate | null {
  const v = clean(value)
  if (v === null) {
    if (opts.required) p.add(field, `Enter ${what}`)
    return null
  }
  const d = p.try(field, () => parseDate(v, field))
  if (d && opts.notAfter && isAfter(d, opts.notAfter))
    p.add(field, `${capital(what)} must be today or in the past (you gave ${formatDate(d)})`)
  return d
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

function wholeNumber(
  p: Problems,
  field: string,
  value: Text,
  min: number,
  max: number,
  what: string,
): number | null {
  const v = clean(value)
  if (v === null) return null
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    p.add(field, `${capital(what)} must be a whole number from ${min} to ${max}`)
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
  if (!TIME.test(padded))
    throw new InvalidInput(field, rawProblem(`"${text}" is not a time on the 24-hour clock, like 14:30`))
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
  if (parts.some((t) => String(t).trim().length > 40)) p.add(field, 'Each tag must be 40 characters or fewer')
  const out = parseTags(value)
  if (out.length > 20) p.add(field, 'Use 20 tags or fewer')
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
  const title = required(p, 'title', input.title, 'a name for this case', 120)
  const nation = oneOf(p, 'nation', input.nation, CASE_NATIONS, 'where you live')
  const role = oneOf(p, 'role', input.role, PARENT_ROLES, 'which parent you are')
  const refText = clean(input.cmsReference)
  const cmsReference = refText === null ? null : p.try('cmsReference', () => parseCmsReference(refText))
  const op = input.otherParent ?? {}
  const email = clean(op.email)
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    p.add('otherParent.email', 'Enter an email address like name@example.com')
  const phone = clean(op.phone)
  if (phone !== null && !/^[+\d][\d\s()-]{5,}$/.test(phone))
    p.add('otherParent.phone', 'Enter a phone number using digits, like 07700 900123')
  const children: Child[] = []
  for (const [i, c] of (input.children ?? []).entries()) {
    const name = clean(c.name)
    const dobText = clean(c.dateOfBirth)
    if (name === null && dobText === null) continue
    if (name === null) p.add(`children.${i}.name`, 'Enter the child’s name')
    else if (name.length > 120) p.add(`children.${i}.name`, 'Use 120 characters or fewer')
    const dob = date(p, `children.${i}.dateOfBirth`, dobText, 'the date of birth', { notAfter: today })
    children.push({ name: name ?? '', dateOfBirth: dob?.toString() ?? null })
  }
  if (children.length > 20) p.add('children', 'Add 20 children or fewer')
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
  const kind = oneOf(p, 'kind', input.kind, DECISION_KINDS, 'the kind of decision')
  const letterDate = date(p, 'letterDate', input.letterDate, 'the date on the letter', {
    required: true,
    notAfter: today,
  })
  const receivedDate = date(p, 'receivedDate', input.receivedDate, 'the date you received it', {
    notAfter: today,
  })
  if (letterDate && receivedDate && isBefore(receivedDate, letterDate))
    p.add(
      'receivedDate',
      `The date you received it (${formatDate(receivedDate)}) cannot be before the date on the letter (${formatDate(letterDate)})`,
    )
  const effectiveDate = date(p, 'effectiveDate', input.effectiveDate, 'the effective date')
  const enforcementAction = optionalOneOf(
    p,
    'enforcementAction',
    input.enforcementAction,
    ENFORCEMENT_ACTIONS,
    'a kind of enforcement',
  )
  const data: DecisionData = {
    kind: kind ?? 'calculation',
    letterDate: letterDate?.toString() ?? '',
    receivedDate: receivedDate?.toString() ?? null,
    effectiveDate: effectiveDate?.toString() ?? null,
    summary: optionalText(p, 'summary', input.summary, 2000),
    weeklyAmountPence: money(p, 'weeklyAmount', input.weeklyAmount),
    weeklyIncomePence: money(p, 'weeklyIncome', input.weeklyIncome),
    nights: wholeNumber(p, 'nights', input.nights, 0, 366, 'the number of nights'),
    otherChildren: wholeNumber(
      p,
      'otherChildren',
      input.otherChildren,
      0,
      20,
      'the number of other children',
    ),
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
    if (text === null) p.add(`call.actions.${i}.text`, 'Enter what was promised')
    const due = date(p, `call.actions.${i}.due`, dueText, 'the date promised')
    actions.push({ text: text ?? '', due: due?.toString() ?? null })
  }
  const number = clean(input.numberDialled)
  if (number !== null && !/^[+\d][\d\s()-]{2,}$/.test(number))
    p.add('call.numberDialled', 'Enter the number you dialled using digits, like 0800 171 2345')
  return {
    numberDialled: number,
    durationMinutes: wholeNumber(
      p,
      'call.durationMinutes',
      input.durationMinutes,
      0,
      600,
      'the length of the call in minutes',
    ),
    personName: optionalText(p, 'call.personName', input.personName, 200),
    personRole: optionalText(p, 'call.personRole', input.personRole, 200),
    personOffice: optionalText(p, 'call.personOffice', input.personOffice, 200),
    iSaid: optionalText(p, 'call.iSaid', input.iSaid),
    theySaid: optionalText(p, 'call.theySaid', input.theySaid),
    actions,
    followUpOn: date(p, 'call.followUpOn', input.followUpOn, 'the follow-up date')?.toString() ?? null,
  }
}

function validateLetter(
  p: Problems,
  input: LetterInput,
  sent: boolean,
  occurredOn: PlainDate | null,
  today: PlainDate,
): LetterDetails {
  const subject = optionalOneOf(p, 'letter.subject', input.subject, LETTER_SUBJECTS, 'a subject') ?? 'other'
  const method = oneOf(p, 'letter.method', input.method, LETTER_METHODS, 'how it was sent')
  const letterDate = date(p, 'letter.letterDate', input.letterDate, 'the date on the letter', {
    notAfter: today,
  })
  const deliveredOn = sent
    ? date(p, 'letter.deliveredOn', input.deliveredOn, 'the date it was delivered', { notAfter: today })
    : null
  if (sent) {
    if (letterDate && occurredOn && isAfter(letterDate, occurredOn))
      p.add(
        'letter.letterDate',
        `The date on the letter (${formatDate(letterDate)}) cannot be after the date you sent it (${formatDate(occurredOn)})`,
      )
    if (deliveredOn && occurredOn && isBefore(deliveredOn, occurredOn))
      p.add(
        'letter.deliveredOn',
        `The date it was delivered (${formatDate(deliveredOn)}) cannot be before the date you sent it (${formatDate(occurredOn)})`,
      )
  } else if (letterDate && occurredOn && isBefore(occurredOn, letterDate)) {
    p.add(
      'occurredOn',
      `The date you received it (${formatDate(occurredOn)}) cannot be before the date it was sent (${formatDate(letterDate)}, the date on the letter)`,
    )
  }
  const certificate = optionalText(p, 'letter.certificateNumber', input.certificateNumber, 60)
  const tracking = optionalText(p, 'letter.trackingNumber', input.trackingNumber, 60)
  if (tracking !== null && !/^[A-Za-z0-9 -]{6,40}$/.test(tracking))
    p.add('letter.trackingNumber', 'Enter the tracking number as printed on the receipt, like AB123456789GB')
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
  const type = oneOf(p, 'type', input.type, EVENT_TYPES, 'the kind of event')
  const occurredOn = date(p, 'occurredOn', input.occurredOn, 'the date it happened', {
    required: true,
    notAfter: today,
  })
  const timeText = clean(input.occurredTime)
  const occurredTime =
    timeText === null ? null : p.try('occurredTime', () => parseTime(timeText, 'occurredTime'))
  const title = required(p, 'title', input.title, 'a short description', 200)
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
  const title = required(p, 'title', input.title, 'what needs doing', 200)
  const dueOn = date(p, 'dueOn', input.dueOn, 'the date it is due', { required: true })
  const status = optionalOneOf(p, 'status', input.status, TASK_STATUSES, 'a status') ?? 'open'
  const doneOn = date(p, 'doneOn', input.doneOn, 'the date it was done', { notAfter: today })
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
