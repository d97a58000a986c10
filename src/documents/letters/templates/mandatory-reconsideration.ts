import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { heading, type Letter } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import {
  compose,
  decisionTitle,
  describeDecision,
  own,
  readBase,
  readDecision,
  type DecisionInput,
  type LetterBaseInput,
} from '../common.ts'
import { type WorkingStep, workingsAppendix, WORKINGS_TITLE } from '../workings.ts'

export interface MandatoryReconsiderationInput extends LetterBaseInput {
  readonly decision?: Maybe<DecisionInput>
  /** Why the decision is wrong, one point each. */
  readonly grounds?: Maybe<readonly string[]>
  /** What the decision should say instead, e.g. "the weekly amount should be £116.19". */
  readonly outcomeSought?: Maybe<string>
  /** Workings from the calculation checker, enclosed as a table. */
  readonly workings?: Maybe<readonly WorkingStep[]>
  /** If the parent already asked by phone, the date of that call. */
  readonly phonedOn?: Maybe<PlainDate>
  /** Only if the request is late: why, in the parent's words. */
  readonly lateReason?: Maybe<string>
}

const TITLE = 'Request for a mandatory reconsideration'

export const mandatoryReconsiderationSpec = {
  title: TITLE,
  summary: 'Ask the CMS to look again at a decision, with your reasons and workings.',
  required: [
    particular('decision.date', 'the date of the decision'),
    particular('decision.subject', 'what the decision was about'),
    particular('grounds', 'why you think the decision is wrong'),
  ],
}

export function mandatoryReconsideration(input: MandatoryReconsiderationInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service')
  const decision = readDecision(need, input.decision)
  const grounds = need.list(
    input.grounds,
    particular('grounds', 'at least one reason why you think the decision is wrong'),
  )
  need.check()

  const workings = input.workings ?? []
  const appendices =
    workings.length > 0
      ? [workingsAppendix(workings, 'These workings show how I arrived at the figures in my letter.')]
      : []
  return compose(base, input, {
    kind: 'mandatory-reconsideration',
    title: TITLE,
    subject: `Mandatory reconsideration: ${decisionTitle(decision)}`,
    paragraphs: [
      `I am asking you to look again at ${describeDecision(decision)}. Please treat this letter as my ` +
        'application for a mandatory reconsideration of that decision.',
      `Please link this request to the decision dated ${formatDate(decision.date)} and not to any later ` +
        'decision on my case.',
      ...(input.phonedOn
        ? [
            `I also asked for this reconsideration by phone on ${formatDate(input.phonedOn)}. This letter confirms that request.`,
          ]
        : []),
      ...(input.lateReason?.trim()
        ? [
            heading('Why this request is late'),
            'I know that this request is outside the usual time limit. I ask you to accept it late, for the reason I give here:',
            own(input.lateReason),
          ]
        : []),
      heading('Why I think the decision is wrong'),
      ...grounds.map(own),
      ...(input.outcomeSought?.trim() ? [heading('What I ask you to change'), own(input.outcomeSought)] : []),
      ...(workings.length > 0
        ? [`I enclose my ${WORKINGS_TITLE.toLowerCase()}, which set out each figure and where it comes from.`]
        : []),
      heading('What I am asking for'),
      'Please send me a mandatory reconsideration notice when you have made your decision, so that I can ' +
        'appeal to a tribunal if I still disagree.',
      'If you need anything else from me to decide this, please write to me at the address above.',
    ],
    appendices,
    notes: [
      'Send this as soon as you can. The time limit runs from the date of the decision, and the CMS must receive your request within it.',
      'If the deadline is close, phone the CMS as well, then send this letter to confirm what you asked for.',
    ],
  })
}
