import type { Message } from '../shared/message.ts'
import { message } from '../shared/message.ts'
import { InvalidInput, domainProblem } from '../shared/errors.ts'
import type { Pence } from '../shared/pence.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import type { Traced } from '../shared/traced.ts'
import { paramsAt } from './params.ts'
import { childrenMessage, gbp } from './phrases.ts'
import { Workings } from './workings.ts'

/**
 * The default rate (reg 49) for a default maintenance decision, by number of qualifying
 * children. Sources disagree on the figures; the workings say so.
 */
export function defaultRate(
  book: RuleBook,
  on: PlainDate,
  qualifyingChildren: number,
): Traced<Pence, Message, Message> {
  if (!Number.isSafeInteger(qualifyingChildren) || qualifyingChildren < 1)
    throw new InvalidInput('qualifyingChildren', domainProblem('calculationInput.oneOrMore'))
  const p = paramsAt(book, on)
  const i = (Math.min(qualifyingChildren, 3) - 1) as 0 | 1 | 2
  const { amounts, govUkStates } = p.defaultRate.value
  const amount = amounts[i]
  const w = new Workings<Message>()
  w.add(
    'default-rate',
    message('calculationText.step.defaultRate', {
      children: childrenMessage(qualifyingChildren),
      amount: gbp(amount),
    }),
    p.defaultRate.cite(),
    amount,
  )
  w.assume(
    message('calculationText.assumption.defaultRateSources', {
      one: gbp(amounts[0]),
      two: gbp(amounts[1]),
      three: gbp(amounts[2]),
      govUk: govUkStates.join(', '),
    }),
  )
  return w.done(amount)
}

/** The fee for applying to the CMS on a date (SI 2014/612; abolished from 26 February 2024). */
export function applicationFee(book: RuleBook, on: PlainDate): Traced<Pence, Message, Message> {
  const p = paramsAt(book, on)
  const fee = p.applicationFee.value
  const w = new Workings<Message>()
  w.add(
    'application-fee',
    fee === 0
      ? message('calculationText.step.noApplicationFee', { date: p.dateText })
      : message('calculationText.step.applicationFee', { date: p.dateText, fee: gbp(fee) }),
    p.applicationFee.cite(),
    fee,
  )
  return w.done(fee)
}
