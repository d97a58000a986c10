import { tr, trMap } from '../copy.ts'
import { compareDates, formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { add, formatPounds, type Pence } from '../../../domain/shared/pence.ts'
import { heading, table, type Letter, type LetterBlock } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import { compose, dated, readBase, sentence, type DatedEvent, type LetterBaseInput } from '../common.ts'

export const COST_CATEGORIES = trMap({
  calls: 'compensationClaim.phoneCalls',
  postage: 'compensationClaim.postage',
  'bank-charges': 'compensationClaim.bankCharges',
  travel: 'compensationClaim.travel',
  other: 'compensationClaim.otherCosts',
})

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

const TITLE = (): string => tr('compensationClaim.claimForCompensation')

export const compensationClaimSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('compensationClaim.claimYourCostsCalls')
  },
  get required() {
    return [particular('costs', tr('compensationClaim.yourCostsOrThe'))]
  },
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
        { header: tr('compensationClaim.date'), weight: 1.9 },
        { header: tr('compensationClaim.cost'), weight: 1.6 },
        { header: tr('compensationClaim.whatItWasFor'), weight: 4 },
        { header: tr('compensationClaim.amount'), align: 'right', weight: 1.3 },
      ],
      sorted.map((i) => [
        formatDate(i.date),
        COST_CATEGORIES[i.category],
        i.description,
        formatPounds(i.amount),
      ]),
      {
        caption: tr('compensationClaim.costs'),
        totals: [
          ...subtotals.map((s) => [
            '',
            '',
            tr('compensationClaim.subtotal', { costCategories: COST_CATEGORIES[s.c].toLowerCase() }),
            formatPounds(s.total),
          ]),
          ['', '', tr('compensationClaim.total'), formatPounds(total)],
        ],
      },
    ),
  }
}

export function compensationClaim(input: CompensationClaimInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('compensationClaim.theChildMaintenanceService'))
  const costs = input.costs ?? []
  const distress = [...(input.distress ?? [])].sort((a, b) => compareDates(a.date, b.date))
  const lost = input.lostMaintenance ?? []
  if (costs.length + distress.length + lost.length === 0)
    need.add(particular('costs', tr('compensationClaim.theCostsYouWant')))
  need.check()

  const paras: LetterBlock[] = [
    tr('compensationClaim.iAskTheChild', {
      value: input.complaintDate
        ? tr('compensationClaim.asSetOutIn', { complaintDate: formatDate(input.complaintDate) })
        : '',
    }),
  ]
  if (costs.length > 0) {
    const { block, total } = costsTable(costs)
    paras.push(
      heading(tr('compensationClaim.costsIHavePaid')),
      tr('compensationClaim.iHavePaidIn', { total: formatPounds(total) }),
      block,
      tr('compensationClaim.iCanSendReceipts'),
    )
  }
  if (lost.length > 0) {
    paras.push(heading(tr('compensationClaim.maintenanceLost')))
    for (const l of lost)
      paras.push(
        tr('compensationClaim.fromTo', {
          from: formatDate(l.from),
          to: formatDate(l.to),
          description: sentence(l.description),
          value:
            l.amount !== undefined
              ? tr('compensationClaim.iEstimateTheMaintenance', { amount: formatPounds(l.amount) })
              : '',
        }),
      )
  }
  if (distress.length > 0) {
    paras.push(heading(tr('compensationClaim.distressAndInconvenience')), ...distress.map(dated))
  }
  paras.push(tr('compensationClaim.pleaseTellMeIn'))
  return compose(base, input, {
    kind: 'compensation-claim',
    title: TITLE(),
    subject: tr('compensationClaim.requestForASpecial'),
    paragraphs: paras,
    notes: [
      tr('compensationClaim.compensationForPoorService'),
      tr('compensationClaim.ifDistressHasAffected'),
    ],
  })
}
