import { serviceText } from './copy.ts'
import {
  ASKED_ON_CALL,
  BUILDER,
  decisionInput,
  paragraphs,
  splitLines,
  whereFor,
  type AboutDecision,
  type Builder,
  type Context,
} from './letter-builders.ts'
import { LATE_REASON_KINDS } from './letter-fields.ts'
import { checkTablesWanted } from './letter-tables.ts'
import { compareFigures } from './letter-figures.ts'
import { Readable } from 'node:stream'
import {
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
import { message } from '../domain/shared/message.ts'
import { formatDate, isAfter, parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import { caseProblemFacts, lettersFromAdvisor } from './case-letters.ts'
import {
  buildLetter,
  checkLetter,
  isLetterKind,
  listLetterKinds,
  MissingParticulars,
  renderLetterDocx,
  renderLetterPdf,
  type Letter,
  type LetterInputs,
  type LetterKind,
  type LetterKindInfo,
  type RecipientInput,
  type LetterBaseInput,
} from '../documents/index.ts'
import type { CaseServices } from './case-services.ts'
import { engineDeadlines } from './case.service.ts'
import { deadlineNation } from '../domain/case/index.ts'
import { DomainError } from '../domain/shared/errors.ts'
import type { DeadlineKind, DeadlineResult } from '../domain/deadlines/types.ts'
import { recipientIdFor, recipients, type RecipientFact } from './recipients.ts'
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
    words: string,
  ) {
    super(problems[0]?.field ?? 'letter', message('domainErrors.worded', { words }))
    this.message = words
  }
}

/** Whether a letter's route is in time on the letter's date, and what to do when it is not. */
export interface LetterTiming {
  readonly route: 'reconsideration' | 'appeal' | 'ice'
  readonly state: 'in-time' | 'late' | 'past-outer-limit'
  /** The date the letter is written for. */
  readonly on: PlainDate
  readonly deadline: PlainDate
  /** The last date a late request can be made, where the law sets one. */
  readonly outerLimit: PlainDate | null
  readonly rule: string
  readonly source: { readonly instrument: string; readonly provision: string; readonly url: string }
  readonly confidence: string
  /** The kind to write instead when late (a late reconsideration request), when it is not this kind. */
  readonly lateKind: LetterKind | null
  /** Past the outer limit: the routes that remain. */
  readonly remains: readonly LetterKind[]
}

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
  /**
   * The itemised tables of a variation letter as JSON, as read from a file (see letter-tables.ts:
   * dates as YYYY-MM-DD, money as "12.34"); read by the kind's own schema.
   */
  readonly input?: unknown
  /** Keep your address and phone out of appeal papers shared with the other parent. */
  readonly keepAddressPrivate?: boolean
  /** Ids of the case's evidence the parent is sending with the letter (listed as enclosures). */
  readonly enclose?: readonly string[]
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
  /** The photo or scan of the certificate of posting, already kept as evidence (see `keepProof`). */
  readonly proofEvidenceId?: string | null
  /** Evidence sent with the letter (listed as its enclosures), linked to the "letter sent" entry. */
  readonly enclosed?: readonly string[]
}

