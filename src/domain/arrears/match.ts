import type { Dated, MatchDecision } from './types.ts'

export interface ProposedMatch {
  readonly paymentId: string
  readonly entryId: string
  /** Days from the payment to the entry (negative if the entry is earlier). */
  readonly days: number
  readonly status: 'proposed' | 'confirmed'
}

export interface MatchResult {
  readonly matches: readonly ProposedMatch[]
  readonly unmatchedPayments: readonly Dated[]
  readonly unmatchedEntries: readonly Dated[]
}

/** Days since 1970-01-01 for a civil date (no time zone; fast enough for thousands of lines). */
export function dayNumber(d: Dated['date']): number {
  const y = d.month <= 2 ? d.year - 1 : d.year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (d.month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + d.day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}
const epochDay = dayNumber

/**
 * The default matching rule: payments taken in date order (ties in the order given), each matched to
 * the earliest unused entry of the same amount dated at most `windowDays` days away. Nothing is
 * applied: every match is a proposal until the parent confirms it. Decisions already made are
 * honoured: a confirmed pair is kept, a rejected pair is never proposed again.
 */
export function proposeMatches(
  payments: readonly Dated[],
  entries: readonly Dated[],
  windowDays: number,
  decisions: readonly MatchDecision[] = [],
): MatchResult {
  const used = new Set<string>()
  const paid = new Set<string>()
  const matches: ProposedMatch[] = []
  const entryById = new Map(entries.map((e) => [e.id, e]))
  const paymentById = new Map(payments.map((p) => [p.id, p]))
  const rejected = new Set<string>()
  for (const d of decisions) {
    if (d.status === 'rejected') {
      rejected.add(`${d.paymentId}\u0000${d.entryId}`)
      continue
    }
    const p = paymentById.get(d.paymentId)
    const e = entryById.get(d.entryId)
    if (!p || !e || used.has(e.id) || paid.has(p.id)) continue
    used.add(e.id)
    paid.add(p.id)
    matches.push({
      paymentId: p.id,
      entryId: e.id,
      days: epochDay(e.date) - epochDay(p.date),
      status: 'confirmed',
    })
  }
  // Entries grouped by amount, each group in date order (stable on input order).
  const byAmount = new Map<number, { e: Dated; day: number }[]>()
  entries.forEach((e) => {
    const list = byAmount.get(e.amount) ?? []
    list.push({ e, day: epochDay(e.date) })
    byAmount.set(e.amount, list)
  })
  for (const list of byAmount.values()) list.sort((a, b) => a.day - b.day)
  const order = payments
    .map((p, i) => ({ p, i, day: epochDay(p.date) }))
    .sort((a, b) => a.day - b.day || a.i - b.i)
  for (const { p, day } of order) {
    if (paid.has(p.id)) continue
    const list = byAmount.get(p.amount)
    if (!list) continue
    for (const { e, day: eDay } of list) {
      if (eDay < day - windowDays) continue
      if (eDay > day + windowDays) break
      if (used.has(e.id) || rejected.has(`${p.id}\u0000${e.id}`)) continue
      used.add(e.id)
      paid.add(p.id)
      matches.push({ paymentId: p.id, entryId: e.id, days: eDay - day, status: 'proposed' })
      break
    }
  }
  return {
    matches,
    unmatchedPayments: payments.filter((p) => !paid.has(p.id)),
    unmatchedEntries: entries.filter((e) => !used.has(e.id)),
  }
}
