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
} from '../text.ts'
import { askDeadline } from '../timing.ts'
import { cite } from '../cite.ts'

/** The complaint ladder (CMS, escalation, ICE, MP and Ombudsman), compensation and a subject access request. */

export const SERVICE_NO_APPEAL =
  'There is no appeal to a tribunal about poor service: the tribunal only decides how much maintenance is due. Complain instead; a complaint can go on to the Independent Case Examiner and then, through an MP, to the Ombudsman.'

export const COMPENSATION_NO_APPEAL =
  'There is no legal right to compensation and no appeal against a refusal or the amount offered. If you disagree, take it up the complaint steps: escalation, the Independent Case Examiner, then the Ombudsman through an MP.'

const NI_SERVICE_NO_APPEAL =
  'There is no appeal to the Appeals Service about poor service: it only decides how much maintenance is due. Complain instead; a complaint can go on to the Independent Case Examiner and then to the Northern Ireland Public Services Ombudsman, whom you contact yourself (no MP is needed).'

const NI_COMPENSATION_NO_APPEAL =
  'There is no legal right to compensation and no appeal against a refusal or the amount offered. If you disagree, take it up the complaint steps: escalation, the Independent Case Examiner, then the Northern Ireland Public Services Ombudsman.'

/** "No appeal" for service complaints, in the nation's own complaint ladder. */
export const serviceNoAppeal = (n: ProblemFacts['nation']): string =>
  isNI(n) ? NI_SERVICE_NO_APPEAL : SERVICE_NO_APPEAL
const compensationNoAppeal = (n: ProblemFacts['nation']): string =>
  isNI(n) ? NI_COMPENSATION_NO_APPEAL : COMPENSATION_NO_APPEAL

const KIND_WORDS: Record<ComplaintKind, string> = {
  lostDocuments: 'the CMS lost your documents',
  longDelay: 'the CMS took too long to deal with your case',
  badAdvice: 'the CMS gave you wrong or poor advice',
  arrearsNotExplained: 'the CMS did not explain the arrears figures',
  enforcementDelay: 'the CMS was slow to take action over missed payments',
  hardToContact: 'it was very hard to get through to the CMS',
  noTranslator: 'the CMS did not provide a translator',
  discrimination: 'you were treated unfairly (discriminated against)',
  otherMistake: 'the CMS made a mistake in handling your case',
}

export function describeComplaints(kinds: readonly ComplaintKind[]): string {
  const parts = kinds.map((k) => KIND_WORDS[k])
  if (parts.length === 0) return 'You are unhappy with the service the CMS gave you'
  const joined =
    parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]!
  return `You say ${joined}`
}

export interface ComplaintInput {
  readonly stage: ComplaintStage
  readonly complainedOn?: DateFact | undefined
  readonly finalResponseReceivedOn?: DateFact | undefined
  readonly becameAwareOn?: DateFact | undefined
  /** A sentence starting "You say …" or similar. */
  readonly about: string
  readonly costs?: readonly CostItem[] | undefined
  readonly lostMaintenance?: boolean | undefined
  /** How the complaint itself fits the problem (a complaint about arrears is 'main'). */
  readonly fit?: Fit
  /** Replaces the "no appeal" sentence on the complaint route (e.g. for arrears). */
  readonly noAppeal?: string
  readonly offerCompensation: boolean
  readonly offerRecords: boolean
}

