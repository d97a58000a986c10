import { formatPounds, type Pence } from '../shared/pence.ts'
import { formatDate, type PlainDate } from '../shared/plain-date.ts'
import { mul, ofPence, parseFraction, ratioToDecimal, roundPence } from '../shared/ratio.ts'
import { message, type Message } from '../shared/message.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { step, traced, type Traced } from '../shared/traced.ts'
import { ARREARS_RULE } from './rule-ids.ts'

export const FREQUENCIES = ['weekly', 'fortnightly', 'four-weekly', 'monthly'] as const
export type Frequency = (typeof FREQUENCIES)[number]

/**
 * The instalment for a weekly amount (rules/arrears/instalments.yaml): monthly is weekly × 52 ÷ 12
 * rounded to the nearest penny; four-weekly ×4; fortnightly ×2.
 */
export function instalment(
  book: RuleBook,
  weekly: Pence,
  frequency: Frequency,
  on: PlainDate,
): Traced<Pence, Message, Message> {
  const rule = book.at<Record<string, string>>(ARREARS_RULE.instalments, on)
  const factor = parseFraction(rule.value[frequency] ?? '1')
  const exact = mul(ofPence(weekly), factor)
  const amount = roundPence(exact)
  const exactText = ratioToDecimal({ num: exact.num, den: exact.den * 100n }, 6)
  return traced(
    amount,
    [
      step(
        'instalment',
        message('arrearsDomain.instalment.step', {
          weekly: formatPounds(weekly),
          frequency,
          factor: String(rule.value[frequency]),
          date: formatDate(on),
          amount: formatPounds(amount),
        }),
        { amount, unrounded: exactText, cite: rule.cite() },
      ),
    ],
    rule.period.confidence === 'verified' ? [] : [message('arrearsDomain.instalment.notConfirmed')],
  )
}
