import { InvalidInput } from '../shared/errors.ts'
import { arrearsProblem } from './problems.ts'
import { add, formatPounds, pence, ZERO, type Pence } from '../shared/pence.ts'
import { compareDates, formatDate, type PlainDate } from '../shared/plain-date.ts'
import { ofPence, parsePercent, mul, roundPence } from '../shared/ratio.ts'
import { message, type Message, type MessageParams } from '../shared/message.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { step, traced, type Step, type Traced } from '../shared/traced.ts'
import { ARREARS_RULE } from './rule-ids.ts'
import type { Collection, LiabilityChange, LiabilityDecision, MaintenancePeriod } from './types.ts'

const M = (key: string, params?: MessageParams): Message => message(`arrearsDomain.liability.${key}`, params)

/** "annual review", "default decision": the kind of decision, as words. */
const kindWords = (kind: LiabilityDecision['kind']): Message => M(`kind.${kind}`)

const counted = (noun: string, n: number): Message =>
  message(`arrearsDomain.count.${noun}.${n === 1 ? 'one' : 'other'}`, { count: n })

/** Two labels are the same words. */
const sameLabel = (a: Message | undefined, b: Message | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b)

/**
 * The weekly amounts in force, from the decisions register. Decisions take effect in order of
 * effective date; a revision replaces the decision it revises from that decision's effective date
 * (s.16(3) CSA 1991), so the revised decision's amount never applies.
 */
export function liabilityFromDecisions(
  decisions: readonly LiabilityDecision[],
): Traced<LiabilityChange[], Message, Message> {
  const byId = new Map(decisions.map((d) => [d.id, d]))
  const replaced = new Map<string, LiabilityDecision>()
  const steps: Step<Message>[] = []
  for (const d of decisions) {
    if (d.kind !== 'revision' || d.revises === undefined) continue
    const original = byId.get(d.revises)
    if (!original)
      throw new InvalidInput(
        `decisions.${d.id}.revises`,
        arrearsProblem('noDecisionToRevise', { id: d.revises }),
      )
    replaced.set(original.id, d)
    steps.push(
      step(
        'liability.revision',
        M(d.label ? 'revisionLabelled' : 'revision', {
          ...(d.label ? { label: d.label } : {}),
          kind: kindWords(original.kind),
          date: formatDate(original.effectiveDate),
          weekly: formatPounds(d.weekly),
          old: formatPounds(original.weekly),
        }),
        { date: original.effectiveDate, amount: d.weekly },
      ),
    )
  }
  const changes: LiabilityChange[] = []
  for (const d of decisions) {
    if (d.kind === 'revision' && d.revises !== undefined) continue
    const replacement = replaced.get(d.id)
    const used = replacement ?? d
    changes.push({
      from: d.effectiveDate,
      weekly: used.weekly,
      label: used.label ?? M('label', { kind: kindWords(used.kind), date: formatDate(d.effectiveDate) }),
      ...(used.correctWeekly === undefined ? {} : { correctWeekly: used.correctWeekly }),
    })
  }
  // Stable sort; on the same date the later decision in the register replaces the earlier one.
  changes.sort((a, b) => compareDates(a.from, b.from))
  for (let i = changes.length - 1; i > 0; i--) {
    if (!changes[i]!.from.equals(changes[i - 1]!.from)) continue
    steps.push(
      step(
        'liability.same-date',
        M('sameDate', { date: formatDate(changes[i]!.from), label: changes[i]!.label! }),
        { date: changes[i]!.from, amount: changes[i]!.weekly },
      ),
    )
    changes.splice(i - 1, 1)
  }
  for (const c of changes)
    steps.push(
      step(
        'liability.change',
        M('change', { date: formatDate(c.from), weekly: formatPounds(c.weekly), label: c.label! }),
        {
          date: c.from,
          amount: c.weekly,
        },
      ),
    )
  return traced(changes, steps)
}

export interface WeeklyLiability {
  readonly periods: readonly MaintenancePeriod[]
  /** Sum of the weekly amounts (and fees) for every period that began on or before `asOf`. */
  readonly due: Pence
  readonly fees: Pence
  /** Sum over the periods of (weekly − correctWeekly), where a correct amount is known. */
  readonly overCharged: Pence | null
}

/**
 * What was due week by week: seven-day maintenance periods from the first change, each at the
 * weekly amount in force on its first day or taking effect within it (rules/arrears/maintenance-period.yaml).
 * With Collect and Pay, the paying parent's fee is added on top (calculation.collection-fees).
 */
