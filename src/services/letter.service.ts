import { Readable } from 'node:stream'
import { compareWithCms } from '../domain/calculation/index.ts'
import type { CalculationInput } from '../domain/calculation/types.ts'
import {
  DECISION_NAMES,
  LETTER_METHODS,
  type Actor,
  type CaseRecord,
  type DecisionRecord,
  type EventRecord,
  type LetterMethod,
  type TaskRecord,
  type DeadlineGap,
} from '../domain/case/index.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { formatPounds, parsePounds, pence, type Pence } from '../domain/shared/pence.ts'
import { formatDate, isAfter, parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import {
  buildLetter,
  checkLetter,
  COST_CATEGORIES,
  isLetterKind,
  listLetterKinds,
  MissingParticulars,
  REMEDIES,
  renderLetterDocx,
  renderLetterPdf,
  workingsFromSteps,
  type ChronologyEntry,
  type CostCategory,
  type DatedEvent,
  type DisputedFigure,
  type Letter,
  type LetterInputs,
  type LetterKind,
  type LetterKindInfo,
  type RecipientInput,
  type RemedyInput,
  type RemedyKind,
  type WorkingStep,
} from '../documents/index.ts'
import type { CaseServices } from './case-services.ts'
import { contacts } from './contacts.ts'
import { DECISION_KINDS, subjectFor } from './letter-kinds.ts'

/**
 * Letters written from the case file: the sender, reference, decision, call, costs, final response,
 * chronology and disputed figures come from what the parent has recorded; the CMS's address comes
 * from rules/contacts.yaml. The parent can edit the words before the letter is produced, and record
 * it as sent (which stores the PDF as evidence and starts the deadlines sending it starts).
 */

/** Where in Redress the parent adds a missing particular. */
export type AddWhere = 'case' | 'decisions' | 'calls' | 'timeline' | 'letter'

export interface LetterProblem {
  readonly field: string
  readonly whatToAdd: string
  readonly where: AddWhere
}

/** The letter cannot be written yet: each problem says what to add and where. */
export class LetterNeedsMore extends InvalidInput {
  override name = 'LetterNeedsMore'
  constructor(
    readonly kind: LetterKind,
    readonly problems: readonly LetterProblem[],
    message: string,
  ) {
    super(problems[0]?.field ?? 'letter', message)
    this.message = message
  }
}

/** Free-text particulars only the parent can give, typed in the letter form or with `--set name=value`. */
export type WordType = 'text' | 'lines' | 'date' | 'pounds' | 'yes-no'
export interface WordField {
  readonly name: string
  readonly type: WordType
  readonly label: string
  readonly hint?: string
}

/** Every word field, by the kinds that use it. A field listed for a kind is offered in its form. */
export const WORD_FIELDS: readonly (WordField & { readonly kinds: readonly LetterKind[] | 'all' })[] = [
  {
    name: 'senderPhone',
    type: 'text',
    label: 'Your phone number',
    hint: 'Leave blank to keep it out of the letter.',
    kinds: 'all',
  },
  {
    name: 'senderEmail',
    type: 'text',
    label: 'Your email address',
    hint: 'Leave blank to keep it out of the letter.',
    kinds: 'all',
  },
  {
    name: 'grounds',
    type: 'lines',
    label: 'Why the decision is wrong',
    hint: 'One point on each line. Redress adds the figures it worked out.',
    kinds: [
      'mandatory-reconsideration',
      'late-mandatory-reconsideration',
      'appeal-covering-letter',
      'appeal-grounds',
      'appeal-sscs2-answers',
      'ni-appeal',
    ],
  },
  {
    name: 'outcomeSought',
    type: 'text',
    label: 'What the decision should say instead',
    kinds: [
      'mandatory-reconsideration',
      'late-mandatory-reconsideration',
      'revision-any-time',
      'appeal-grounds',
      'appeal-sscs2-answers',
      'ni-appeal',
    ],
  },
  {
    name: 'lateReason',
    type: 'text',
    label: 'Why it is late',
    hint: 'Only if it is late.',
    kinds: ['late-mandatory-reconsideration', 'appeal-covering-letter', 'appeal-sscs2-answers', 'ni-appeal'],
  },
  { name: 'details', type: 'text', label: 'What went wrong, in your words', kinds: ['revision-any-time'] },
  { name: 'change', type: 'text', label: 'What changed', kinds: ['change-of-circumstances'] },
  { name: 'changeDate', type: 'date', label: 'When it changed', kinds: ['change-of-circumstances'] },
  {
    name: 'whatFollows',
    type: 'text',
    label: 'What you think should follow',
    kinds: ['change-of-circumstances'],
  },
  {
    name: 'source',
    type: 'text',
    label: 'Where the income comes from',
    hint: 'For example, rent from a flat he lets out.',
    kinds: ['variation-unearned-income'],
  },
  {
    name: 'estimatedAnnualAmount',
    type: 'pounds',
    label: 'About how much a year',
    kinds: ['variation-unearned-income'],
  },
  { name: 'since', type: 'date', label: 'Since when', kinds: ['variation-unearned-income'] },
  {
    name: 'howIKnow',
    type: 'text',
    label: 'How you know',
    kinds: ['variation-unearned-income', 'variation-assets', 'variation-diversion-of-income'],
  },
  {
    name: 'howDiverted',
    type: 'text',
    label: 'How the income is diverted',
    kinds: ['variation-diversion-of-income'],
  },
  { name: 'arrangement', type: 'text', label: 'How contact works', kinds: ['variation-contact-costs'] },
  { name: 'impact', type: 'text', label: 'How it has affected you and the children', kinds: ['complaint'] },
  {
    name: 'remedies',
    type: 'lines',
    label: 'What you ask for',
    hint: `One on each line: ${Object.keys(REMEDIES).join(', ')}.`,
    kinds: ['complaint', 'complaint-escalation', 'ice-referral'],
  },
  {
    name: 'whyUnsatisfactory',
    type: 'lines',
    label: 'Why the reply does not settle your complaint',
    hint: 'One point on each line.',
    kinds: ['complaint-escalation'],
  },
  {
    name: 'nationalInsuranceNumber',
    type: 'text',
    label: 'Your National Insurance number',
    kinds: ['ice-referral', 'subject-access-request', 'appeal-sscs2-answers'],
  },
  {
    name: 'dateOfBirth',
    type: 'date',
    label: 'Your date of birth',
    kinds: ['subject-access-request', 'appeal-sscs2-answers'],
  },
  { name: 'mpName', type: 'text', label: 'Your MP’s name', kinds: ['mp-letter'] },
  { name: 'summary', type: 'text', label: 'The problem, in a few sentences', kinds: ['mp-letter'] },
  { name: 'helpWanted', type: 'text', label: 'What you want your MP to do', kinds: ['mp-letter'] },
  {
    name: 'attendHearing',
    type: 'yes-no',
    label: 'Do you want to go to the hearing?',
    kinds: ['ni-appeal', 'appeal-sscs2-answers'],
  },
]

export const wordFieldsFor = (kind: LetterKind): WordField[] =>
  WORD_FIELDS.filter((f) => f.kinds === 'all' || f.kinds.includes(kind))

/** What the parent picks and types for one letter. */
export interface LetterChoices {
  /** The decision the letter is about (the newest suitable one if not given). */
  readonly decisionId?: string | null
  /** The call the letter confirms (the newest call if not given). */
  readonly callId?: string | null
  /** The date on the letter (today if not given). */
  readonly date?: PlainDate | null
  /** Where to send it, when Redress has no confirmed address for the recipient. */
  readonly recipient?: RecipientInput | null
  /** Word fields by name (see WORD_FIELDS), as typed. */
  readonly words?: Readonly<Record<string, string>>
  /** Your figures, to compare with the decision's: disputed figures, workings and the outcome sought. */
  readonly figures?: {
    readonly weeklyIncome?: string | null
    readonly nights?: string | null
    readonly otherChildren?: string | null
    readonly additionalIncomeWeekly?: string | null
  } | null
  /** Any other input for the kind, merged over what Redress found (dates as YYYY-MM-DD, money as "12.34"). */
  readonly input?: Readonly<Record<string, unknown>> | null
  /** Keep your address and phone out of appeal papers shared with the other parent. */
  readonly keepAddressPrivate?: boolean
}

/** The parts of a letter the parent can edit in the form. */
export interface LetterEdits {
  readonly subject?: string
  readonly salutation?: string
  /** The text of each numbered paragraph, by its index among the letter's blocks. */
  readonly paragraphs?: Readonly<Record<number, string>>
  readonly closing?: string
}

export interface Drafted {
  readonly letter: Letter
  readonly kind: LetterKind
  readonly decision: DecisionRecord | null
  readonly call: EventRecord | null
}

export interface SendDetails {
  /** The day it was sent (today if not given). */
  readonly sentOn?: PlainDate | null
  readonly method: LetterMethod
  readonly certificateNumber?: string | null
  readonly trackingNumber?: string | null
}

export interface Sent {
  readonly event: EventRecord
  readonly evidenceId: string
  readonly tasks: readonly TaskRecord[]
  readonly gaps: readonly DeadlineGap[]
}

const MONEY_KEYS = new Set([
  'amount',
  'estimatedAnnualAmount',
  'arrearsStated',
  'monthlyPayment',
  'monthlyAmount',
  'figureUsed',
  'amendedFigure',
  'estimatedValue',
])
const ISO = /^\d{4}-\d{2}-\d{2}$/

/** Turns JSON input into the documents library's types: ISO dates to PlainDate, money keys to pence. */
export function reviveInput(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (ISO.test(value)) return parseDate(value, key || 'date')
    if (MONEY_KEYS.has(key)) return parsePounds(value.replace(/^£/, '').replace(/,/g, ''), key)
    return value
  }
  if (typeof value === 'number' && MONEY_KEYS.has(key)) return pence(Math.round(value * 100))
  if (Array.isArray(value)) return value.map((v) => reviveInput(v, key))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveInput(v, k)]))
  return value
}

