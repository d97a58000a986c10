import type { Reconciliation } from '../../domain/arrears/index.ts'
import { formatPounds, pence } from '../../domain/shared/pence.ts'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { compose, readBase, type LetterBaseInput } from '../letters/common.ts'
import { heading, table, type Appendix, type Letter, type LetterBlock } from '../letters/model.ts'
import { Needs } from '../letters/particulars.ts'
import { statementOfAccount } from '../letters/templates/statement-of-account.ts'

/** One line of the discrepancy schedule (already in words and pounds). */
export interface ScheduleLine {
  readonly date: string
  readonly what: string
  readonly amount: string
  readonly evidence: string
}

export interface ArrearsLetterInput extends LetterBaseInput {
  readonly reconciliation: Reconciliation
  readonly schedule: readonly ScheduleLine[]
  readonly monthName: (ym: string) => string
}

const TITLE = 'Arrears dispute'

/** The discrepancy schedule, enclosed with both letters: each difference, then the ledger month by month. */
export function discrepancyAppendix(input: ArrearsLetterInput): Appendix {
  const r = input.reconciliation
  const blocks: LetterBlock[] = [
    `This schedule compares what the payment schedule asked for, what I paid (from my bank statements) and what the Child Maintenance Service recorded, up to ${formatDate(r.asOf)}.`,
  ]
  if (input.schedule.length > 0)
    blocks.push(
      heading('The differences'),
      table(
        [
          { header: 'Date', weight: 1.3 },
          { header: 'Difference', weight: 4 },
          { header: 'Amount', align: 'right', weight: 1.1 },
          { header: 'Evidence', weight: 2 },
        ],
        input.schedule.map((s) => [
          s.date,
          s.what,
          s.amount.startsWith('-') ? `-£${s.amount.slice(1)}` : `£${s.amount}`,
          s.evidence,
        ]),
      ),
    )
  blocks.push(
    heading('Month by month'),
    table(
      [
        { header: 'Month', weight: 1.5 },
        { header: 'Due', align: 'right' },
        { header: 'Paid', align: 'right' },
        { header: 'CMS recorded', align: 'right' },
        { header: 'Balance (my records)', align: 'right' },
      ],
      r.months.map((m) => [
        input.monthName(m.month),
        formatPounds(m.scheduledDue),
        formatPounds(m.paid),
        m.cmsRecorded === null ? '–' : formatPounds(m.cmsRecorded),
        formatPounds(m.balanceOnEvidence),
      ]),
      {
        totals: [
          [
            'Total',
            formatPounds(r.scheduledDue),
            formatPounds(r.paid),
            r.cmsRecorded === null ? '–' : formatPounds(r.cmsRecorded),
            formatPounds(r.arrearsOnEvidence),
          ],
        ],
      },
    ),
  )
  return { title: 'Discrepancy schedule', paragraphs: blocks }
}

/** The arrears dispute: the CMS's figure against the parent's evidence, each difference with its cause. */
export function arrearsDisputeLetter(input: ArrearsLetterInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service complaints team')
  need.check()
  const r = input.reconciliation
  const paragraphs: LetterBlock[] = []
  if (r.cmsArrears !== null)
    paragraphs.push(
      `You have told me that ${r.cmsArrears >= 0 ? `I owe ${formatPounds(r.cmsArrears)} in arrears` : `I am ${formatPounds(pence(-r.cmsArrears))} in credit`} on ${formatDate(r.asOf)}. I do not agree with this figure.`,
    )
  paragraphs.push(
    r.arrearsOnEvidence >= 0
      ? `My own records, from my bank statements and your payment schedule, show ${formatPounds(r.arrearsOnEvidence)} owed on that date.`
      : `My own records, from my bank statements and your payment schedule, show that I had paid ${formatPounds(pence(-r.arrearsOnEvidence))} more than was due on that date.`,
  )
  if (r.difference !== null && r.difference !== 0) {
    paragraphs.push(`The difference is ${formatPounds(r.difference)}. It is made up as follows.`)
    for (const p of r.parts.filter((x) => x.amount !== 0))
      paragraphs.push(`${formatPounds(p.amount)}: ${p.text}`)
  }
  const unrecorded = r.unrecordedPayments ?? []
  if (unrecorded.length > 0)
    paragraphs.push(
      heading('Payments you have not recorded'),
      'I made these payments. They are on my bank statement, a copy of which is enclosed, but not on your records:',
      table(
        [
          { header: 'Date', weight: 1.6 },
          { header: 'Amount', align: 'right', weight: 1.2 },
        ],
        unrecorded.map((p) => [formatDate(p.date), formatPounds(p.amount)]),
      ),
    )
  if (r.dueFindings.length > 0) {
    paragraphs.push(heading('What was due'))
    for (const f of r.dueFindings) paragraphs.push(f.text)
  }
  paragraphs.push(
    heading('What I am asking you to do'),
    'Please correct your records, tell me the corrected arrears figure in writing, and send me a full statement of account showing every amount due and every payment received.',
    'If you do not agree with any line of the enclosed discrepancy schedule, please tell me which one and why.',
    'Please treat this letter as a complaint if my records are not put right.',
  )
  return compose(base, input, {
    kind: 'complaint',
    title: TITLE,
    subject: `The arrears figure on my case${r.cmsArrears !== null ? ` (${formatPounds(r.cmsArrears)} on ${formatDate(r.asOf)})` : ''}`,
    paragraphs,
    appendices: [discrepancyAppendix(input)],
    enclosures: ['Bank statements showing the payments'],
    notes: [
      'An arrears figure cannot be appealed to a tribunal. If the CMS does not put it right, you can complain, then go to the Independent Case Examiner.',
      'If the arrears come from a decision you think is wrong, challenge that decision separately (a mandatory reconsideration).',
    ],
  })
}

/** The statement-of-account request, with the payments in dispute and the discrepancy schedule enclosed. */
export function arrearsStatementRequest(input: ArrearsLetterInput): Letter {
  const r = input.reconciliation
  const first = r.months[0]
  const letter = statementOfAccount({
    ...input,
    ...(first
      ? {
          from: r.asOf.with({
            year: Number(first.month.slice(0, 4)),
            month: Number(first.month.slice(5)),
            day: 1,
          }),
        }
      : {}),
    to: r.asOf,
    ...(r.cmsArrears !== null && r.cmsArrears >= 0 ? { arrearsStated: r.cmsArrears } : {}),
    disputed: (r.unrecordedPayments ?? []).map((p) => ({
      date: p.date,
      amount: p.amount,
      note: 'paid from my bank account; on my bank statement, not on your records',
    })),
  })
  const appendix = discrepancyAppendix(input)
  return {
    ...letter,
    appendices: [...letter.appendices, appendix],
    enclosures: [...new Set([appendix.title, ...letter.enclosures])],
  }
}
