import { message, type Message } from '../../shared/message.ts'
import { add, formatPounds } from '../../shared/pence.ts'
import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import type {
  ComplaintKind,
  ComplaintStage,
  CostItem,
  DateFact,
  PoorServiceProblem,
  ProblemFacts,
} from '../facts.ts'
import type { Fit, RouteDeadline } from '../route.ts'
import { compensationRule, complaintLadderRule, subjectAccessRule } from '../rules.ts'
import {
  CALL_NOTES,
  KEEP_COPIES,
  PROOF_OF_POSTAGE,
  PUT_IT_IN_WRITING,
  contactCms,
  isNI,
  referenceNumber,
  writeToCms,
  and,
} from '../text.ts'
import { askDeadline } from '../timing.ts'
import { cite } from '../cite.ts'

/** The complaint ladder (CMS, escalation, ICE, MP and Ombudsman), compensation and a subject access request. */

export const SERVICE_NO_APPEAL = message('remedies.complaint.serviceNoAppeal')

export const COMPENSATION_NO_APPEAL = message('remedies.complaint.compensationNoAppeal')

const NI_SERVICE_NO_APPEAL = message('remedies.complaint.niServiceNoAppeal')

const NI_COMPENSATION_NO_APPEAL = message('remedies.complaint.niCompensationNoAppeal')

/** "No appeal" for service complaints, in the nation's own complaint ladder. */
export const serviceNoAppeal = (n: ProblemFacts['nation']): Message =>
  isNI(n) ? NI_SERVICE_NO_APPEAL : SERVICE_NO_APPEAL
const compensationNoAppeal = (n: ProblemFacts['nation']): Message =>
  isNI(n) ? NI_COMPENSATION_NO_APPEAL : COMPENSATION_NO_APPEAL

const KIND_WORDS: Record<ComplaintKind, Message> = {
  lostDocuments: message('remedies.complaint.kindWords.lostDocuments'),
  longDelay: message('remedies.complaint.kindWords.longDelay'),
  badAdvice: message('remedies.complaint.kindWords.badAdvice'),
  arrearsNotExplained: message('remedies.complaint.kindWords.arrearsNotExplained'),
  enforcementDelay: message('remedies.complaint.kindWords.enforcementDelay'),
  hardToContact: message('remedies.complaint.kindWords.hardToContact'),
  noTranslator: message('remedies.complaint.kindWords.noTranslator'),
  discrimination: message('remedies.complaint.kindWords.discrimination'),
  otherMistake: message('remedies.complaint.kindWords.otherMistake'),
}

export function describeComplaints(kinds: readonly ComplaintKind[]): Message {
  const parts = kinds.map((k) => KIND_WORDS[k])
  if (parts.length === 0) return message('remedies.complaint.describeComplaints.youAreUnhappy')
  const [last, ...before] = [...parts].reverse()
  const joined = before.length ? and(before.reverse(), last!) : last!
  return message('remedies.complaint.describeComplaints.youSay', { what: joined })
}

export interface ComplaintInput {
  readonly stage: ComplaintStage
  readonly complainedOn?: DateFact | undefined
  readonly finalResponseReceivedOn?: DateFact | undefined
  readonly becameAwareOn?: DateFact | undefined
  /** A sentence starting "You say …" or similar. */
  readonly about: Message
  readonly costs?: readonly CostItem[] | undefined
  readonly lostMaintenance?: boolean | undefined
  /** How the complaint itself fits the problem (a complaint about arrears is 'main'). */
  readonly fit?: Fit
  /** Replaces the "no appeal" sentence on the complaint route (e.g. for arrears). */
  readonly noAppeal?: Message
  readonly offerCompensation: boolean
  readonly offerRecords: boolean
}