const lines = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n|,(?=\s*\S)/)
    .map((l) => l.trim())
    .filter((l) => l !== '')

const splitLines = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')

/** Which page or option adds a particular the documents library asked for. */
function whereFor(field: string): AddWhere {
  if (field === 'sender.name' || field === 'sender.addressLines' || field === 'reference') return 'case'
  if (field.startsWith('decision.') || field === 'reconsiderationNoticeDate') return 'decisions'
  if (['callDate', 'callTime', 'spokeWith', 'discussed', 'agreed'].includes(field)) return 'calls'
  if (['finalResponseDate', 'complainedOn', 'replyDate', 'events', 'costs', 'chronology'].includes(field))
    return 'timeline'
  return 'letter'
}

const DECISION_SUBJECT = (d: DecisionRecord): string =>
  d.summary?.trim() || `the ${DECISION_NAMES[d.kind].toLowerCase()}`

const eventText = (e: EventRecord): string => [e.title, e.details].filter(Boolean).join(': ')

export interface LetterServiceDeps {
  readonly caseFile: CaseServices
  readonly rules: RuleBook
}

export class LetterService {
  constructor(private readonly deps: LetterServiceDeps) {}

  private get cases() {
    return this.deps.caseFile.cases
  }

  /** Every kind, with what it needs. */
  kinds(): LetterKindInfo[] {
    return listLetterKinds()
  }

