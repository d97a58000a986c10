import type { DeadlineKind, DeadlineRequest, DeadlineResult } from '../deadlines/types.ts'
import { DomainError, InvalidInput, OutsideRuleCoverage } from '../shared/errors.ts'
import { message, type Message } from '../shared/message.ts'
import { compareDates, isAfter, type PlainDate } from '../shared/plain-date.ts'
import type { AdvisorContext } from './context.ts'
import { deadlineNation, isKnown, type DateFact, type Nation } from './facts.ts'
import type { DeadlineStatus, RouteDeadline } from './route.ts'

const TARGETS: ReadonlySet<DeadlineKind> = new Set([
  'complaintAcknowledgementTarget',
  'complaintResponseTarget',
])

export interface DeadlineAsk {
  readonly kind: DeadlineKind
  readonly from: DateFact | undefined
  readonly label: Message
  /** Said when the trigger date is not known. */
  readonly ifUnknown: Message
  readonly residentAbroad?: boolean
}

function statusOf(result: DeadlineResult, today: PlainDate): DeadlineStatus {
  if (!isAfter(today, result.deadline)) return 'open'
  if (result.outerLimit && !isAfter(today, result.outerLimit)) return 'late-but-possible'
  return 'passed'
}

/** Asks the deadline engine for one date, turning an unknown trigger or a refusal into a note. */
export function askDeadline(
  ctx: Pick<AdvisorContext, 'deadline' | 'today'>,
  nation: Nation,
  ask: DeadlineAsk,
): RouteDeadline {
  const target = TARGETS.has(ask.kind)
  const base = { label: ask.label, kind: ask.kind, target }
  if (!isKnown(ask.from)) return { ...base, from: null, result: null, status: 'unknown', note: ask.ifUnknown }
  const req: DeadlineRequest = {
    kind: ask.kind,
    from: ask.from,
    nation: deadlineNation(nation),
    ...(ask.residentAbroad === undefined ? {} : { residentAbroad: ask.residentAbroad }),
  }
  try {
    const result = ctx.deadline(req)
    return { ...base, from: ask.from, result, status: statusOf(result, ctx.today), note: null }
  } catch (e) {
    if (!(e instanceof DomainError)) throw e
    return {
      ...base,
      from: ask.from,
      result: null,
      status: 'unknown',
      note: message('remedies.timing.notWorkedOut', {
        reason: e instanceof InvalidInput || e instanceof OutsideRuleCoverage ? e.words : e.message,
      }),
    }
  }
}

/** The date that makes a route urgent: the earliest act-by date among its open legal deadlines. */
export function urgentDate(deadlines: readonly RouteDeadline[], today: PlainDate): PlainDate | null {
  let best: PlainDate | null = null
  for (const d of deadlines) {
    if (d.target || !d.result) continue
    let date: PlainDate | null = null
    if (d.status === 'open') date = isAfter(today, d.result.actBy) ? today : d.result.actBy
    else if (d.status === 'late-but-possible') date = d.result.outerLimit
    if (date && (best === null || compareDates(date, best) < 0)) best = date
  }
  return best
}

/** True when a route has a legal time limit whose trigger date the user does not know. */
export const hasUnknownTimeLimit = (deadlines: readonly RouteDeadline[]): boolean =>
  deadlines.some((d) => !d.target && d.status === 'unknown')
