import { message, type Message } from '../shared/message.ts'
import { formatPounds, type Pence } from '../shared/pence.ts'

/*
 * The small phrases the calculation's workings are built from, as messages: the words are in
 * src/web/locales/en/calculation-steps.json (`calculationSteps.phrase.*`) and
 * calculation-text.json (`calculationText.phrase.*`).
 */

/** "£1,234.56": a formatted amount is a fact, not words. */
export const gbp = (p: Pence): string => formatPounds(p)

/** "1 child", "2 children", as a message (words in calculation-text.json). */
export const childrenMessage = (n: number): Message =>
  message(n === 1 ? 'calculationText.phrase.oneChild' : 'calculationText.phrase.children', { n })

/** "1 other child", "2 other children", as a message. */
export const otherChildrenMessage = (n: number): Message =>
  message(n === 1 ? 'calculationSteps.phrase.oneOtherChild' : 'calculationSteps.phrase.otherChildren', { n })

/** "1 night", "52 nights", as a message. */
export const nightsMessage = (n: number): Message =>
  message(n === 1 ? 'calculationSteps.phrase.oneNight' : 'calculationSteps.phrase.nights', { n })

/** "receiving parent A", as a message. */
export const receiverMessage = (id: string): Message =>
  message('calculationSteps.phrase.receivingParent', { id })

/** "the receiving parent" */
export const theReceivingParent = (): Message => message('calculationSteps.phrase.theReceivingParent')

/** "A £20.00": one receiving parent's share in a list of them. */
export const share = (id: string, amount: Pence): Message =>
  message('calculationSteps.phrase.share', { id, amount: gbp(amount) })

/** "a", "a and b", "a, b and c", as a message (the list before the last is joined with commas). */
export const listMessage = (items: readonly Message[]): Message =>
  items.length === 1
    ? items[0]!
    : message('calculationSteps.phrase.and', { items: items.slice(0, -1), last: items[items.length - 1]! })

/** A bare number as a message, for a list of numbers ("52, 52 and 100"). */
export const numberMessage = (n: number): Message => message('calculationSteps.phrase.number', { n })

/** "+£1.20", "-£0.50", "£0.00" */
export const signed = (p: Pence): string => (p > 0 ? `+${formatPounds(p)}` : formatPounds(p))