  /**
   * The kinds this case's situation calls for, from what is in the case file: an open decision to
   * challenge, a refused reconsideration to appeal, a call to confirm, a final response to take to ICE…
   */
  async suggested(who: Actor, caseId: string): Promise<{ kind: LetterKind; why: string }[]> {
    const c = await this.cases.getCase(who, caseId)
    const decisions = await this.cases.list(who, caseId, 'decision')
    const events = await this.cases.list(who, caseId, 'event')
    const out: { kind: LetterKind; why: string }[] = []
    const add = (kind: LetterKind, why: string) => {
      if (!out.some((o) => o.kind === kind)) out.push({ kind, why })
    }
    const newest = [...decisions].sort((a, b) => b.letterDate.localeCompare(a.letterDate))
    const mrn = newest.find((d) => d.kind === 'mandatory-reconsideration-notice')
    const challengeable = newest.find(
      (d) => !['mandatory-reconsideration-notice', 'arrears-notice', 'enforcement'].includes(d.kind),
    )
    const sent = events.filter((e) => e.type === 'letter-sent')
    const received = events.filter((e) => e.type === 'letter-received')
    if (mrn) {
      if (c.nation === 'northern-ireland')
        add(
          'ni-appeal',
          `The reconsideration notice dated ${formatDate(parseDate(mrn.letterDate))} can be appealed.`,
        )
      else
        add(
          'appeal-covering-letter',
          `The reconsideration notice dated ${formatDate(parseDate(mrn.letterDate))} can be appealed to the tribunal.`,
        )
    } else if (challengeable) {
      add(
        'mandatory-reconsideration',
        `You can ask the CMS to look again at the decision dated ${formatDate(parseDate(challengeable.letterDate))}.`,
      )
    }
    if (challengeable && c.role === 'receiving')
      add('variation-unearned-income', 'If the other parent has income the CMS has not counted.')
    const confirmed = new Set(sent.filter((e) => e.letter?.subject === 'call-confirmation').map((e) => e.id))
    if (events.some((e) => e.type === 'call') && confirmed.size === 0)
      add('call-confirmation', 'Put what you were told on the phone in writing.')
    if (received.some((e) => e.letter?.subject === 'complaint-final-response')) {
      add(
        'ice-referral',
        'You have the final response to your complaint: the Independent Case Examiner can look at it.',
      )
      add('compensation-claim', 'Ask for your costs back.')
    } else if (received.some((e) => e.letter?.subject === 'complaint-response')) {
      add('complaint-escalation', 'If the reply to your complaint does not settle it.')
    } else if (sent.some((e) => e.letter?.subject === 'complaint')) {
      add('compensation-claim', 'Ask for your costs back.')
    }
    if (decisions.some((d) => d.kind === 'arrears-notice' || d.kind === 'enforcement'))
      add('statement-of-account', 'Ask for a statement of account to check the arrears.')
    add('subject-access-request', 'Ask for a copy of everything the CMS holds about you.')
    return out
  }

