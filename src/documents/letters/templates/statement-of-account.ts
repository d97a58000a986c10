import { tr } from '../copy.ts'
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

const TITLE = (): string => tr('statementOfAccount.requestForAStatement')

export const statementOfAccountSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('statementOfAccount.askForAFull')
  },
  required: [],
}

export function statementOfAccount(input: StatementOfAccountInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('statementOfAccount.theChildMaintenanceService'))
  need.check()

  const period =
    input.from && input.to
      ? tr('statementOfAccount.fromTo', { from: formatDate(input.from), to: formatDate(input.to) })
      : input.from
        ? tr('statementOfAccount.fromToToday', { from: formatDate(input.from) })
        : tr('statementOfAccount.fromTheStartOf')
  const disputed = input.disputed ?? []
  const disputedBlocks: LetterBlock[] =
    disputed.length > 0
      ? [
          heading(tr('statementOfAccount.paymentsIThinkAre')),
          tr('statementOfAccount.iDoNotThink'),
          table(
            [
              { header: tr('statementOfAccount.date'), weight: 1.6 },
              { header: tr('statementOfAccount.amount'), align: 'right', weight: 1.2 },
              { header: tr('statementOfAccount.note'), weight: 5 },
            ],
            disputed.map((d) => [formatDate(d.date), formatPounds(d.amount), d.note]),
          ),
        ]
      : []
  return compose(base, input, {
    kind: 'statement-of-account',
    title: TITLE(),
    subject: tr('statementOfAccount.requestForAStatement2'),
    paragraphs: [
      tr('statementOfAccount.pleaseSendMeA', { period }),
      ...(input.arrearsStated !== undefined && input.arrearsStated !== null
        ? [tr('statementOfAccount.youHaveToldMe', { arrearsStated: formatPounds(input.arrearsStated) })]
        : []),
      heading(tr('statementOfAccount.whatINeedThe')),
      tr('statementOfAccount.eachAmountDueWith'),
      tr('statementOfAccount.eachPaymentReceivedWith'),
      tr('statementOfAccount.anyAdjustmentsFeesWrite'),
      tr('statementOfAccount.theRunningBalanceAnd'),
      ...disputedBlocks,
      tr('statementOfAccount.pleaseSendTheStatement'),
    ],
    notes: [tr('statementOfAccount.arrearsFiguresCannotBe')],
  })
}
