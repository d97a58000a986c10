import { formatPounds, parsePounds } from '../shared/pence.ts'
import { compareDates, formatDate } from '../shared/plain-date.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import type { Citation } from '../shared/traced.ts'
import { ARREARS_RULE } from './rule-ids.ts'
import type { OpeningBalance } from './types.ts'

export interface OpeningBalanceNote {
  readonly kind: 'breakdown' | 'csa-write-off' | 'small-debt' | 'no-appeal'
  readonly text: string
  readonly cite?: Citation
}

/**
 * What can be said about a balance carried into the case: ask for its breakdown; for an old CSA debt,
 * whether the 2018 write-off programme may have reached it; for a small 2012-scheme debt on an ended
 * calculation, the 2024 power to write it off.
 */
export function openingBalanceNotes(book: RuleBook, ob: OpeningBalance): OpeningBalanceNote[] {
  const notes: OpeningBalanceNote[] = [
    {
      kind: 'breakdown',
      text: `Ask the CMS for a statement of account showing how the ${formatPounds(ob.amount)} carried in on ${formatDate(ob.date)} was built up, week by week, with the payments it counted. Compare it with your own records of that time.`,
    },
    {
      kind: 'no-appeal',
      text: 'An arrears figure cannot be appealed to a tribunal. If it comes from a wrong decision, challenge that decision; if payments were missed off, complain, then go to the Independent Case Examiner.',
    },
  ]
  if (ob.scheme === 1993 || ob.scheme === 2003) {
    const rule = book.rule(ARREARS_RULE.csaWriteOff)
    const start = rule.periods[0]!.from
    const w = book.at(ARREARS_RULE.csaWriteOff, compareDates(ob.date, start) < 0 ? start : ob.date)
    notes.push({
      kind: 'csa-write-off',
      text: `This is a Child Support Agency (${ob.scheme} scheme) debt. From ${formatDate(start)} the Government wrote off many such debts on closed CSA cases; a receiving parent owed more than a threshold was asked whether to try one last time to collect. Ask the CMS whether this debt was looked at under that programme and what was decided. (Confidence: ${w.period.confidence}; the thresholds were not confirmed.)`,
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
          text: `The balance is under ${limit} and the calculation has ended: since ${formatDate(start)} the CMS has had a power (not a duty) to write off such small 2012-scheme debts. You can ask it to use it. (Confidence: ${r.period.confidence}.)`,
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
