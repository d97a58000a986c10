import { compareDates, formatDate } from '../../../domain/shared/plain-date.ts'
import { heading, type Letter } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import { compose, own, dated, readBase, type DatedEvent, type LetterBaseInput } from '../common.ts'
import { remedyParagraph, type RemedyInput } from './remedies.ts'

export interface ComplaintInput extends LetterBaseInput {
  /** What went wrong and when, one event each. */
  readonly events?: Maybe<readonly DatedEvent[]>
  /** How it has affected the parent and the children. */
  readonly impact?: Maybe<string>
  readonly remedies?: Maybe<readonly RemedyInput[]>
}

const TITLE = 'Complaint'

export const complaintSpec = {
  title: TITLE,
  summary: 'Complain about the service: what went wrong and when, and what you want done about it.',
  required: [particular('events', 'what went wrong, with dates'), particular('remedies', 'what you want')],
}

export function complaint(input: ComplaintInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service')
  const events = need.list(
    input.events,
    particular('events', 'what went wrong and when (at least one date and what happened)'),
  )
  const remedies = need.list(
    input.remedies,
    particular(
      'remedies',
      'what you want done (an apology, the mistake put right, an explanation, a change of practice or compensation)',
    ),
  )
  need.check()

  const sorted = [...events].sort((a, b) => compareDates(a.date, b.date))
  const first = sorted[0]
  return compose(base, input, {
    kind: 'complaint',
    title: TITLE,
    subject: `Complaint about the handling of my case${first ? ` since ${formatDate(first.date)}` : ''}`,
    paragraphs: [
      'This is a formal complaint about the service I have received from the Child Maintenance Service.',
      heading('What went wrong'),
      ...sorted.map(dated),
      ...(input.impact?.trim() ? [heading('How this has affected us'), own(input.impact)] : []),
      heading('What I would like you to do'),
      ...remedies.map(remedyParagraph),
      'Please acknowledge this complaint, tell me who is dealing with it, and reply in writing.',
    ],
    notes: [
      'If you are not happy with the reply, you can ask for the complaint to be looked at again by a senior manager. Redress has a letter for that.',
      'Keep a note of every call about the complaint: the date, who you spoke to and what they said.',
    ],
  })
}