  private async pickDecision(
    who: Actor,
    caseId: string,
    kind: LetterKind,
    id: string | null | undefined,
  ): Promise<DecisionRecord | null> {
    if (id) return this.cases.get(who, caseId, 'decision', id)
    if (!DECISION_KINDS.has(kind)) return null
    const all = [...(await this.cases.list(who, caseId, 'decision'))].sort((a, b) =>
      b.letterDate.localeCompare(a.letterDate),
    )
    const wantNotice = kind.startsWith('appeal-') || kind === 'ni-appeal'
    return (
      all.find((d) =>
        wantNotice
          ? d.kind === 'mandatory-reconsideration-notice'
          : !['mandatory-reconsideration-notice', 'arrears-notice', 'enforcement'].includes(d.kind),
      ) ?? null
    )
  }

  private async pickCall(
    who: Actor,
    caseId: string,
    id: string | null | undefined,
  ): Promise<EventRecord | null> {
    if (id) {
      const e = await this.cases.get(who, caseId, 'event', id)
      if (e.type !== 'call') throw new InvalidInput('call', 'Choose a phone call from this case')
      return e
    }
    const calls = (await this.cases.timeline(who, caseId)).filter((e) => e.type === 'call')
    return calls.sort((a, b) => b.occurredOn.localeCompare(a.occurredOn))[0] ?? null
  }

  /** The recipient for a kind, from the contact facts; null where Redress has no confirmed address. */
  private recipient(kind: LetterKind, c: CaseRecord): RecipientInput {
    const cms = contacts().cms.postalAddress
    const gbCms = c.nation !== 'northern-ireland'
    const cmsLines = cms.value.split('\n').map((l) => l.trim())
    if (kind.startsWith('appeal-')) return { organisation: 'HM Courts & Tribunals Service' }
    switch (kind) {
      case 'ni-appeal':
        return { organisation: 'The Appeals Service' }
      case 'ice-referral':
        return { organisation: 'Independent Case Examiner' }
      case 'mp-letter':
        return { organisation: 'House of Commons' }
      case 'subject-access-request':
        return gbCms
          ? { organisation: 'Child Maintenance Service', addressLines: cmsLines }
          : { organisation: 'Department for Communities' }
      default:
        return gbCms
          ? { organisation: 'Child Maintenance Service', addressLines: cmsLines }
          : { organisation: 'Child Maintenance Service (Northern Ireland)' }
    }
  }

