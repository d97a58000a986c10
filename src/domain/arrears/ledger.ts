import { InvalidInput } from '../shared/errors.ts'
import { arrearsProblem } from './problems.ts'
import { formatPounds, pence, sub, ZERO, type Pence } from '../shared/pence.ts'
import { compareDates, formatDate, Temporal, type PlainDate } from '../shared/plain-date.ts'
import { message, type Message, type MessageParams } from '../shared/message.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { step, traced, type Citation, type Step, type Traced } from '../shared/traced.ts'
import { instalment } from './instalments.ts'
import { weeklyLiability, type WeeklyLiability } from './liability.ts'
import { proposeMatches, type ProposedMatch } from './match.ts'
import { openingBalanceNotes, type OpeningBalanceNote } from './opening-balance.ts'
import { ARREARS_RULE } from './rule-ids.ts'
import type {
  Collection,
  Dated,
  LiabilityChange,
  MatchDecision,
  OpeningBalance,
  Payment,
  ScheduleEntry,
} from './types.ts'

export const DEFAULT_MATCH_WINDOW_DAYS = 7

const M = (key: string, params?: MessageParams): Message => message(`arrearsDomain.${key}`, params)

/** "3 instalments", "1 payment": a count with its noun, as words. */
export const counted = (noun: string, n: number): Message =>
  M(`count.${noun}.${n === 1 ? 'one' : 'other'}`, { count: n })

/** Messages one after another, joined as `how` says ("; " or a space). */
const joined = (items: readonly Message[], how: 'semicolon' | 'space'): Message =>
  items.reduce((first, second) => M(`list.${how}`, { first, second }))

const L = (key: string, params?: MessageParams): Message => M(`ledger.${key}`, params)

export interface ReconcileInput {
  readonly asOf: PlainDate
  readonly schedule: readonly ScheduleEntry[]
  readonly payments: readonly Payment[]
  readonly liability?: readonly LiabilityChange[] | null
  readonly cmsReceived?: readonly Dated[] | null
  /** The arrears the CMS claims on `asOf` (negative for a credit). */
  readonly cmsArrears?: Pence | null
  readonly matchWindowDays?: number
  readonly collection?: Collection
  readonly openingBalance?: OpeningBalance | null
  /** The parent's decisions on proposed matches of payments to CMS receipts. */
  readonly decisions?: readonly MatchDecision[]
}

export interface LedgerMonth {
  /** "2025-01" */
  readonly month: string
  readonly scheduledDue: Pence
  readonly liabilityDue: Pence | null
  readonly paid: Pence
  readonly cmsRecorded: Pence | null
  /** Arrears on the parent's evidence at the end of the month (or on asOf): due so far − paid so far. */
  readonly balanceOnEvidence: Pence
  /** The same, counting only what the CMS recorded. */
  readonly balanceOnCmsRecords: Pence | null
}

export const CAUSES = [
  'not-recorded',
  'recorded-after-date',
  'no-bank-evidence',
  'cms-own-figures',
  'opening-balance',
] as const
export type CauseKind = (typeof CAUSES)[number]

/** One part of the difference between the CMS's figure and the evidence, with the entries behind it. */
export interface DifferencePart {
  readonly kind: CauseKind
  /** Signed: how much this part adds to the CMS's figure over the evidence. */
  readonly amount: Pence
  readonly text: Message
  /** Ids of the payments (p:) and CMS entries (c:) behind it. */
  readonly evidence: readonly string[]
}

/** A finding about what was due (schedule against decisions): not part of the difference sum. */
export interface DueFinding {
  readonly kind:
    'change-not-applied' | 'wrong-effective-date' | 'wrong-weekly-amount' | 'fees' | 'schedule-differs'
  readonly amount: Pence
  readonly text: Message
  readonly date?: PlainDate
}

export interface Overpayment {
  readonly amount: Pence
  readonly routes: readonly string[]
  readonly cite: Citation
}

export interface Reconciliation {
  readonly asOf: PlainDate
  readonly scheduledDue: Pence
  readonly liabilityDue: Pence | null
  readonly paid: Pence
  readonly cmsRecorded: Pence | null
  readonly openingBalance: Pence
  readonly arrearsOnEvidence: Pence
  readonly cmsArrears: Pence | null
  readonly difference: Pence | null
  readonly unrecordedPayments: readonly Payment[] | null
  /** Proposed (or confirmed) matches of payments to CMS receipts. */
  readonly receiptMatches: readonly ProposedMatch[]
  /** Proposed matches of payments to schedule entries. */
  readonly scheduleMatches: readonly ProposedMatch[]
  readonly months: readonly LedgerMonth[]
  readonly parts: readonly DifferencePart[]
  readonly dueFindings: readonly DueFinding[]
  readonly overpayment: Overpayment | null
  readonly liability: WeeklyLiability | null
  readonly openingNotes: readonly OpeningBalanceNote[]
  readonly headline: Message
}

