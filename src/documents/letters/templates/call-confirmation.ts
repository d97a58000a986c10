import { tr } from '../copy.ts'
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

const TITLE = (): string => tr('callConfirmation.confirmationOfAPhone')

export const callConfirmationSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('callConfirmation.putAPhoneCall')
  },
  get required() {
    return [
      particular('callDate', tr('callConfirmation.theDateOfThe')),
      particular('spokeWith', tr('callConfirmation.whoYouSpokeTo')),
      particular('discussed', tr('callConfirmation.whatWasDiscussed')),
      particular('agreed', tr('callConfirmation.whatWasAgreed')),
    ]
  },
}

export function callConfirmation(input: CallConfirmationInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('callConfirmation.theChildMaintenanceService'))
  const callDate = need.date(input.callDate, particular('callDate', tr('callConfirmation.theDateOfThe2')))
  const who = need.text(input.spokeWith, particular('spokeWith', tr('callConfirmation.theNameOrDescription')))
  const discussed = need.text(
    input.discussed,
    particular('discussed', tr('callConfirmation.whatYouTalkedAbout')),
  )
  const agreed = need.list(input.agreed, particular('agreed', tr('callConfirmation.whatWasAgreedOr')))
  need.check()

  const at = input.callTime?.trim() ? tr('callConfirmation.at', { callTime: input.callTime.trim() }) : ''
  return compose(base, input, {
    kind: 'call-confirmation',
    title: TITLE(),
    subject: tr('callConfirmation.ourPhoneCallOn', { callDate: formatDate(callDate) }),
    paragraphs: [
      tr('callConfirmation.iAmWritingTo', { who, callDate: formatDate(callDate), at }),
      heading(tr('callConfirmation.whatWeDiscussed')),
      own(discussed),
      heading(tr('callConfirmation.whatWasAgreed2')),
      ...agreed.map(own),
      tr('callConfirmation.pleasePutANote'),
    ],
    notes: [tr('callConfirmation.sendThisAsSoon')],
  })
}
