import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { formatPounds, type Pence } from '../../../domain/shared/pence.ts'
import { heading, table, type Letter, type LetterBlock } from '../model.ts'
import { Needs, type Maybe } from '../particulars.ts'
import { compose, readBase, type LetterBaseInput } from '../common.ts'

export interface DisputedPayment {
  readonly date: PlainDate
  readonly amount: Pence
  /** e.g. "paid by bank transfer, not shown on your statement". */
  readonly note: string
}

export interface StatementOfAccountInput extends LetterBaseInput {
  readonly from?: Maybe<PlainDate>
  readonly to?: Maybe<PlainDate>
  /** The arrears figure the CMS has given, if any. */
  readonly arrearsStated?: Maybe<Pence>
  readonly disputed?: Maybe<readonly DisputedPayment[]>
}

const TITLE = 'Request for a statement of account'

export const statementOfAccountSpec = {
  title: TITLE,
  summary: 'Ask for a full statement of account and a breakdown of any arrears.',
  required: [],
}

export function statementOfAccount(input: StatementOfAccountInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service')
  need.check()

  const period =
    input.from && input.to
      ? `from ${formatDate(input.from)} to ${formatDate(input.to)}`
      : input.from
        ? `from ${formatDate(input.from)} to today`
        : 'from the start of my case to today'
  const disputed = input.disputed ?? []
  const disputedBlocks: LetterBlock[] =
    disputed.length > 0
      ? [
          heading('Payments I think are missing or wrong'),
          'I do not think these payments have been recorded correctly. Please check them and show them on the statement:',
          table(
            [
              { header: 'Date', weight: 1.6 },
              { header: 'Amount', align: 'right', weight: 1.2 },
              { header: 'Note', weight: 5 },
            ],
            disputed.map((d) => [formatDate(d.date), formatPounds(d.amount), d.note]),
          ),
        ]
      : []
  return compose(base, input, {
    kind: 'statement-of-account',
    title: TITLE,
    subject: 'Request for a statement of account and a breakdown of arrears',
    paragraphs: [
      `Please send me a full statement of account for my case ${period}.`,
      ...(input.arrearsStated !== undefined && input.arrearsStated !== null
        ? [
            `You have told me that the arrears are ${formatPounds(input.arrearsStated)}. I need to see how that figure was worked out.`,
          ]
        : []),
      heading('What I need the statement to show'),
      'Each amount due, with the date it was due and the decision it comes from.',
      'Each payment received, with the date, the amount and how it was paid.',
      'Any adjustments, fees, write-offs or amounts carried over from an earlier case, with the reason for each.',
      'The running balance, and how any arrears figure was reached.',
      ...disputedBlocks,
      'Please send the statement in writing. If you cannot send it within 28 days, please tell me when I will receive it.',
    ],
    notes: [
      'Arrears figures cannot be appealed to a tribunal. If the statement shows a mistake and it is not put right, you can complain.',
    ],
  })
}
