import { tr } from '../copy.ts'
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

const TITLE = (): string => tr('mandatoryReconsideration.requestForAMandatory')

export const mandatoryReconsiderationSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('mandatoryReconsideration.askTheCmsTo')
  },
  get required() {
    return [
      particular('decision.date', tr('mandatoryReconsideration.theDateOfThe')),
      particular('decision.subject', tr('mandatoryReconsideration.whatTheDecisionWas')),
      particular('grounds', tr('mandatoryReconsideration.whyYouThinkThe')),
    ]
  },
}

export function mandatoryReconsideration(input: MandatoryReconsiderationInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('mandatoryReconsideration.theChildMaintenanceService'))
  const decision = readDecision(need, input.decision)
  const grounds = need.list(
    input.grounds,
    particular('grounds', tr('mandatoryReconsideration.atLeastOneReason')),
  )
  need.check()

  const workings = input.workings ?? []
  const appendices =
    workings.length > 0
      ? [workingsAppendix(workings, tr('mandatoryReconsideration.theseWorkingsShowHow'))]
      : []
  return compose(base, input, {
    kind: 'mandatory-reconsideration',
    title: TITLE(),
    subject: tr('mandatoryReconsideration.mandatoryReconsideration', { decision: decisionTitle(decision) }),
    paragraphs: [
      tr('mandatoryReconsideration.iAmAskingYou', { decision: describeDecision(decision) }),
      tr('mandatoryReconsideration.pleaseLinkThisRequest', { date: formatDate(decision.date) }),
      ...(input.phonedOn
        ? [tr('mandatoryReconsideration.iAlsoAskedFor', { phonedOn: formatDate(input.phonedOn) })]
        : []),
      ...(input.lateReason?.trim()
        ? [
            heading(tr('mandatoryReconsideration.whyThisRequestIs')),
            tr('mandatoryReconsideration.iKnowThatThis'),
            own(input.lateReason),
          ]
        : []),
      heading(tr('mandatoryReconsideration.whyIThinkThe')),
      ...grounds.map(own),
      ...(input.outcomeSought?.trim()
        ? [heading(tr('mandatoryReconsideration.whatIAskYou')), own(input.outcomeSought)]
        : []),
      ...(workings.length > 0
        ? [tr('mandatoryReconsideration.iEncloseMyWhich', { workingsTitle: WORKINGS_TITLE().toLowerCase() })]
        : []),
      heading(tr('mandatoryReconsideration.whatIAmAsking')),
      tr('mandatoryReconsideration.pleaseSendMeA'),
      tr('mandatoryReconsideration.ifYouNeedAnything'),
    ],
    appendices,
    notes: [tr('mandatoryReconsideration.sendThisAsSoon'), tr('mandatoryReconsideration.ifTheDeadlineIs')],
  })
}
