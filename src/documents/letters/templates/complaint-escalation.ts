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

const TITLE = 'Complaint: request to take it further'

export const complaintEscalationSpec = {
  title: TITLE,
  summary: 'Ask for a complaint to go to a senior manager after a reply that does not settle it.',
  required: [
    particular('complainedOn', 'when you complained'),
    particular('replyDate', 'the date of the reply'),
    particular('whyUnsatisfactory', 'why the reply does not settle it'),
  ],
}

export function complaintEscalation(input: ComplaintEscalationInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service')
  const complainedOn = need.date(
    input.complainedOn,
    particular('complainedOn', 'the date you made your complaint'),
  )
  const replyDate = need.date(input.replyDate, particular('replyDate', 'the date of the reply you received'))
  const why = need.list(
    input.whyUnsatisfactory,
    particular('whyUnsatisfactory', 'why the reply does not settle your complaint'),
  )
  need.check()

  return compose(base, input, {
    kind: 'complaint-escalation',
    title: TITLE,
    subject: `Complaint made on ${formatDate(complainedOn)}: reply dated ${formatDate(replyDate)}`,
    paragraphs: [
      `I complained on ${formatDate(complainedOn)}. I have your reply dated ${formatDate(replyDate)}, but it does not ` +
        'settle my complaint.',
      heading('Why the reply does not settle my complaint'),
      ...why.map(sentence),
      heading('What I am asking for'),
      'Please pass my complaint to a senior manager, and to the DWP complaints team, to look at again.',
      ...(input.remedies ?? []).map(remedyParagraph),
      'When the complaint has been looked at again, please send me a final response that tells me I can take it ' +
        'to the Independent Case Examiner if I am still unhappy.',
    ],
    enclosures: [`A copy of your reply dated ${formatDate(replyDate)}`],
    notes: [
      'Once you have a final response, you can ask the Independent Case Examiner to look at your complaint. There is a time limit, which starts when you receive the final response.',
    ],
  })
}
