import type { Reconciliation } from '../domain/arrears/index.ts'
import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'
import type { Message } from '../domain/shared/message.ts'
import type { Actor } from '../domain/case/index.ts'
import { toDecimal } from '../domain/shared/pence.ts'
import {
  compareDates,
  formatDate,
  formatYearMonth,
  parseDate,
  type PlainDate,
} from '../domain/shared/plain-date.ts'
import {
  arrearsDisputeLetter,
  discrepancyAppendix,
  arrearsStatementRequest,
  type ArrearsLetterInput,
} from '../documents/arrears/letters.ts'
import type { Letter } from '../documents/letters/model.ts'
import type { ArrearsLedgerSection } from '../documents/bundle/types.ts'
import type { Step, Traced } from '../domain/shared/traced.ts'
import type { CheckContents } from '../store/arrears.repository.ts'
import type { CaseServices } from './case-services.ts'
import { recipientIdFor, recipients } from './recipients.ts'

export interface ArrearsLetterRequest {
  readonly contents: CheckContents
  readonly reconciliation: Reconciliation
  readonly letter: 'dispute' | 'statement-of-account'
  readonly format: 'pdf' | 'docx'
  readonly today: PlainDate
  readonly caseFile?: CaseServices
  readonly who: Actor
  /** What the parent typed on the page, used before the case's own details. */
  readonly details?: { readonly name?: string; readonly address?: string; readonly reference?: string }
}

/** The sender's details the case holds, to fill the letters form. */
export async function senderDetails(
  req: Pick<ArrearsLetterRequest, 'contents' | 'caseFile' | 'who'>,
): Promise<{ name: string; address: string; reference: string }> {
  const caseId = req.contents.check.caseId
  if (!caseId || !req.caseFile) return { name: '', address: '', reference: '' }
  const c = await req.caseFile.cases.getCase(req.who, caseId)
  return { name: c.yourName ?? '', address: c.yourAddress ?? '', reference: c.cmsReference ?? '' }
}

const monthName = formatYearMonth

/** The arrears check's words (findings, headline, workings) in the reader's language. */
const words = (m: Message, locale: Locale = DEFAULT_LOCALE): string => text(m, {}, locale)

/** The discrepancy schedule lines in words (shared by the letters and tests). */
export function scheduleLines(contents: CheckContents, r: Reconciliation): ArrearsLetterInput['schedule'] {
  const tx = new Map(contents.transactions.map((t) => [t.id, t]))
  const evidence = (ref: string): string => {
    const t = ref.startsWith('p:') ? tx.get(ref.slice(2)) : undefined
    return t
      ? words({ key: 'arrearsDomain.letters.bankStatement', params: { date: formatDate(parseDate(t.date)) } })
      : words({ key: 'arrearsDomain.letters.cmsStatement' })
  }
  return [
    ...r.parts.map((p) => ({
      date: formatDate(r.asOf),
      what: words(p.text),
      amount: toDecimal(p.amount),
      evidence: p.evidence.map(evidence).join('; ') || words({ key: 'arrearsDomain.letters.cmsFigures' }),
    })),
    ...r.dueFindings.map((f) => ({
      date: formatDate(f.date ?? r.asOf),
      what: words(f.text),
      amount: toDecimal(f.amount),
      evidence: words({ key: 'arrearsDomain.letters.scheduleAndDecisions' }),
    })),
  ]
}

/** Builds the letter from the ledger (sender and reference from the case where there is one) and renders it. */
export async function buildArrearsLetter(req: ArrearsLetterRequest): Promise<Letter> {
  let nation: 'england' | 'wales' | 'scotland' | 'northern-ireland' = 'england'
  const caseId = req.contents.check.caseId
  if (caseId && req.caseFile) nation = (await req.caseFile.cases.getCase(req.who, caseId)).nation
  const known = await senderDetails(req)
  const d = req.details ?? {}
  const name = (d.name ?? '').trim() || known.name
  const address = (d.address ?? '').trim() || known.address
  const reference = ((d.reference ?? '').trim() || known.reference).replace(/\s+/g, '')
  const sender = {
    name,
    addressLines: address
      .split(/\r?\n|,\s*/)
      .map((l) => l.trim())
      .filter(Boolean),
  }
  const kind = req.letter === 'dispute' ? 'complaint' : 'statement-of-account'
  const fact = recipients()[recipientIdFor(kind, nation)]
  const input: ArrearsLetterInput = {
    sender,
    recipient: {
      organisation: fact.organisation,
      ...(fact.attention ? { attention: fact.attention } : {}),
      addressLines: fact.addressLines.length ? [...fact.addressLines] : [fact.useInstead ?? '[Address]'],
    },
    date: req.today,
    reference,
    reconciliation: req.reconciliation,
    schedule: scheduleLines(req.contents, req.reconciliation),
    monthName,
  }
  return req.letter === 'dispute' ? arrearsDisputeLetter(input) : arrearsStatementRequest(input)
}

