import { tr, trMap } from '../copy.ts'
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
export const LATE_REASONS = trMap({
  'serious-illness': 'lateMandatoryReconsideration.iOrSomeoneI',
  'hospital-stay': 'lateMandatoryReconsideration.iOrSomeoneI2',
  bereavement: 'lateMandatoryReconsideration.someoneCloseToMe',
  disability: 'lateMandatoryReconsideration.myDisabilityMadeIt',
  'domestic-abuse': 'lateMandatoryReconsideration.iWasDealingWith',
  'away-from-home': 'lateMandatoryReconsideration.iWasAwayFrom',
  'postal-disruption': 'lateMandatoryReconsideration.thePostWasDisrupted',
  'cms-misdirection': 'lateMandatoryReconsideration.theCmsSentThe',
  'family-emergency': 'lateMandatoryReconsideration.iWasDealingWith2',
})

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

const TITLE = (): string => tr('lateMandatoryReconsideration.lateRequestForA')

export const lateMandatoryReconsiderationSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('lateMandatoryReconsideration.askTheCmsTo')
  },
  get required() {
    return [
      particular('decision.date', tr('lateMandatoryReconsideration.theDateOfThe')),
      particular('decision.subject', tr('lateMandatoryReconsideration.whatTheDecisionWas')),
      particular('grounds', tr('lateMandatoryReconsideration.whyYouThinkThe')),
      particular('lateness.details', tr('lateMandatoryReconsideration.whatHappenedInYour')),
    ]
  },
}

const IGNORANCE =
  /(did\s*n[o']?t|didn't|do\s*n[o']?t|never)\s+(know|realise|realize|understand)[^.]*\b(time|limit|deadline|days|month)/i

export function lateMandatoryReconsideration(input: LateMandatoryReconsiderationInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('lateMandatoryReconsideration.theChildMaintenanceService'))
  const decision = readDecision(need, input.decision)
  const grounds = need.list(
    input.grounds,
    particular('grounds', tr('lateMandatoryReconsideration.atLeastOneReason')),
  )
  const reason = input.lateness?.reason ?? null
  const details = need.text(
    input.lateness?.details,
    particular('lateness.details', tr('lateMandatoryReconsideration.whyItIsLate')),
  )
  if (IGNORANCE.test(details))
    need.add(particular('lateness.details', tr('lateMandatoryReconsideration.aDifferentExplanationOf')))
  need.check()

  const from = input.lateness?.from
  const to = input.lateness?.to
  const period =
    from && to
      ? tr('lateMandatoryReconsideration.fromTo', { from: formatDate(from), to: formatDate(to) })
      : from
        ? tr('lateMandatoryReconsideration.from', { from: formatDate(from) })
        : ''
  const workings = input.workings ?? []
  return compose(base, input, {
    kind: 'late-mandatory-reconsideration',
    title: TITLE(),
    subject: tr('lateMandatoryReconsideration.lateRequestForMandatory', {
      decision: decisionTitle(decision),
    }),
    paragraphs: [
      tr('lateMandatoryReconsideration.iAmAskingYou', { decision: describeDecision(decision) }),
      heading(tr('lateMandatoryReconsideration.whyThisRequestIs')),
      reason
        ? tr('lateMandatoryReconsideration.iKnowThatThis', { lateReasons: LATE_REASONS[reason], period })
        : tr('lateMandatoryReconsideration.iKnowThatThis2', { period }),
      own(details),
      tr('lateMandatoryReconsideration.iHaveMadeThis'),
      heading(tr('lateMandatoryReconsideration.whyIThinkThe')),
      ...grounds.map(own),
      ...(input.outcomeSought?.trim()
        ? [heading(tr('lateMandatoryReconsideration.whatIAskYou')), own(input.outcomeSought)]
        : []),
      ...(workings.length > 0
        ? [tr('lateMandatoryReconsideration.iEncloseMy', { workingsTitle: WORKINGS_TITLE().toLowerCase() })]
        : []),
      heading(tr('lateMandatoryReconsideration.whatIAmAsking')),
      tr('lateMandatoryReconsideration.pleaseAcceptThisLate'),
    ],
    appendices: workings.length > 0 ? [workingsAppendix(workings)] : [],
    notes: [
      tr('lateMandatoryReconsideration.theLaterARequest'),
      tr('lateMandatoryReconsideration.sendEvidenceOfThe'),
      tr('lateMandatoryReconsideration.notKnowingAboutThe'),
    ],
  })
}
