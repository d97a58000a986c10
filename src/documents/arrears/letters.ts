import { DEFAULT_LOCALE, text, type Locale } from '../../copy/translate.ts'
import type { Message } from '../../domain/shared/message.ts'
import { currentLocale, inLocale, tr } from '../letters/copy.ts'
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

const TITLE = (): string => tr('arrears.arrearsDispute')

/** The arrears check's findings, in the language the letter is written in. */
const words = (m: Message): string => text(m, {}, currentLocale())

/** The discrepancy schedule, enclosed with both letters: each difference, then the ledger month by month. */
export function discrepancyAppendix(input: ArrearsLetterInput): Appendix {
  const r = input.reconciliation
  const blocks: LetterBlock[] = [tr('arrears.thisScheduleComparesWhat', { asOf: formatDate(r.asOf) })]
  if (input.schedule.length > 0)
    blocks.push(
      heading(tr('arrears.theDifferences')),
      table(
        [
          { header: tr('arrears.date'), weight: 1.3 },
          { header: tr('arrears.difference'), weight: 4 },
          { header: tr('arrears.amount'), align: 'right', weight: 1.1 },
          { header: tr('arrears.evidence'), weight: 2 },
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
    heading(tr('arrears.monthByMonth')),
    table(
      [
        { header: tr('arrears.month'), weight: 1.5 },
        { header: tr('arrears.due'), align: 'right' },
        { header: tr('arrears.paid'), align: 'right' },
        { header: tr('arrears.cmsRecorded'), align: 'right' },
        { header: tr('arrears.balanceMyRecords'), align: 'right' },
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
            tr('arrears.total'),
            formatPounds(r.scheduledDue),
            formatPounds(r.paid),
            r.cmsRecorded === null ? '–' : formatPounds(r.cmsRecorded),
            formatPounds(r.arrearsOnEvidence),
          ],
        ],
      },
    ),
  )
  return { title: tr('arrears.discrepancySchedule'), paragraphs: blocks }
}

/** The arrears dispute: the CMS's figure against the parent's evidence, each difference with its cause. */
function arrearsDisputeLetterIn(input: ArrearsLetterInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('arrears.theChildMaintenanceService'))
  need.check()
  const r = input.reconciliation
  const paragraphs: LetterBlock[] = []
  if (r.cmsArrears !== null)
    paragraphs.push(
      tr('arrears.youHaveToldMe', {
        value:
          r.cmsArrears >= 0
            ? tr('arrears.iOweInArrears', { cmsArrears: formatPounds(r.cmsArrears) })
            : tr('arrears.iAmInCredit', { value: formatPounds(pence(-r.cmsArrears)) }),
        asOf: formatDate(r.asOf),
      }),
    )
  paragraphs.push(
    r.arrearsOnEvidence >= 0
      ? tr('arrears.myOwnRecordsFrom', { arrearsOnEvidence: formatPounds(r.arrearsOnEvidence) })
      : tr('arrears.myOwnRecordsFrom2', { value: formatPounds(pence(-r.arrearsOnEvidence)) }),
  )
  if (r.difference !== null && r.difference !== 0) {
    paragraphs.push(tr('arrears.theDifferenceIsIt', { difference: formatPounds(r.difference) }))
    for (const p of r.parts.filter((x) => x.amount !== 0))
      paragraphs.push(`${formatPounds(p.amount)}: ${words(p.text)}`)
  }
  const unrecorded = r.unrecordedPayments ?? []
  if (unrecorded.length > 0)
    paragraphs.push(
      heading(tr('arrears.paymentsYouHaveNot')),
      tr('arrears.iMadeThesePayments'),
      table(
        [
          { header: tr('arrears.date'), weight: 1.6 },
          { header: tr('arrears.amount'), align: 'right', weight: 1.2 },
        ],
        unrecorded.map((p) => [formatDate(p.date), formatPounds(p.amount)]),
      ),
    )
  if (r.dueFindings.length > 0) {
    paragraphs.push(heading(tr('arrears.whatWasDue')))
    for (const f of r.dueFindings) paragraphs.push(words(f.text))
  }
  paragraphs.push(
    heading(tr('arrears.whatIAmAsking')),
    tr('arrears.pleaseCorrectYourRecords'),
    tr('arrears.ifYouDoNot'),
    tr('arrears.pleaseTreatThisLetter'),
  )
  return compose(base, input, {
    kind: 'complaint',
    title: TITLE(),
    subject: tr('arrears.theArrearsFigureOn', {
      value:
        r.cmsArrears !== null
          ? tr('arrears.on', { cmsArrears: formatPounds(r.cmsArrears), asOf: formatDate(r.asOf) })
          : '',
    }),
    paragraphs,
    appendices: [discrepancyAppendix(input)],
    enclosures: [tr('arrears.bankStatementsShowingThe')],
    notes: [tr('arrears.anArrearsFigureCannot'), tr('arrears.ifTheArrearsCome')],
  })
}

/** The statement-of-account request, with the payments in dispute and the discrepancy schedule enclosed. */
function arrearsStatementRequestIn(input: ArrearsLetterInput): Letter {
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
      note: tr('arrears.paidFromMyBank'),
    })),
  })
  const appendix = discrepancyAppendix(input)
  return {
    ...letter,
    appendices: [...letter.appendices, appendix],
    enclosures: [...new Set([appendix.title, ...letter.enclosures])],
  }
}

/** Builds the letter in the given language (see ../letters/copy.ts). */
export const arrearsDisputeLetter = (input: ArrearsLetterInput, locale: Locale = DEFAULT_LOCALE): Letter =>
  inLocale(locale, () => arrearsDisputeLetterIn(input))

/** Builds the letter in the given language (see ../letters/copy.ts). */
export const arrearsStatementRequest = (input: ArrearsLetterInput, locale: Locale = DEFAULT_LOCALE): Letter =>
  inLocale(locale, () => arrearsStatementRequestIn(input))
