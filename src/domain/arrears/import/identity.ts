import { hash } from 'node:crypto'
import type { Pence } from '../../shared/pence.ts'
import type { PlainDate } from '../../shared/plain-date.ts'

/** A statement reuses one date object for each distinct date text; its ISO form is worked out once. */
const isoDates = new WeakMap<PlainDate, string>()
const isoDate = (d: PlainDate): string => {
  let iso = isoDates.get(d)
  if (iso === undefined) isoDates.set(d, (iso = d.toString()))
  return iso
}

/**
 * A transaction's identity: a hash of its own fields (date, description, amount, balance, and the
 * bank's own id where the format has one) and its occurrence among identical lines in the same
 * file. Re-importing the same file gives the same ids; two genuine payments of the same amount on
 * the same day are two ids (occurrence 0 and 1). Never a fuzzy match.
 */
export function transactionIdentity(
  fields: { date: PlainDate; description: string; amount: Pence; balance: Pence | null; bankId?: string },
  seen: Map<string, number>,
): string {
  const key = [
    isoDate(fields.date),
    fields.description.replace(/\s+/g, ' ').trim(),
    String(fields.amount),
    fields.balance === null ? '' : String(fields.balance),
    fields.bankId ?? '',
  ].join('\u001f')
  const occurrence = seen.get(key) ?? 0
  seen.set(key, occurrence + 1)
  // One-shot hash: the same SHA-256 as createHash, without a hash object per line.
  return hash('sha256', `${key}\u001e${occurrence}`, 'hex').slice(0, 32)
}

/** Adds only the transactions not already held: re-importing a file adds nothing. */
export function mergeTransactions<T extends { id: string }>(
  held: readonly T[],
  incoming: readonly T[],
): { added: T[]; skipped: number } {
  const have = new Set(held.map((t) => t.id))
  const added: T[] = []
  for (const t of incoming) {
    if (have.has(t.id)) continue
    have.add(t.id)
    added.push(t)
  }
  return { added, skipped: incoming.length - added.length }
}
