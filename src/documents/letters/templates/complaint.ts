import { tr } from '../copy.ts'
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

const TITLE = (): string => tr('complaint.complaint')

export const complaintSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('complaint.complainAboutTheService')
  },
  get required() {
    return [
      particular('events', tr('complaint.whatWentWrongWith')),
      particular('remedies', tr('complaint.whatYouWant')),
    ]
  },
}

export function complaint(input: ComplaintInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('complaint.theChildMaintenanceService'))
  const events = need.list(input.events, particular('events', tr('complaint.whatWentWrongAnd')))
  const remedies = need.list(input.remedies, particular('remedies', tr('complaint.whatYouWantDone')))
  need.check()

  const sorted = [...events].sort((a, b) => compareDates(a.date, b.date))
  const first = sorted[0]
  return compose(base, input, {
    kind: 'complaint',
    title: TITLE(),
    subject: tr('complaint.complaintAboutTheHandling', {
      value: first ? tr('complaint.since', { date: formatDate(first.date) }) : '',
    }),
    paragraphs: [
      tr('complaint.thisIsAFormal'),
      heading(tr('complaint.whatWentWrong')),
      ...sorted.map(dated),
      ...(input.impact?.trim() ? [heading(tr('complaint.howThisHasAffected')), own(input.impact)] : []),
      heading(tr('complaint.whatIWouldLike')),
      ...remedies.map(remedyParagraph),
      tr('complaint.pleaseAcknowledgeThisComplaint'),
    ],
    notes: [tr('complaint.ifYouAreNot'), tr('complaint.keepANoteOf')],
  })
}