const monthKey = (d: PlainDate): string => d.toPlainYearMonth().toString()
const onOrBefore = (d: PlainDate, asOf: PlainDate): boolean => compareDates(d, asOf) <= 0
const sum = (xs: readonly Dated[]): Pence => pence(xs.reduce((a, x) => a + x.amount, 0))

function checkEntries(list: readonly Dated[], field: string, allowNegative: boolean): void {
  const ids = new Set<string>()
  list.forEach((x, i) => {
    if (ids.has(x.id)) throw new InvalidInput(`${field}.${i}.id`, arrearsProblem('idTwice', { id: x.id }))
    ids.add(x.id)
    if (!allowNegative && x.amount < 0)
      throw new InvalidInput(`${field}.${i}.amount`, arrearsProblem('negative'))
  })
}

/**
 * The reconciliation: what was due (schedule, and decisions when given), what was paid (the parent's
 * evidence), what the CMS recorded, month by month; the difference from the CMS's arrears figure split
 * into parts that add up to it exactly, each naming the entries behind it.
 */
export function reconcile(book: RuleBook, input: ReconcileInput): Traced<Reconciliation, Message, Message> {
  const { asOf } = input
  const window = input.matchWindowDays ?? DEFAULT_MATCH_WINDOW_DAYS
  if (!Number.isInteger(window) || window < 0 || window > 366)
    throw new InvalidInput('matchWindowDays', arrearsProblem('matchWindow'))
  checkEntries(input.schedule, 'schedule', false)
  checkEntries(input.payments, 'payments', false)
  if (input.cmsReceived) checkEntries(input.cmsReceived, 'cmsReceived', false)

  const steps: Step<Message>[] = []
  const assumptions: Message[] = []
  const schedule = input.schedule.filter((e) => onOrBefore(e.date, asOf))
  const payments = input.payments.filter((p) => onOrBefore(p.date, asOf))
  const scheduledDue = sum(schedule)
  const paid = sum(payments)
  const opening = input.openingBalance?.amount ?? ZERO
  const arrearsOnEvidence = pence(opening + scheduledDue - paid)

  steps.push(
    step(
      'due.schedule',
      L('dueSchedule', {
        date: formatDate(asOf),
        count: counted('instalments', schedule.length),
        amount: formatPounds(scheduledDue),
      }),
      { amount: scheduledDue, date: asOf },
    ),
    step(
      'paid',
      L('paid', {
        date: formatDate(asOf),
        count: counted('payments', payments.length),
        amount: formatPounds(paid),
      }),
      { amount: paid, date: asOf },
    ),
  )
  const openingNotes = input.openingBalance ? openingBalanceNotes(book, input.openingBalance) : []
  if (input.openingBalance) {
    steps.push(
      step(
        'opening',
        L('opening', {
          date: formatDate(input.openingBalance.date),
          amount: formatPounds(opening),
          source: input.openingBalance.source,
        }),
        { amount: opening, date: input.openingBalance.date },
      ),
    )
    for (const n of openingNotes) steps.push(step(`opening.${n.kind}`, n.text, { cite: n.cite }))
  }
  steps.push(
    step(
      'arrears.evidence',
      arrearsOnEvidence >= 0
        ? L(input.openingBalance ? 'arrearsWithOpening' : 'arrears', {
            amount: formatPounds(arrearsOnEvidence),
          })
        : L('overpaidOnEvidence', { amount: formatPounds(pence(-arrearsOnEvidence)) }),
      { amount: arrearsOnEvidence, date: asOf },
    ),
  )

  // What the decisions say was due.
  let liability: WeeklyLiability | null = null
  if (input.liability && input.liability.length > 0) {
    const t = weeklyLiability(book, input.liability, asOf, input.collection ?? 'direct')
    liability = t.value
    steps.push(...t.steps)
    assumptions.push(...t.assumptions)
  }

  // Payments to CMS receipts (all receipts, so one recorded after asOf is "recorded late", not missing).
  const receipts = input.cmsReceived ?? null
  const receiptResult = receipts
    ? proposeMatches(input.payments, receipts, window, input.decisions ?? [])
    : { matches: [], unmatchedPayments: [], unmatchedEntries: [] }
  const scheduleResult = proposeMatches(input.payments, input.schedule, window)

  let cmsRecorded: Pence | null = null
  let unrecorded: Payment[] | null = null
  const parts: DifferencePart[] = []
  if (receipts) {
    const recorded = receipts.filter((r) => onOrBefore(r.date, asOf))
    cmsRecorded = sum(recorded)
    steps.push(
      step(
        'cms.recorded',
        L('cmsRecorded', {
          date: formatDate(asOf),
          count: counted('payments', recorded.length),
          amount: formatPounds(cmsRecorded),
        }),
        { amount: cmsRecorded, date: asOf },
      ),
    )
    const paymentById = new Map(input.payments.map((p) => [p.id, p]))
    const receiptById = new Map(receipts.map((r) => [r.id, r]))
    const unmatchedIds = new Set(receiptResult.unmatchedPayments.map((p) => p.id))
    unrecorded = payments.filter((p) => unmatchedIds.has(p.id))
    if (unrecorded.length > 0)
      parts.push({
        kind: 'not-recorded',
        amount: sum(unrecorded),
        text: L(`notRecorded.${unrecorded.length === 1 ? 'one' : 'other'}`, {
          count: unrecorded.length,
          payments: joined(unrecorded.map(amountOn), 'semicolon'),
        }),
        evidence: unrecorded.map((p) => `p:${p.id}`),
      })
    const late: Payment[] = []
    const early: Dated[] = []
    for (const m of receiptResult.matches) {
      const p = paymentById.get(m.paymentId)!
      const r = receiptById.get(m.entryId)!
      const pIn = onOrBefore(p.date, asOf)
      const rIn = onOrBefore(r.date, asOf)
      if (pIn && !rIn) late.push(p)
      if (!pIn && rIn) early.push(r)
    }
    if (late.length > 0)
      parts.push({
        kind: 'recorded-after-date',
        amount: sum(late),
        text: L('recordedAfterDate', {
          date: formatDate(asOf),
          payments: joined(
            late.map((p) => L('amountPaidOn', { amount: formatPounds(p.amount), date: formatDate(p.date) })),
            'semicolon',
          ),
        }),
        evidence: late.map((p) => `p:${p.id}`),
      })
    const noEvidence = [...receiptResult.unmatchedEntries.filter((r) => onOrBefore(r.date, asOf)), ...early]
    if (noEvidence.length > 0)
      parts.push({
        kind: 'no-bank-evidence',
        amount: pence(-sum(noEvidence)),
        text: L('noBankEvidence', { entries: joined(noEvidence.map(amountOn), 'semicolon') }),
        evidence: noEvidence.map((r) => `c:${r.id}`),
      })
    // Recorded late within the period (different month): no effect on the total, shown as a finding.
    for (const m of receiptResult.matches) {
      const p = paymentById.get(m.paymentId)!
      const r = receiptById.get(m.entryId)!
      if (onOrBefore(r.date, asOf) && monthKey(p.date) !== monthKey(r.date))
        steps.push(
          step(
            'cms.late',
            L('recordedLate', {
              amount: formatPounds(p.amount),
              date: formatDate(p.date),
              recorded: formatDate(r.date),
            }),
            { amount: p.amount, date: r.date },
          ),
        )
    }
  }

  const cmsArrears = input.cmsArrears ?? null
  let difference: Pence | null = null
  if (cmsArrears !== null) {
    difference = sub(cmsArrears, arrearsOnEvidence)
    if (cmsRecorded !== null) {
      const explained = parts.reduce((a, p) => a + p.amount, 0)
      const rest = pence(difference - explained)
      if (rest !== 0)
        parts.push({
          kind: 'cms-own-figures',
          amount: rest,
          text:
            rest > 0
              ? L('cmsMore', { amount: formatPounds(rest) })
              : L('cmsLess', { amount: formatPounds(pence(-rest)) }),
          evidence: [],
        })
    } else if (difference !== 0) {
      assumptions.push(L('cannotSplit'))
    }
    steps.push(
      step(
        'difference',
        L('difference', { cms: cmsSays(cmsArrears), difference: formatPounds(difference) }),
        { amount: difference, date: asOf },
      ),
    )
  }
  if (input.openingBalance && opening !== 0)
    parts.push({
      kind: 'opening-balance',
      amount: ZERO,
      text: L('openingPart', { amount: formatPounds(opening), date: formatDate(input.openingBalance.date) }),
      evidence: [],
    })

  const dueFindings = liability ? findDueDifferences(book, input, liability, schedule) : []

  // Month by month.
  const months = buildMonths(input, asOf, opening, liability, receipts)
  let overpayment: Overpayment | null = null
  if (arrearsOnEvidence < 0) {
    const rule = book.at<{ routes: string[] }>(ARREARS_RULE.overpayments, asOf)
    overpayment = { amount: pence(-arrearsOnEvidence), routes: rule.value.routes, cite: rule.cite() }
    steps.push(
      step('overpayment', L('overpaid', { amount: formatPounds(overpayment.amount) }), {
        amount: overpayment.amount,
        cite: overpayment.cite,
      }),
    )
  }

  const headline = headlineText(asOf, cmsArrears, arrearsOnEvidence, difference, parts)
  return traced(
    {
      asOf,
      scheduledDue,
      liabilityDue: liability?.due ?? null,
      paid,
      cmsRecorded,
      openingBalance: opening,
      arrearsOnEvidence,
      cmsArrears,
      difference,
      unrecordedPayments: unrecorded,
      receiptMatches: receiptResult.matches,
      scheduleMatches: scheduleResult.matches,
      months,
      parts,
      dueFindings,
      overpayment,
      liability,
      openingNotes,
      headline,
    },
    steps,
    assumptions.filter((a, i) => assumptions.findIndex((b) => sameMessage(a, b)) === i),
  )
}

