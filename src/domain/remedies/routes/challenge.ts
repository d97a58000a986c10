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
  /** Plain words finishing "You think …", e.g. "the CMS used the wrong income". */
  readonly whatIsWrong: string
  readonly evidence: readonly string[]
  /** A ground for revision at any time that fits whatever the CMS knew (e.g. misrepresentation). */
  readonly anyTimeGround?: AnyTimeGround
  /** Said on the any-time route for `anyTimeGround`: when that ground applies. */
  readonly anyTimeCondition?: string
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
function appealBody(ctx: AdvisorContext, nation: Nation, on: PlainDate): AppealBody | string {
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
      return `Our rules do not cover decisions dated ${on.toString()} in this part of the UK, so we cannot say which appeal steps apply. Ask an adviser.`
    throw e
  }
}

const LATE_REASON_WORDS: Record<LateReason, string> = {
  seriousIllness: 'serious illness',
  bereavement: 'a bereavement',
  hospitalStay: 'a stay in hospital',
  awayFromHome: 'being away from home',
  postalDisruption: 'problems with the post',
  domesticAbuse: 'domestic abuse',
  cmsMisdirection: 'the CMS sending the letter to the wrong place or telling you the wrong thing',
  disability: 'a disability that made it hard to act',
  didNotKnowTimeLimit: 'not knowing about the time limit',
  other: 'another reason',
  none: 'no particular reason',
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

function lateReasonCautions(reason: LateReason | undefined): string[] {
  const examples =
    'serious illness (yours or someone you care for), a bereavement, a stay in hospital, being away, problems with the post, domestic abuse, a disability, or the CMS sending the letter to the wrong address'
  if (reason === 'didNotKnowTimeLimit')
    return [
      'Not knowing about the time limit does not count as a reason, so do not rely on it. If something else got in the way, such as ' +
        examples +
        ', say what it was and give dates.',
    ]
  if (reason && COUNTABLE.includes(reason))
    return [
      `Your reason (${LATE_REASON_WORDS[reason]}) is the kind of reason that can count. Say when it started and ended and how it stopped you asking in time. You do not have to prove it, but evidence helps.`,
    ]
  return [
    `Reasons that can count include ${examples}. Not knowing the time limit, or misunderstanding the law, never counts.`,
  ]
}

function mrRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  input: ChallengeInput,
  mr: RouteDeadline,
  appeal: AppealBody | string,
): RouteDraft {
  const n = facts.nation
  const cautions: string[] = []
  if (typeof appeal === 'string') cautions.push(appeal)
  else if (!appeal.reconsiderationFirst)
    cautions.push(
      'For a decision this old, a reconsideration was not required before an appeal. Ask an adviser whether you can still appeal directly.',
    )
  const appealTo = typeof appeal === 'string' ? 'the tribunal' : appeal.body
  return draft({
    id: 'mandatory-reconsideration',
    fit: input.fitWhenOpen ?? 'main',
    title: 'Ask the CMS to reconsider the decision (mandatory reconsideration)',
    whyItFits: `You think ${input.whatIsWrong}. The CMS can change a decision if your request reaches it within 30 days of the date on the decision letter, and the change then goes back to the date the decision started. You must ask for this before you can appeal to ${appealTo}.`,
    deadlines: [mr],
    gather: [
      referenceNumber(ctx, n),
      letterDated('The decision letter', input.decisionLetterDate),
      ...input.evidence,
      'Your own workings showing what the figure should be (Redress can print its calculation check).',
      CALL_NOTES,
      POSTAGE_RECEIPTS,
    ],
    howToSend: [
      ...contactCms(ctx, n),
      'Say you are asking for a mandatory reconsideration. Name the decision by its date and what it decided, say what is wrong and what the right figure is. If several decisions came close together, the CMS links a request to the latest one unless you name the decision.',
      ...(isNI(n)
        ? []
        : ['A dispute cannot be raised through the online account at present: phone or write.']),
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext:
      'The CMS looks at the decision again and may ask the other parent for their side. It then sends you a mandatory reconsideration notice. If you still think the decision is wrong, you can appeal within one month of the date on that notice.',
    letterKind: 'mandatoryReconsideration',
    cautions,
    citations: typeof appeal === 'string' ? [] : [appeal.cite],
  })
}

function lateMrRoute(ctx: AdvisorContext, facts: ProblemFacts, input: ChallengeInput): RouteDraft {
  const n = facts.nation
  const outer = askDeadline(ctx, n, {
    kind: 'lateMandatoryReconsiderationLimit',
    from: input.decisionLetterDate,
    label: 'The last date the CMS can accept a late request (outer limit)',
    ifUnknown:
      'Find the date on the decision letter: a late request can only be made within 13 months of it.',
  })
  const tooLate = outer.status === 'passed'
  const rule = lateRevisionRule(ctx.book, ctx.today)
  return draft({
    id: 'late-reconsideration',
    fit: tooLate ? 'fallback' : (input.fitWhenOpen ?? 'main'),
    title: 'Ask for a late reconsideration, explaining why it is late',
    whyItFits: tooLate
      ? `You think ${input.whatIsWrong}, but more than ${rule.value['outer-limit']} have passed since the decision, which we understand is the outer limit for a late request. Use the other routes shown here instead.`
      : `You think ${input.whatIsWrong}, and the 30 days have passed. The CMS can still accept a late request if special circumstances stopped you asking in time and your case has merit. The longer the delay, the stronger the reason needs to be.`,
    deadlines: [outer],
    gather: [
      referenceNumber(ctx, n),
      letterDated('The decision letter', input.decisionLetterDate),
      ...input.evidence,
      'A short account of why you could not ask in time, with dates, and any evidence of it (a doctor’s letter, a hospital discharge note, a death certificate, an envelope showing the wrong address).',
      POSTAGE_RECEIPTS,
    ],
    howToSend: [
      ...contactCms(ctx, n),
      'Ask for a mandatory reconsideration of the decision (give its date), and in the same letter say why you are late.',
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext:
      'The CMS first decides whether to accept the late request. If it does, it reconsiders the decision as usual and sends a mandatory reconsideration notice. If it refuses, you may still be able to appeal to the tribunal (the law on this is not settled for child maintenance), so get advice quickly.',
    letterKind: 'lateReconsideration',
    cautions: [
      ...lateReasonCautions(input.lateReason),
      `The conditions for a late request are in a regulation our research could not read in full (SI 2012/2677 reg 15). The ${rule.value['outer-limit']} limit is our understanding, not confirmed.`,
    ],
    citations: [cite(ctx, 'remedies.late-revision')],
  })
}

const ANY_TIME_WORDS: Record<AnyTimeGround, { title: string; why: string }> = {
  'official-error': {
    title: 'Ask for a revision at any time, because the CMS made the mistake',
    why: 'There is no time limit when a decision is wrong because of the CMS’s own mistake, for example it ignored information you had already given it or got its sums wrong. The corrected decision goes back to the date of the original one.',
  },
  misrepresentation: {
    title: 'Ask for a revision at any time, because the other parent gave false information or hid facts',
    why: 'There is no time limit when a decision is wrong because someone gave the CMS false information, or did not tell it something important, and that worked in their favour. The corrected decision goes back to the date of the original one.',
  },
  'not-a-parent': {
    title: 'Ask for a revision at any time once you show you are not the parent',
    why: 'A decision made about someone who was not the child’s parent can be revised at any time.',
  },
}

export function anyTimeRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  ground: AnyTimeGround,
  fit: RouteDraft['fit'],
  input: Pick<ChallengeInput, 'decisionLetterDate' | 'evidence' | 'whatIsWrong'>,
  condition?: string,
): RouteDraft {
  const n = facts.nation
  const words = ANY_TIME_WORDS[ground]
  const grounds = anyTimeRevisionGrounds(ctx.book, ctx.today, deadlineNation(n))
  const cited = grounds.steps.find((s) => s.key === ground)?.cite
  return draft({
    id: 'any-time-revision',
    fit,
    title: words.title,
    whyItFits: `You think ${input.whatIsWrong}. ${words.why}${condition ? ` ${condition}` : ''}`,
    gather: [
      referenceNumber(ctx, n),
      letterDated('The decision letter', input.decisionLetterDate),
      ...input.evidence,
      'Proof of what the CMS already knew, or of the facts that were hidden: copies of what you sent and when, call notes, letters.',
    ],
    howToSend: [
      ...contactCms(ctx, n),
      'Ask for the decision (give its date) to be revised, name the mistake or the hidden facts, and say what the decision should have been.',
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext:
      'If the CMS agrees, it makes a new decision from the original start date and works out any money owed either way. Its answer can itself be challenged by mandatory reconsideration and then appeal.',
    letterKind: 'anyTimeRevision',
    citations: cited ? [cited] : [],
  })
}

function appealRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  input: ChallengeInput,
  appeal: AppealBody | string,
): RouteDraft[] {
  const n = facts.nation
  const ni = isNI(n)
  const main = askDeadline(ctx, n, {
    kind: 'tribunalAppeal',
    from: input.mrNoticeDate,
    label: ni ? 'Your appeal should reach The Appeals Service by' : 'Your appeal must reach the tribunal by',
    ifUnknown:
      'Find the date printed on the mandatory reconsideration notice: the appeal must arrive within one month of it.',
  })
  const body = typeof appeal === 'string' ? (ni ? 'The Appeals Service' : 'the tribunal') : appeal.body
  const cautions: string[] = []
  if (typeof appeal === 'string') cautions.push(appeal)
  if (facts.keepContactDetailsPrivate) cautions.push(PRIVACY_CAUTION)
  if (ni)
    cautions.push(
      'In Northern Ireland we could not confirm whether a deadline that falls on a weekend or holiday moves to the next working day, so aim for the earlier date shown.',
    )
  cautions.push(
    'The tribunal looks at things as they were when the decision was made. Anything that has changed since needs its own change-of-circumstances request.',
  )
  const gather = [
    referenceNumber(ctx, n),
    letterDated('The mandatory reconsideration notice (enclose a copy)', input.mrNoticeDate),
    letterDated('The original decision letter', input.decisionLetterDate),
    ...input.evidence,
    'A short statement of what is wrong with the decision and what it should be, with your workings.',
    POSTAGE_RECEIPTS,
  ]
  const howToSend = ni
    ? [
        'Use The Appeals Service’s appeal form, or write a letter giving your reasons and sign it.',
        'Enclose a copy of the mandatory reconsideration notice.',
        'Send it to The Appeals Service in Belfast, using the address on your notice (nidirect has it too).',
        PROOF_OF_POSTAGE,
      ]
    : [
        'Fill in form SSCS2 from GOV.UK (the SSCS2A guidance explains each part).',
        'Enclose a copy of the mandatory reconsideration notice.',
        'Send it to the address printed on the form: it goes to the tribunal service, not to the CMS. It must arrive by 5pm on the last day.',
        PROOF_OF_POSTAGE,
      ]
  const whatHappensNext = ni
    ? 'The Appeals Service asks the CMS for its papers and sends copies to you and the other parent. A hearing is arranged before an independent panel, which can change the decision.'
    : 'The tribunal asks the CMS for its response and papers, and the other parent is sent copies and can take part. A hearing is arranged, which can take many months. The tribunal is independent of the CMS and can change the decision.'
  const letterKind = ni ? 'niAppeal' : 'appealPack'
  const citations = typeof appeal === 'string' ? [] : [appeal.cite]
  const id = ni ? 'ni-appeal' : 'tribunal-appeal'
  const title = ni
    ? 'Appeal to The Appeals Service in Northern Ireland'
    : 'Appeal to the independent tribunal on form SSCS2'

  if (main.status === 'open' || main.status === 'unknown')
    return [
      draft({
        id,
        fit: input.fitWhenOpen ?? 'main',
        title,
        whyItFits: `The CMS has reconsidered and you still think ${input.whatIsWrong}. ${capital(body)} is independent of the CMS and can change the decision. Your appeal must arrive within one month of the date on the mandatory reconsideration notice.`,
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
    label: 'The last date a late appeal can be accepted (absolute limit)',
    ifUnknown: 'Find the date on the mandatory reconsideration notice.',
  })
  const tooLate = outer.status === 'passed'
  return [
    draft({
      id: 'late-appeal',
      fit: tooLate ? 'fallback' : 'main',
      title: `Appeal late, explaining why (${ni ? 'The Appeals Service' : 'form SSCS2'})`,
      whyItFits: tooLate
        ? 'The time for even a late appeal has run out. A revision at any time (if the CMS made the mistake) or a change-of-circumstances request may still help; get advice.'
        : `The one-month limit has passed, but ${body} can still accept an appeal for a limited time after it (the last date is shown) if you explain why you are late. The other parent may be asked whether they object.`,
      deadlines: [main, outer],
      gather: [...gather, 'A short account of why the appeal is late, with dates and any evidence.'],
      howToSend: [...howToSend, 'Say that the appeal is late, ask for more time, and give your reasons.'],
      whatHappensNext: `${capital(body)} first decides whether to accept the late appeal. If it does, the appeal goes ahead as normal.`,
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
  const point =
    'An onward appeal is only about a mistake of law: for example the tribunal applied the wrong rule, did not explain its decision, or was unfair in how it ran the hearing. It cannot simply be asked to weigh the facts again.'
  const unverified =
    'Our research could not read the rule for this time limit, so the date shown is the earliest it could be. Ask an adviser straight away.'
  const first = askDeadline(ctx, n, {
    kind: 'tribunalPermission',
    from: input.tribunalReasonsDate,
    label: ni
      ? 'Ask for leave to appeal to a Child Support Commissioner by'
      : 'Ask the First-tier Tribunal for permission to appeal by',
    ifUnknown: ni
      ? 'Ask the Appeals Service for a written statement of the tribunal’s reasons if you do not have one: the month for asking for leave runs from the date it was sent.'
      : 'Ask the tribunal for its written reasons if you do not have them: the month for asking for permission runs from the date they were sent.',
  })
  const routes: RouteDraft[] = [
    draft({
      id: 'permission-to-appeal',
      fit: isKnown(input.permissionRefusedDate) ? 'fallback' : 'main',
      title: ni
        ? 'Ask a legally qualified panel member for leave to appeal to a Child Support Commissioner'
        : 'Ask the First-tier Tribunal for permission to appeal to the Upper Tribunal',
      whyItFits: `You think the tribunal got the law wrong in deciding your appeal. ${point} ${ni ? 'In Northern Ireland onward appeals go to a Child Support Commissioner, and first you ask a legally qualified member of the tribunal for leave.' : 'First you ask the tribunal that decided for permission.'}`,
      deadlines: [first],
      gather: [
        referenceNumber(ctx, n),
        ni
          ? 'The tribunal’s decision notice and its statement of reasons.'
          : 'The tribunal’s decision notice and its written reasons.',
        'A short statement of each mistake of law, pointing to the part of the reasons it is in.',
      ],
      howToSend: [
        ni
          ? 'Write to the Appeals Service asking for leave to appeal to a Child Support Commissioner, and give your reasons.'
          : 'Write to the tribunal office that decided your appeal asking for permission to appeal to the Upper Tribunal, and give your reasons.',
        PROOF_OF_POSTAGE,
      ],
      whatHappensNext: ni
        ? 'If leave is refused, you can apply to a Child Support Commissioner for leave within a month. From a Commissioner’s decision an appeal lies, with leave, to the Court of Appeal in Northern Ireland.'
        : 'If permission is refused, you can ask the Upper Tribunal itself within a month. From the Upper Tribunal an appeal lies, with permission, to the Court of Appeal (in Scotland, the Court of Session).',
      letterKind: null,
      cautions: first.result?.confidence === 'verified' ? [] : [unverified],
    }),
  ]
  if (input.permissionRefusedDate !== undefined) {
    const second = askDeadline(ctx, n, {
      kind: 'upperTribunalPermission',
      from: input.permissionRefusedDate,
      label: ni
        ? 'Apply to a Child Support Commissioner for leave by'
        : 'Ask the Upper Tribunal for permission by',
      ifUnknown: 'Find the date the refusal was sent: the next application must arrive within a month of it.',
    })
    routes.push(
      draft({
        id: 'onward-appeal',
        fit: 'main',
        title: ni
          ? 'Apply to a Child Support Commissioner for leave to appeal'
          : 'Ask the Upper Tribunal for permission to appeal',
        whyItFits: `${ni ? 'The legally qualified panel member refused leave.' : 'The tribunal refused permission.'} You can ask ${ni ? 'a Child Support Commissioner' : 'the Upper Tribunal'} directly. ${point}`,
        deadlines: [second],
        gather: [
          referenceNumber(ctx, n),
          'The decision notice, the written reasons and the refusal.',
          'Your statement of the mistakes of law.',
        ],
        howToSend: [
          ni
            ? 'Apply to the Office of the Social Security and Child Support Commissioners in Belfast, using its form or a signed letter.'
            : 'Use the Upper Tribunal’s form UT1, with copies of the decision, the reasons and the refusal.',
          PROOF_OF_POSTAGE,
        ],
        whatHappensNext: ni
          ? 'A Commissioner decides whether to give leave and then the appeal. An appeal from the Commissioner goes, with leave, to the Court of Appeal in Northern Ireland.'
          : 'The Upper Tribunal decides whether to give permission and then the appeal. An appeal from it goes, with permission, to the Court of Appeal or the Court of Session.',
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
    const cautions: string[] = []
    const mr = askDeadline(ctx, n, {
      kind: 'mandatoryReconsideration',
      from: input.decisionLetterDate,
      label: 'Your request had to reach the CMS by',
      ifUnknown: 'Check the date on the decision letter and when you asked.',
    })
    if (isKnown(input.askedOn) && mr.result && isAfter(input.askedOn, mr.result.deadline))
      cautions.push(
        'Your request seems to have reached the CMS after the 30 days. If the CMS treats it as late, give your reasons straight away.',
      )
    routes.push(
      draft({
        id: 'mandatory-reconsideration',
        fit: 'main',
        title: 'Wait for the answer to your reconsideration request',
        whyItFits:
          'You have asked the CMS to reconsider the decision. Its answer, the mandatory reconsideration notice, starts a one-month time limit for an appeal, so note the date printed on it as soon as it arrives.',
        deadlines: [mr],
        gather: [
          referenceNumber(ctx, n),
          'Proof of when you asked (letter copy, proof of postage, call notes).',
          KEEP_COPIES,
        ],
        howToSend: [
          'Nothing to send now. If you hear nothing for several weeks, ask the CMS what is happening, and complain about the delay if you need to.',
        ],
        whatHappensNext:
          'When the notice arrives, Redress can work out your appeal date from it. If the decision is changed but still wrong, you can appeal against the new one.',
        cautions,
      }),
    )
    return routes
  }

  // Not asked yet (or the parent is not sure): in time, late, or beyond the outer limit.
  const mr = askDeadline(ctx, n, {
    kind: 'mandatoryReconsideration',
    from: input.decisionLetterDate,
    label: 'Your request must reach the CMS by',
    ifUnknown:
      'Find the date printed on the decision letter: your request must reach the CMS within 30 days of it. If you cannot find it, ask for a reconsideration today.',
  })
  const inTime = mr.status === 'open' || mr.status === 'unknown'
  if (inTime) routes.push(mrRoute(ctx, facts, input, mr, appeal))
  else routes.push(lateMrRoute(ctx, facts, input))

  const ifCmsMistake = 'This only applies if the mistake was the CMS’s own, not a matter of new information.'
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
