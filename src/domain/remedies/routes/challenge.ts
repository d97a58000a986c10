import { isMessage, message, type Message } from '../../shared/message.ts'
import { anyTimeRevisionGrounds } from '../../deadlines/revision-grounds.ts'
import { OutsideRuleCoverage } from '../../shared/errors.ts'
import { isAfter, type PlainDate } from '../../shared/plain-date.ts'
import type { Citation } from '../../shared/traced.ts'
import { cite } from '../cite.ts'
import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import {
  deadlineNation,
  isKnown,
  type DateFact,
  type LateReason,
  type Nation,
  type ProblemFacts,
  type ReconsiderationStatus,
  type YesNoUnknown,
} from '../facts.ts'
import { appealGbRule, appealNiRule, lateRevisionRule, type AnyTimeGround } from '../rules.ts'
import type { RouteDeadline } from '../route.ts'
import {
  CALL_NOTES,
  KEEP_COPIES,
  PRIVACY_CAUTION,
  PROOF_OF_POSTAGE,
  POSTAGE_RECEIPTS,
  PUT_IT_IN_WRITING,
  capital,
  contactCms,
  isNI,
  letterDated,
  referenceNumber,
} from '../text.ts'
import { askDeadline } from '../timing.ts'

/** Challenging a decision: reconsideration (in time or late), revision at any time, and appeal. */

export interface ChallengeInput {
  readonly decisionLetterDate: DateFact | undefined
  readonly status: ReconsiderationStatus
  readonly askedOn?: DateFact | undefined
  readonly mrNoticeDate?: DateFact | undefined
  readonly lateReason?: LateReason | undefined
  readonly cmsHadTheRightInformation?: YesNoUnknown | undefined
  /** Words finishing "You think …" (e.g. "the CMS used the wrong income"), as a message. */
  readonly whatIsWrong: Message
  readonly evidence: readonly Message[]
  /** A ground for revision at any time that fits whatever the CMS knew (e.g. misrepresentation). */
  readonly anyTimeGround?: AnyTimeGround
  /** Said on the any-time route for `anyTimeGround`: when that ground applies. */
  readonly anyTimeCondition?: Message
  /** Offer the official-error revision even when the parent has not said the CMS had the information. */
  readonly offerOfficialError?: boolean
  /** After the appeal: when the tribunal sent its written reasons, and when permission was refused. */
  readonly tribunalReasonsDate?: DateFact | undefined
  readonly permissionRefusedDate?: DateFact | undefined
  /** Set when this challenge is one part of a wider problem (e.g. arrears caused by a wrong decision). */
  readonly fitWhenOpen?: 'main' | 'alongside'
}

interface AppealBody {
  readonly body: string
  readonly form: string | null
  readonly reconsiderationFirst: boolean
  readonly cite: Citation
}

/** The appeal rule for the nation on the decision's date; null (with a reason) where our rules do not reach. */
function appealBody(ctx: AdvisorContext, nation: Nation, on: PlainDate): AppealBody | Message {
  try {
    const at = isNI(nation) ? appealNiRule(ctx.book, on) : appealGbRule(ctx.book, on)
    return {
      body: at.value.body,
      form: at.value.form,
      reconsiderationFirst: at.value['reconsideration-first'],
      cite: at.cite(),
    }
  } catch (e) {
    if (e instanceof OutsideRuleCoverage)
      return message('remedies.challenge.outsideRules', { date: on.toString() })
    throw e
  }
}

const LATE_REASON_WORDS: Record<LateReason, Message> = {
  seriousIllness: message('remedies.challenge.lateReasonWords.seriousIllness'),
  bereavement: message('remedies.challenge.lateReasonWords.bereavement'),
  hospitalStay: message('remedies.challenge.lateReasonWords.hospitalStay'),
  awayFromHome: message('remedies.challenge.lateReasonWords.awayFromHome'),
  postalDisruption: message('remedies.challenge.lateReasonWords.postalDisruption'),
  domesticAbuse: message('remedies.challenge.lateReasonWords.domesticAbuse'),
  cmsMisdirection: message('remedies.challenge.lateReasonWords.cmsMisdirection'),
  disability: message('remedies.challenge.lateReasonWords.disability'),
  didNotKnowTimeLimit: message('remedies.challenge.lateReasonWords.didNotKnowTimeLimit'),
  other: message('remedies.challenge.lateReasonWords.other'),
  none: message('remedies.challenge.lateReasonWords.none'),
}

