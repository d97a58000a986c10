import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { heading, type Letter } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import { compose, own, readBase, type LetterBaseInput } from '../common.ts'

export interface CallConfirmationInput extends LetterBaseInput {
  readonly callDate?: Maybe<PlainDate>
  /** Time of the call as the parent noted it, e.g. "10.15am". */
  readonly callTime?: Maybe<string>
  /** Who the parent spoke to, e.g. "an adviser called Kelly". */
  readonly spokeWith?: Maybe<string>
  readonly discussed?: Maybe<string>
  /** What was agreed, one point each. */
  readonly agreed?: Maybe<readonly string[]>
}

const TITLE = 'Confirmation of a phone call'

export const callConfirmationSpec = {
  title: TITLE,
  summary: 'Put a phone call in writing: when, with whom, what was discussed and what was agreed.',
  required: [
    particular('callDate', 'the date of the call'),
    particular('spokeWith', 'who you spoke to'),
    particular('discussed', 'what was discussed'),
    particular('agreed', 'what was agreed'),
  ],
}

export function callConfirmation(input: CallConfirmationInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service')
  const callDate = need.date(input.callDate, particular('callDate', 'the date of the phone call'))
  const who = need.text(
    input.spokeWith,
    particular('spokeWith', 'the name (or description) of the person you spoke to'),
  )
  const discussed = need.text(input.discussed, particular('discussed', 'what you talked about'))
  const agreed = need.list(input.agreed, particular('agreed', 'what was agreed or promised on the call'))
  need.check()

  const at = input.callTime?.trim() ? ` at ${input.callTime.trim()}` : ''
  return compose(base, input, {
    kind: 'call-confirmation',
    title: TITLE,
    subject: `Our phone call on ${formatDate(callDate)}`,
    paragraphs: [
      `I am writing to confirm what was said when I spoke to ${who} on ${formatDate(callDate)}${at}, as discussed on that call.`,
      heading('What we discussed'),
      own(discussed),
      heading('What was agreed'),
      ...agreed.map(own),
      'Please put a note of this letter on my case. If your record of the call is different, please tell me in ' +
        'writing within 14 days, saying what is different.',
    ],
    notes: [
      'Send this as soon as you can after the call, while it is fresh. Keep your own note of the call too.',
    ],
  })
}
