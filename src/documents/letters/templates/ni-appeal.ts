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

const TITLE = 'Appeal to The Appeals Service (Northern Ireland)'

export const niAppealSpec = {
  title: TITLE,
  summary:
    'Northern Ireland: a signed appeal letter to The Appeals Service, with the mandatory reconsideration notice.',
  required: [
    particular('decision.date', 'the date of the decision'),
    particular('decision.subject', 'what the decision was about'),
    particular('reconsiderationNoticeDate', 'the date of the mandatory reconsideration notice'),
    particular('grounds', 'why the decision is wrong'),
  ],
}

export function niAppeal(input: NiAppealInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'The Appeals Service in Belfast', { referencePattern: NI_REFERENCE })
  const decision = readDecision(need, input.decision)
  const mrn = need.date(
    input.reconsiderationNoticeDate,
    particular('reconsiderationNoticeDate', 'the date of the mandatory reconsideration notice'),
  )
  const grounds = need.list(
    input.grounds,
    particular('grounds', 'at least one reason why the decision is wrong'),
  )
  need.check()

  return compose(base, input, {
    kind: 'ni-appeal',
    title: TITLE,
    subject: `Child maintenance appeal: ${decisionTitle(decision)}`,
    paragraphs: [
      `I appeal against ${describeDecision(decision)}, made by the Child Maintenance Service in Northern Ireland. ` +
        `The mandatory reconsideration notice is dated ${formatDate(mrn)} and I enclose a copy.`,
      ...(input.lateReason?.trim()
        ? [
            'My appeal is late. I ask you to accept it late, for the reason I give here:',
            own(input.lateReason),
          ]
        : []),
      heading('Why the decision is wrong'),
      ...grounds.map(own),
      ...(input.outcomeSought?.trim()
        ? [heading('What I ask the tribunal to do'), own(input.outcomeSought)]
        : []),
      heading('The hearing'),
      input.attendHearing === false
        ? 'I do not want to attend a hearing. Please decide my appeal on the papers.'
        : 'I want to attend a hearing.',
      'Please confirm that you have received my appeal.',
    ],
    signatureLine: true,
    enclosures: [`A copy of the mandatory reconsideration notice dated ${formatDate(mrn)}`],
    notes: [
      'In Northern Ireland you can appeal on The Appeals Service’s form or by a signed letter like this one. Sign it before you send it.',
      'The appeal must reach The Appeals Service within the time limit, which runs from the date of the mandatory reconsideration notice.',
      noteSharedWithOtherParent('in your letter'),
    ],
  })
}