export interface Sent {
  readonly event: EventRecord
  readonly evidenceId: string
  readonly tasks: readonly TaskRecord[]
  readonly gaps: readonly DeadlineGap[]
}

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
   * The kinds this case's situation calls for, from the route advisor: the case file's decisions,
   * letters and calls become its facts, and each route's letter is suggested in the advisor's order
   * (src/services/case-letters.ts). A call not yet confirmed in writing, and a request for the CMS's
   * records, are always offered.
   */
  async suggested(who: Actor, caseId: string): Promise<{ kind: LetterKind; why: string }[]> {
    const c = await this.cases.getCase(who, caseId)
    const decisions = await this.cases.list(who, caseId, 'decision')
    const events = await this.cases.list(who, caseId, 'event')
    const out = lettersFromAdvisor(
      this.deps.rules,
      this.cases.today(),
      caseProblemFacts(c, decisions, events),
    )
    const add = (kind: LetterKind, why: string) => {
      if (!out.some((o) => o.kind === kind)) out.push({ kind, why })
    }
    const confirmed = events.some(
      (e) => e.type === 'letter-sent' && e.letter?.subject === 'call-confirmation',
    )
    if (events.some((e) => e.type === 'call') && !confirmed)
      add('call-confirmation', serviceText('letter.putWhatYouWere'))
    add('subject-access-request', serviceText('letter.askForACopy'))
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
      if (e.type !== 'call') throw new InvalidInput('call', message('services.letter.chooseAPhoneCall'))
      return e
    }
    const calls = (await this.cases.timeline(who, caseId)).filter((e) => e.type === 'call')
    return calls.sort((a, b) => b.occurredOn.localeCompare(a.occurredOn))[0] ?? null
  }

  /** The recipient for a kind, from rules/recipients.yaml, with the fact it comes from (shown with its source). */
  recipient(kind: LetterKind, c: Pick<CaseRecord, 'nation'>): { input: RecipientInput; fact: RecipientFact } {
    const fact = recipients()[recipientIdFor(kind, c.nation)]
    return {
      fact,
      input: {
        organisation: fact.organisation,
        ...(fact.attention ? { attention: fact.attention } : {}),
        addressLines: fact.useInstead ? [fact.useInstead] : fact.addressLines,
      },
    }
  }

  /** The input for a kind, from the case file and the parent's choices, typed for that kind. */
  async input<K extends LetterKind>(
    who: Actor,
    caseId: string,
    kind: K,
    ch: LetterChoices = {},
  ): Promise<{ input: LetterInputs[K]; decision: DecisionRecord | null; call: EventRecord | null }> {
    checkTablesWanted(kind, ch.input)
    const ctx = await this.context(who, caseId, kind, ch)
    const build: Builder<K> = BUILDER[kind]
    return { input: build(ctx), decision: ctx.decision, call: ctx.call }
  }

  /** Everything the builders read: the case, the chosen decision and call, the timeline and the parent's words. */
  private async context(who: Actor, caseId: string, kind: LetterKind, ch: LetterChoices): Promise<Context> {
    const c = await this.cases.getCase(who, caseId)
    const w = ch.words ?? {}
    const word = (name: string): string | undefined => w[name]?.trim() || undefined
    const today = this.cases.today()
    const decision = await this.pickDecision(who, caseId, kind, ch.decisionId)
    const events = [...(await this.cases.timeline(who, caseId))].sort((a, b) =>
      a.occurredOn.localeCompare(b.occurredOn),
    )
    const decisions = await this.cases.list(who, caseId, 'decision')
    const recipient = { ...this.recipient(kind, c).input, ...(ch.recipient ?? {}) }
    const enclosed = await this.enclosed(who, caseId, ch.enclose ?? [])
    const base: LetterBaseInput = {
      sender: {
        name: c.yourName,
        addressLines: splitLines(c.yourAddress),
        phone: word('senderPhone') ?? null,
        email: word('senderEmail') ?? null,
      },
      recipient,
      date: ch.date ?? today,
      reference: c.cmsReference,
      enclosures: enclosed.map((e) => e.title),
    }
    const call = kind === 'call-confirmation' ? await this.pickCall(who, caseId, ch.callId) : null
    let about: AboutDecision = {}
    if (decision) {
      const isNotice = decision.kind === 'mandatory-reconsideration-notice'
      if (isNotice && (kind.startsWith('appeal-') || kind === 'ni-appeal')) {
        // The decision looked at again: the newest earlier decision that is not a notice.
        const earlier = [...decisions]
          .filter(
            (d) =>
              !['mandatory-reconsideration-notice', 'arrears-notice', 'enforcement'].includes(d.kind) &&
              d.letterDate <= decision.letterDate,
          )
          .sort((a, b) => b.letterDate.localeCompare(a.letterDate))[0]
        about = {
          reconsiderationNoticeDate: parseDate(decision.letterDate),
          decision: decisionInput(earlier ?? decision),
        }
      } else about = { decision: decisionInput(decision) }
      const cmp = ch.figures ? compareFigures(this.deps.rules, c, decision, ch.figures) : null
      const grounds = paragraphs(word('grounds'))
      const outcome = word('outcomeSought')
      if (cmp) {
        about = {
          ...about,
          workings: cmp.workings,
          disputedFigures: cmp.disputed,
          outcomeSought: outcome ?? cmp.outcome,
          grounds: [...grounds, ...cmp.disputed.map((x) => x.why)],
        }
      } else {
        if (grounds.length) about = { ...about, grounds }
        if (outcome) about = { ...about, outcomeSought: outcome }
      }
      // Only a call the parent recorded as asking for the reconsideration is mentioned in the letter.
      const phoned = events.find(
        (e) => e.type === 'call' && e.occurredOn >= decision.letterDate && e.tags.includes(ASKED_ON_CALL),
      )
      if (phoned) about = { ...about, phonedOn: parseDate(phoned.occurredOn) }
    }
    const chronologyRows = kind.startsWith('appeal-')
      ? await this.deps.caseFile.chronology.rows(who, caseId)
      : []
    return { c, kind, ch, word, today, decision, events, base, about, call, chronologyRows }
  }

  /** The evidence the parent chose to enclose, in the order chosen. */
  private async enclosed(who: Actor, caseId: string, ids: readonly string[]) {
    const out: { id: string; title: string }[] = []
    for (const id of ids) {
      const e = await this.deps.caseFile.evidence.get(who, caseId, id)
      out.push({
        id: e.id,
        title: e.documentDate ? `${e.title} (${formatDate(parseDate(e.documentDate))})` : e.title,
      })
    }
    return out
  }

  /**
   * Whether the letter's route is still in time on the letter's date: the deadline (and outer limit)
   * from the engine, and when it has passed, the late route that still exists or, past the outer
   * limit, what remains. Null for kinds with no time limit or when the start date is not recorded.
   */
  async timing(
    who: Actor,
    caseId: string,
    kind: LetterKind,
    ch: LetterChoices = {},
  ): Promise<LetterTiming | null> {
    const c = await this.cases.getCase(who, caseId)
    const on = ch.date ?? this.cases.today()
    const nation = deadlineNation(c.nation)
    const compute = engineDeadlines(this.deps.rules)
    const run = (k: DeadlineKind, from: string): DeadlineResult | null => {
      try {
        return compute({ kind: k, from: parseDate(from), nation })
      } catch (error) {
        if (error instanceof DomainError) return null
        throw error
      }
    }
    const judge = (
      route: LetterTiming['route'],
      main: DeadlineResult | null,
      outer: DeadlineResult | null,
      lateKind: LetterKind,
    ): LetterTiming | null => {
      if (!main) return null
      const limit = outer?.deadline ?? main.outerLimit ?? null
      const state: LetterTiming['state'] = !isAfter(on, main.deadline)
        ? 'in-time'
        : limit && isAfter(on, limit)
          ? 'past-outer-limit'
          : 'late'
      return {
        route,
        state,
        on,
        deadline: main.deadline,
        outerLimit: limit,
        rule: main.rule,
        source: main.source,
        confidence: main.confidence,
        lateKind: state === 'late' && lateKind !== kind ? lateKind : null,
        remains:
          state === 'past-outer-limit'
            ? route === 'reconsideration'
              ? ['revision-any-time', 'change-of-circumstances', 'complaint']
              : ['revision-any-time', 'complaint']
            : [],
      }
    }
    if (kind === 'mandatory-reconsideration' || kind === 'late-mandatory-reconsideration') {
      const d = await this.pickDecision(who, caseId, kind, ch.decisionId)
      if (!d) return null
      return judge(
        'reconsideration',
        run('mandatoryReconsideration', d.letterDate),
        run('lateMandatoryReconsiderationLimit', d.letterDate),
        'late-mandatory-reconsideration',
      )
    }
    if (kind.startsWith('appeal-') || kind === 'ni-appeal') {
      const d = await this.pickDecision(who, caseId, kind, ch.decisionId)
      if (!d || d.kind !== 'mandatory-reconsideration-notice') return null
      return judge(
        'appeal',
        run('tribunalAppeal', d.letterDate),
        c.nation === 'northern-ireland' ? null : run('tribunalAppealAbsoluteLimit', d.letterDate),
        kind,
      )
    }
    if (kind === 'ice-referral') {
      const final = (await this.cases.timeline(who, caseId))
        .filter((e) => e.type === 'letter-received' && e.letter?.subject === 'complaint-final-response')
        .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn))
        .at(-1)
      if (!final) return null
      return judge('ice', run('iceReferral', final.occurredOn), null, kind)
    }
    return null
  }

  /**
   * Notes for the parent that depend on the case rather than the kind: where the address comes from
   * and whether it is confirmed, and whether the route is late. They go in the notes, never the letter.
   */
  async caseNotes(who: Actor, caseId: string, kind: LetterKind, ch: LetterChoices = {}): Promise<string[]> {
    const c = await this.cases.getCase(who, caseId)
    const r = this.recipient(kind, c).fact
    const out: string[] = []
    if (!ch.recipient?.addressLines?.length) {
      if (r.useInstead) out.push(serviceText('letter.redressLeavesItTo', { useInstead: r.useInstead }))
      else if (r.confidence !== 'verified')
        out.push(
          serviceText(
            r.confidence === 'secondary' ? 'letter.theAddressIsSecondary' : 'letter.theAddressOfIs',
            {
              organisation: r.organisation,
              value: r.sources[0]?.title ?? '',
              checkedOn: formatDate(r.checkedOn),
            },
          ),
        )
    }
    const t = await this.timing(who, caseId, kind, ch)
    if (t?.state === 'late')
      out.push(
        serviceText('letter.thisIsLateThe', {
          deadline: formatDate(t.deadline),
          value: t.outerLimit
            ? serviceText('letter.aLateRequestCan', { outerLimit: formatDate(t.outerLimit) })
            : '',
        }),
      )
    if (t?.state === 'past-outer-limit')
      out.push(serviceText('letter.theTimeLimitHas', { value: formatDate(t.outerLimit ?? t.deadline) }))
    return out
  }

  /** The notes for the parent as their own PDF: never part of the letter or of a bundle. */
  async notesPdf(letter: Letter, extra: readonly string[] = []): Promise<Uint8Array> {
    return (await import('../documents/letters/render-pdf.ts')).renderNotesPdf(letter, extra)
  }

  /** Builds the letter from the case. Throws `LetterNeedsMore` saying what to add and where. */
  async draft(who: Actor, caseId: string, kind: LetterKind, ch: LetterChoices = {}): Promise<Drafted> {
    if (!isLetterKind(kind))
      throw new InvalidInput('kind', message('services.letter.thereIsNoLetter', { kind: String(kind) }))
    const { input, decision, call } = await this.input(who, caseId, kind, ch)
    let letter: Letter
    try {
      letter = buildLetter(kind, input)
    } catch (error) {
      if (error instanceof MissingParticulars) throw needsMore(kind, error)
      throw error
    }
    // A late letter says so: where the route is late and the kind asks the recipient to accept it
    // late, the parent's own reason is needed before the letter can be produced.
    if (LATE_REASON_KINDS.has(kind) && !ch.words?.lateReason?.trim()) {
      const t = await this.timing(who, caseId, kind, ch)
      if (t && t.state !== 'in-time')
        throw new LetterNeedsMore(
          kind,
          [
            {
              field: 'lateReason',
              whatToAdd: serviceText('letter.whyItIsLate2', { deadline: formatDate(t.deadline) }),
              where: 'letter',
            },
          ],
          serviceText('letter.thisIsLateThe2', { deadline: formatDate(t.deadline) }),
        )
    }
    return { letter, kind, decision, call }
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
   * Keeps the photo or scan of a certificate of posting as evidence (tagged "proof-of-postage"), to be
   * linked to the letter when it is recorded as sent. Checked like any upload (type, size, name).
   */
  async keepProof(
    who: Actor,
    caseId: string,
    fileName: string,
    content: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
    sentOn: PlainDate,
  ): Promise<string> {
    const e = await this.deps.caseFile.evidence.add(who, caseId, {
      fileName,
      content: Readable.from(content),
      title: serviceText('letter.proofOfPostage', { sentOn: formatDate(sentOn) }),
      documentDate: (isAfter(sentOn, this.cases.today()) ? this.cases.today() : sentOn).toString(),
      tags: ['proof-of-postage'],
    })
    return e.id
  }

  /**
   * Records the letter as sent: a "letter sent" timeline event (about the decision, confirming the
   * call), the PDF kept as evidence and linked to it as the letter, and the deadlines sending it
   * starts (a complaint's acknowledgement and reply targets, for example). A letter asking the CMS to
   * look again also gets a reminder to check it arrived.
   */
  async markSent(who: Actor, caseId: string, drafted: Drafted, send: SendDetails): Promise<Sent> {
    if (!(LETTER_METHODS as readonly string[]).includes(send.method))
      throw new InvalidInput('method', message('services.letter.chooseHowYouSent'))
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
      ...(send.proofEvidenceId ? { proofEvidenceId: send.proofEvidenceId } : {}),
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
    for (const id of send.enclosed ?? [])
      await this.deps.caseFile.cases.link(who, caseId, id, 'event', result.record.id)
    // The deadlines it meets are marked met, and the reminder to check it arrived comes with the event.
    const tasks = [...result.tasks]
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
    throw new InvalidInput(
      'method',
      message('services.letter.chooseOneOf', { value: LETTER_METHODS.join(', ') }),
    )
  return t as LetterMethod
}