const amountOn = (x: Dated): Message =>
  L('amountOn', { amount: formatPounds(x.amount), date: formatDate(x.date) })

const cmsSays = (cmsArrears: Pence): Message =>
  cmsArrears >= 0
    ? L('cmsOwes', { amount: formatPounds(cmsArrears) })
    : L('cmsCredit', { amount: formatPounds(pence(-cmsArrears)) })

/** Two messages say the same thing: the same key and the same parameters. */
export const sameMessage = (a: Message, b: Message): boolean => JSON.stringify(a) === JSON.stringify(b)

function buildMonths(
  input: ReconcileInput,
  asOf: PlainDate,
  opening: Pence,
  liability: WeeklyLiability | null,
  receipts: readonly Dated[] | null,
): LedgerMonth[] {
  // From the month of the earliest schedule entry or payment (counted ones: on or before asOf).
  const firsts = [...input.schedule.map((e) => e.date), ...input.payments.map((p) => p.date)]
  const start = firsts.reduce((a, b) => (compareDates(a, b) <= 0 ? a : b), asOf)
  const bucket = new Map<string, { s: number; l: number; p: number; c: number }>()
  const add1 = (d: PlainDate, field: 's' | 'l' | 'p' | 'c', amount: number): void => {
    if (!onOrBefore(d, asOf)) return
    const k = monthKey(d)
    const b = bucket.get(k) ?? { s: 0, l: 0, p: 0, c: 0 }
    b[field] += amount
    bucket.set(k, b)
  }
  for (const e of input.schedule) add1(e.date, 's', e.amount)
  for (const p of input.payments) add1(p.date, 'p', p.amount)
  for (const r of receipts ?? []) add1(r.date, 'c', r.amount)
  for (const w of liability?.periods ?? []) add1(w.start, 'l', w.weekly + w.fee)
  const months: LedgerMonth[] = []
  let bal = opening as number
  let cmsBal = opening as number
  const last = asOf.toPlainYearMonth()
  for (
    let m = start.toPlainYearMonth();
    Temporal.PlainYearMonth.compare(m, last) <= 0;
    m = m.add({ months: 1 })
  ) {
    const b = bucket.get(m.toString()) ?? { s: 0, l: 0, p: 0, c: 0 }
    bal += b.s - b.p
    cmsBal += b.s - b.c
    months.push({
      month: m.toString(),
      scheduledDue: pence(b.s),
      liabilityDue: liability ? pence(b.l) : null,
      paid: pence(b.p),
      cmsRecorded: receipts ? pence(b.c) : null,
      balanceOnEvidence: pence(bal),
      balanceOnCmsRecords: receipts ? pence(cmsBal) : null,
    })
  }
  return months
}

