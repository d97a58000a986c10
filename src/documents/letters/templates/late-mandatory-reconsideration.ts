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

/**
 * Reasons that can explain a late request. Whether the CMS accepts one is its judgment. Not knowing
 * the time limit is deliberately absent: it does not count.
 */
export const LATE_REASONS = {
  'serious-illness': 'I, or someone I care for, was seriously ill',
  'hospital-stay': 'I, or someone I care for, was in hospital',
  bereavement: 'someone close to me died',
  disability: 'my disability made it very hard for me to deal with the decision in time',
  'domestic-abuse': 'I was dealing with domestic abuse and its effects',
  'away-from-home': 'I was away from home, abroad, and could not deal with my post',
  'postal-disruption': 'the post was disrupted and the decision reached me late',
  'cms-misdirection': 'the CMS sent the decision to the wrong address or told me something that was wrong',
  'family-emergency': 'I was dealing with a family emergency',
} as const

export type LateReason = keyof typeof LATE_REASONS

export interface LateMandatoryReconsiderationInput extends LetterBaseInput {
  readonly decision?: Maybe<DecisionInput>
  readonly grounds?: Maybe<readonly string[]>
  readonly outcomeSought?: Maybe<string>
  readonly workings?: Maybe<readonly WorkingStep[]>
  readonly lateness?: Maybe<{
    readonly reason?: Maybe<LateReason>
    /** What happened, in the parent's words. */
    readonly details?: Maybe<string>
    readonly from?: Maybe<PlainDate>
    readonly to?: Maybe<PlainDate>
  }>
}

const TITLE = 'Late request for a mandatory reconsideration'

export const lateMandatoryReconsiderationSpec = {
  title: TITLE,
  summary: 'Ask the CMS to look again at a decision after the usual time limit, saying why you are late.',
  required: [
    particular('decision.date', 'the date of the decision'),
    particular('decision.subject', 'what the decision was about'),
    particular('grounds', 'why you think the decision is wrong'),
    particular('lateness.details', 'what happened, in your own words'),
  ],
}

const IGNORANCE =
  /(did\s*n[o']?t|didn't|do\s*n[o']?t|never)\s+(know|realise|realize|understand)[^.]*\b(time|limit|deadline|days|month)/i

export function lateMandatoryReconsideration(input: LateMandatoryReconsiderationInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service')
  const decision = readDecision(need, input.decision)
  const grounds = need.list(
    input.grounds,
    particular('grounds', 'at least one reason why you think the decision is wrong'),
  )
  const reason = input.lateness?.reason ?? null
  const details = need.text(
    input.lateness?.details,
    particular('lateness.details', 'why it is late: what happened that stopped you asking in time'),
  )
  if (IGNORANCE.test(details))
    need.add(
      particular(
        'lateness.details',
        'a different explanation of the delay: not knowing the time limit is not accepted as a reason, so describe what ' +
          'stopped you acting (for example illness, a family emergency or post that did not arrive)',
      ),
    )
  need.check()

  const from = input.lateness?.from
  const to = input.lateness?.to
  const period =
    from && to ? ` from ${formatDate(from)} to ${formatDate(to)}` : from ? ` from ${formatDate(from)}` : ''
  const workings = input.workings ?? []
  return compose(base, input, {
    kind: 'late-mandatory-reconsideration',
    title: TITLE,
    subject: `Late request for mandatory reconsideration: ${decisionTitle(decision)}`,
    paragraphs: [
      `I am asking you to look again at ${describeDecision(decision)}. Please treat this letter as my ` +
        'application for a mandatory reconsideration of that decision, and link it to that decision and not to any later one.',
      heading('Why this request is late'),
      reason
        ? `I know that this request is outside the usual time limit. I ask you to accept it because ${LATE_REASONS[reason]}${period}. In my own words:`
        : `I know that this request is outside the usual time limit. I ask you to accept it late, for the reason I give here${period}:`,
      own(details),
      'I have made this request as soon as I reasonably could. I can send evidence of what happened if you need it.',
      heading('Why I think the decision is wrong'),
      ...grounds.map(own),
      ...(input.outcomeSought?.trim() ? [heading('What I ask you to change'), own(input.outcomeSought)] : []),
      ...(workings.length > 0 ? [`I enclose my ${WORKINGS_TITLE.toLowerCase()}.`] : []),
      heading('What I am asking for'),
      'Please accept this late request and send me a mandatory reconsideration notice when you have made your ' +
        'decision. If you decide not to accept it, please tell me in writing and explain why.',
    ],
    appendices: workings.length > 0 ? [workingsAppendix(workings)] : [],
    notes: [
      'The later a request is, the stronger the reason for the delay needs to be. Say what stopped you, when it started and when it ended.',
      'Send evidence of the reason if you have it, for example a letter from a doctor or hospital, or a death certificate.',
      'Not knowing about the time limit does not count as a reason, so this letter does not give it.',
    ],
  })
}
