import { tr } from '../copy.ts'
import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { heading, type Letter } from '../model.ts'
import { Needs, NI_REFERENCE, particular, type Maybe } from '../particulars.ts'
import {
  compose,
  decisionTitle,
  describeDecision,
  own,
  noteSharedWithOtherParent,
  readBase,
  readDecision,
  type DecisionInput,
  type LetterBaseInput,
} from '../common.ts'

export interface NiAppealInput extends LetterBaseInput {
  readonly decision?: Maybe<DecisionInput>
  readonly reconsiderationNoticeDate?: Maybe<PlainDate>
  readonly grounds?: Maybe<readonly string[]>
  readonly outcomeSought?: Maybe<string>
  readonly attendHearing?: Maybe<boolean>
  readonly lateReason?: Maybe<string>
}

const TITLE = (): string => tr('niAppeal.appealToTheAppeals')

export const niAppealSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('niAppeal.northernIrelandASigned')
  },
  get required() {
    return [
      particular('decision.date', tr('niAppeal.theDateOfThe')),
      particular('decision.subject', tr('niAppeal.whatTheDecisionWas')),
      particular('reconsiderationNoticeDate', tr('niAppeal.theDateOfThe2')),
      particular('grounds', tr('niAppeal.whyTheDecisionIs')),
    ]
  },
}

export function niAppeal(input: NiAppealInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('niAppeal.theAppealsServiceIn'), { referencePattern: NI_REFERENCE })
  const decision = readDecision(need, input.decision)
  const mrn = need.date(
    input.reconsiderationNoticeDate,
    particular('reconsiderationNoticeDate', tr('niAppeal.theDateOfThe2')),
  )
  const grounds = need.list(input.grounds, particular('grounds', tr('niAppeal.atLeastOneReason')))
  need.check()

  return compose(base, input, {
    kind: 'ni-appeal',
    title: TITLE(),
    subject: tr('niAppeal.childMaintenanceAppeal', { decision: decisionTitle(decision) }),
    paragraphs: [
      tr('niAppeal.iAppealAgainstMade', { decision: describeDecision(decision), mrn: formatDate(mrn) }),
      ...(input.lateReason?.trim() ? [tr('niAppeal.myAppealIsLate'), own(input.lateReason)] : []),
      heading(tr('niAppeal.whyTheDecisionIs2')),
      ...grounds.map(own),
      ...(input.outcomeSought?.trim() ? [heading(tr('niAppeal.whatIAskThe')), own(input.outcomeSought)] : []),
      heading(tr('niAppeal.theHearing')),
      input.attendHearing === false ? tr('niAppeal.iDoNotWant') : tr('niAppeal.iWantToAttend'),
      tr('niAppeal.pleaseConfirmThatYou'),
    ],
    signatureLine: true,
    enclosures: [tr('niAppeal.aCopyOfThe', { mrn: formatDate(mrn) })],
    notes: [
      tr('niAppeal.inNorthernIrelandYou'),
      tr('niAppeal.theAppealMustReach'),
      noteSharedWithOtherParent('letter'),
    ],
  })
}
