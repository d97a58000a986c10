import { tr, trMap } from '../copy.ts'
import { compareDates, formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { formatPounds, type Pence } from '../../../domain/shared/pence.ts'
import { heading, table, type Letter, type LetterBlock, type LetterTable } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import {
  compose,
  decisionTitle,
  describeDecision,
  own,
  upperFirst,
  noteSharedWithOtherParent,
  readBase,
  readDecision,
  sentence,
  type DecisionInput,
  type LetterBaseInput,
  type ParentRole,
  type ReadDecision,
} from '../common.ts'

export type Figure =
  | { readonly kind: 'money'; readonly amount: Pence }
  | { readonly kind: 'count'; readonly value: number; readonly unit: string }
  | { readonly kind: 'text'; readonly text: string }

export interface DisputedFigure {
  readonly item: string
  readonly cms: Figure
  readonly mine: Figure
  readonly why: string
  readonly evidence?: string
}

export interface ChronologyEntry {
  readonly date: PlainDate
  readonly event: string
  /** The document that shows it, e.g. "CMS letter of 3 February 2025". */
  readonly source?: string
}

export interface HearingPreference {
  readonly attend: boolean
  readonly needs?: string
  readonly datesToAvoid?: string
  readonly interpreterLanguage?: string
}

export interface AppealPackInput extends LetterBaseInput {
  readonly role?: Maybe<ParentRole>
  readonly dateOfBirth?: Maybe<PlainDate>
  readonly nationalInsuranceNumber?: Maybe<string>
  /** The decision the appeal is about. */
  readonly decision?: Maybe<DecisionInput>
  /** The date of the mandatory reconsideration notice. */
  readonly reconsiderationNoticeDate?: Maybe<PlainDate>
  readonly grounds?: Maybe<readonly string[]>
  readonly outcomeSought?: Maybe<string>
  readonly chronology?: Maybe<readonly ChronologyEntry[]>
  readonly disputedFigures?: Maybe<readonly DisputedFigure[]>
  readonly otherParent?: Maybe<{ readonly name?: string; readonly addressLines?: readonly string[] }>
  readonly representative?: Maybe<{
    readonly name: string
    readonly organisation?: string
    readonly contact?: string
  }>
  readonly hearing?: Maybe<HearingPreference>
  /** Ask the tribunal not to show the appellant's address to the other parent. */
  readonly keepAddressPrivate?: Maybe<boolean>
  /** Only if the appeal is late: why. */
  readonly lateReason?: Maybe<string>
}

export const formatFigure = (f: Figure): string =>
  f.kind === 'money' ? formatPounds(f.amount) : f.kind === 'count' ? `${f.value} ${f.unit}` : f.text

const ROLE: Record<ParentRole, string> = trMap({
  'paying-parent': 'appealPack.thePayingParent',
  'receiving-parent': 'appealPack.theReceivingParent',
})

interface Read {
  readonly need: Needs
  readonly base: ReturnType<typeof readBase>
}

function start(title: string, input: AppealPackInput): Read {
  const need = new Needs(title)
  return { need, base: readBase(need, input, tr('appealPack.hmCourtsTribunalsService')) }
}

const noticeDate = (need: Needs, input: AppealPackInput): PlainDate =>
  need.date(
    input.reconsiderationNoticeDate,
    particular('reconsiderationNoticeDate', tr('appealPack.theDateOfThe')),
  )

const statementDetails = (base: Read['base'], decision: ReadDecision, mrn: PlainDate) => [
  { label: tr('appealPack.appellant'), value: base.sender.name },
  { label: tr('common.cmsReference'), value: base.reference },
  { label: tr('appealPack.decisionAppealed'), value: decisionTitle(decision) },
  { label: tr('appealPack.mandatoryReconsiderationNotice'), value: formatDate(mrn) },
]

const appealNotes = (): string[] => [
  tr('appealPack.sendTheAppealSo'),
  tr('appealPack.sendACopyOf'),
  noteSharedWithOtherParent('form'),
]

export const appealCoveringLetterSpec = {
  get title() {
    return tr('appealPack.appealCoveringLetter')
  },
  get summary() {
    return tr('appealPack.coveringLetterSendingForm')
  },
  get required() {
    return [
      particular('decision.date', tr('appealPack.theDateOfThe2')),
      particular('decision.subject', tr('appealPack.whatTheDecisionWas')),
      particular('reconsiderationNoticeDate', tr('appealPack.theDateOfThe')),
    ]
  },
}

export function appealCoveringLetter(input: AppealPackInput): Letter {
  const { need, base } = start(appealCoveringLetterSpec.title, input)
  const decision = readDecision(need, input.decision)
  const mrn = noticeDate(need, input)
  need.check()
  const hasChronology = (input.chronology ?? []).length > 0
  const hasFigures = (input.disputedFigures ?? []).length > 0
  return compose(base, input, {
    kind: 'appeal-covering-letter',
    title: tr('appealPack.appealToTheFirst'),
    subject: tr('appealPack.appealAgainstThe', { value: describeDecision(decision).replace(/^the /, '') }),
    paragraphs: [
      tr('appealPack.iEncloseMyAppeal', { decision: describeDecision(decision), mrn: formatDate(mrn) }),
      tr('appealPack.iAlsoEncloseA'),
      ...(input.lateReason?.trim() ? [tr('appealPack.myAppealIsLate'), own(input.lateReason)] : []),
      tr('appealPack.pleaseConfirmThatYou'),
    ],
    enclosures: [
      tr('appealPack.formSscsCompletedAnd'),
      tr('appealPack.aCopyOfThe', { mrn: formatDate(mrn) }),
      tr('appealPack.groundsOfAppeal'),
      ...(hasChronology ? [tr('appealPack.chronology')] : []),
      ...(hasFigures ? [tr('appealPack.scheduleOfDisputedFigures')] : []),
    ],
    notes: [...appealNotes(), tr('appealPack.getFormSscsFrom')],
  })
}

export const appealGroundsSpec = {
  get title() {
    return tr('appealPack.groundsOfAppeal')
  },
  get summary() {
    return tr('appealPack.whyTheDecisionIs')
  },
  get required() {
    return [...appealCoveringLetterSpec.required, particular('grounds', tr('appealPack.whyTheDecisionIs2'))]
  },
}

export function appealGrounds(input: AppealPackInput): Letter {
  const { need, base } = start(appealGroundsSpec.title, input)
  const decision = readDecision(need, input.decision)
  const mrn = noticeDate(need, input)
  const grounds = need.list(input.grounds, particular('grounds', tr('appealPack.atLeastOneReason')))
  need.check()
  return compose(base, input, {
    kind: 'appeal-grounds',
    layout: 'statement',
    title: tr('appealPack.groundsOfAppeal'),
    subject: tr('appealPack.appealAgainstThe', { value: describeDecision(decision).replace(/^the /, '') }),
    details: statementDetails(base, decision, mrn),
    paragraphs: [
      tr('appealPack.iAppealAgainstThe', { decision: describeDecision(decision), mrn: formatDate(mrn) }),
      heading(tr('appealPack.whyTheDecisionIs3')),
      ...grounds.map(own),
      ...(input.outcomeSought?.trim()
        ? [heading(tr('appealPack.whatIAskThe')), own(input.outcomeSought)]
        : []),
    ],
    signatureLine: true,
    notes: appealNotes(),
  })
}

export const appealChronologySpec = {
  get title() {
    return tr('appealPack.chronology')
  },
  get summary() {
    return tr('appealPack.theEventsOfThe')
  },
  get required() {
    return [particular('chronology', tr('appealPack.theEventsWithDates'))]
  },
}

export function chronologyTable(entries: readonly ChronologyEntry[]): LetterTable {
  return table(
    [
      { header: tr('appealPack.date'), weight: 1.6 },
      { header: tr('appealPack.whatHappened'), weight: 5 },
      { header: tr('appealPack.document'), weight: 2.4 },
    ],
    [...entries]
      .sort((a, b) => compareDates(a.date, b.date))
      .map((e) => [formatDate(e.date), e.event, e.source ?? '']),
  )
}

export function appealChronology(input: AppealPackInput): Letter {
  const { need, base } = start(appealChronologySpec.title, input)
  const entries = need.list(input.chronology, particular('chronology', tr('appealPack.theEventsOfThe2')))
  need.check()
  return compose(base, input, {
    kind: 'appeal-chronology',
    layout: 'statement',
    title: tr('appealPack.chronology'),
    subject: tr('appealPack.theEventsOfThe3'),
    details: [
      { label: tr('appealPack.appellant'), value: base.sender.name },
      { label: tr('common.cmsReference'), value: base.reference },
    ],
    paragraphs: [tr('appealPack.theseAreTheEvents'), chronologyTable(entries)],
    notes: appealNotes(),
  })
}

export const appealDisputedFiguresSpec = {
  get title() {
    return tr('appealPack.scheduleOfDisputedFigures')
  },
  get summary() {
    return tr('appealPack.eachFigureYouDispute')
  },
  get required() {
    return [particular('disputedFigures', tr('appealPack.eachDisputedFigure'))]
  },
}

export function disputedFiguresTable(figures: readonly DisputedFigure[]): LetterTable {
  return table(
    [
      { header: tr('appealPack.item'), weight: 2.2 },
      { header: tr('appealPack.cmsFigure'), align: 'right', weight: 1.4 },
      { header: tr('appealPack.myFigure'), align: 'right', weight: 1.4 },
      { header: tr('appealPack.whyMineIsRight'), weight: 4 },
    ],
    figures.map((f) => [
      f.item,
      formatFigure(f.cms),
      formatFigure(f.mine),
      f.evidence
        ? tr('appealPack.evidence', { why: sentence(f.why), evidence: sentence(f.evidence) })
        : sentence(f.why),
    ]),
  )
}

export function appealDisputedFigures(input: AppealPackInput): Letter {
  const { need, base } = start(appealDisputedFiguresSpec.title, input)
  const figures = need.list(
    input.disputedFigures,
    particular('disputedFigures', tr('appealPack.eachFigureYouDisagree')),
  )
  need.check()
  return compose(base, input, {
    kind: 'appeal-disputed-figures',
    layout: 'statement',
    title: tr('appealPack.scheduleOfDisputedFigures'),
    subject: tr('appealPack.theFiguresInThe'),
    details: [
      { label: tr('appealPack.appellant'), value: base.sender.name },
      { label: tr('common.cmsReference'), value: base.reference },
    ],
    paragraphs: [tr('appealPack.thisScheduleSetsOut'), disputedFiguresTable(figures)],
    notes: appealNotes(),
  })
}

export const appealSscs2AnswersSpec = {
  get title() {
    return tr('appealPack.answersForFormSscs')
  },
  get summary() {
    return tr('appealPack.yourAnswersInThe')
  },
  get required() {
    return [...appealGroundsSpec.required, particular('role', tr('appealPack.whetherYouAreThe'))]
  },
}

const answer = (label: string, value: string): string => `${label}: ${value}`

export function appealSscs2Answers(input: AppealPackInput): Letter {
  const { need, base } = start(appealSscs2AnswersSpec.title, input)
  const decision = readDecision(need, input.decision)
  const mrn = noticeDate(need, input)
  const grounds = need.list(input.grounds, particular('grounds', tr('appealPack.atLeastOneReason')))
  const role = need.value(input.role, particular('role', tr('appealPack.whetherYouAreThe2')))
  need.check()

  const s = base.sender
  const rep = input.representative
  const other = input.otherParent
  const hearing = input.hearing
  const blocks: LetterBlock[] = [
    heading(tr('appealPack.theMandatoryReconsiderationNotice')),
    answer(tr('appealPack.dateOfTheNotice'), formatDate(mrn)),
    answer(tr('appealPack.aCopyIsEnclosed'), tr('appealPack.yes')),
    heading(tr('appealPack.aboutYou')),
    answer(tr('appealPack.name'), s.name),
    answer(tr('appealPack.address'), s.addressLines.join(', ')),
    ...(input.dateOfBirth ? [answer(tr('appealPack.dateOfBirth'), formatDate(input.dateOfBirth))] : []),
    ...(input.nationalInsuranceNumber?.trim()
      ? [answer(tr('appealPack.nationalInsuranceNumber'), input.nationalInsuranceNumber.trim().toUpperCase())]
      : []),
    ...(s.phone ? [answer(tr('appealPack.phone'), s.phone)] : []),
    ...(s.email ? [answer(tr('appealPack.email'), s.email)] : []),
    answer(tr('appealPack.inThisCaseI'), role ? ROLE[role] : ''),
    ...(input.keepAddressPrivate ? [tr('appealPack.iDoNotWant')] : []),
    heading(tr('appealPack.yourRepresentative')),
    rep
      ? answer(
          tr('appealPack.representative'),
          [rep.name, rep.organisation, rep.contact].filter(Boolean).join(', '),
        )
      : tr('appealPack.iDoNotHave'),
    heading(tr('appealPack.theOtherParent')),
    answer(tr('appealPack.name'), other?.name?.trim() || tr('appealPack.notKnown')),
    answer(
      tr('appealPack.address'),
      other?.addressLines && other.addressLines.length > 0
        ? other.addressLines.join(', ')
        : tr('appealPack.notKnown'),
    ),
    heading(tr('appealPack.theDecisionYouAre')),
    answer(tr('appealPack.dateOfTheDecision'), formatDate(decision.date)),
    ...(decision.kindName
      ? [
          answer(
            tr('appealPack.kindOfDecision'),
            tr('appealPack.decision', { kindName: upperFirst(decision.kindName) }),
          ),
        ]
      : []),
    ...(decision.subject ? [answer(tr('appealPack.whatItWasAbout'), decision.subject)] : []),
    answer(tr('common.cmsReference'), base.reference),
    heading(tr('appealPack.yourReasonsForAppealing')),
    tr('appealPack.myReasonsAreSet'),
    ...grounds.map(own),
    heading(tr('appealPack.ifYourAppealIs')),
    input.lateReason?.trim() ? own(input.lateReason) : tr('appealPack.myAppealIsIn'),
    heading(tr('appealPack.theHearing')),
    hearing?.attend === false ? tr('appealPack.iDoNotWant2') : tr('appealPack.iWantToAttend'),
    ...(hearing?.needs?.trim() ? [answer(tr('appealPack.whatINeedTo'), hearing.needs.trim())] : []),
    ...(hearing?.datesToAvoid?.trim()
      ? [answer(tr('appealPack.datesICannotAttend'), hearing.datesToAvoid.trim())]
      : []),
    ...(hearing?.interpreterLanguage?.trim()
      ? [answer(tr('appealPack.interpreterNeeded'), hearing.interpreterLanguage.trim())]
      : []),
    heading(tr('appealPack.signature')),
    tr('appealPack.signAndDateThe'),
  ]
  return compose(base, input, {
    kind: 'appeal-sscs2-answers',
    layout: 'statement',
    title: tr('appealPack.answersForFormSscs'),
    subject: tr('appealPack.myAnswersInThe'),
    details: [
      { label: tr('appealPack.appellant'), value: s.name },
      { label: tr('common.cmsReference'), value: base.reference },
    ],
    paragraphs: blocks,
    notes: [tr('appealPack.thisSheetIsNot'), ...appealNotes()],
  })
}

/** The five documents of the appeal pack, in the order they are sent. */
export function appealPack(input: AppealPackInput): Letter[] {
  const out = [appealCoveringLetter(input), appealGrounds(input)]
  if ((input.chronology ?? []).length > 0) out.push(appealChronology(input))
  if ((input.disputedFigures ?? []).length > 0) out.push(appealDisputedFigures(input))
  out.push(appealSscs2Answers(input))
  return out
}