const COUNTABLE: readonly LateReason[] = [
  'seriousIllness',
  'bereavement',
  'hospitalStay',
  'awayFromHome',
  'postalDisruption',
  'domesticAbuse',
  'cmsMisdirection',
  'disability',
]

function lateReasonCautions(reason: LateReason | undefined): Message[] {
  const examples = message('remedies.challenge.lateReasonCautions.examples')
  if (reason === 'didNotKnowTimeLimit')
    return [message('remedies.challenge.lateReasonCautions.notKnowingAbout', { examples })]
  if (reason && COUNTABLE.includes(reason))
    return [
      message('remedies.challenge.lateReasonCautions.yourReasonIs', {
        reason: LATE_REASON_WORDS[reason],
      }),
    ]
  return [message('remedies.challenge.lateReasonCautions.reasonsThatCan', { examples })]
}

function mrRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  input: ChallengeInput,
  mr: RouteDeadline,
  appeal: AppealBody | Message,
): RouteDraft {
  const n = facts.nation
  const cautions: Message[] = []
  if (isMessage(appeal)) cautions.push(appeal)
  else if (!appeal.reconsiderationFirst) cautions.push(message('remedies.challenge.mrRoute.forADecision'))
  const appealTo = isMessage(appeal)
    ? message('remedies.challenge.mrRoute.appealTo.theTribunal')
    : appeal.body
  return draft({
    id: 'mandatory-reconsideration',
    fit: input.fitWhenOpen ?? 'main',
    title: message('remedies.challenge.mandatoryReconsideration.title'),
    whyItFits: message('remedies.challenge.mandatoryReconsideration.whyItFits', {
      whatIsWrong: input.whatIsWrong,
      appealTo,
    }),
    deadlines: [mr],
    gather: [
      referenceNumber(ctx, n),
      letterDated(
        message('remedies.challenge.mandatoryReconsideration.gather.theDecisionLetter'),
        input.decisionLetterDate,
      ),
      ...input.evidence,
      message('remedies.challenge.mandatoryReconsideration.gather.yourOwnWorkings'),
      CALL_NOTES,
      POSTAGE_RECEIPTS,
    ],
    howToSend: [
      ...contactCms(ctx, n),
      message('remedies.challenge.mandatoryReconsideration.howToSend.sayYouAre'),
      ...(isNI(n) ? [] : [message('remedies.challenge.mandatoryReconsideration.howToSend.aDisputeCannot')]),
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext: message('remedies.challenge.mandatoryReconsideration.whatHappensNext'),
    letterKind: 'mandatoryReconsideration',
    cautions,
    citations: isMessage(appeal) ? [] : [appeal.cite],
  })
}

function lateMrRoute(ctx: AdvisorContext, facts: ProblemFacts, input: ChallengeInput): RouteDraft {
  const n = facts.nation
  const outer = askDeadline(ctx, n, {
    kind: 'lateMandatoryReconsiderationLimit',
    from: input.decisionLetterDate,
    label: message('remedies.challenge.lateMrRoute.label'),
    ifUnknown: message('remedies.challenge.lateMrRoute.ifUnknown'),
  })
  const tooLate = outer.status === 'passed'
  const rule = lateRevisionRule(ctx.book, ctx.today)
  return draft({
    id: 'late-reconsideration',
    fit: tooLate ? 'fallback' : (input.fitWhenOpen ?? 'main'),
    title: message('remedies.challenge.lateReconsideration.title'),
    whyItFits: tooLate
      ? message('remedies.challenge.lateReconsideration.whyItFits.youThinkBut', {
          whatIsWrong: input.whatIsWrong,
          outerLimit: rule.value['outer-limit'],
        })
      : message('remedies.challenge.lateReconsideration.whyItFits.youThinkAnd', {
          whatIsWrong: input.whatIsWrong,
        }),
    deadlines: [outer],
    gather: [
      referenceNumber(ctx, n),
      letterDated(
        message('remedies.challenge.lateReconsideration.gather.theDecisionLetter'),
        input.decisionLetterDate,
      ),
      ...input.evidence,
      message('remedies.challenge.lateReconsideration.gather.aShortAccount'),
      POSTAGE_RECEIPTS,
    ],
    howToSend: [
      ...contactCms(ctx, n),
      message('remedies.challenge.lateReconsideration.howToSend.askForA'),
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext: message('remedies.challenge.lateReconsideration.whatHappensNext'),
    letterKind: 'lateReconsideration',
    cautions: [
      ...lateReasonCautions(input.lateReason),
      message('remedies.challenge.lateReconsideration.cautions.theConditionsFor', {
        outerLimit: rule.value['outer-limit'],
      }),
    ],
    citations: [cite(ctx, 'remedies.late-revision')],
  })
}

const ANY_TIME_WORDS: Record<AnyTimeGround, { title: Message; why: Message }> = {
  'official-error': {
    title: message('remedies.challenge.anyTimeWords.officialError.title'),
    why: message('remedies.challenge.anyTimeWords.officialError.why'),
  },
  misrepresentation: {
    title: message('remedies.challenge.anyTimeWords.misrepresentation.title'),
    why: message('remedies.challenge.anyTimeWords.misrepresentation.why'),
  },
  'not-a-parent': {
    title: message('remedies.challenge.anyTimeWords.notAParent.title'),
    why: message('remedies.challenge.anyTimeWords.notAParent.why'),
  },
}

export function anyTimeRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  ground: AnyTimeGround,
  fit: RouteDraft['fit'],
  input: Pick<ChallengeInput, 'decisionLetterDate' | 'evidence' | 'whatIsWrong'>,
  condition?: Message,
): RouteDraft {
  const n = facts.nation
  const words = ANY_TIME_WORDS[ground]
  const grounds = anyTimeRevisionGrounds(ctx.book, ctx.today, deadlineNation(n))
  const cited = grounds.steps.find((s) => s.key === ground)?.cite
  return draft({
    id: 'any-time-revision',
    fit,
    title: words.title,
    whyItFits: message('remedies.challenge.anyTimeRevision.whyItFits', {
      whatIsWrong: input.whatIsWrong,
      why: words.why,
      condition: condition ? message('remedies.challenge.anyTimeRevision.condition', { condition }) : '',
    }),
    gather: [
      referenceNumber(ctx, n),
      letterDated(
        message('remedies.challenge.anyTimeRevision.gather.theDecisionLetter'),
        input.decisionLetterDate,
      ),
      ...input.evidence,
      message('remedies.challenge.anyTimeRevision.gather.proofOfWhat'),
    ],
    howToSend: [
      ...contactCms(ctx, n),
      message('remedies.challenge.anyTimeRevision.howToSend.askForThe'),
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext: message('remedies.challenge.anyTimeRevision.whatHappensNext'),
    letterKind: 'anyTimeRevision',
    citations: cited ? [cited] : [],
  })
}

function appealRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  input: ChallengeInput,
  appeal: AppealBody | Message,
): RouteDraft[] {
  const n = facts.nation
  const ni = isNI(n)
  const main = askDeadline(ctx, n, {
    kind: 'tribunalAppeal',
    from: input.mrNoticeDate,
    label: ni
      ? message('remedies.challenge.appealRoutes.label.yourAppealShould')
      : message('remedies.challenge.appealRoutes.label.yourAppealMust'),
    ifUnknown: message('remedies.challenge.appealRoutes.ifUnknown'),
  })
  // The body that hears the appeal, as said mid-sentence and at the start of one.
  const body = isMessage(appeal)
    ? message(`remedies.challenge.appealRoutes.body.${ni ? 'ni' : 'gb'}`)
    : appeal.body
  const Body = isMessage(appeal)
    ? message(`remedies.challenge.appealRoutes.body.${ni ? 'ni' : 'gbCapital'}`)
    : capital(appeal.body)
  const cautions: Message[] = []
  if (isMessage(appeal)) cautions.push(appeal)
  if (facts.keepContactDetailsPrivate) cautions.push(PRIVACY_CAUTION)
  if (ni) cautions.push(message('remedies.challenge.appealRoutes.inNorthernIreland'))
  cautions.push(message('remedies.challenge.appealRoutes.theTribunalLooks'))
  const gather = [
    referenceNumber(ctx, n),
    letterDated(
      message('remedies.challenge.appealRoutes.gather.theMandatoryReconsideration'),
      input.mrNoticeDate,
    ),
    letterDated(
      message('remedies.challenge.appealRoutes.gather.theOriginalDecision'),
      input.decisionLetterDate,
    ),
    ...input.evidence,
    message('remedies.challenge.appealRoutes.gather.aShortStatement'),
    POSTAGE_RECEIPTS,
  ]
  const howToSend = ni
    ? [
        message('remedies.challenge.appealRoutes.howToSend.formNi'),
        message('remedies.challenge.appealRoutes.howToSend.encloseACopy'),
        message('remedies.challenge.appealRoutes.howToSend.sendNi'),
        PROOF_OF_POSTAGE,
      ]
    : [
        message('remedies.challenge.appealRoutes.howToSend.formGb'),
        message('remedies.challenge.appealRoutes.howToSend.encloseACopy'),
        message('remedies.challenge.appealRoutes.howToSend.sendGb'),
        PROOF_OF_POSTAGE,
      ]
  const whatHappensNext = ni
    ? message('remedies.challenge.appealRoutes.whatHappensNext.theAppealsService')
    : message('remedies.challenge.appealRoutes.whatHappensNext.theTribunalAsks')
  const letterKind = ni ? 'niAppeal' : 'appealPack'
  const citations = isMessage(appeal) ? [] : [appeal.cite]
  const id = ni ? 'ni-appeal' : 'tribunal-appeal'
  const title = ni
    ? message('remedies.challenge.appealRoutes.title.ni')
    : message('remedies.challenge.appealRoutes.title.gb')

  if (main.status === 'open' || main.status === 'unknown')
    return [
      draft({
        id,
        fit: input.fitWhenOpen ?? 'main',
        title,
        whyItFits: message('remedies.challenge.appealRoutes.whyItFits', {
          whatIsWrong: input.whatIsWrong,
          body: Body,
        }),
        deadlines: [main],
        gather,
        howToSend,
        whatHappensNext,
        letterKind,
        cautions,
        citations,
      }),
    ]

  const outer = askDeadline(ctx, n, {
    kind: 'tribunalAppealAbsoluteLimit',
    from: input.mrNoticeDate,
    label: message('remedies.challenge.appealRoutes.label.theLastDate'),
    ifUnknown: message('remedies.challenge.lateAppeal.ifUnknown'),
  })
  const tooLate = outer.status === 'passed'
  return [
    draft({
      id: 'late-appeal',
      fit: tooLate ? 'fallback' : 'main',
      title: message('remedies.challenge.lateAppeal.title.appealLateExplaining', {
        where: ni
          ? message('remedies.challenge.lateAppeal.title.theAppealsService')
          : message('remedies.challenge.lateAppeal.title.formSscs'),
      }),
      whyItFits: tooLate
        ? message('remedies.challenge.lateAppeal.whyItFits.theTimeFor')
        : message('remedies.challenge.lateAppeal.whyItFits.theOneMonth', { body }),
      deadlines: [main, outer],
      gather: [...gather, message('remedies.challenge.lateAppeal.gather.aShortAccount')],
      howToSend: [...howToSend, message('remedies.challenge.lateAppeal.howToSend.sayThatThe')],
      whatHappensNext: message('remedies.challenge.lateAppeal.whatHappensNext', { body: Body }),
      letterKind,
      cautions,
      citations,
    }),
  ]
}

/** After the tribunal (in NI, the Appeals Service) has decided: onward appeal on a point of law only. */
function onwardAppealRoutes(ctx: AdvisorContext, facts: ProblemFacts, input: ChallengeInput): RouteDraft[] {
  const n = facts.nation
  const ni = isNI(n)
  const point = message('remedies.challenge.onwardAppealRoutes.point')
  const unverified = message('remedies.challenge.onwardAppealRoutes.unverified')
  const first = askDeadline(ctx, n, {
    kind: 'tribunalPermission',
    from: input.tribunalReasonsDate,
    label: ni
      ? message('remedies.challenge.onwardAppealRoutes.label.askForLeave')
      : message('remedies.challenge.onwardAppealRoutes.label.askTheFirst'),
    ifUnknown: ni
      ? message('remedies.challenge.onwardAppealRoutes.ifUnknown.askTheAppeals')
      : message('remedies.challenge.onwardAppealRoutes.ifUnknown.askTheTribunal'),
  })
  const routes: RouteDraft[] = [
    draft({
      id: 'permission-to-appeal',
      fit: isKnown(input.permissionRefusedDate) ? 'fallback' : 'main',
      title: ni
        ? message('remedies.challenge.permissionToAppeal.title.askALegally')
        : message('remedies.challenge.permissionToAppeal.title.askTheFirst'),
      whyItFits: message('remedies.challenge.permissionToAppeal.whyItFits.youThinkThe', {
        point,
        firstStep: ni
          ? message('remedies.challenge.permissionToAppeal.whyItFits.inNorthernIreland')
          : message('remedies.challenge.permissionToAppeal.whyItFits.firstYouAsk'),
      }),
      deadlines: [first],
      gather: [
        referenceNumber(ctx, n),
        ni
          ? message('remedies.challenge.permissionToAppeal.gather.reasonsNi')
          : message('remedies.challenge.permissionToAppeal.gather.reasonsGb'),
        message('remedies.challenge.permissionToAppeal.gather.aShortStatement'),
      ],
      howToSend: [
        ni
          ? message('remedies.challenge.permissionToAppeal.howToSend.ni')
          : message('remedies.challenge.permissionToAppeal.howToSend.gb'),
        PROOF_OF_POSTAGE,
      ],
      whatHappensNext: ni
        ? message('remedies.challenge.permissionToAppeal.whatHappensNext.ifLeaveIs')
        : message('remedies.challenge.permissionToAppeal.whatHappensNext.ifPermissionIs'),
      letterKind: null,
      cautions: first.result?.confidence === 'verified' ? [] : [unverified],
    }),
  ]
  if (input.permissionRefusedDate !== undefined) {
    const second = askDeadline(ctx, n, {
      kind: 'upperTribunalPermission',
      from: input.permissionRefusedDate,
      label: ni
        ? message('remedies.challenge.onwardAppealRoutes.label.applyToA')
        : message('remedies.challenge.onwardAppealRoutes.label.askTheUpper'),
      ifUnknown: message('remedies.challenge.onwardAppealRoutes.ifUnknown.findTheDate'),
    })
    routes.push(
      draft({
        id: 'onward-appeal',
        fit: 'main',
        title: ni
          ? message('remedies.challenge.onwardAppeal.title.applyToA')
          : message('remedies.challenge.onwardAppeal.title.askTheUpper'),
        whyItFits: message('remedies.challenge.onwardAppeal.whyItFits.youCanAsk', {
          refused: ni
            ? message('remedies.challenge.onwardAppeal.whyItFits.theLegallyQualified')
            : message('remedies.challenge.onwardAppeal.whyItFits.theTribunalRefused'),
          whom: ni
            ? message('remedies.challenge.onwardAppeal.whyItFits.aChildSupport')
            : message('remedies.challenge.onwardAppeal.whyItFits.theUpperTribunal'),
          point,
        }),
        deadlines: [second],
        gather: [
          referenceNumber(ctx, n),
          message('remedies.challenge.onwardAppeal.gather.theDecisionNotice'),
          message('remedies.challenge.onwardAppeal.gather.yourStatementOf'),
        ],
        howToSend: [
          ni
            ? message('remedies.challenge.onwardAppeal.howToSend.applyToThe')
            : message('remedies.challenge.onwardAppeal.howToSend.useTheUpper'),
          PROOF_OF_POSTAGE,
        ],
        whatHappensNext: ni
          ? message('remedies.challenge.onwardAppeal.whatHappensNext.aCommissionerDecides')
          : message('remedies.challenge.onwardAppeal.whatHappensNext.theUpperTribunal'),
        letterKind: null,
        cautions: second.result?.confidence === 'verified' ? [] : [unverified],
      }),
    )
  }
  return routes
}

/** Every challenge route that fits where the parent has got to with a decision. */
export function challengeRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  input: ChallengeInput,
): RouteDraft[] {
  const n = facts.nation
  const on = isKnown(input.decisionLetterDate)
    ? input.decisionLetterDate
    : isKnown(input.mrNoticeDate)
      ? input.mrNoticeDate
      : ctx.today
  const appeal = appealBody(ctx, n, on)
  const routes: RouteDraft[] = []
  const officialError = input.cmsHadTheRightInformation === 'yes'

  const anyTimeFor = (fit: RouteDraft['fit']): RouteDraft[] =>
    input.anyTimeGround
      ? [anyTimeRoute(ctx, facts, input.anyTimeGround, fit, input, input.anyTimeCondition)]
      : []
  if (input.status === 'tribunalDecided') return onwardAppealRoutes(ctx, facts, input)

  if (input.status === 'refused' || input.status === 'revisedStillWrong') {
    routes.push(...appealRoutes(ctx, facts, input, appeal))
    if (officialError) routes.push(anyTimeRoute(ctx, facts, 'official-error', 'fallback', input))
    routes.push(...anyTimeFor('fallback'))
    return routes
  }

  if (input.status === 'waiting') {
    const cautions: Message[] = []
    const mr = askDeadline(ctx, n, {
      kind: 'mandatoryReconsideration',
      from: input.decisionLetterDate,
      label: message('remedies.challenge.waiting.label'),
      ifUnknown: message('remedies.challenge.waiting.ifUnknown'),
    })
    if (isKnown(input.askedOn) && mr.result && isAfter(input.askedOn, mr.result.deadline))
      cautions.push(message('remedies.challenge.waiting.late'))
    routes.push(
      draft({
        id: 'mandatory-reconsideration',
        fit: 'main',
        title: message('remedies.challenge.waiting.title'),
        whyItFits: message('remedies.challenge.waiting.whyItFits'),
        deadlines: [mr],
        gather: [referenceNumber(ctx, n), message('remedies.challenge.waiting.proofOfWhen'), KEEP_COPIES],
        howToSend: [message('remedies.challenge.waiting.nothingToSend')],
        whatHappensNext: message('remedies.challenge.waiting.whatHappensNext'),
        cautions,
      }),
    )
    return routes
  }

  // Not asked yet (or the parent is not sure): in time, late, or beyond the outer limit.
  const mr = askDeadline(ctx, n, {
    kind: 'mandatoryReconsideration',
    from: input.decisionLetterDate,
    label: message('remedies.challenge.mandatoryReconsideration.label'),
    ifUnknown: message('remedies.challenge.mandatoryReconsideration.ifUnknown'),
  })
  const inTime = mr.status === 'open' || mr.status === 'unknown'
  if (inTime) routes.push(mrRoute(ctx, facts, input, mr, appeal))
  else routes.push(lateMrRoute(ctx, facts, input))

  const ifCmsMistake = message('remedies.challenge.anyTimeRevision.ifCmsMistake')
  if (officialError)
    routes.push(anyTimeRoute(ctx, facts, 'official-error', inTime ? 'alongside' : 'main', input))
  else if (input.offerOfficialError)
    routes.push(
      anyTimeRoute(ctx, facts, 'official-error', inTime ? 'alongside' : 'main', input, ifCmsMistake),
    )
  else if (!inTime) routes.push(anyTimeRoute(ctx, facts, 'official-error', 'fallback', input, ifCmsMistake))
  routes.push(...anyTimeFor(inTime ? 'alongside' : 'main'))
  return routes
}
