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

const ROLE: Record<ParentRole, string> = {
  'paying-parent': 'the paying parent',
  'receiving-parent': 'the receiving parent',
}

interface Read {
  readonly need: Needs
  readonly base: ReturnType<typeof readBase>
}

function start(title: string, input: AppealPackInput): Read {
  const need = new Needs(title)
  return { need, base: readBase(need, input, 'HM Courts & Tribunals Service (the address on form SSCS2)') }
}

const noticeDate = (need: Needs, input: AppealPackInput): PlainDate =>
  need.date(
    input.reconsiderationNoticeDate,
    particular('reconsiderationNoticeDate', 'the date of the mandatory reconsideration notice'),
  )

const statementDetails = (base: Read['base'], decision: ReadDecision, mrn: PlainDate) => [
  { label: 'Appellant', value: base.sender.name },
  { label: 'CMS reference', value: base.reference },
  { label: 'Decision appealed', value: decisionTitle(decision) },
  { label: 'Mandatory reconsideration notice', value: formatDate(mrn) },
]

const APPEAL_NOTES = [
  'Send the appeal so that it arrives within the time limit, which runs from the date of the mandatory reconsideration notice.',
  'Send a copy of the mandatory reconsideration notice with the form; without it the appeal can be sent back.',
  noteSharedWithOtherParent('on the form'),
]

export const appealCoveringLetterSpec = {
  title: 'Appeal covering letter',
  summary: 'Covering letter sending form SSCS2 and the appeal papers to the tribunal.',
  required: [
    particular('decision.date', 'the date of the decision'),
    particular('decision.subject', 'what the decision was about'),
    particular('reconsiderationNoticeDate', 'the date of the mandatory reconsideration notice'),
  ],
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
    title: 'Appeal to the First-tier Tribunal (Social Security and Child Support)',
    subject: `Appeal against the ${describeDecision(decision).replace(/^the /, '')}`,
    paragraphs: [
      `I enclose my appeal on form SSCS2 against ${describeDecision(decision)}, as looked at again in the ` +
        `mandatory reconsideration notice dated ${formatDate(mrn)}.`,
      'I also enclose a copy of the mandatory reconsideration notice and the papers listed below, which set out ' +
        'my grounds of appeal and the facts and figures I rely on.',
      ...(input.lateReason?.trim()
        ? [
            'My appeal is late. I ask the tribunal to accept it late, for the reason I give here:',
            own(input.lateReason),
          ]
        : []),
      'Please confirm that you have received my appeal and tell me the tribunal’s reference number.',
    ],
    enclosures: [
      'Form SSCS2, completed and signed',
      `A copy of the mandatory reconsideration notice dated ${formatDate(mrn)}`,
      'Grounds of appeal',
      ...(hasChronology ? ['Chronology'] : []),
      ...(hasFigures ? ['Schedule of disputed figures'] : []),
    ],
    notes: [
      ...APPEAL_NOTES,
      'Get form SSCS2 from GOV.UK and post everything to the address printed on the form.',
    ],
  })
}

export const appealGroundsSpec = {
  title: 'Grounds of appeal',
  summary: 'Why the decision is wrong, as numbered grounds for the tribunal.',
  required: [...appealCoveringLetterSpec.required, particular('grounds', 'why the decision is wrong')],
}

export function appealGrounds(input: AppealPackInput): Letter {
  const { need, base } = start(appealGroundsSpec.title, input)
  const decision = readDecision(need, input.decision)
  const mrn = noticeDate(need, input)
  const grounds = need.list(
    input.grounds,
    particular('grounds', 'at least one reason why the decision is wrong'),
  )
  need.check()
  return compose(base, input, {
    kind: 'appeal-grounds',
    layout: 'statement',
    title: 'Grounds of appeal',
    subject: `Appeal against the ${describeDecision(decision).replace(/^the /, '')}`,
    details: statementDetails(base, decision, mrn),
    paragraphs: [
      `I appeal against ${describeDecision(decision)}. The mandatory reconsideration notice dated ${formatDate(mrn)} did not change it as I asked.`,
      heading('Why the decision is wrong'),
      ...grounds.map(own),
      ...(input.outcomeSought?.trim()
        ? [heading('What I ask the tribunal to do'), own(input.outcomeSought)]
        : []),
    ],
    signatureLine: true,
    notes: APPEAL_NOTES,
  })
}

export const appealChronologySpec = {
  title: 'Chronology',
  summary: 'The events of the case in date order, each with the document that shows it.',
  required: [particular('chronology', 'the events, with dates')],
}

export function chronologyTable(entries: readonly ChronologyEntry[]): LetterTable {
  return table(
    [
      { header: 'Date', weight: 1.6 },
      { header: 'What happened', weight: 5 },
      { header: 'Document', weight: 2.4 },
    ],
    [...entries]
      .sort((a, b) => compareDates(a.date, b.date))
      .map((e) => [formatDate(e.date), e.event, e.source ?? '']),
  )
}

export function appealChronology(input: AppealPackInput): Letter {
  const { need, base } = start(appealChronologySpec.title, input)
  const entries = need.list(
    input.chronology,
    particular('chronology', 'the events of the case, each with a date'),
  )
  need.check()
  return compose(base, input, {
    kind: 'appeal-chronology',
    layout: 'statement',
    title: 'Chronology',
    subject: 'The events of the case in date order',
    details: [
      { label: 'Appellant', value: base.sender.name },
      { label: 'CMS reference', value: base.reference },
    ],
    paragraphs: [
      'These are the events of the case in date order, each with the document that shows it.',
      chronologyTable(entries),
    ],
    notes: APPEAL_NOTES,
  })
}