  /** What the decision's figures and yours give: the workings, the disputed figures and the amount it should be. */
  private compare(
    c: CaseRecord,
    d: DecisionRecord,
    f: NonNullable<LetterChoices['figures']>,
  ): { workings: WorkingStep[]; disputed: DisputedFigure[]; outcome: string } | null {
    const given = [f.weeklyIncome, f.nights, f.otherChildren, f.additionalIncomeWeekly].some(
      (x) => x != null && String(x).trim() !== '',
    )
    if (!given) return null
    if (d.weeklyIncomePence === null)
      throw new InvalidInput(
        'decision.weeklyIncome',
        `Add the weekly income the CMS used to the decision of ${formatDate(parseDate(d.letterDate))} to compare your figures with it`,
      )
    const children = Math.max(1, c.children.length)
    const num = (text: string | null | undefined, fallback: number, field: string): number => {
      const t = (text ?? '').trim()
      if (t === '') return fallback
      if (!/^\d{1,3}$/.test(t)) throw new InvalidInput(field, 'must be a whole number')
      return Number(t)
    }
    const cmsNights = d.nights ?? 0
    const base = (income: Pence, nights: number, others: number, extra: Pence | null): CalculationInput => ({
      effectiveDate: parseDate(d.effectiveDate ?? d.letterDate),
      income: { grossWeekly: income },
      benefit: 'none',
      nilRateCategory: false,
      relevantOtherChildren: others,
      receivingParents: [
        {
          id: 'receiving-parent',
          children: Array.from({ length: children }, () => ({ nightsPerYear: nights })),
        },
      ],
      ...(extra !== null
        ? { variations: { specialExpensesWeekly: pence(0), additionalIncomeWeekly: extra } }
        : {}),
    })
    const mineIncome = f.weeklyIncome?.trim()
      ? parsePounds(f.weeklyIncome.trim(), 'figures.weeklyIncome')
      : pence(d.weeklyIncomePence)
    const extra = f.additionalIncomeWeekly?.trim()
      ? parsePounds(f.additionalIncomeWeekly.trim(), 'figures.additionalIncomeWeekly')
      : null
    const cmsInput = base(pence(d.weeklyIncomePence), cmsNights, d.otherChildren ?? 0, null)
    const userInput = base(
      mineIncome,
      num(f.nights, cmsNights, 'figures.nights'),
      num(f.otherChildren, d.otherChildren ?? 0, 'figures.otherChildren'),
      extra,
    )
    const cmp = compareWithCms(this.deps.rules, userInput, {
      ...cmsInput,
      ...(d.weeklyAmountPence !== null ? { statedWeekly: pence(d.weeklyAmountPence) } : {}),
    })
    const disputed: DisputedFigure[] = cmp.differences.map((x) => ({
      item:
        x.input === 'nights'
          ? 'Nights a year the children stay with the paying parent'
          : x.input === 'income'
            ? 'Gross weekly income of the paying parent'
            : x.input === 'variations'
              ? 'Additional income (variation)'
              : x.input === 'relevantOtherChildren'
                ? 'Relevant other children'
                : x.input,
      cms: { kind: 'text', text: x.cms },
      mine: { kind: 'text', text: x.user },
      why: x.text,
    }))
    const amount = formatPounds(cmp.user.value.totalWeekly)
    return {
      workings: workingsFromSteps(cmp.user.steps),
      disputed,
      outcome: `the weekly amount should be ${amount}`,
    }
  }