export function weeklyLiability(
  book: RuleBook,
  changes: readonly LiabilityChange[],
  asOf: PlainDate,
  collection: Collection = 'direct',
): Traced<WeeklyLiability, Message, Message> {
  if (changes.length === 0) throw new InvalidInput('liability', arrearsProblem('noWeeklyAmount'))
  const sorted = [...changes].sort((a, b) => compareDates(a.from, b.from))
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.from.equals(sorted[i - 1]!.from))
      throw new InvalidInput(
        `liability.${i}.from`,
        arrearsProblem('twoWeeklyAmounts', { date: sorted[i]!.from.toString() }),
      )
  const first = sorted[0]!
  const rule = book.at(ARREARS_RULE.maintenancePeriod, first.from)
  const steps: Step<Message>[] = [
    step('liability.periods', M('periods', { date: formatDate(first.from) }), {
      date: first.from,
      cite: rule.cite(),
    }),
  ]
  const assumptions: Message[] = []
  const periods: MaintenancePeriod[] = []
  let next = 0
  let current: LiabilityChange | undefined
  let due = ZERO
  let fees = ZERO
  let over: Pence | null = null
  for (let start = first.from; compareDates(start, asOf) <= 0; start = start.add({ days: 7 })) {
    const end = start.add({ days: 6 })
    while (next < sorted.length && compareDates(sorted[next]!.from, end) <= 0) {
      const c = sorted[next]!
      if (!c.from.equals(start)) {
        assumptions.push(
          M('midPeriodAssumption', {
            date: formatDate(c.from),
            start: formatDate(start),
            next: formatDate(start.add({ days: 7 })),
          }),
        )
        steps.push(
          step(
            'liability.mid-period',
            M('midPeriod', {
              weekly: formatPounds(c.weekly),
              date: formatDate(c.from),
              start: formatDate(start),
            }),
            { date: start, amount: c.weekly, cite: rule.cite() },
          ),
        )
      }
      current = c
      next++
    }
    const weekly = current!.weekly
    const fee = feeOnTop(book, weekly, start, collection)
    periods.push({
      start,
      end,
      weekly,
      fee,
      ...(current!.correctWeekly === undefined ? {} : { correctWeekly: current!.correctWeekly }),
      ...(current!.label === undefined ? {} : { label: current!.label }),
    })
    due = add(due, weekly, fee)
    fees = add(fees, fee)
    if (current!.correctWeekly !== undefined) over = add(over ?? ZERO, pence(weekly - current!.correctWeekly))
  }
  // One step per run of equal amounts keeps the workings short.
  let runStart = 0
  for (let i = 1; i <= periods.length; i++) {
    const p = periods[i]
    const q = periods[runStart]!
    if (p && p.weekly === q.weekly && p.fee === q.fee && sameLabel(p.label, q.label)) continue
    const n = i - runStart
    const last = periods[i - 1]!
    const total = pence((q.weekly + q.fee) * n)
    steps.push(
      step(
        'liability.run',
        M(q.fee ? 'runWithFee' : 'run', {
          count: counted('periods', n),
          from: formatDate(q.start),
          to: formatDate(last.end),
          weekly: formatPounds(q.weekly),
          fee: formatPounds(q.fee),
          total: formatPounds(total),
        }),
        { date: q.start, amount: total },
      ),
    )
    runStart = i
  }
  steps.push(
    step(
      'liability.due',
      M('due', {
        count: counted('maintenancePeriods', periods.length),
        date: formatDate(asOf),
        amount: formatPounds(due),
      }),
      { date: asOf, amount: due },
    ),
  )
  if (over !== null && over !== 0)
    steps.push(
      step(
        'liability.wrong-amount',
        over > 0
          ? M('overCharged', { amount: formatPounds(over) })
          : M('underCharged', { amount: formatPounds(pence(-over)) }),
        { amount: over },
      ),
    )
  const unique = assumptions.filter((a, i) => assumptions.findIndex((b) => sameLabel(a, b)) === i)
  return traced({ periods, due, fees, overCharged: over }, steps, unique)
}

/** The paying parent's Collect and Pay fee on an amount, as the collection-fees rule sets it on `on`. */
export function feeOnTop(book: RuleBook, amount: Pence, on: PlainDate, collection: Collection): Pence {
  if (collection !== 'collect-and-pay' || amount === 0) return ZERO
  const rule = book.at<Record<string, string>>(ARREARS_RULE.collectionFees, on)
  const rate = rule.value['paying-parent']
  if (rate === undefined) return ZERO
  return roundPence(mul(ofPence(amount), parsePercent(rate)))
}
