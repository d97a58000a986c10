import { compareDates, formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { add, formatPounds, type Pence } from '../../../domain/shared/pence.ts'
import { heading, table, type Letter, type LetterBlock } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import { compose, dated, readBase, sentence, type DatedEvent, type LetterBaseInput } from '../common.ts'

export const COST_CATEGORIES = {
  calls: 'Phone calls',
  postage: 'Postage',
  'bank-charges': 'Bank charges',
  travel: 'Travel',
  other: 'Other costs',
} as const

export type CostCategory = keyof typeof COST_CATEGORIES

export interface CostItem {
  readonly date: PlainDate
  readonly category: CostCategory
  readonly description: string
  readonly amount: Pence
}

export interface LostMaintenance {
  readonly from: PlainDate
  readonly to: PlainDate
  /** The maintenance lost, if it can be worked out. */
  readonly amount?: Pence
  readonly description: string
}

export interface CompensationClaimInput extends LetterBaseInput {
  /** The complaint this claim goes with, if any. */
  readonly complaintDate?: Maybe<PlainDate>
  readonly costs?: Maybe<readonly CostItem[]>
  /** Distress and inconvenience, with dates. */
  readonly distress?: Maybe<readonly DatedEvent[]>
  readonly lostMaintenance?: Maybe<readonly LostMaintenance[]>
}

const TITLE = 'Claim for compensation'

export const compensationClaimSpec = {
  title: TITLE,
  summary:
    'Claim your costs (calls, postage, bank charges, travel), with totals, and describe the distress or lost maintenance.',
  required: [particular('costs', 'your costs, or the distress or lost maintenance, with dates')],
}

/** The itemised costs with a subtotal per category and a total, all in exact pence. */
export function costsTable(costs: readonly CostItem[]): { block: LetterBlock; total: Pence } {
  const sorted = [...costs].sort((a, b) => compareDates(a.date, b.date))
  const order = Object.keys(COST_CATEGORIES) as CostCategory[]
  const subtotals = order
    .map((c) => ({ c, items: sorted.filter((i) => i.category === c) }))
    .filter((g) => g.items.length > 0)
    .map((g) => ({ c: g.c, total: add(...g.items.map((i) => i.amount)) }))
  const total = add(...subtotals.map((s) => s.total))
  return {
    total,
    block: table(
      [
        { header: 'Date', weight: 1.9 },
        { header: 'Cost', weight: 1.6 },
        { header: 'What it was for', weight: 4 },
        { header: 'Amount', align: 'right', weight: 1.3 },
      ],
      sorted.map((i) => [
        formatDate(i.date),
        COST_CATEGORIES[i.category],
        i.description,
        formatPounds(i.amount),
      ]),
      {
        caption: 'Costs',
        totals: [
          ...subtotals.map((s) => [
            '',
            '',
            `Subtotal: ${COST_CATEGORIES[s.c].toLowerCase()}`,
            formatPounds(s.total),
          ]),
          ['', '', 'Total', formatPounds(total)],
        ],
      },
    ),
  }
}

export function compensationClaim(input: CompensationClaimInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service')
  const costs = input.costs ?? []
  const distress = [...(input.distress ?? [])].sort((a, b) => compareDates(a.date, b.date))
  const lost = input.lostMaintenance ?? []
  if (costs.length + distress.length + lost.length === 0)
    need.add(
      particular(
        'costs',
        'the costs you want back (each with a date and amount), or the distress or lost maintenance, with dates',
      ),
    )
  need.check()

  const paras: LetterBlock[] = [
    'I ask the Child Maintenance Service for a special payment to make up for the costs and harm caused by the ' +
      'way my case has been handled' +
      (input.complaintDate ? `, as set out in my complaint of ${formatDate(input.complaintDate)}` : '') +
      '.',
  ]
  if (costs.length > 0) {
    const { block, total } = costsTable(costs)
    paras.push(
      heading('Costs I have paid'),
      `I have paid ${formatPounds(total)} in costs that I would not have had if my case had been handled properly. ` +
        'They are itemised below.',
      block,
      'I can send receipts, phone bills or bank statements for these costs.',
    )
  }
  if (lost.length > 0) {
    paras.push(heading('Maintenance lost'))
    for (const l of lost)
      paras.push(
        `From ${formatDate(l.from)} to ${formatDate(l.to)}: ${sentence(l.description)}` +
          (l.amount !== undefined ? ` I estimate the maintenance lost at ${formatPounds(l.amount)}.` : ''),
      )
  }
  if (distress.length > 0) {
    paras.push(heading('Distress and inconvenience'), ...distress.map(dated))
  }
  paras.push('Please tell me in writing what you decide and how you worked it out.')
  return compose(base, input, {
    kind: 'compensation-claim',
    title: TITLE,
    subject: 'Request for a special payment (compensation)',
    paragraphs: paras,
    notes: [
      'Compensation for poor service is paid at the CMS’s discretion; there is no legal right to it. Costs with receipts are the easiest part to claim.',
      'If distress has affected your health, a letter from your GP helps.',
    ],
  })
}
