import { serviceText } from './copy.ts'
import { readTables, TABLES } from './letter-tables.ts'
import {
  type CaseRecord,
  type DecisionRecord,
  type EventRecord,
  type ChronologyRow,
} from '../domain/case/index.ts'
import { parsePounds, pence, type Pence } from '../domain/shared/pence.ts'
import { formatDate, isAfter, parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import {
  COST_CATEGORIES,
  REMEDIES,
  type ChronologyEntry,
  type CostCategory,
  type DatedEvent,
  type DisputedFigure,
  type LetterInputs,
  type LetterKind,
  type RemedyInput,
  type RemedyKind,
  type WorkingStep,
  type AppealPackInput,
  type DecisionInput,
  type LetterBaseInput,
} from '../documents/index.ts'
import type { AddWhere, LetterChoices } from './letter.service.ts'

/*
 * What the case file gives each kind of letter: one typed builder per kind (BUILDERS), and the
 * phrasing helpers they share. The letter service (letter.service.ts) gathers the context and
 * calls them; the word fields the parent types are in letter-fields.ts.
 */

/** The parent's words as whole paragraphs: one per line they wrote, never split inside a line. */
export const paragraphs = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')

/** A postal address typed in one box: one line each, or (typed on one line) split at its commas. */
export const splitLines = (text: string | null | undefined): string[] => {
  const t = (text ?? '').trim()
  const byLine = t.split(/\r?\n/)
  return (byLine.length > 1 ? byLine : t.split(/,/)).map((l) => l.trim()).filter((l) => l !== '')
}

/** The tag on a call the parent recorded as asking for the reconsideration (the call form offers it). */
export const ASKED_ON_CALL = 'asked-for-reconsideration'

/** How a decision kind reads inside a sentence: "the annual review decision dated 3 February 2025". */
export const DECISION_PHRASES: Readonly<Record<DecisionRecord['kind'], string>> = {
  calculation: 'maintenance calculation',
  revision: 'revision',
  supersession: 'supersession',
  variation: 'variation',
  'mandatory-reconsideration-notice': 'mandatory reconsideration',
  'default-decision': 'default maintenance',
  'annual-review': 'annual review',
  'arrears-notice': 'arrears',
  enforcement: 'enforcement',
}

export const decisionInput = (d: DecisionRecord): DecisionInput => ({
  date: parseDate(d.letterDate),
  kindName: DECISION_PHRASES[d.kind],
  ...(d.summary?.trim() ? { subject: d.summary.trim() } : {}),
})

/** What a letter about a decision takes from the case and the parent's figures. */
export interface AboutDecision {
  readonly decision?: DecisionInput
  readonly reconsiderationNoticeDate?: PlainDate
  readonly grounds?: readonly string[]
  readonly outcomeSought?: string
  readonly workings?: readonly WorkingStep[]
  readonly disputedFigures?: readonly DisputedFigure[]
  readonly phonedOn?: PlainDate
}

export interface Context {
  readonly c: CaseRecord
  readonly kind: LetterKind
  readonly ch: LetterChoices
  readonly word: (name: string) => string | undefined
  readonly today: PlainDate
  readonly decision: DecisionRecord | null
  readonly events: readonly EventRecord[]
  readonly base: LetterBaseInput
  readonly about: AboutDecision
  readonly call: EventRecord | null
  readonly chronologyRows: readonly ChronologyRow[]
}

export type Builder<K extends LetterKind> = (ctx: Context) => LetterInputs[K]

const dated = (es: readonly EventRecord[]): DatedEvent[] =>
  es.map((e) => ({ date: parseDate(e.occurredOn), text: eventText(e) }))
const tagged = (ctx: Context, tag: string) => ctx.events.filter((e) => e.tags.includes(tag))
const complaintFacts = (ctx: Context): DatedEvent[] => {
  const t = tagged(ctx, 'complaint')
  return dated(t.length ? t : ctx.events.filter((e) => e.type !== 'payment' && !e.tags.includes('cost')))
}
const remediesOf = (ctx: Context): RemedyInput[] => {
  const typed = paragraphs(ctx.word('remedies')).flatMap((l) => l.split(/,\s*/))
  const kinds = (typed.length ? typed : ['apology', 'explanation', 'put-right']).filter(
    (k): k is RemedyKind => Object.hasOwn(REMEDIES, k),
  )
  return kinds.map((k) => ({ kind: k }))
}
const lastLetter = (ctx: Context, type: EventRecord['type'], subject: string) =>
  ctx.events.filter((e) => e.type === type && e.letter?.subject === subject).at(-1)
const dateWord = (ctx: Context, name: string): PlainDate | undefined => {
  const v = ctx.word(name)
  return v ? parseDate(v, name) : undefined
}
const poundsWord = (ctx: Context, name: string): Pence | undefined => {
  const v = ctx.word(name)
  return v ? parsePounds(v.replace(/^£/, '').replace(/,/g, ''), name) : undefined
}
/** `{ [key]: value }` when there is a value, else nothing: a typed optional field (its name is checked). */
const optional = <K extends string, T>(key: K, value: T | undefined | null): { readonly [P in K]?: T } =>
  value === undefined || value === null ? {} : ({ [key]: value } as { readonly [P in K]: T })

const reconsideration = (ctx: Context) => {
  // The request itself has no notice date or schedule of disputed figures (those are the appeal's).
  const { reconsiderationNoticeDate: _notice, disputedFigures: _disputed, ...about } = ctx.about
  return { ...ctx.base, ...about, ...optional('lateReason', ctx.word('lateReason')) }
}

const variationBase = (ctx: Context) => ({
  ...ctx.base,
  ...optional('otherParentName', ctx.c.otherParent.name),
})

const appealPackInput = (ctx: Context): AppealPackInput => {
  const { phonedOn: _phoned, workings: _workings, ...about } = ctx.about
  return {
    ...ctx.base,
    ...about,
    role: ctx.c.role === 'paying' ? 'paying-parent' : 'receiving-parent',
    chronology: ctx.chronologyRows.map((r): ChronologyEntry => ({
      date: parseDate(r.date),
      event: chronologyEvent(r),
    })),
    ...(ctx.c.otherParent.name ? { otherParent: { name: ctx.c.otherParent.name } } : {}),
    ...(ctx.ch.keepAddressPrivate ? { keepAddressPrivate: true } : {}),
    ...optional('nationalInsuranceNumber', ctx.word('nationalInsuranceNumber')),
    ...optional('dateOfBirth', dateWord(ctx, 'dateOfBirth')),
    ...optional('lateReason', ctx.word('lateReason')),
    ...(ctx.word('attendHearing') ? { hearing: { attend: ctx.word('attendHearing') === 'yes' } } : {}),
  }
}

/** A chronology row as one entry: what happened, then the detail, as sentences. */
export function chronologyEvent(r: ChronologyRow): string {
  const what = r.what.trim()
  const detail = r.detail.trim()
  if (!detail) return what
  return `${/[.!?:]$/.test(what) ? what : `${what}.`} ${detail}`
}

/** One typed builder per kind of letter: what the case file gives each template. */
const BUILDERS = {
  'mandatory-reconsideration': reconsideration,
  'late-mandatory-reconsideration': (ctx) => {
    const {
      phonedOn: _phoned,
      reconsiderationNoticeDate: _notice,
      disputedFigures: _disputed,
      ...about
    } = ctx.about
    return {
      ...ctx.base,
      ...about,
      ...(ctx.word('lateReason') ? { lateness: { details: ctx.word('lateReason') } } : {}),
    }
  },
  'revision-any-time': (ctx) => {
    const {
      phonedOn: _p,
      grounds: _g,
      disputedFigures: _d,
      reconsiderationNoticeDate: _n,
      ...about
    } = ctx.about
    return { ...ctx.base, ...about, ...optional('details', ctx.word('details')) }
  },
  'change-of-circumstances': (ctx) => {
    const change = ctx.events.filter((e) => e.type === 'change-of-circumstances').at(-1)
    const changeDate = dateWord(ctx, 'changeDate') ?? (change ? parseDate(change.occurredOn) : undefined)
    return {
      ...ctx.base,
      ...optional('changeDate', changeDate),
      ...optional('change', ctx.word('change') ?? (change ? eventText(change) : undefined)),
      ...optional('whatFollows', ctx.word('whatFollows')),
      expected: changeDate ? isAfter(changeDate, ctx.today) : false,
    }
  },
  'variation-contact-costs': (ctx) => ({
    ...variationBase(ctx),
    ...optional('arrangement', ctx.word('arrangement')),
    ...readTables(TABLES['variation-contact-costs'], ctx.ch.input),
  }),
  'variation-relevant-other-child-illness': (ctx) => ({
    ...variationBase(ctx),
    ...readTables(TABLES['variation-relevant-other-child-illness'], ctx.ch.input),
  }),
  'variation-prior-debts': (ctx) => ({
    ...variationBase(ctx),
    ...readTables(TABLES['variation-prior-debts'], ctx.ch.input),
  }),
  'variation-boarding-school-fees': (ctx) => ({
    ...variationBase(ctx),
    ...readTables(TABLES['variation-boarding-school-fees'], ctx.ch.input),
  }),
  'variation-former-home-payments': (ctx) => ({
    ...variationBase(ctx),
    ...readTables(TABLES['variation-former-home-payments'], ctx.ch.input),
  }),
  'variation-unearned-income': (ctx) => ({
    ...variationBase(ctx),
    ...optional('source', ctx.word('source')),
    ...optional('estimatedAnnualAmount', poundsWord(ctx, 'estimatedAnnualAmount')),
    ...optional('since', dateWord(ctx, 'since')),
    ...optional('howIKnow', ctx.word('howIKnow')),
  }),
  'variation-assets': (ctx) => ({
    ...variationBase(ctx),
    ...optional('howIKnow', ctx.word('howIKnow')),
    ...readTables(TABLES['variation-assets'], ctx.ch.input),
  }),
  'variation-diversion-of-income': (ctx) => ({
    ...variationBase(ctx),
    ...optional('howDiverted', ctx.word('howDiverted')),
    ...optional('howIKnow', ctx.word('howIKnow')),
  }),
  complaint: (ctx) => ({
    ...ctx.base,
    events: complaintFacts(ctx),
    remedies: remediesOf(ctx),
    ...optional('impact', ctx.word('impact')),
  }),
  'complaint-escalation': (ctx) => {
    const complained = lastLetter(ctx, 'letter-sent', 'complaint')
    const reply = lastLetter(ctx, 'letter-received', 'complaint-response')
    return {
      ...ctx.base,
      ...optional('complainedOn', complained ? parseDate(complained.occurredOn) : undefined),
      ...optional('replyDate', reply ? parseDate(reply.letter?.letterDate ?? reply.occurredOn) : undefined),
      whyUnsatisfactory: paragraphs(ctx.word('whyUnsatisfactory')),
      remedies: remediesOf(ctx),
    }
  },
  'ice-referral': (ctx) => {
    const final = lastLetter(ctx, 'letter-received', 'complaint-final-response')
    return {
      ...ctx.base,
      ...(final
        ? {
            finalResponseDate: parseDate(final.letter?.letterDate ?? final.occurredOn),
            finalResponseReceived: parseDate(final.occurredOn),
          }
        : {}),
      events: complaintFacts(ctx),
      remedies: remediesOf(ctx),
      ...optional('nationalInsuranceNumber', ctx.word('nationalInsuranceNumber')),
      ...optional('lateReason', ctx.word('lateReason')),
    }
  },
  'mp-letter': (ctx) => ({
    ...ctx.base,
    ...(ctx.word('mpName') && ctx.base.recipient
      ? { recipient: { ...ctx.base.recipient, attention: ctx.word('mpName') } }
      : {}),
    events: complaintFacts(ctx),
    ...optional('mpName', ctx.word('mpName')),
    ...optional('summary', ctx.word('summary')),
    ...optional('helpWanted', ctx.word('helpWanted')),
  }),
  'compensation-claim': (ctx) => {
    const complained = lastLetter(ctx, 'letter-sent', 'complaint')
    const distress = [...tagged(ctx, 'distress'), ...tagged(ctx, 'delay')]
    return {
      ...ctx.base,
      ...optional('complaintDate', complained ? parseDate(complained.occurredOn) : undefined),
      costs: tagged(ctx, 'cost')
        .filter((e) => e.amountPence !== null)
        .map((e) => ({
          date: parseDate(e.occurredOn),
          category:
            (Object.keys(COST_CATEGORIES) as CostCategory[]).find((k) => e.tags.includes(k)) ?? 'other',
          description: e.title,
          amount: pence(e.amountPence ?? 0),
        })),
      ...(distress.length ? { distress: dated(distress) } : {}),
    }
  },
  'call-confirmation': (ctx) => {
    const call = ctx.call
    const k = call?.call
    if (!call || !k) return ctx.base
    const role = k.personRole
      ? `${/^[aeiou]/i.test(k.personRole) ? 'an' : 'a'} ${k.personRole}`
      : 'an adviser'
    return {
      ...ctx.base,
      callDate: parseDate(call.occurredOn),
      ...optional('callTime', call.occurredTime),
      ...(k.personName
        ? { spokeWith: serviceText('letter.called', { role, personName: k.personName }) }
        : {}),
      ...optional('discussed', k.iSaid ?? call.details ?? call.title),
      agreed: [
        k.theySaid,
        ...k.actions.map((a) =>
          a.due ? serviceText('letter.by', { text: a.text, due: formatDate(parseDate(a.due)) }) : a.text,
        ),
      ].filter((x): x is string => !!x),
    }
  },
  'statement-of-account': (ctx) => {
    const disputed = tagged(ctx, 'disputed').filter((e) => e.amountPence !== null)
    return {
      ...ctx.base,
      ...(disputed.length
        ? {
            disputed: disputed.map((e) => ({
              date: parseDate(e.occurredOn),
              amount: pence(e.amountPence ?? 0),
              note: eventText(e),
            })),
          }
        : {}),
    }
  },
  'subject-access-request': (ctx) => ({
    ...ctx.base,
    ...optional('dateOfBirth', dateWord(ctx, 'dateOfBirth')),
    ...optional('nationalInsuranceNumber', ctx.word('nationalInsuranceNumber')),
  }),
  'appeal-covering-letter': appealPackInput,
  'appeal-grounds': appealPackInput,
  'appeal-chronology': appealPackInput,
  'appeal-disputed-figures': appealPackInput,
  'appeal-sscs2-answers': appealPackInput,
  'ni-appeal': (ctx) => {
    const { phonedOn: _p, workings: _w, disputedFigures: _d, ...about } = ctx.about
    return {
      ...ctx.base,
      ...about,
      ...(ctx.word('attendHearing') ? { attendHearing: ctx.word('attendHearing') === 'yes' } : {}),
      ...optional('lateReason', ctx.word('lateReason')),
    }
  },
} satisfies { readonly [K in LetterKind]: Builder<K> }

/**
 * Each kind's builder gives only fields that kind's input has: a misspelt or stray field is a
 * compile error here (the builders' own return types are kept by `satisfies` above, and checked
 * against the documents library's LetterInputs).
 */
type StrayFields = {
  readonly [K in LetterKind]: Exclude<keyof ReturnType<(typeof BUILDERS)[K]>, keyof LetterInputs[K]>
}
const _noStrayFields: { readonly [K in LetterKind]: never } = {} as StrayFields
/** The builders by kind; indexing it with a kind gives that kind's builder, without a cast. */
export const BUILDER: { readonly [K in LetterKind]: Builder<K> } = BUILDERS

/** Which page or option adds a particular the documents library asked for. */
export function whereFor(field: string): AddWhere {
  if (field === 'sender.name' || field === 'sender.addressLines' || field === 'reference') return 'case'
  if (field.startsWith('decision.') || field === 'reconsiderationNoticeDate') return 'decisions'
  if (['callDate', 'callTime', 'spokeWith', 'discussed', 'agreed'].includes(field)) return 'calls'
  if (['finalResponseDate', 'complainedOn', 'replyDate', 'events', 'costs', 'chronology'].includes(field))
    return 'timeline'
  return 'letter'
}

export const eventText = (e: EventRecord): string => [e.title, e.details].filter(Boolean).join(': ')