  /** The input for a kind, from the case file and the parent's choices. */
  async input(
    who: Actor,
    caseId: string,
    kind: LetterKind,
    ch: LetterChoices = {},
  ): Promise<{ input: Record<string, unknown>; decision: DecisionRecord | null; call: EventRecord | null }> {
    const c = await this.cases.getCase(who, caseId)
    const w = ch.words ?? {}
    const word = (name: string): string | undefined => w[name]?.trim() || undefined
    const today = this.cases.today()
    const decision = await this.pickDecision(who, caseId, kind, ch.decisionId)
    const events = [...(await this.cases.timeline(who, caseId))].sort((a, b) =>
      a.occurredOn.localeCompare(b.occurredOn),
    )
    const decisions = await this.cases.list(who, caseId, 'decision')
    const recipient = { ...this.recipient(kind, c), ...(ch.recipient ?? {}) }
    const input: Record<string, unknown> = {
      sender: {
        name: c.yourName,
        addressLines: splitLines(c.yourAddress?.replace(/,\s*/g, '\n')),
        phone: word('senderPhone') ?? null,
        email: word('senderEmail') ?? null,
      },
      recipient,
      date: ch.date ?? today,
      reference: c.cmsReference,
    }
    const dated = (es: readonly EventRecord[]): DatedEvent[] =>
      es.map((e) => ({ date: parseDate(e.occurredOn), text: eventText(e) }))
    const tagged = (tag: string) => events.filter((e) => e.tags.includes(tag))
    const remedies = (): RemedyInput[] => {
      const typed = lines(word('remedies'))
      const kinds = (typed.length ? typed : ['apology', 'explanation', 'put-right']).filter(
        (k): k is RemedyKind => Object.hasOwn(REMEDIES, k),
      )
      return kinds.map((k) => ({ kind: k }))
    }
    const complaintFacts = (): DatedEvent[] => {
      const t = tagged('complaint')
      return dated(t.length ? t : events.filter((e) => e.type !== 'payment' && !e.tags.includes('cost')))
    }
    let call: EventRecord | null = null

    if (decision) {
      const isNotice = decision.kind === 'mandatory-reconsideration-notice'
      if (isNotice && (kind.startsWith('appeal-') || kind === 'ni-appeal')) {
        input.reconsiderationNoticeDate = parseDate(decision.letterDate)
        // The decision looked at again: the newest earlier decision that is not a notice.
        const earlier = [...decisions]
          .filter((d) => d.kind !== 'mandatory-reconsideration-notice' && d.letterDate <= decision.letterDate)
          .sort((a, b) => b.letterDate.localeCompare(a.letterDate))[0]
        const looked = earlier ?? decision
        input.decision = {
          date: parseDate(looked.letterDate),
          subject: decision.summary?.trim() || DECISION_SUBJECT(looked),
        }
      } else {
        input.decision = { date: parseDate(decision.letterDate), subject: DECISION_SUBJECT(decision) }
      }
      const cmp = ch.figures ? this.compare(c, decision, ch.figures) : null
      const grounds = lines(word('grounds'))
      if (cmp) {
        input.workings = cmp.workings
        input.disputedFigures = cmp.disputed
        input.outcomeSought = word('outcomeSought') ?? cmp.outcome
        input.grounds = [...grounds, ...cmp.disputed.map((x) => x.why)]
      } else {
        if (grounds.length) input.grounds = grounds
        if (word('outcomeSought')) input.outcomeSought = word('outcomeSought')
      }
      const phoned = events.find((e) => e.type === 'call' && e.occurredOn >= decision.letterDate)
      if (phoned && kind === 'mandatory-reconsideration') input.phonedOn = parseDate(phoned.occurredOn)
    }

    switch (kind) {
      case 'call-confirmation': {
        call = await this.pickCall(who, caseId, ch.callId)
        if (call?.call) {
          const k = call.call
          input.callDate = parseDate(call.occurredOn)
          if (call.occurredTime) input.callTime = call.occurredTime
          const role = k.personRole
            ? `${/^[aeiou]/i.test(k.personRole) ? 'an' : 'a'} ${k.personRole}`
            : 'an adviser'
          if (k.personName) input.spokeWith = `${role} called ${k.personName}`
          input.discussed = k.iSaid ?? call.details ?? call.title
          input.agreed = [
            k.theySaid,
            ...k.actions.map((a) => (a.due ? `${a.text} by ${formatDate(parseDate(a.due))}` : a.text)),
          ].filter((x): x is string => !!x)
        }
        break
      }
      case 'complaint':
        input.events = complaintFacts()
        input.remedies = remedies()
        if (word('impact')) input.impact = word('impact')
        break
      case 'complaint-escalation': {
        const complained = events
          .filter((e) => e.type === 'letter-sent' && e.letter?.subject === 'complaint')
          .at(-1)
        const reply = events
          .filter((e) => e.type === 'letter-received' && e.letter?.subject === 'complaint-response')
          .at(-1)
        if (complained) input.complainedOn = parseDate(complained.occurredOn)
        if (reply) input.replyDate = parseDate(reply.letter?.letterDate ?? reply.occurredOn)
        input.whyUnsatisfactory = lines(word('whyUnsatisfactory'))
        input.remedies = remedies()
        break
      }
      case 'ice-referral': {
        const final = events
          .filter((e) => e.type === 'letter-received' && e.letter?.subject === 'complaint-final-response')
          .at(-1)
        if (final) {
          input.finalResponseDate = parseDate(final.letter?.letterDate ?? final.occurredOn)
          input.finalResponseReceived = parseDate(final.occurredOn)
        }
        input.events = complaintFacts()
        input.remedies = remedies()
        input.nationalInsuranceNumber = word('nationalInsuranceNumber')
        break
      }
      case 'compensation-claim': {
        const complained = events
          .filter((e) => e.type === 'letter-sent' && e.letter?.subject === 'complaint')
          .at(-1)
        if (complained) input.complaintDate = parseDate(complained.occurredOn)
        input.costs = tagged('cost')
          .filter((e) => e.amountPence !== null)
          .map((e) => ({
            date: parseDate(e.occurredOn),
            category:
              (Object.keys(COST_CATEGORIES) as CostCategory[]).find((k) => e.tags.includes(k)) ?? 'other',
            description: e.title,
            amount: pence(e.amountPence ?? 0),
          }))
        const distress = [...tagged('distress'), ...tagged('delay')]
        if (distress.length) input.distress = dated(distress)
        break
      }
      case 'mp-letter':
        input.events = complaintFacts()
        for (const k of ['mpName', 'summary', 'helpWanted']) if (word(k)) input[k] = word(k)
        if (word('mpName')) input.recipient = { ...recipient, attention: word('mpName') }
        break
      case 'change-of-circumstances': {
        const change = events.filter((e) => e.type === 'change-of-circumstances').at(-1)
        input.changeDate = word('changeDate')
          ? parseDate(word('changeDate')!, 'changeDate')
          : change
            ? parseDate(change.occurredOn)
            : null
        input.change = word('change') ?? (change ? eventText(change) : null)
        input.whatFollows = word('whatFollows')
        input.expected = input.changeDate ? isAfter(input.changeDate as PlainDate, today) : false
        break
      }
      case 'statement-of-account': {
        const disputed = tagged('disputed').filter((e) => e.amountPence !== null)
        if (disputed.length)
          input.disputed = disputed.map((e) => ({
            date: parseDate(e.occurredOn),
            amount: pence(e.amountPence ?? 0),
            note: eventText(e),
          }))
        break
      }
      case 'subject-access-request':
        if (word('dateOfBirth')) input.dateOfBirth = parseDate(word('dateOfBirth')!, 'dateOfBirth')
        input.nationalInsuranceNumber = word('nationalInsuranceNumber')
        break
      case 'revision-any-time':
        input.details = word('details')
        break
      case 'ni-appeal':
        if (word('attendHearing')) input.attendHearing = word('attendHearing') === 'yes'
        if (word('lateReason')) input.lateReason = word('lateReason')
        break
      default:
        break
    }
    if (kind.startsWith('variation-')) {
      if (c.otherParent.name) input.otherParentName = c.otherParent.name
      for (const f of wordFieldsFor(kind)) {
        const v = word(f.name)
        if (!v || f.name.startsWith('sender')) continue
        input[f.name] =
          f.type === 'date'
            ? parseDate(v, f.name)
            : f.type === 'pounds'
              ? parsePounds(v.replace(/^£/, '').replace(/,/g, ''), f.name)
              : v
      }
    }
    if (kind.startsWith('appeal-')) {
      input.role = c.role === 'paying' ? 'paying-parent' : 'receiving-parent'
      const rows = await this.deps.caseFile.chronology.rows(who, caseId)
      input.chronology = rows.map((r): ChronologyEntry => ({
        date: parseDate(r.date),
        event: `${r.what}. ${r.detail}`.trim(),
      }))
      if (c.otherParent.name) input.otherParent = { name: c.otherParent.name }
      if (ch.keepAddressPrivate) input.keepAddressPrivate = true
      if (word('nationalInsuranceNumber')) input.nationalInsuranceNumber = word('nationalInsuranceNumber')
      if (word('dateOfBirth')) input.dateOfBirth = parseDate(word('dateOfBirth')!, 'dateOfBirth')
      if (word('lateReason')) input.lateReason = word('lateReason')
      if (word('attendHearing')) input.hearing = { attend: word('attendHearing') === 'yes' }
    }
    // Anything else given as JSON, over what Redress found.
    const extra = ch.input ? (reviveInput(ch.input) as Record<string, unknown>) : {}
    for (const [k, v] of Object.entries(extra)) {
      if ((k === 'sender' || k === 'recipient') && v && typeof v === 'object')
        input[k] = { ...(input[k] as object), ...(v as object) }
      else input[k] = v
    }
    return { input, decision, call }
  }