function targets(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  on: DateFact | undefined,
  what: Message,
): RouteDeadline[] {
  if (on === undefined) return []
  return [
    askDeadline(ctx, facts.nation, {
      kind: 'complaintAcknowledgementTarget',
      from: on,
      label: message('remedies.complaint.targets.acknowledge', { what }),
      ifUnknown: message('remedies.complaint.targets.ifUnknown'),
    }),
    askDeadline(ctx, facts.nation, {
      kind: 'complaintResponseTarget',
      from: on,
      label: message('remedies.complaint.targets.reply', { what }),
      ifUnknown: message('remedies.complaint.targets.ifUnknown'),
    }),
  ]
}

function complaintRoute(ctx: AdvisorContext, facts: ProblemFacts, input: ComplaintInput): RouteDraft {
  const n = facts.nation
  const made = input.stage === 'complained'
  return draft({
    id: 'complaint',
    fit: input.fit ?? 'main',
    title: made
      ? message('remedies.complaint.complaint.title.followUpYour')
      : message('remedies.complaint.complaint.title.complainToThe'),
    whyItFits: message('remedies.complaint.complaint.whyItFits', { about: input.about }),
    deadlines: made
      ? targets(ctx, facts, input.complainedOn, message('remedies.complaint.targets.complaint'))
      : [],
    gather: [
      referenceNumber(ctx, n),
      message('remedies.complaint.complaint.gather.yourNameAddress'),
      message('remedies.complaint.complaint.gather.aShortTimeline'),
      message('remedies.complaint.complaint.gather.copiesOfLetters'),
      CALL_NOTES,
    ],
    howToSend: [
      ...contactCms(ctx, n),
      message('remedies.complaint.complaint.howToSend.askForYour'),
      message('remedies.complaint.complaint.howToSend.giveTheFull'),
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
      KEEP_COPIES,
    ],
    whatHappensNext: made
      ? message('remedies.complaint.complaint.whatHappensNext.made')
      : message('remedies.complaint.complaint.whatHappensNext.notMade'),
    letterKind: 'complaint',
    noAppeal: input.noAppeal ?? serviceNoAppeal(facts.nation),
    citations: [complaintLadderRule(ctx.book, ctx.today).cite()],
  })
}

function escalationRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  input: ComplaintInput,
  fit: Fit,
): RouteDraft {
  const escalated = input.stage === 'escalated'
  const who = isNI(facts.nation)
    ? message('remedies.complaint.escalation.who.ni')
    : message('remedies.complaint.escalation.who.gb')
  return draft({
    id: 'escalation',
    fit,
    title: escalated
      ? message('remedies.complaint.escalation.title.followUpYour')
      : message('remedies.complaint.escalation.title.askForYour'),
    whyItFits: escalated
      ? message('remedies.complaint.escalation.whyItFits.yourComplaintIs', { who })
      : message('remedies.complaint.escalation.whyItFits.ifTheCms', { who }),
    deadlines: escalated
      ? targets(ctx, facts, input.complainedOn, message('remedies.complaint.targets.escalatedComplaint'))
      : [],
    gather: [
      referenceNumber(ctx, facts.nation),
      message('remedies.complaint.escalation.gather.yourFirstComplaint'),
      message('remedies.complaint.escalation.gather.whyTheReply'),
    ],
    howToSend: [
      message('remedies.complaint.escalation.howToSend.useTheContact'),
      message('remedies.complaint.escalation.howToSend.repeatTheFull'),
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext: message('remedies.complaint.escalation.whatHappensNext'),
    letterKind: 'escalation',
    noAppeal: input.noAppeal ?? serviceNoAppeal(facts.nation),
    citations: [complaintLadderRule(ctx.book, ctx.today).cite()],
  })
}

function iceRoute(ctx: AdvisorContext, facts: ProblemFacts, input: ComplaintInput, fit: Fit): RouteDraft {
  const ready = input.stage === 'finalResponse'
  return draft({
    id: 'ice-referral',
    fit,
    title: message('remedies.complaint.iceReferral.title'),
    whyItFits: ready
      ? message('remedies.complaint.iceReferral.whyItFits.youHaveHad')
      : message('remedies.complaint.iceReferral.whyItFits.onceYouHave'),
    deadlines: ready
      ? [
          askDeadline(ctx, facts.nation, {
            kind: 'iceReferral',
            from: input.finalResponseReceivedOn,
            label: message('remedies.complaint.iceReferral.label'),
            ifUnknown: message('remedies.complaint.iceReferral.ifUnknown'),
          }),
        ]
      : [],
    gather: [
      message('remedies.complaint.iceReferral.gather.aCopyOf'),
      message('remedies.complaint.iceReferral.gather.yourNameAddress'),
      referenceNumber(ctx, facts.nation),
      message('remedies.complaint.iceReferral.gather.aSummaryOf'),
      message('remedies.complaint.iceReferral.gather.anyHelpOr'),
    ],
    howToSend: [
      message('remedies.complaint.iceReferral.howToSend.useTheContact', {
        independentCaseExaminer: ctx.contacts.independentCaseExaminer.value,
      }),
      KEEP_COPIES,
    ],
    whatHappensNext: message('remedies.complaint.iceReferral.whatHappensNext.theIceChecks', {
      afterwards: isNI(facts.nation)
        ? message('remedies.complaint.iceReferral.whatHappensNext.ifYouAre')
        : '',
    }),
    letterKind: 'iceReferral',
    noAppeal: serviceNoAppeal(facts.nation),
    citations: [complaintLadderRule(ctx.book, ctx.today).cite()],
  })
}

function mpRoute(ctx: AdvisorContext, facts: ProblemFacts, input: ComplaintInput, fit: Fit): RouteDraft {
  const last = input.stage === 'iceDecided'
  const deadlines = last
    ? [
        askDeadline(ctx, facts.nation, {
          kind: 'phsoViaMp',
          from: input.becameAwareOn,
          label: message('remedies.complaint.mpRoute.label'),
          ifUnknown: message('remedies.complaint.mpRoute.ifUnknown'),
        }),
      ]
    : []
  const cautions = [message('remedies.complaint.mpRoute.cautions.timeSpentIn')]
  return draft({
    id: 'mp-and-ombudsman',
    fit,
    title: last
      ? message('remedies.complaint.mpAndOmbudsman.title.ombudsman')
      : message('remedies.complaint.mpAndOmbudsman.title.help'),
    whyItFits: last
      ? message('remedies.complaint.mpAndOmbudsman.whyItFits.ifTheIndependent')
      : message('remedies.complaint.mpAndOmbudsman.whyItFits.anMpCan'),
    deadlines,
    gather: [
      message('remedies.complaint.mpAndOmbudsman.gather.aShortSummary'),
      message('remedies.complaint.mpAndOmbudsman.gather.copiesOfThe'),
    ],
    howToSend: [message('remedies.complaint.mpAndOmbudsman.howToSend.writeToYour')],
    whatHappensNext: last
      ? message('remedies.complaint.mpAndOmbudsman.whatHappensNext.theMpCan')
      : message('remedies.complaint.mpAndOmbudsman.whatHappensNext.theMpS'),
    letterKind: 'mpLetter',
    noAppeal: input.noAppeal ?? serviceNoAppeal(facts.nation),
    cautions,
    citations: [complaintLadderRule(ctx.book, ctx.today).cite()],
  })
}

/** Northern Ireland's last step: the NI Public Services Ombudsman, contacted directly (PSO Act (NI) 2016). */
function nipsoRoute(ctx: AdvisorContext, facts: ProblemFacts, input: ComplaintInput, fit: Fit): RouteDraft {
  const last = input.stage === 'iceDecided'
  const clockRunning = last || input.stage === 'finalResponse'
  const ombudsman = ctx.contacts.northernIreland.ombudsman
  const deadlines = clockRunning
    ? [
        askDeadline(ctx, facts.nation, {
          kind: 'phsoViaMp',
          from: input.finalResponseReceivedOn,
          label: message('remedies.complaint.nipsoRoute.label'),
          ifUnknown: message('remedies.complaint.nipsoRoute.ifUnknown'),
        }),
      ]
    : []
  const cautions = [
    message('remedies.complaint.nipsoRoute.cautions.theMonthsRun'),
    message('remedies.complaint.nipsoRoute.cautions.itIsNot'),
    ...(ombudsman.confidence === 'verified'
      ? []
      : [message('remedies.complaint.nipsoRoute.cautions.theOmbudsmanS')]),
  ]
  return draft({
    id: 'nipso-complaint',
    fit,
    title: message('remedies.complaint.nipsoComplaint.title'),
    whyItFits: last
      ? message('remedies.complaint.nipsoComplaint.whyItFits.theIndependentCase')
      : message('remedies.complaint.nipsoComplaint.whyItFits.inNorthernIreland'),
    deadlines,
    gather: [
      referenceNumber(ctx, facts.nation),
      message('remedies.complaint.nipsoComplaint.gather.theFinalResponse'),
      message('remedies.complaint.nipsoComplaint.gather.aShortSummary'),
    ],
    howToSend: [
      message('remedies.complaint.nipsoComplaint.howToSend.useTheOmbudsman', { ombudsman: ombudsman.value }),
      KEEP_COPIES,
    ],
    whatHappensNext: message('remedies.complaint.nipsoComplaint.whatHappensNext'),
    letterKind: null,
    noAppeal: input.noAppeal ?? serviceNoAppeal(facts.nation),
    cautions,
    citations: [
      complaintLadderRule(ctx.book, ctx.today).cite(),
      ...(deadlines[0]?.result ? [] : [cite(ctx, 'deadlines.nipso-complaint')]),
    ],
  })
}

export function compensationRoute(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  costs: readonly CostItem[] | undefined,
  lostMaintenance: boolean | undefined,
  fit: Fit,
): RouteDraft {
  const list = costs ?? []
  const total = list.length ? add(...list.map((c) => c.amount)) : null
  const costLine = total
    ? message('remedies.complaint.compensationRoute.costLine.youHaveListed', {
        total: formatPounds(total),
        costs: list.map((c) => `${c.description}: ${formatPounds(c.amount)}`).join('; '),
      })
    : ''
  const lost =
    lostMaintenance && facts.role === 'receiving'
      ? message('remedies.complaint.compensationRoute.lost.maintenanceYouLost')
      : ''
  return draft({
    id: 'compensation-claim',
    fit,
    title: message('remedies.complaint.compensationClaim.title'),
    whyItFits: message('remedies.complaint.compensationClaim.whyItFits', { costLine, lost }),
    gather: [
      message('remedies.complaint.compensationClaim.gather.proofOfEach'),
      message('remedies.complaint.compensationClaim.gather.aTimelineOf'),
      message('remedies.complaint.compensationClaim.gather.howItAffected'),
      ...(lost ? [message('remedies.complaint.compensationClaim.gather.thePaymentHistory')] : []),
    ],
    howToSend: [message('remedies.complaint.compensationClaim.howToSend.putTheClaim'), KEEP_COPIES],
    whatHappensNext: message('remedies.complaint.compensationClaim.whatHappensNext'),
    letterKind: 'compensationClaim',
    noAppeal: compensationNoAppeal(facts.nation),
    citations: [compensationRule(ctx.book, ctx.today).cite()],
  })
}

export function subjectAccessRoute(ctx: AdvisorContext, facts: ProblemFacts, why: Message): RouteDraft {
  const rule = subjectAccessRule(ctx.book, ctx.today)
  const ni = isNI(facts.nation)
  const records = ctx.contacts.northernIreland.records
  const holder = ni
    ? message('remedies.complaint.subjectAccessRoute.holder.theDepartmentFor')
    : message('remedies.complaint.subjectAccessRoute.holder.theDwp')
  return draft({
    id: 'subject-access-request',
    fit: 'support',
    title: message('remedies.complaint.subjectAccessRequest.title'),
    whyItFits: message('remedies.complaint.subjectAccessRequest.whyItFits.youCanAsk', {
      why,
      holder,
      responseTime: rule.value['response-time'],
      ni: ni ? message('remedies.complaint.subjectAccessRequest.whyItFits.inNorthernIreland') : '',
    }),
    gather: [
      referenceNumber(ctx, facts.nation),
      message('remedies.complaint.subjectAccessRequest.gather.yourFullName'),
    ],
    howToSend: ni
      ? [
          message('remedies.complaint.subjectAccessRequest.howToSend.writeTo', { records: records.value }),
          message('remedies.complaint.subjectAccessRequest.howToSend.headingNi'),
          PROOF_OF_POSTAGE,
        ]
      : [
          ...writeToCms(ctx, facts.nation),
          message('remedies.complaint.subjectAccessRequest.howToSend.headingGb'),
          PROOF_OF_POSTAGE,
        ],
    whatHappensNext: message('remedies.complaint.subjectAccessRequest.whatHappensNext.sendsCopiesOf', {
      holder: ni
        ? message('remedies.complaint.subjectAccessRequest.whatHappensNext.theDepartment')
        : message('remedies.complaint.subjectAccessRequest.whatHappensNext.theDwp'),
    }),
    letterKind: 'subjectAccessRequest',
    cautions: [
      message('remedies.complaint.subjectAccessRequest.cautions.theOneMonth'),
      ...(ni && records.confidence !== 'verified'
        ? [message('remedies.complaint.subjectAccessRequest.cautions.whereInThe')]
        : []),
    ],
    citations: [rule.cite()],
  })
}

/** The complaint ladder from wherever the parent has got to. */
export function complaintLadderRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  input: ComplaintInput,
): RouteDraft[] {
  const routes: RouteDraft[] = []
  const mainFit = input.fit ?? 'main'
  switch (input.stage) {
    case 'notYetComplained':
    case 'complained':
      routes.push(complaintRoute(ctx, facts, input), escalationRoute(ctx, facts, input, 'fallback'))
      break
    case 'escalated':
      routes.push(escalationRoute(ctx, facts, input, mainFit), iceRoute(ctx, facts, input, 'fallback'))
      break
    case 'finalResponse':
      routes.push(iceRoute(ctx, facts, input, mainFit))
      break
    case 'iceDecided':
      break
  }
  if (input.offerCompensation) {
    const hasLoss = (input.costs?.length ?? 0) > 0 || input.lostMaintenance === true
    routes.push(
      compensationRoute(ctx, facts, input.costs, input.lostMaintenance, hasLoss ? 'alongside' : 'support'),
    )
  }
  if (input.offerRecords)
    routes.push(
      subjectAccessRoute(ctx, facts, message('remedies.complaint.complaintLadderRoutes.yourOwnCopy')),
    )
  const lastFit = input.stage === 'iceDecided' ? mainFit : 'support'
  routes.push(
    isNI(facts.nation) ? nipsoRoute(ctx, facts, input, lastFit) : mpRoute(ctx, facts, input, lastFit),
  )
  return routes
}

export function poorServiceRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: PoorServiceProblem,
): RouteDraft[] {
  const records: readonly ComplaintKind[] = [
    'lostDocuments',
    'badAdvice',
    'arrearsNotExplained',
    'longDelay',
    'otherMistake',
  ]
  return complaintLadderRoutes(ctx, facts, {
    stage: p.stage,
    complainedOn: p.complainedOn,
    finalResponseReceivedOn: p.finalResponseReceivedOn,
    becameAwareOn: p.becameAwareOn,
    about: describeComplaints(p.complaints),
    costs: p.costs,
    lostMaintenance: p.lostMaintenance,
    offerCompensation: true,
    offerRecords: p.complaints.some((k) => records.includes(k)),
  })
}