function targets(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  on: DateFact | undefined,
  what: string,
): RouteDeadline[] {
  if (on === undefined) return []
  return [
    askDeadline(ctx, facts.nation, {
      kind: 'complaintAcknowledgementTarget',
      from: on,
      label: `The CMS aims to acknowledge your ${what} by`,
      ifUnknown: 'Note the date the CMS received it to track its targets.',
    }),
    askDeadline(ctx, facts.nation, {
      kind: 'complaintResponseTarget',
      from: on,
      label: `The CMS aims to reply to your ${what} by`,
      ifUnknown: 'Note the date the CMS received it to track its targets.',
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
      ? 'Follow up your complaint to the CMS'
      : 'Complain to the CMS about the service you received',
    whyItFits: `${input.about}. A complaint is the way to make the CMS put this right. Say what you want: an apology, the problem fixed, an explanation, a change in how the CMS works, and compensation if you lost out.`,
    deadlines: made ? targets(ctx, facts, input.complainedOn, 'complaint') : [],
    gather: [
      referenceNumber(ctx, n),
      'Your name, address, date of birth and how you want to be contacted.',
      'A short timeline: what happened and when, the dates of calls and letters, and who you dealt with.',
      'Copies of letters and emails (keep the originals).',
      CALL_NOTES,
    ],
    howToSend: [
      ...contactCms(ctx, n),
      'Ask for your caseworker or their manager. If you write, head the letter “Complaint”.',
      'Give the full story at every stage; notes are not always passed on.',
      PUT_IT_IN_WRITING,
      PROOF_OF_POSTAGE,
      KEEP_COPIES,
    ],
    whatHappensNext: made
      ? 'The CMS should acknowledge your complaint and reply within its target times shown here, or agree a longer timetable with you. These are service targets, not legal deadlines; if they are missed or the reply does not put things right, ask for the complaint to be escalated.'
      : 'The CMS should acknowledge your complaint quickly and aim to reply within its target time, or agree a longer timetable with you. If the reply does not put things right, ask for it to be escalated.',
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
  const who = isNI(facts.nation) ? 'a senior manager' : 'a senior manager and the DWP complaints team'
  return draft({
    id: 'escalation',
    fit,
    title: escalated ? 'Follow up your escalated complaint' : 'Ask for your complaint to be escalated',
    whyItFits: escalated
      ? `Your complaint is with ${who}. Their answer is the final response, which you need before the Independent Case Examiner can look at it.`
      : `If the CMS’s reply does not put things right, or it misses its targets, ask for the complaint to go to ${who}. You need their final response before the Independent Case Examiner will look at it.`,
    deadlines: escalated ? targets(ctx, facts, input.complainedOn, 'escalated complaint') : [],
    gather: [
      referenceNumber(ctx, facts.nation),
      'Your first complaint and the CMS’s reply.',
      'Why the reply does not put things right, and what you want.',
    ],
    howToSend: [
      'Use the contact details in the CMS’s reply to your complaint, or write to the CMS with “Escalated complaint” at the top.',
      'Repeat the full story; do not assume the earlier papers will be passed on.',
      PROOF_OF_POSTAGE,
    ],
    whatHappensNext:
      'You get a final response. If it still does not put things right, it should tell you that you can go to the Independent Case Examiner.',
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
    title: 'Take your complaint to the Independent Case Examiner',
    whyItFits: ready
      ? 'You have had the CMS’s final response. The Independent Case Examiner (ICE) is independent of the CMS and looks at poor service, delay and mistakes in handling a case. You must contact it within 6 months of receiving the final response.'
      : 'Once you have the CMS’s final response, the Independent Case Examiner can look at your complaint. It will not take it before then.',
    deadlines: ready
      ? [
          askDeadline(ctx, facts.nation, {
            kind: 'iceReferral',
            from: input.finalResponseReceivedOn,
            label: 'Contact the Independent Case Examiner by',
            ifUnknown:
              'Find when the final response arrived: you must contact the ICE within 6 months of it.',
          }),
        ]
      : [],
    gather: [
      'A copy of the CMS’s final response letter.',
      'Your name, address, phone number, National Insurance number and how you prefer to be contacted.',
      referenceNumber(ctx, facts.nation),
      'A summary of the complaint: what went wrong, the dates, and what you want done.',
      'Any help or adjustments you need, and written consent if someone is acting for you.',
    ],
    howToSend: [
      `Use the contact details on GOV.UK (${ctx.contacts.independentCaseExaminer.value}) or in the final response letter.`,
      KEEP_COPIES,
    ],
    whatHappensNext: `The ICE checks it can accept the complaint, may try to settle it, and otherwise investigates. Waits have been long (often more than a year before an investigator is assigned). The ICE can recommend an apology, action and compensation but cannot order them.${isNI(facts.nation) ? ' If you are still unhappy afterwards, the last step is the Northern Ireland Public Services Ombudsman.' : ''}`,
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
          label: 'Ask an MP to refer you to the Ombudsman by',
          ifUnknown:
            'The Ombudsman expects the complaint to reach an MP within a year of when you first knew of the problem; note that date.',
        }),
      ]
    : []
  const cautions = [
    'Time spent in the CMS and ICE complaint steps is not automatically allowed for in the Ombudsman’s one-year limit.',
  ]
  return draft({
    id: 'mp-and-ombudsman',
    fit,
    title: last ? 'Ask your MP to refer your complaint to the Ombudsman' : 'Ask your MP for help',
    whyItFits: last
      ? 'If the Independent Case Examiner has not put things right, the Parliamentary and Health Service Ombudsman can look at it, but only if an MP refers it.'
      : 'An MP can press the CMS at any stage, which often gets a quicker answer (for example to get enforcement started or an earnings order reduced because of hardship). Any MP can help, not only your own.',
    deadlines,
    gather: [
      'A short summary of the problem and what you want done.',
      'Copies of the main letters, including any final response or ICE decision.',
    ],
    howToSend: ['Write to your MP (find them on the UK Parliament website) or go to their advice surgery.'],
    whatHappensNext: last
      ? 'The MP can send your complaint to the Ombudsman, which decides whether to investigate.'
      : 'The MP’s office contacts the CMS for you and passes on its reply.',
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
          label: 'Complain to the Northern Ireland Public Services Ombudsman by',
          ifUnknown:
            'Find the date of the final response to your complaint: the Ombudsman must get your complaint within 6 months of it being sent.',
        }),
      ]
    : []
  const cautions = [
    'The 6 months run from the day the final response was sent. If the date printed on it is earlier than the day it arrived, count from the printed date.',
    'It is not settled whether going to the Independent Case Examiner first stops the 6 months running from the CMS’s final response; do not wait for ICE if the date is close.',
    ...(ombudsman.confidence === 'verified'
      ? []
      : [
          'The Ombudsman’s address was not confirmed in our research: check its website before you send anything.',
        ]),
  ]
  return draft({
    id: 'nipso-complaint',
    fit,
    title: 'Complain to the Northern Ireland Public Services Ombudsman',
    whyItFits: last
      ? 'The Independent Case Examiner has not put things right. In Northern Ireland the last step is the Northern Ireland Public Services Ombudsman, who is independent and free. You complain to the Ombudsman yourself: you do not need an MP.'
      : 'In Northern Ireland the last step of a complaint, after the CMS and the Independent Case Examiner, is the Northern Ireland Public Services Ombudsman. You complain directly: you do not need an MP. Its 6-month time limit starts when the complaints process ends, so note the date of the final response.',
    deadlines,
    gather: [
      referenceNumber(ctx, facts.nation),
      'The final response to your complaint, and the Independent Case Examiner’s decision if you have it.',
      'A short summary of what went wrong, when, and what you want done.',
    ],
    howToSend: [`Use the Ombudsman’s own complaint form, or write to: ${ombudsman.value}.`, KEEP_COPIES],
    whatHappensNext:
      'The Ombudsman checks it can look at the complaint and may investigate. It can recommend an apology, action to put things right and a payment.',
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
    ? ` You have listed ${formatPounds(total)} of costs (${list.map((c) => `${c.description}: ${formatPounds(c.amount)}`).join('; ')}).`
    : ''
  const lost =
    lostMaintenance && facts.role === 'receiving'
      ? ' Maintenance you lost because the CMS delayed acting can also be claimed.'
      : ''
  return draft({
    id: 'compensation-claim',
    fit,
    title: 'Ask for compensation (a special payment)',
    whyItFits: `The DWP can pay back money you lost because of the CMS’s mistakes or delays, such as call costs, postage or bank charges, and in serious cases pay for distress or severe inconvenience.${costLine}${lost} Ask for it in your complaint.`,
    gather: [
      'Proof of each cost: an itemised phone bill, receipts, a bank statement showing any charge.',
      'A timeline of the delays and mistakes, with dates.',
      'How it affected you; a letter from your GP if your health suffered.',
      ...(lost ? ['The payment history showing what should have been collected and when.'] : []),
    ],
    howToSend: [
      'Put the claim in your complaint letter (or send it with it), list each item and its amount, and attach copies of the proof.',
      KEEP_COPIES,
    ],
    whatHappensNext:
      'The CMS or DWP decides whether to pay and how much. If you are unhappy with the answer, take it up the complaint steps.',
    letterKind: 'compensationClaim',
    noAppeal: compensationNoAppeal(facts.nation),
    citations: [compensationRule(ctx.book, ctx.today).cite()],
  })
}

export function subjectAccessRoute(ctx: AdvisorContext, facts: ProblemFacts, why: string): RouteDraft {
  const rule = subjectAccessRule(ctx.book, ctx.today)
  const ni = isNI(facts.nation)
  const records = ctx.contacts.northernIreland.records
  const holder = ni ? 'the Department for Communities' : 'the DWP'
  return draft({
    id: 'subject-access-request',
    fit: 'support',
    title: 'Ask for a copy of your CMS records (subject access request)',
    whyItFits: `${why} You can ask for a copy of the personal information the CMS holds about you: case notes, records of calls, letters, and payment records. It costs nothing and ${holder} must normally answer within ${rule.value['response-time']}.${ni ? ' In Northern Ireland the Child Maintenance Service is part of the Department for Communities, so the request goes to the Department.' : ''}`,
    gather: [
      referenceNumber(ctx, facts.nation),
      'Your full name, address and date of birth, and proof of identity if asked.',
    ],
    howToSend: ni
      ? [
          `Write to ${records.value}.`,
          'Put “Subject access request” at the top and say which records you want and for which dates.',
          PROOF_OF_POSTAGE,
        ]
      : [
          ...writeToCms(ctx, facts.nation),
          'Put “Subject access request” at the top and say which records you want and for which dates. The DWP may pass it to its own data protection team.',
          PROOF_OF_POSTAGE,
        ],
    whatHappensNext: `${ni ? 'The Department' : 'The DWP'} sends copies of your records, with other people’s details (such as the other parent’s) taken out.`,
    letterKind: 'subjectAccessRequest',
    cautions: [
      'The one-month time and the free request come from general data protection law, not from our child maintenance research; check before relying on them.',
      ...(ni && records.confidence !== 'verified'
        ? [
            'Where in the Department to send it was not confirmed in our research: check its privacy notice first.',
          ]
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
      subjectAccessRoute(
        ctx,
        facts,
        'Your own copy of the CMS’s records helps you prove what happened and when.',
      ),
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