  /** Builds the letter from the case. Throws `LetterNeedsMore` saying what to add and where. */
  async draft(who: Actor, caseId: string, kind: LetterKind, ch: LetterChoices = {}): Promise<Drafted> {
    if (!isLetterKind(kind)) throw new InvalidInput('kind', `There is no letter of kind "${String(kind)}"`)
    const { input, decision, call } = await this.input(who, caseId, kind, ch)
    try {
      const letter = buildLetter(kind, input as LetterInputs[typeof kind])
      return { letter, kind, decision, call }
    } catch (error) {
      if (error instanceof MissingParticulars) throw needsMore(kind, error)
      throw error
    }
  }

  /** The draft with the parent's edits, checked again. */
  async edited(
    who: Actor,
    caseId: string,
    kind: LetterKind,
    ch: LetterChoices,
    edits: LetterEdits,
  ): Promise<Drafted> {
    const d = await this.draft(who, caseId, kind, ch)
    const letter = applyEdits(d.letter, edits)
    try {
      checkLetter(letter)
    } catch (error) {
      if (error instanceof MissingParticulars) throw needsMore(kind, error)
      throw error
    }
    return { ...d, letter }
  }

  pdf(letter: Letter): Promise<Uint8Array> {
    return renderLetterPdf(letter)
  }