export const appealDisputedFiguresSpec = {
  title: 'Schedule of disputed figures',
  summary: 'Each figure you dispute: the CMS’s figure, yours, and why.',
  required: [particular('disputedFigures', 'each disputed figure')],
}

export function disputedFiguresTable(figures: readonly DisputedFigure[]): LetterTable {
  return table(
    [
      { header: 'Item', weight: 2.2 },
      { header: 'CMS figure', align: 'right', weight: 1.4 },
      { header: 'My figure', align: 'right', weight: 1.4 },
      { header: 'Why mine is right', weight: 4 },
    ],
    figures.map((f) => [
      f.item,
      formatFigure(f.cms),
      formatFigure(f.mine),
      f.evidence ? `${sentence(f.why)} Evidence: ${sentence(f.evidence)}` : sentence(f.why),
    ]),
  )
}

export function appealDisputedFigures(input: AppealPackInput): Letter {
  const { need, base } = start(appealDisputedFiguresSpec.title, input)
  const figures = need.list(
    input.disputedFigures,
    particular('disputedFigures', 'each figure you disagree with, the CMS figure and yours'),
  )
  need.check()
  return compose(base, input, {
    kind: 'appeal-disputed-figures',
    layout: 'statement',
    title: 'Schedule of disputed figures',
    subject: 'The figures in the decision that I dispute',
    details: [
      { label: 'Appellant', value: base.sender.name },
      { label: 'CMS reference', value: base.reference },
    ],
    paragraphs: [
      'This schedule sets out each figure in the decision that I dispute, the figure I say is right, and why.',
      disputedFiguresTable(figures),
    ],
    notes: APPEAL_NOTES,
  })
}

export const appealSscs2AnswersSpec = {
  title: 'Answers for form SSCS2',
  summary: 'Your answers, in the order of the parts of form SSCS2, ready to copy onto the official form.',
  required: [
    ...appealGroundsSpec.required,
    particular('role', 'whether you are the paying or receiving parent'),
  ],
}

const answer = (label: string, value: string): string => `${label}: ${value}`

export function appealSscs2Answers(input: AppealPackInput): Letter {
  const { need, base } = start(appealSscs2AnswersSpec.title, input)
  const decision = readDecision(need, input.decision)
  const mrn = noticeDate(need, input)
  const grounds = need.list(
    input.grounds,
    particular('grounds', 'at least one reason why the decision is wrong'),
  )
  const role = need.value(
    input.role,
    particular('role', 'whether you are the paying parent or the receiving parent'),
  )
  need.check()

  const s = base.sender
  const rep = input.representative
  const other = input.otherParent
  const hearing = input.hearing
  const blocks: LetterBlock[] = [
    heading('The mandatory reconsideration notice'),
    answer('Date of the notice', formatDate(mrn)),
    answer('A copy is enclosed', 'Yes'),
    heading('About you'),
    answer('Name', s.name),
    answer('Address', s.addressLines.join(', ')),
    ...(input.dateOfBirth ? [answer('Date of birth', formatDate(input.dateOfBirth))] : []),
    ...(input.nationalInsuranceNumber?.trim()
      ? [answer('National Insurance number', input.nationalInsuranceNumber.trim().toUpperCase())]
      : []),
    ...(s.phone ? [answer('Phone', s.phone)] : []),
    ...(s.email ? [answer('Email', s.email)] : []),
    answer('In this case I am', role ? ROLE[role] : ''),
    ...(input.keepAddressPrivate
      ? [
          'I do not want the other parent to see my address or phone number. Please keep them from the other parent.',
        ]
      : []),
    heading('Your representative'),
    rep
      ? answer('Representative', [rep.name, rep.organisation, rep.contact].filter(Boolean).join(', '))
      : 'I do not have a representative.',
    heading('The other parent'),
    answer('Name', other?.name?.trim() || 'Not known'),
    answer(
      'Address',
      other?.addressLines && other.addressLines.length > 0 ? other.addressLines.join(', ') : 'Not known',
    ),
    heading('The decision you are appealing'),
    answer('Date of the decision', formatDate(decision.date)),
    ...(decision.kindName ? [answer('Kind of decision', `${upperFirst(decision.kindName)} decision`)] : []),
    ...(decision.subject ? [answer('What it was about', decision.subject)] : []),
    answer('CMS reference', base.reference),
    heading('Your reasons for appealing'),
    'My reasons are set out in my grounds of appeal, which are enclosed. In short:',
    ...grounds.map(own),
    heading('If your appeal is late'),
    input.lateReason?.trim() ? own(input.lateReason) : 'My appeal is in time.',
    heading('The hearing'),
    hearing?.attend === false
      ? 'I do not want to attend a hearing. Please decide my appeal on the papers.'
      : 'I want to attend a hearing.',
    ...(hearing?.needs?.trim() ? [answer('What I need to take part', hearing.needs.trim())] : []),
    ...(hearing?.datesToAvoid?.trim() ? [answer('Dates I cannot attend', hearing.datesToAvoid.trim())] : []),
    ...(hearing?.interpreterLanguage?.trim()
      ? [answer('Interpreter needed', hearing.interpreterLanguage.trim())]
      : []),
    heading('Signature'),
    'Sign and date the official form yourself (or your representative signs it).',
  ]
  return compose(base, input, {
    kind: 'appeal-sscs2-answers',
    layout: 'statement',
    title: 'Answers for form SSCS2',
    subject: 'My answers, in the order of the parts of form SSCS2',
    details: [
      { label: 'Appellant', value: s.name },
      { label: 'CMS reference', value: base.reference },
    ],
    paragraphs: blocks,
    notes: [
      'This sheet is not the official form. Get form SSCS2 from GOV.UK and copy each answer into the matching part of it; the parts of the current form may be numbered or worded differently.',
      ...APPEAL_NOTES,
    ],
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