/** Schedule against decisions, month by month: where the schedule asks for a different amount, and the likely reason. */
function findDueDifferences(
  book: RuleBook,
  input: ReconcileInput,
  liability: WeeklyLiability,
  schedule: readonly ScheduleEntry[],
): DueFinding[] {
  const findings: DueFinding[] = []
  const scheduled = sum(schedule)
  const gap = pence(scheduled - liability.due)
  if (liability.fees > 0)
    findings.push({
      kind: 'fees',
      amount: liability.fees,
      text: L('fees', { amount: formatPounds(liability.fees) }),
    })
  if (Math.abs(gap) <= schedule.length) {
    if (gap !== 0)
      findings.push({
        kind: 'schedule-differs',
        amount: gap,
        text: L('rounding', { amount: formatPounds(pence(Math.abs(gap))) }),
      })
    return findings
  }
  const changes = [...(input.liability ?? [])].sort((a, b) => compareDates(a.from, b.from))
  // For each change after the first, see whether the schedule moved to the new amount, and when.
  for (let i = 1; i < changes.length; i++) {
    const before = changes[i - 1]!
    const after = changes[i]!
    if (before.weekly === after.weekly) continue
    const entriesAfter = schedule.filter((e) => compareDates(e.date, after.from) > 0)
    if (entriesAfter.length === 0) continue
    const oldWeeks = liability.periods.filter(
      (p) => compareDates(p.start, after.from) >= 0 && p.weekly === after.weekly,
    )
    // A schedule that goes on asking for the old instalment after the change has not applied it.
    const oldInstalments = new Set(
      (['weekly', 'fortnightly', 'four-weekly', 'monthly'] as const).map((f) =>
        instalmentOf(book, before.weekly, f, after.from),
      ),
    )
    const newInstalments = new Set(
      (['weekly', 'fortnightly', 'four-weekly', 'monthly'] as const).map((f) =>
        instalmentOf(book, after.weekly, f, after.from),
      ),
    )
    const stillOld = entriesAfter.filter((e) => oldInstalments.has(e.amount))
    const firstNew = entriesAfter.find((e) => newInstalments.has(e.amount))
    const extra = pence(
      stillOld.reduce((a, e) => a + e.amount, 0) -
        stillOld.length * (entriesAfter.find((e) => newInstalments.has(e.amount))?.amount ?? 0),
    )
    if (stillOld.length > 0 && !firstNew)
      findings.push({
        kind: 'change-not-applied',
        amount: extra,
        date: after.from,
        text: L('changeNotApplied', {
          weekly: formatPounds(after.weekly),
          date: formatDate(after.from),
          old: formatPounds(stillOld[0]!.amount),
          count: counted('instalments', stillOld.length),
        }),
      })
    else if (stillOld.length > 0 && firstNew)
      findings.push({
        kind: 'wrong-effective-date',
        amount: extra,
        date: firstNew.date,
        text: L('wrongEffectiveDate', {
          date: formatDate(firstNew.date),
          effective: formatDate(after.from),
          count: counted('instalments', stillOld.length),
          extra: formatPounds(extra),
        }),
      })
    else if (!firstNew && oldWeeks.length > 0)
      findings.push({
        kind: 'wrong-weekly-amount',
        amount: gapOf(entriesAfter, after.weekly, book, after.from),
        date: after.from,
        text: L('wrongWeeklyAmount', { date: formatDate(after.from), weekly: formatPounds(after.weekly) }),
      })
  }
  if (!findings.some((f) => f.kind !== 'fees'))
    findings.push({
      kind: 'schedule-differs',
      amount: gap,
      text: L(gap > 0 ? 'scheduleMore' : 'scheduleLess', {
        amount: formatPounds(gap > 0 ? gap : pence(-gap)),
        date: formatDate(input.asOf),
        scheduled: formatPounds(scheduled),
        due: formatPounds(liability.due),
      }),
    })
  return findings
}