  docx(letter: Letter): Promise<Uint8Array> {
    return renderLetterDocx(letter)
  }

  /**
   * Records the letter as sent: a "letter sent" timeline event (about the decision, confirming the
   * call), the PDF kept as evidence and linked to it as the letter, and the deadlines sending it
   * starts (a complaint's acknowledgement and reply targets, for example). A letter asking the CMS to
   * look again also gets a reminder to check it arrived.
   */
  async markSent(who: Actor, caseId: string, drafted: Drafted, send: SendDetails): Promise<Sent> {
    if (!(LETTER_METHODS as readonly string[]).includes(send.method))
      throw new InvalidInput('method', 'Choose how you sent it')
    const { letter, kind } = drafted
    const sentOn = send.sentOn ?? this.cases.today()
    const pdf = await this.pdf(letter)
    const result = await this.cases.addEvent(who, caseId, {
      type: 'letter-sent',
      occurredOn: sentOn.toString(),
      title: `${letter.title}: ${letter.subject}`.slice(0, 200),
      letter: {
        subject: subjectFor(kind),
        method: send.method,
        letterDate: letter.date.toString(),
        counterparty: letter.recipient.organisation,
        certificateNumber: send.certificateNumber ?? '',
        trackingNumber: send.trackingNumber ?? '',
      },
      tags: ['redress-letter', kind],
      ...(drafted.decision ? { aboutDecisionId: drafted.decision.id } : {}),
      ...(drafted.call && kind === 'call-confirmation' ? { confirmsCallId: drafted.call.id } : {}),
    })
    let evidenceId: string
    try {
      const evidence = await this.deps.caseFile.evidence.add(who, caseId, {
        fileName: `${kind}-${letter.date.toString()}.pdf`,
        content: Readable.from([Buffer.from(pdf)]),
        title: `${letter.title} (${formatDate(letter.date)})`,
        documentDate: (isAfter(letter.date, this.cases.today())
          ? this.cases.today()
          : letter.date
        ).toString(),
        tags: ['redress-letter'],
        linkTo: { type: 'event', id: result.record.id, role: 'letter' },
      })
      evidenceId = evidence.id
    } catch (error) {
      await this.cases.bin(who, caseId, 'event', result.record.id)
      throw error
    }
    const tasks = [...result.tasks]
    if (subjectFor(kind) === 'mandatory-reconsideration' || kind === 'revision-any-time') {
      tasks.push(
        await this.cases.addTask(who, caseId, {
          title: `Check the CMS has received your ${letter.title.toLowerCase()} sent on ${formatDate(sentOn)}`,
          dueOn: sentOn.add({ days: 14 }).toString(),
          notes: 'Phone the CMS if you have heard nothing. Keep your certificate of posting.',
        }),
      )
    }
    return { event: result.record, evidenceId, tasks, gaps: result.gaps }
  }
}

/** Applies the parent's edits to a letter: only words change; tables, particulars and enclosures stay. */
export function applyEdits(letter: Letter, edits: LetterEdits): Letter {
  const paragraphs = letter.paragraphs.map((b, i) => {
    if (typeof b !== 'string') return b
    const e = edits.paragraphs?.[i]
    return e === undefined ? b : e.replace(/\r\n/g, '\n').trim()
  })
  return {
    ...letter,
    subject: edits.subject ?? letter.subject,
    salutation: edits.salutation ?? letter.salutation,
    closing: edits.closing ?? letter.closing,
    paragraphs: paragraphs.filter((b) => typeof b !== 'string' || b !== ''),
  }
}

function needsMore(kind: LetterKind, e: MissingParticulars): LetterNeedsMore {
  const problems = e.missing.map((m) => ({
    field: m.field,
    whatToAdd: m.whatToAdd,
    where: whereFor(m.field),
  }))
  return new LetterNeedsMore(kind, problems, e.message)
}

/** Parses a letter method name (for forms and the command line). */
export function parseMethod(text: string | undefined): LetterMethod {
  const t = (text ?? '').trim()
  if (!(LETTER_METHODS as readonly string[]).includes(t))
    throw new InvalidInput('method', `Choose one of: ${LETTER_METHODS.join(', ')}`)
  return t as LetterMethod
}
