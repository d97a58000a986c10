import { tr } from '../copy.ts'
import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { heading, type Letter } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import { compose, readBase, sentence, type LetterBaseInput } from '../common.ts'
import { remedyParagraph, type RemedyInput } from './remedies.ts'

export interface ComplaintEscalationInput extends LetterBaseInput {
  /** When the parent complained. */
  readonly complainedOn?: Maybe<PlainDate>
  /** The date of the reply they are unhappy with. */
  readonly replyDate?: Maybe<PlainDate>
  /** Why the reply does not settle the complaint, one point each. */
  readonly whyUnsatisfactory?: Maybe<readonly string[]>
  readonly remedies?: Maybe<readonly RemedyInput[]>
}

const TITLE = (): string => tr('complaintEscalation.complaintRequestToTake')

export const complaintEscalationSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('complaintEscalation.askForAComplaint')
  },
  get required() {
    return [
      particular('complainedOn', tr('complaintEscalation.whenYouComplained')),
      particular('replyDate', tr('complaintEscalation.theDateOfThe')),
      particular('whyUnsatisfactory', tr('complaintEscalation.whyTheReplyDoes')),
    ]
  },
}

export function complaintEscalation(input: ComplaintEscalationInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('complaintEscalation.theChildMaintenanceService'))
  const complainedOn = need.date(
    input.complainedOn,
    particular('complainedOn', tr('complaintEscalation.theDateYouMade')),
  )
  const replyDate = need.date(
    input.replyDate,
    particular('replyDate', tr('complaintEscalation.theDateOfThe2')),
  )
  const why = need.list(
    input.whyUnsatisfactory,
    particular('whyUnsatisfactory', tr('complaintEscalation.whyTheReplyDoes2')),
  )
  need.check()

  return compose(base, input, {
    kind: 'complaint-escalation',
    title: TITLE(),
    subject: tr('complaintEscalation.complaintMadeOnReply', {
      complainedOn: formatDate(complainedOn),
      replyDate: formatDate(replyDate),
    }),
    paragraphs: [
      tr('complaintEscalation.iComplainedOnI', {
        complainedOn: formatDate(complainedOn),
        replyDate: formatDate(replyDate),
      }),
      heading(tr('complaintEscalation.whyTheReplyDoes3')),
      ...why.map(sentence),
      heading(tr('complaintEscalation.whatIAmAsking')),
      tr('complaintEscalation.pleasePassMyComplaint'),
      ...(input.remedies ?? []).map(remedyParagraph),
      tr('complaintEscalation.whenTheComplaintHas'),
    ],
    enclosures: [tr('complaintEscalation.aCopyOfYour', { replyDate: formatDate(replyDate) })],
    notes: [tr('complaintEscalation.onceYouHaveA')],
  })
}
