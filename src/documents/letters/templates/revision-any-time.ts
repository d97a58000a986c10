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
export const ANY_TIME_GROUNDS = {
  'official-error': 'the decision was wrong because of a mistake made by the CMS (an official error)',
  'hmrc-amended-figure': 'HMRC has since changed the income figure the decision relied on',
  misrepresentation: 'the decision was based on information that was wrong or was not disclosed',
  'not-a-parent': 'the decision treated someone as a parent who is not the parent of the child',
  'interim-or-default': 'the decision is an interim or default decision',
} as const

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

const TITLE = 'Request to revise a decision'

export const revisionAnyTimeSpec = {
  title: TITLE,
  summary:
    'Ask the CMS to correct a decision at any time (official error, amended HMRC figure and other any-time grounds).',
  required: [
    particular('decision.date', 'the date of the decision'),
    particular('decision.subject', 'what the decision was about'),
    particular('details', 'what went wrong'),
  ],
}

export function revisionAnyTime(input: RevisionAnyTimeInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service')
  const decision = readDecision(need, input.decision)
  const ground = input.ground ?? null
  const details = need.text(input.details, particular('details', 'what went wrong with the decision'))
  if (ground === 'hmrc-amended-figure')
    need.text(input.hmrc?.taxYear, particular('hmrc.taxYear', 'the tax year HMRC amended'))
  need.check()

  const hmrc = input.hmrc
  const hmrcParas =
    ground === 'hmrc-amended-figure' && hmrc
      ? [
          `The decision used the income figure HMRC held for the tax year ${hmrc.taxYear ?? ''}` +
            (hmrc.figureUsed !== undefined && hmrc.figureUsed !== null
              ? ` (${formatPounds(hmrc.figureUsed)})`
              : '') +
            '. HMRC has since amended that figure' +
            (hmrc.amendedFigure !== undefined && hmrc.amendedFigure !== null
              ? ` to ${formatPounds(hmrc.amendedFigure)}`
              : '') +
            (hmrc.amendedOn ? ` on ${formatDate(hmrc.amendedOn)}` : '') +
            '.',
          'Please use the amended figure and revise the decision from the date it took effect.',
        ]
      : []
  const workings = input.workings ?? []
  return compose(base, input, {
    kind: 'revision-any-time',
    title: TITLE,
    subject: `Revision at any time: ${decisionTitle(decision)}`,
    paragraphs: [
      `I am asking you to revise ${describeDecision(decision)}.`,
      ground
        ? `I ask for this on the ground that ${ANY_TIME_GROUNDS[ground]}. I understand that a decision ` +
          'can be revised on this ground at any time, so the usual time limit for a reconsideration does not apply.'
        : 'I believe that what I describe below is a ground on which a decision can be revised at any time, so ' +
          'the usual time limit for a reconsideration does not apply.',
      heading('What went wrong'),
      own(details),
      ...hmrcParas,
      ...(input.outcomeSought?.trim() ? [heading('What I ask you to change'), own(input.outcomeSought)] : []),
      heading('What I am asking for'),
      'Please revise the decision from the date it took effect, tell me the result in writing, and send me a ' +
        'notice explaining my right to appeal if you decide not to change it.',
    ],
    appendices: workings.length > 0 ? [workingsAppendix(workings)] : [],
    notes: [
      'Enclose anything that shows the mistake, for example the CMS letter, the amended HMRC figure or your own records.',
    ],
  })
}
