import { createHash } from 'node:crypto'
import {
  LIABILITY_DECISION_KINDS,
  liabilityFromDecisions,
  parseCmsText,
  parseScheduleText,
  reconcile,
  type Dated,
  type LiabilityChange,
  type LiabilityDecision,
  type MatchDecision,
  type Payment,
  type Reconciliation,
  type ScheduleEntry,
} from '../domain/arrears/index.ts'
import {
  csvRows,
  decodeStatement,
  importStatement,
  parseStatementDate,
  type ColumnMapping,
  type ImportedStatement,
} from '../domain/arrears/import/index.ts'
import type { Actor } from '../domain/case/index.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { formatPounds, parsePounds, pence, toDecimal, type Pence } from '../domain/shared/pence.ts'
import { formatDate, parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import { message, type Message } from '../domain/shared/message.ts'
import { text } from '../copy/translate.ts'

/** The arrears check service's own words (its messages, and what it writes into the case file). */
const checkText = (key: string, params: Readonly<Record<string, string | number>> = {}): string =>
  text(`arrearsDomain.check.${key}`, params)
import type { RuleBook } from '../domain/shared/rule-book.ts'
import type { Step, Traced } from '../domain/shared/traced.ts'
import { runCalculation } from './calculation.service.ts'
import {
  DrizzleArrearsRepository,
  type CheckContents,
  type CheckRow,
  type CheckSettings,
} from '../store/arrears.repository.ts'
import type { Db } from '../store/db.ts'
import type { CaseServices } from './case-services.ts'

/** What one check holds (the pages take the type from here, never from the store). */
export type { CheckContents } from '../store/arrears.repository.ts'
import type { ArrearsLedgerSection } from '../documents/bundle/types.ts'

export interface ArrearsCheckDeps {
  readonly db: Db
  readonly rules: RuleBook
  readonly caseFile?: CaseServices
  readonly today: () => PlainDate
  /** Builds the PDF that records a statement as evidence (loaded on first use). */
  readonly statementPdf?: (input: StatementExtract) => Promise<Uint8Array>
}

/** What the evidence PDF of an imported statement shows: the lines picked, and the original file's hash. */
export interface StatementExtract {
  readonly fileName: string
  readonly sha256: string
  readonly profile: string
  readonly importedOn: PlainDate
  readonly lines: readonly {
    line: number
    date: string
    description: string
    amount: string
    balance: string
  }[]
}

export type ImportOutcome =
  | {
      readonly kind: 'imported'
      readonly statementId: string
      readonly added: number
      readonly skipped: number
      readonly profile: string
    }
  | {
      readonly kind: 'needs-mapping'
      readonly statementId: string
      readonly columns: readonly string[]
      /** Why the layout needs mapping, translated where it is shown. */
      readonly problem: Message
    }

const MAX_STATEMENT_BYTES = 10 * 1024 * 1024

const parsePoundsSigned = (d: string): Pence =>
  d.startsWith('-') ? pence(-parsePounds(d.slice(1))) : parsePounds(d)

/** Payments are positive amounts: a paying parent's money out, a receiving parent's money in. */
const paymentAmount = (amountPence: number): Pence => pence(Math.abs(amountPence))

/**
 * "Check your arrears": keeps checks (in a case or on their own), imports statements, holds the CMS
 * figures and the parent's decisions on proposed matches, and reconciles through the domain.
 */
export class ArrearsCheckService {
  readonly repo: DrizzleArrearsRepository
  constructor(private readonly deps: ArrearsCheckDeps) {
    this.repo = new DrizzleArrearsRepository(deps.db)
  }

  async create(who: Actor, caseId: string | null, title?: string): Promise<CheckRow> {
    if (caseId) await this.requireCase(who, caseId)
    return this.repo.createCheck(
      who.ownerId,
      caseId,
      (title ?? '').trim() || checkText('defaultTitle', { date: formatDate(this.deps.today()) }),
    )
  }

  list(who: Actor, caseId: string | null): Promise<CheckRow[]> {
    return this.repo.listChecks(who.ownerId, caseId)
  }

  async get(who: Actor, id: string, caseId?: string | null): Promise<CheckRow> {
    const c = await this.repo.getCheck(who.ownerId, id)
    if (!c || (caseId !== undefined && c.caseId !== caseId)) throw new NotFound()
    return c
  }

  async contents(who: Actor, id: string, caseId?: string | null): Promise<CheckContents> {
    return this.repo.contents(await this.get(who, id, caseId))
  }

  /**
   * Deletes a check and everything it holds (statements, transactions, schedule, CMS figures, match
   * decisions). Timeline events and evidence it added to a case stay there: they are the case's.
   */
  async remove(who: Actor, id: string): Promise<CheckRow> {
    const c = await this.get(who, id)
    await this.repo.deleteCheck(id)
    return c
  }

  async settings(who: Actor, id: string, change: CheckSettings): Promise<void> {
    await this.get(who, id)
    await this.repo.updateCheck(id, change)
  }

  /**
   * Keeps a statement file and reads it. Without a profile or mapping a built-in layout is
   * recognised; if none fits, the file is kept and the columns it has are returned for mapping.
   * Re-importing a file adds nothing.
   */
  async importFile(
    who: Actor,
    checkId: string,
    file: { fileName: string; bytes: Uint8Array; profile?: string; mapping?: ColumnMapping },
  ): Promise<ImportOutcome> {
    await this.get(who, checkId)
    if (file.bytes.byteLength === 0) throw new InvalidInput('file', message('arrearsDomain.check.fileEmpty'))
    if (file.bytes.byteLength > MAX_STATEMENT_BYTES)
      throw new InvalidInput('file', message('arrearsDomain.check.fileTooLarge'))
    const sha256 = createHash('sha256').update(file.bytes).digest('hex')
    let imported: ImportedStatement | null = null
    let problem: InvalidInput | null = null
    try {
      imported = importStatement(file.bytes, {
        ...(file.profile ? { profile: file.profile } : {}),
        ...(file.mapping ? { mapping: file.mapping } : {}),
      })
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e
      // Only a layout that was not recognised goes on to mapping; a bad row or a non-statement is refused.
      if (e.field !== 'columns' || file.mapping)
        throw new InvalidInput('file', e.field === 'file' ? e.problem : e.words)
      problem = e
    }
    return this.repo.transaction(async (repo) => {
      const statement = await repo.addStatement(checkId, {
        fileName: file.fileName.slice(0, 200),
        sha256,
        content: file.bytes,
        format: imported?.format ?? null,
        profile: imported?.profile ?? null,
        encoding: imported?.encoding ?? null,
        mapping: file.mapping ?? null,
      })
      if (!imported)
        return {
          kind: 'needs-mapping',
          statementId: statement.id,
          columns: this.columnsOf(file.bytes),
          problem: problem!.problem,
        }
      const added = await repo.addTransactions(checkId, statement.id, toRows(imported))
      await repo.updateCheck(checkId, {})
      return {
        kind: 'imported',
        statementId: statement.id,
        added,
        skipped: imported.transactions.length - added,
        profile: imported.profile,
      }
    })
  }

  /** Reads a kept statement with the parent's column mapping (and saves the mapping as a profile if named). */
  async mapStatement(
    who: Actor,
    checkId: string,
    statementId: string,
    mapping: ColumnMapping,
    saveAs?: string,
  ): Promise<ImportOutcome> {
    await this.get(who, checkId)
    const bytes = await this.repo.statementContent(checkId, statementId)
    if (!bytes) throw new NotFound()
    let imported: ImportedStatement
    try {
      imported = importStatement(bytes, { mapping })
    } catch (e) {
      if (e instanceof InvalidInput) throw new InvalidInput('mapping', e.words)
      throw e
    }
    return this.repo.transaction(async (repo) => {
      await repo.updateStatement(statementId, {
        format: imported.format,
        profile: 'custom',
        encoding: imported.encoding,
        mapping,
      })
      if (saveAs && saveAs.trim()) await repo.saveProfile(who.ownerId, saveAs.trim().slice(0, 60), mapping)
      const added = await repo.addTransactions(checkId, statementId, toRows(imported))
      return {
        kind: 'imported',
        statementId,
        added,
        skipped: imported.transactions.length - added,
        profile: 'custom',
      }
    })
  }

  /** The header row of a kept statement (for the mapping page). */
  async statementColumns(who: Actor, checkId: string, statementId: string): Promise<string[]> {
    await this.get(who, checkId)
    const bytes = await this.repo.statementContent(checkId, statementId)
    if (!bytes) throw new NotFound()
    return this.columnsOf(bytes)
  }

  /**
   * The columns of a kept statement for the mapping page. A file whose top row already holds a date
   * has no header row: its columns are offered as "Column 1", "Column 2", … with an example each.
   */
  async statementLayout(
    who: Actor,
    checkId: string,
    statementId: string,
  ): Promise<{ headerless: boolean; columns: { name: string; example: string }[] }> {
    await this.get(who, checkId)
    const bytes = await this.repo.statementContent(checkId, statementId)
    if (!bytes) throw new NotFound()
    let rows: ReturnType<typeof csvRows> = []
    try {
      rows = csvRows(decodeStatement(bytes).text)
    } catch {
      return { headerless: false, columns: [] }
    }
    const top = rows.slice(0, 25).reduce<string[]>((a, r) => (r.cells.length > a.length ? r.cells : a), [])
    const isDate = (c: string): boolean => {
      try {
        parseStatementDate(c, 1, 'date')
        return true
      } catch {
        return false
      }
    }
    const first = rows[0]?.cells ?? []
    if (first.length === top.length && first.some(isDate))
      return { headerless: true, columns: first.map((c, i) => ({ name: `Column ${i + 1}`, example: c })) }
    return {
      headerless: false,
      columns: top.filter((c) => c.trim() !== '').map((c) => ({ name: c, example: '' })),
    }
  }

  private columnsOf(bytes: Uint8Array): string[] {
    try {
      const rows = csvRows(decodeStatement(bytes).text)
      // The widest of the first rows is most likely the header.
      const first = rows
        .slice(0, 25)
        .reduce<string[]>((a, r) => (r.cells.length > a.length ? r.cells : a), [])
      return first.filter((c) => c.trim() !== '')
    } catch {
      return []
    }
  }

  async pick(who: Actor, checkId: string, ids: readonly string[]): Promise<void> {
    const { transactions } = await this.contents(who, checkId)
    const wanted = new Set(ids)
    await this.repo.setPayments(
      checkId,
      transactions.filter((t) => wanted.has(t.id)).map((t) => t.id),
      true,
    )
    await this.repo.setPayments(
      checkId,
      transactions.filter((t) => !wanted.has(t.id)).map((t) => t.id),
      false,
    )
  }

  /** The transactions whose description contains the filter text (case ignored). */
  filter(contents: CheckContents, text: string | null): CheckContents['transactions'] {
    const f = (text ?? '').trim().toLowerCase()
    return f === ''
      ? contents.transactions
      : contents.transactions.filter((t) => t.description.toLowerCase().includes(f))
  }

  async setSchedule(who: Actor, checkId: string, text: string): Promise<number> {
    await this.get(who, checkId)
    const entries = parseScheduleText(text)
    await this.repo.replaceSchedule(
      checkId,
      entries.map((e) => ({ due: e.due.toString(), amountPence: e.amount, description: e.description })),
    )
    return entries.length
  }

  async setCmsStatement(who: Actor, checkId: string, text: string): Promise<number> {
    await this.get(who, checkId)
    const lines = parseCmsText(text)
    await this.repo.replaceCmsFigures(
      checkId,
      lines.map((l) => ({
        date: l.date.toString(),
        description: l.description,
        duePence: l.due,
        receivedPence: l.received,
        balancePence: l.balance,
      })),
    )
    return lines.length
  }

  async decide(
    who: Actor,
    checkId: string,
    transactionId: string,
    cmsFigureId: string,
    status: 'confirmed' | 'rejected',
  ): Promise<void> {
    const c = await this.contents(who, checkId)
    if (
      !c.transactions.some((t) => t.id === transactionId) ||
      !c.cmsFigures.some((f) => f.id === cmsFigureId)
    )
      throw new NotFound()
    await this.repo.decide(checkId, transactionId, cmsFigureId, status)
  }

  /**
   * What was due under the case's decisions register (calculations, revisions, supersessions,
   * variations, annual reviews with an effective date and a weekly amount). Where a decision records
   * the income, nights and other children it used, the weekly amount is recomputed with the
   * calculation engine, so a decision that applied its own figures wrongly shows what it over- or
   * under-charged. Null outside a case or when no decision has both figures.
   */
  async liabilityFor(
    who: Actor,
    c: CheckContents,
  ): Promise<{ changes: LiabilityChange[]; steps: Step<Message>[]; assumptions: Message[] } | null> {
    const caseId = c.check.caseId
    const caseFile = this.deps.caseFile
    if (!caseId || !caseFile) return null
    const [record, decisions] = await Promise.all([
      caseFile.cases.getCase(who, caseId),
      caseFile.cases.list(who, caseId, 'decision'),
    ])
    const usable = decisions.filter(
      (d): d is typeof d & { effectiveDate: string; weeklyAmountPence: number } =>
        d.deletedAt === null &&
        (LIABILITY_DECISION_KINDS as readonly string[]).includes(d.kind) &&
        d.effectiveDate !== null &&
        d.weeklyAmountPence !== null,
    )
    if (usable.length === 0) return null
    const assumptions = new Set<'recomputed'>()
    const list: LiabilityDecision[] = usable
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((d) => {
        const correct = this.recompute(record.children.length, d, assumptions)
        return {
          id: d.id,
          kind: d.kind as LiabilityDecision['kind'],
          effectiveDate: parseDate(d.effectiveDate),
          weekly: pence(d.weeklyAmountPence),
          label: message('arrearsDomain.check.decisionLabel', {
            kind: d.kind.replace(/-/g, ' '),
            date: formatDate(parseDate(d.letterDate)),
          }),
          ...(correct === null ? {} : { correctWeekly: correct }),
        }
      })
    const t = liabilityFromDecisions(list)
    return {
      changes: t.value,
      steps: [...t.steps],
      assumptions: [...assumptions].map((a) => message(`arrearsDomain.check.${a}`)),
    }
  }

  private recompute(
    children: number,
    d: {
      effectiveDate: string
      weeklyIncomePence: number | null
      nights: number | null
      otherChildren: number | null
    },
    assumptions: Set<'recomputed'>,
  ): Pence | null {
    if (children < 1 || d.weeklyIncomePence === null || d.nights === null || d.otherChildren === null)
      return null
    try {
      const r = runCalculation(this.deps.rules, {
        effectiveDate: d.effectiveDate,
        income: { grossWeekly: toDecimal(pence(d.weeklyIncomePence)) },
        benefit: 'none',
        nilRateCategory: false,
        relevantOtherChildren: d.otherChildren,
        receivingParents: [
          {
            id: 'A',
            children: Array.from({ length: children }, () => ({ nightsPerYear: Math.min(366, d.nights!) })),
          },
        ],
        collection: 'direct',
      })
      assumptions.add('recomputed')
      return parsePoundsSigned(r.totalWeekly)
    } catch {
      return null
    }
  }

  /** The reconciliation of what the check holds, through the domain; null until there is an "as of" date. */
  reconcile(
    c: CheckContents,
    liability: { changes: LiabilityChange[]; steps: Step<Message>[]; assumptions: Message[] } | null = null,
  ): Traced<Reconciliation, Message, Message> | null {
    if (!c.check.asOf) return null
    const schedule: ScheduleEntry[] = c.schedule.map((s) => ({
      id: s.id,
      date: parseDate(s.due),
      amount: pence(s.amountPence),
      ...(s.description ? { description: s.description } : {}),
    }))
    const payments: Payment[] = c.transactions
      .filter((t) => t.isPayment === 1)
      .map((t) => ({
        id: t.id,
        date: parseDate(t.date),
        amount: paymentAmount(t.amountPence),
        reference: t.description,
        evidence: t.statementId,
      }))
    const receipts: Dated[] = c.cmsFigures
      .filter((f) => (f.receivedPence ?? 0) > 0)
      .map((f) => ({ id: f.id, date: parseDate(f.date), amount: pence(f.receivedPence!) }))
    // Schedule lines typed into the statement of account count as due when no schedule was entered.
    const dueFromStatement: ScheduleEntry[] =
      schedule.length === 0
        ? c.cmsFigures
            .filter((f) => (f.duePence ?? 0) > 0)
            .map((f) => ({ id: `due-${f.id}`, date: parseDate(f.date), amount: pence(f.duePence!) }))
        : []
    const decisions: MatchDecision[] = c.matches.map((m) => ({
      paymentId: m.transactionId,
      entryId: m.cmsFigureId,
      status: m.status as MatchDecision['status'],
    }))
    const ob = c.check
    // Without an arrears figure typed in, the statement of account's last balance on or before the date is the CMS's figure.
    const lastBalance = c.cmsFigures.filter((f) => f.balancePence !== null && f.date <= ob.asOf!).at(-1)
    const cmsArrears = ob.cmsArrearsPence ?? lastBalance?.balancePence ?? null
    const t0 = reconcile(this.deps.rules, {
      ...(liability ? { liability: liability.changes } : {}),
      asOf: parseDate(ob.asOf!),
      schedule: [...schedule, ...dueFromStatement],
      payments,
      cmsReceived: c.cmsFigures.length > 0 ? receipts : null,
      cmsArrears: cmsArrears === null ? null : pence(cmsArrears),
      matchWindowDays: ob.matchWindowDays,
      collection: ob.collection === 'collect-and-pay' ? 'collect-and-pay' : 'direct',
      decisions,
      openingBalance:
        ob.openingBalancePence !== null && ob.openingBalanceDate
          ? {
              amount: pence(ob.openingBalancePence),
              date: parseDate(ob.openingBalanceDate),
              scheme: (ob.openingBalanceScheme ?? 2012) as 1993 | 2003 | 2012,
              source: ob.openingBalanceSource ?? 'not given',
            }
          : null,
    })
    const t =
      ob.cmsArrearsPence === null && lastBalance
        ? {
            ...t0,
            assumptions: [
              ...t0.assumptions,
              message('arrearsDomain.check.lastBalance', { date: formatDate(parseDate(lastBalance.date)) }),
            ],
          }
        : t0
    if (!liability) return t
    return {
      value: t.value,
      steps: [...liability.steps, ...t.steps],
      assumptions: [...t.assumptions, ...liability.assumptions],
    }
  }

  /**
   * The ledger of every check in the case that has one (an "as of" date), as documents for the
   * bundle's arrears section, newest check first. Checks without a date have no ledger yet.
   */
  async bundleSections(who: Actor, caseId: string): Promise<ArrearsLedgerSection[]> {
    const { ledgerSection } = await import('./arrears-letters.service.ts')
    const out: ArrearsLedgerSection[] = []
    for (const check of await this.list(who, caseId)) {
      if (!check.asOf) continue
      const c = await this.repo.contents(check)
      const t = this.reconcile(c, await this.liabilityFor(who, c))
      if (t) out.push(ledgerSection(c, t))
    }
    return out
  }

  /**
   * For a check inside a case: records each statement as evidence (a PDF of the lines picked, naming
   * the original file and its SHA-256) and each picked payment as a timeline event linked to it.
   * Payments already on the timeline are not added again. Returns how many events were added.
   */
  async addPaymentsToTimeline(who: Actor, checkId: string): Promise<number> {
    const c = await this.contents(who, checkId)
    const caseId = c.check.caseId
    const caseFile = this.deps.caseFile
    if (!caseId || !caseFile) throw new InvalidInput('case', message('arrearsDomain.check.notInCase'))
    const picked = c.transactions.filter((t) => t.isPayment === 1 && !t.eventId)
    let added = 0
    for (const s of c.statements) {
      const lines = picked.filter((t) => t.statementId === s.id)
      if (lines.length === 0) continue
      let evidenceId = s.evidenceId
      if (!evidenceId) {
        const pdf = await this.statementPdf({
          fileName: s.fileName,
          sha256: s.sha256,
          profile: s.profile ?? 'custom',
          importedOn: this.deps.today(),
          lines: c.transactions
            .filter((t) => t.statementId === s.id && t.isPayment === 1)
            .map((t) => ({
              line: t.line,
              date: formatDate(parseDate(t.date)),
              description: t.description,
              amount: formatPounds(pence(t.amountPence)),
              balance: t.balancePence === null ? '' : formatPounds(pence(t.balancePence)),
            })),
        })
        const evidence = await caseFile.evidence.add(who, caseId, {
          fileName: `bank-statement-payments-${s.sha256.slice(0, 8)}.pdf`,
          content: (async function* () {
            yield pdf
          })(),
          title: checkText('statementEvidenceTitle'),
          description: checkText('statementEvidence', { sha256: s.sha256 }),
          tags: ['arrears', 'bank-statement'],
        })
        evidenceId = evidence.id
        await this.repo.updateStatement(s.id, { evidenceId })
      }
      for (const t of lines) {
        const amount = paymentAmount(t.amountPence)
        const { record } = await caseFile.cases.addEvent(who, caseId, {
          type: 'payment',
          occurredOn: t.date,
          title: checkText('paymentTitle', { amount: formatPounds(amount) }),
          details: checkText('paymentDetails', { line: t.line, description: t.description }),
          amount: toDecimal(amount),
          tags: ['arrears'],
        })
        await caseFile.cases.link(who, caseId, evidenceId, 'event', record.id)
        await this.repo.setTransactionEvent(t.id, record.id)
        added++
      }
    }
    return added
  }

  private async statementPdf(input: StatementExtract): Promise<Uint8Array> {
    if (this.deps.statementPdf) return this.deps.statementPdf(input)
    const { renderStatementExtract } = await import('../documents/arrears/statement-extract.ts')
    return renderStatementExtract(input)
  }

  private async requireCase(who: Actor, caseId: string): Promise<void> {
    if (!this.deps.caseFile) throw new NotFound()
    await this.deps.caseFile.cases.getCase(who, caseId)
  }
}

/** A check, page or statement that is not there (or not this owner's). */
export class NotFound extends Error {
  override name = 'NotFound'
  readonly statusCode = 404
}

function toRows(imported: ImportedStatement) {
  return imported.transactions.map((t) => ({
    identity: t.id,
    line: t.line,
    date: t.date.toString(),
    description: t.description.slice(0, 500),
    amountPence: t.amount,
    balancePence: t.balance,
  }))
}
