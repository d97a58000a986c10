import type { Message } from '../shared/message.ts'
import { message } from '../shared/message.ts'
import { InvalidInput } from '../shared/errors.ts'
import type { Pence } from '../shared/pence.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import type { Traced } from '../shared/traced.ts'
import { paramsAt } from './params.ts'
import { children, gbp } from './phrases.ts'
import { Workings } from './workings.ts'

/**
 * The default rate (reg 49) for a default maintenance decision, by number of qualifying
 * children. Sources disagree on the figures; the workings say so.
 */
export function defaultRate(
  book: RuleBook,
  on: PlainDate,
  qualifyingChildren: number,
): Traced<Pence, Message> {
  if (!Number.isSafeInteger(qualifyingChildren) || qualifyingChildren < 1)
    throw new InvalidInput('qualifyingChildren', 'must be a whole number, 1 or more')
  const p = paramsAt(book, on)
  const i = (Math.min(qualifyingChildren, 3) - 1) as 0 | 1 | 2
  const { amounts, govUkStates } = p.defaultRate.value
  const amount = amounts[i]
  const w = new Workings()
  w.add(
    'default-rate',
    `Where the CMS makes a default decision, the weekly amount for ${children(qualifyingChildren)} is ${gbp(amount)} ` +
      '(regulation 49 as made), split between receiving parents per child.',
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
export function applicationFee(book: RuleBook, on: PlainDate): Traced<Pence, Message> {
  const p = paramsAt(book, on)
  const fee = p.applicationFee.value
  const w = new Workings()
  w.add(
    'application-fee',
    fee === 0
      ? `There was no fee for applying to the Child Maintenance Service on ${p.dateText}.`
      : `The fee for applying to the Child Maintenance Service on ${p.dateText} was ${gbp(fee)}. It was not charged ` +
          'to applicants under 19, or to victims of domestic abuse who had reported it.',
    p.applicationFee.cite(),
    fee,
  )
  return w.done(fee)
}
