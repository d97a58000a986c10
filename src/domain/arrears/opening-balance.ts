import { formatPounds, parsePounds } from '../shared/pence.ts'
import { compareDates, formatDate } from '../shared/plain-date.ts'
import { message, type Message, type MessageParams } from '../shared/message.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import type { Citation } from '../shared/traced.ts'
import { ARREARS_RULE } from './rule-ids.ts'
import type { OpeningBalance } from './types.ts'

export interface OpeningBalanceNote {
  readonly kind: 'breakdown' | 'csa-write-off' | 'small-debt' | 'no-appeal'
  readonly text: Message
  readonly cite?: Citation
}

/**
 * What can be said about a balance carried into the case: ask for its breakdown; for an old CSA debt,
 * whether the 2018 write-off programme may have reached it; for a small 2012-scheme debt on an ended
 * calculation, the 2024 power to write it off.
 */
const M = (key: string, params?: MessageParams): Message => message(`arrearsDomain.opening.${key}`, params)

export function openingBalanceNotes(book: RuleBook, ob: OpeningBalance): OpeningBalanceNote[] {
  const notes: OpeningBalanceNote[] = [
    {
      kind: 'breakdown',
      text: M('breakdown', { amount: formatPounds(ob.amount), date: formatDate(ob.date) }),
    },
    {
      kind: 'no-appeal',
      text: M('noAppeal'),
    },
  ]
  if (ob.scheme === 1993 || ob.scheme === 2003) {
    const rule = book.rule(ARREARS_RULE.csaWriteOff)
    const start = rule.periods[0]!.from
    const w = book.at(ARREARS_RULE.csaWriteOff, compareDates(ob.date, start) < 0 ? start : ob.date)
    notes.push({
      kind: 'csa-write-off',
      text: M('csaWriteOff', { scheme: ob.scheme, date: formatDate(start), confidence: w.period.confidence }),
      cite: w.cite(),
    })
  }
  if (ob.scheme === 2012) {
    const rule = book.rule(ARREARS_RULE.smallDebtWriteOff)
    const start = rule.periods[0]!.from
    if (compareDates(ob.date, start) >= 0 || ob.calculationEnded) {
      const on = compareDates(ob.date, start) < 0 ? start : ob.date
      const r = book.at<{ below: string }>(ARREARS_RULE.smallDebtWriteOff, on)
      const limit = r.value.below
      const small = ob.amount > 0 && ob.amount < parsePounds(limit)
      if (small && ob.calculationEnded)
        notes.push({
          kind: 'small-debt',
          text: M('smallDebt', { limit, date: formatDate(start), confidence: r.period.confidence }),
          cite: r.cite(),
        })
    }
  }
  return notes
}

/** Whether the 2024 small-debt power could apply (for the worked cases). */
export function smallDebtMayBeWrittenOff(
  book: RuleBook,
  ob: Pick<OpeningBalance, 'amount' | 'date' | 'scheme' | 'calculationEnded'>,
): boolean {
  if (ob.scheme !== 2012 || !ob.calculationEnded) return false
  const r = book.at<{ below: string }>(ARREARS_RULE.smallDebtWriteOff, ob.date)
  return ob.amount > 0 && ob.amount < parsePounds(r.value.below)
}