function instalmentOf(
  book: RuleBook,
  weekly: Pence,
  f: 'weekly' | 'fortnightly' | 'four-weekly' | 'monthly',
  on: PlainDate,
): number {
  return instalment(book, weekly, f, on).value
}

function gapOf(entries: readonly ScheduleEntry[], weekly: Pence, book: RuleBook, on: PlainDate): Pence {
  const monthly = instalmentOf(book, weekly, 'monthly', on)
  return pence(entries.reduce((a, e) => a + e.amount - monthly, 0))
}

function headlineText(
  asOf: PlainDate,
  cmsArrears: Pence | null,
  evidence: Pence,
  difference: Pence | null,
  parts: readonly DifferencePart[],
): Message {
  const date = formatDate(asOf)
  const yours =
    evidence >= 0
      ? L('headline.evidenceOwed', { amount: formatPounds(evidence) })
      : L('headline.evidenceOverpaid', { amount: formatPounds(pence(-evidence)) })
  if (cmsArrears === null || difference === null) return L('headline.evidenceOnly', { yours, date })
  const cms = cmsSays(cmsArrears)
  if (difference === 0) return L('headline.agree', { cms, date, yours })
  const made = parts.filter((p) => p.amount !== 0)
  const list =
    made.length === 0
      ? L('headline.notExplained')
      : joined(
          made.map((p) => L('headline.part', { amount: formatPounds(p.amount), text: p.text })),
          'space',
        )
  return L('headline.differs', { cms, date, yours, difference: formatPounds(difference), parts: list })
}
