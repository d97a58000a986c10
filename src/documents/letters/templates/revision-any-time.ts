import { tr, trMap } from '../copy.ts'
import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { formatPounds, type Pence } from '../../../domain/shared/pence.ts'
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
import { type WorkingStep, workingsAppendix } from '../workings.ts'

/** Grounds on which a decision can be revised whenever the problem comes to light. */
export const ANY_TIME_GROUNDS = trMap({
  'official-error': 'revisionAnyTime.theDecisionWasWrong',
  'hmrc-amended-figure': 'revisionAnyTime.hmrcHasSinceChanged',
  misrepresentation: 'revisionAnyTime.theDecisionWasBased',
  'not-a-parent': 'revisionAnyTime.theDecisionTreatedSomeone',
  'interim-or-default': 'revisionAnyTime.theDecisionIsAn',
})

export type AnyTimeGround = keyof typeof ANY_TIME_GROUNDS

export interface RevisionAnyTimeInput extends LetterBaseInput {
  readonly decision?: Maybe<DecisionInput>
  readonly ground?: Maybe<AnyTimeGround>
  /** What went wrong, in the parent's words. */
  readonly details?: Maybe<string>
  /** For an amended HMRC figure. */
  readonly hmrc?: Maybe<{
    readonly taxYear?: Maybe<string>
    readonly figureUsed?: Maybe<Pence>
    readonly amendedFigure?: Maybe<Pence>
    readonly amendedOn?: Maybe<PlainDate>
  }>
  readonly outcomeSought?: Maybe<string>
  readonly workings?: Maybe<readonly WorkingStep[]>
}

const TITLE = (): string => tr('revisionAnyTime.requestToReviseA')

export const revisionAnyTimeSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('revisionAnyTime.askTheCmsTo')
  },
  get required() {
    return [
      particular('decision.date', tr('revisionAnyTime.theDateOfThe')),
      particular('decision.subject', tr('revisionAnyTime.whatTheDecisionWas')),
      particular('details', tr('revisionAnyTime.whatWentWrong')),
    ]
  },
}

export function revisionAnyTime(input: RevisionAnyTimeInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('revisionAnyTime.theChildMaintenanceService'))
  const decision = readDecision(need, input.decision)
  const ground = input.ground ?? null
  const details = need.text(input.details, particular('details', tr('revisionAnyTime.whatWentWrongWith')))
  if (ground === 'hmrc-amended-figure')
    need.text(input.hmrc?.taxYear, particular('hmrc.taxYear', tr('revisionAnyTime.theTaxYearHmrc')))
  need.check()

  const hmrc = input.hmrc
  const hmrcParas =
    ground === 'hmrc-amended-figure' && hmrc
      ? [
          tr('revisionAnyTime.theDecisionUsedThe', {
            value: hmrc.taxYear ?? '',
            value2:
              hmrc.figureUsed !== undefined && hmrc.figureUsed !== null
                ? ` (${formatPounds(hmrc.figureUsed)})`
                : '',
            value3:
              hmrc.amendedFigure !== undefined && hmrc.amendedFigure !== null
                ? tr('revisionAnyTime.to', { amendedFigure: formatPounds(hmrc.amendedFigure) })
                : '',
            value4: hmrc.amendedOn ? tr('revisionAnyTime.on', { amendedOn: formatDate(hmrc.amendedOn) }) : '',
          }),
          tr('revisionAnyTime.pleaseUseTheAmended'),
        ]
      : []
  const workings = input.workings ?? []
  return compose(base, input, {
    kind: 'revision-any-time',
    title: TITLE(),
    subject: tr('revisionAnyTime.revisionAtAnyTime', { decision: decisionTitle(decision) }),
    paragraphs: [
      tr('revisionAnyTime.iAmAskingYou', { decision: describeDecision(decision) }),
      ground
        ? tr('revisionAnyTime.iAskForThis', { anyTimeGrounds: ANY_TIME_GROUNDS[ground] })
        : tr('revisionAnyTime.iBelieveThatWhat'),
      heading(tr('revisionAnyTime.whatWentWrong2')),
      own(details),
      ...hmrcParas,
      ...(input.outcomeSought?.trim()
        ? [heading(tr('revisionAnyTime.whatIAskYou')), own(input.outcomeSought)]
        : []),
      heading(tr('revisionAnyTime.whatIAmAsking')),
      tr('revisionAnyTime.pleaseReviseTheDecision'),
    ],
    appendices: workings.length > 0 ? [workingsAppendix(workings)] : [],
    notes: [tr('revisionAnyTime.encloseAnythingThatShows')],
  })
}