export async function arrearsLetterFile(
  req: ArrearsLetterRequest,
): Promise<{ bytes: Uint8Array; mediaType: string; fileName: string }> {
  const letter = await buildArrearsLetter(req)
  const name = req.letter === 'dispute' ? 'arrears-dispute' : 'statement-of-account-request'
  if (req.format === 'pdf') {
    const { renderLetterPdf } = await import('../documents/letters/render-pdf.ts')
    return { bytes: await renderLetterPdf(letter), mediaType: 'application/pdf', fileName: `${name}.pdf` }
  }
  const { renderLetterDocx } = await import('../documents/letters/render-docx.ts')
  return {
    bytes: await renderLetterDocx(letter),
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    fileName: `${name}.docx`,
  }
}

/**
 * Keeps the ledger in the case file as a PDF (so it can go into a tribunal or complaint bundle,
 * which is built from the case's documents). Returns the evidence id.
 */
export async function saveLedgerToCase(
  req: Omit<ArrearsLetterRequest, 'letter' | 'format' | 'details'> & { steps: readonly string[] },
): Promise<string> {
  const caseId = req.contents.check.caseId
  if (!caseId || !req.caseFile) throw new Error('not in a case')
  const r = req.reconciliation
  const { renderLedgerPdf } = await import('../documents/arrears/ledger-pdf.ts')
  const title = words({ key: 'arrearsDomain.letters.ledgerTitle', params: { date: formatDate(r.asOf) } })
  const pdf = await renderLedgerPdf({
    title,
    headline: words(r.headline),
    schedule: discrepancyAppendix({ reconciliation: r, schedule: scheduleLines(req.contents, r), monthName }),
    workings: req.steps,
  })
  const evidence = await req.caseFile.evidence.add(req.who, caseId, {
    fileName: `arrears-ledger-${r.asOf.toString()}.pdf`,
    content: (async function* () {
      yield pdf
    })(),
    title,
    description: words(r.headline),
    ...(compareToday(r.asOf, req.today) ? { documentDate: r.asOf.toString() } : {}),
    tags: ['arrears', 'ledger'],
  })
  return evidence.id
}

const compareToday = (d: PlainDate, today: PlainDate): boolean => compareDates(d, today) <= 0

/** A working step in words, with the source of its rule where it has one. */
export function stepWithSource(s: Step<Message>): string {
  const c = s.cite
  if (!c) return words(s.text)
  return words({
    key:
      c.confidence === 'verified'
        ? 'arrearsDomain.letters.withSource'
        : 'arrearsDomain.letters.withSourceConfidence',
    params: { text: s.text, instrument: c.instrument, provision: c.provision, confidence: c.confidence },
  })
}

/**
 * A check's ledger as a document of the bundle's arrears section: the headline, the discrepancy
 * schedule and the month-by-month ledger, the workings with their sources and the assumptions.
 */
export function ledgerSection(
  contents: CheckContents,
  t: Traced<Reconciliation, Message, Message>,
): ArrearsLedgerSection {
  const r = t.value
  return {
    id: contents.check.id,
    title: words({
      key: 'arrearsDomain.letters.ledgerTitleNamed',
      params: { date: formatDate(r.asOf), title: contents.check.title },
    }),
    date: r.asOf,
    headline: words(r.headline),
    blocks: discrepancyAppendix({ reconciliation: r, schedule: scheduleLines(contents, r), monthName })
      .paragraphs,
    workings: t.steps.map(stepWithSource),
    assumptions: t.assumptions.map((a) => words(a)),
  }
}
