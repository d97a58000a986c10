import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from './db.ts'
import {
  arrearsBankProfiles,
  arrearsChecks,
  arrearsCmsFigures,
  arrearsMatches,
  arrearsSchedule,
  arrearsStatements,
  arrearsTransactions,
  type ColumnMappingColumn,
} from './schema.ts'

export type CheckRow = typeof arrearsChecks.$inferSelect
export type StatementRow = Omit<typeof arrearsStatements.$inferSelect, 'content'>
export type TransactionRow = typeof arrearsTransactions.$inferSelect
export type ScheduleRow = typeof arrearsSchedule.$inferSelect
export type CmsFigureRow = typeof arrearsCmsFigures.$inferSelect
export type MatchRow = typeof arrearsMatches.$inferSelect
export type BankProfileRow = typeof arrearsBankProfiles.$inferSelect

export type CheckSettings = Partial<
  Pick<
    CheckRow,
    | 'title'
    | 'asOf'
    | 'cmsArrearsPence'
    | 'collection'
    | 'matchWindowDays'
    | 'paymentFilter'
    | 'openingBalancePence'
    | 'openingBalanceDate'
    | 'openingBalanceScheme'
    | 'openingBalanceSource'
  >
>

export interface NewTransaction {
  readonly identity: string
  readonly line: number
  readonly date: string
  readonly description: string
  readonly amountPence: number
  readonly balancePence: number | null
}

/** Everything a check holds, read in one go (a check is small: one parent's statements). */
export interface CheckContents {
  readonly check: CheckRow
  readonly statements: readonly StatementRow[]
  readonly transactions: readonly TransactionRow[]
  readonly schedule: readonly ScheduleRow[]
  readonly cmsFigures: readonly CmsFigureRow[]
  readonly matches: readonly MatchRow[]
}

const statementColumns = {
  id: arrearsStatements.id,
  checkId: arrearsStatements.checkId,
  fileName: arrearsStatements.fileName,
  sha256: arrearsStatements.sha256,
  sizeBytes: arrearsStatements.sizeBytes,
  format: arrearsStatements.format,
  profile: arrearsStatements.profile,
  encoding: arrearsStatements.encoding,
  mapping: arrearsStatements.mapping,
  evidenceId: arrearsStatements.evidenceId,
  importedAt: arrearsStatements.importedAt,
}

/** Storage for arrears checks, on either engine. Every read is scoped by owner. */
export class DrizzleArrearsRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  transaction<T>(fn: (repo: DrizzleArrearsRepository) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new DrizzleArrearsRepository(tx as unknown as Db, this.clock)))
  }

  async createCheck(ownerId: string, caseId: string | null, title: string): Promise<CheckRow> {
    const now = this.clock()
    const [row] = await this.db
      .insert(arrearsChecks)
      .values({ id: randomUUID(), ownerId, caseId, title, createdAt: now, updatedAt: now })
      .returning()
    return row!
  }

  async listChecks(ownerId: string, caseId: string | null): Promise<CheckRow[]> {
    return this.db
      .select()
      .from(arrearsChecks)
      .where(
        and(
          eq(arrearsChecks.ownerId, ownerId),
          caseId === null ? isNull(arrearsChecks.caseId) : eq(arrearsChecks.caseId, caseId),
        ),
      )
      .orderBy(desc(arrearsChecks.updatedAt))
  }

  async getCheck(ownerId: string, id: string): Promise<CheckRow | null> {
    const [row] = await this.db
      .select()
      .from(arrearsChecks)
      .where(and(eq(arrearsChecks.ownerId, ownerId), eq(arrearsChecks.id, id)))
    return row ?? null
  }

  async updateCheck(id: string, change: CheckSettings): Promise<void> {
    await this.db
      .update(arrearsChecks)
      .set({ ...change, updatedAt: this.clock() })
      .where(eq(arrearsChecks.id, id))
  }

  async deleteCheck(id: string): Promise<void> {
    await this.db.delete(arrearsChecks).where(eq(arrearsChecks.id, id))
  }

  async contents(check: CheckRow): Promise<CheckContents> {
    const id = check.id
    const [statements, transactions, schedule, cmsFigures, matches] = await Promise.all([
      this.db
        .select(statementColumns)
        .from(arrearsStatements)
        .where(eq(arrearsStatements.checkId, id))
        .orderBy(asc(arrearsStatements.importedAt)),
      this.db
        .select()
        .from(arrearsTransactions)
        .where(eq(arrearsTransactions.checkId, id))
        .orderBy(asc(arrearsTransactions.date), asc(arrearsTransactions.line)),
      this.db
        .select()
        .from(arrearsSchedule)
        .where(eq(arrearsSchedule.checkId, id))
        .orderBy(asc(arrearsSchedule.due)),
      this.db
        .select()
        .from(arrearsCmsFigures)
        .where(eq(arrearsCmsFigures.checkId, id))
        .orderBy(asc(arrearsCmsFigures.date)),
      this.db.select().from(arrearsMatches).where(eq(arrearsMatches.checkId, id)),
    ])
    return { check, statements, transactions, schedule, cmsFigures, matches }
  }

  async addStatement(
    checkId: string,
    s: {
      fileName: string
      sha256: string
      content: Uint8Array
      format: string | null
      profile: string | null
      encoding: string | null
      mapping: ColumnMappingColumn | null
    },
  ): Promise<StatementRow> {
    const [row] = await this.db
      .insert(arrearsStatements)
      .values({ id: randomUUID(), checkId, sizeBytes: s.content.byteLength, importedAt: this.clock(), ...s })
      .returning(statementColumns)
    return row!
  }

  async statementContent(checkId: string, id: string): Promise<Uint8Array | null> {
    const [row] = await this.db
      .select({ content: arrearsStatements.content })
      .from(arrearsStatements)
      .where(and(eq(arrearsStatements.checkId, checkId), eq(arrearsStatements.id, id)))
    return row ? new Uint8Array(row.content) : null
  }

  async updateStatement(
    id: string,
    change: Partial<Pick<StatementRow, 'format' | 'profile' | 'encoding' | 'mapping' | 'evidenceId'>>,
  ): Promise<void> {
    await this.db.update(arrearsStatements).set(change).where(eq(arrearsStatements.id, id))
  }

  /** Adds transactions; one already held (same identity in this check) is skipped. Returns how many were added. */
  async addTransactions(
    checkId: string,
    statementId: string,
    list: readonly NewTransaction[],
  ): Promise<number> {
    let added = 0
    for (let i = 0; i < list.length; i += 500) {
      const rows = await this.db
        .insert(arrearsTransactions)
        .values(list.slice(i, i + 500).map((t) => ({ id: randomUUID(), checkId, statementId, ...t })))
        .onConflictDoNothing({ target: [arrearsTransactions.checkId, arrearsTransactions.identity] })
        .returning({ id: arrearsTransactions.id })
      added += rows.length
    }
    return added
  }

  async setPayments(checkId: string, ids: readonly string[], isPayment: boolean): Promise<void> {
    if (ids.length === 0) return
    await this.db
      .update(arrearsTransactions)
      .set({ isPayment: isPayment ? 1 : 0 })
      .where(and(eq(arrearsTransactions.checkId, checkId), inArray(arrearsTransactions.id, [...ids])))
  }

  async setTransactionEvent(id: string, eventId: string): Promise<void> {
    await this.db.update(arrearsTransactions).set({ eventId }).where(eq(arrearsTransactions.id, id))
  }

  async replaceSchedule(
    checkId: string,
    rows: readonly { due: string; amountPence: number; description: string | null }[],
  ): Promise<void> {
    await this.db.delete(arrearsSchedule).where(eq(arrearsSchedule.checkId, checkId))
    if (rows.length > 0)
      await this.db.insert(arrearsSchedule).values(rows.map((r) => ({ id: randomUUID(), checkId, ...r })))
  }

  async replaceCmsFigures(
    checkId: string,
    rows: readonly {
      date: string
      description: string | null
      duePence: number | null
      receivedPence: number | null
      balancePence: number | null
    }[],
  ): Promise<void> {
    await this.db.delete(arrearsCmsFigures).where(eq(arrearsCmsFigures.checkId, checkId))
    await this.db.delete(arrearsMatches).where(eq(arrearsMatches.checkId, checkId))
    if (rows.length > 0)
      await this.db.insert(arrearsCmsFigures).values(rows.map((r) => ({ id: randomUUID(), checkId, ...r })))
  }

  async decide(
    checkId: string,
    transactionId: string,
    cmsFigureId: string,
    status: 'confirmed' | 'rejected',
  ): Promise<void> {
    await this.db
      .insert(arrearsMatches)
      .values({ checkId, transactionId, cmsFigureId, status, decidedAt: this.clock() })
      .onConflictDoUpdate({
        target: [arrearsMatches.checkId, arrearsMatches.transactionId, arrearsMatches.cmsFigureId],
        set: { status, decidedAt: this.clock() },
      })
  }

  async saveProfile(ownerId: string, name: string, mapping: ColumnMappingColumn): Promise<void> {
    await this.db
      .insert(arrearsBankProfiles)
      .values({ id: randomUUID(), ownerId, name, mapping, createdAt: this.clock() })
      .onConflictDoUpdate({
        target: [arrearsBankProfiles.ownerId, arrearsBankProfiles.name],
        set: { mapping },
      })
  }

  async profiles(ownerId: string): Promise<BankProfileRow[]> {
    return this.db
      .select()
      .from(arrearsBankProfiles)
      .where(eq(arrearsBankProfiles.ownerId, ownerId))
      .orderBy(asc(arrearsBankProfiles.name))
  }
}

/**
 * A case's arrears checks as plain JSON-able records, for a case archive: instants as ISO text, no
 * owner, each statement's file as base64 (the archive's case.json carries them).
 */
export interface ArrearsRows {
  readonly checks: readonly (Omit<CheckRow, 'ownerId' | 'caseId' | 'createdAt' | 'updatedAt'> & {
    caseId: string
    createdAt: string
    updatedAt: string
  })[]
  readonly statements: readonly (Omit<StatementRow, 'importedAt'> & { content: string; importedAt: string })[]
  readonly transactions: readonly TransactionRow[]
  readonly schedule: readonly ScheduleRow[]
  readonly cmsFigures: readonly CmsFigureRow[]
  readonly matches: readonly (Omit<MatchRow, 'decidedAt'> & { decidedAt: string })[]
}

/** Every arrears check in the case (and all each holds), for an export. */
export async function exportArrearsRows(db: Db, ownerId: string, caseId: string): Promise<ArrearsRows> {
  const checks = await db
    .select()
    .from(arrearsChecks)
    .where(and(eq(arrearsChecks.ownerId, ownerId), eq(arrearsChecks.caseId, caseId)))
    .orderBy(asc(arrearsChecks.createdAt), asc(arrearsChecks.id))
  const ids = checks.map((c) => c.id)
  if (ids.length === 0)
    return { checks: [], statements: [], transactions: [], schedule: [], cmsFigures: [], matches: [] }
  const [statements, transactions, schedule, cmsFigures, matches] = await Promise.all([
    db
      .select()
      .from(arrearsStatements)
      .where(inArray(arrearsStatements.checkId, ids))
      .orderBy(asc(arrearsStatements.importedAt), asc(arrearsStatements.id)),
    db
      .select()
      .from(arrearsTransactions)
      .where(inArray(arrearsTransactions.checkId, ids))
      .orderBy(
        asc(arrearsTransactions.checkId),
        asc(arrearsTransactions.date),
        asc(arrearsTransactions.line),
      ),
    db
      .select()
      .from(arrearsSchedule)
      .where(inArray(arrearsSchedule.checkId, ids))
      .orderBy(asc(arrearsSchedule.checkId), asc(arrearsSchedule.due), asc(arrearsSchedule.id)),
    db
      .select()
      .from(arrearsCmsFigures)
      .where(inArray(arrearsCmsFigures.checkId, ids))
      .orderBy(asc(arrearsCmsFigures.checkId), asc(arrearsCmsFigures.date), asc(arrearsCmsFigures.id)),
    db
      .select()
      .from(arrearsMatches)
      .where(inArray(arrearsMatches.checkId, ids))
      .orderBy(
        asc(arrearsMatches.checkId),
        asc(arrearsMatches.transactionId),
        asc(arrearsMatches.cmsFigureId),
      ),
  ])
  return {
    checks: checks.map(({ ownerId: _owner, ...c }) => ({
      ...c,
      caseId,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
    statements: statements.map((s) => ({
      ...s,
      content: Buffer.from(s.content).toString('base64'),
      importedAt: s.importedAt.toISOString(),
    })),
    transactions,
    schedule,
    cmsFigures,
    matches: matches.map((m) => ({ ...m, decidedAt: m.decidedAt.toISOString() })),
  }
}

/** Writes a case's arrears checks from an archive, for `ownerId` (inside the import's transaction). */
export async function importArrearsRows(db: Db, ownerId: string, rows: ArrearsRows): Promise<void> {
  const inChunks = async <T>(list: readonly T[], write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < list.length; i += 200) await write(list.slice(i, i + 200))
  }
  await inChunks(rows.checks, (chunk) =>
    db.insert(arrearsChecks).values(
      chunk.map((c) => ({
        ...c,
        ownerId,
        createdAt: new Date(c.createdAt),
        updatedAt: new Date(c.updatedAt),
      })),
    ),
  )
  // Statements one at a time: each may be megabytes.
  for (const s of rows.statements)
    await db.insert(arrearsStatements).values({
      ...s,
      content: new Uint8Array(Buffer.from(s.content, 'base64')),
      importedAt: new Date(s.importedAt),
    })
  await inChunks(rows.transactions, (chunk) => db.insert(arrearsTransactions).values(chunk))
  await inChunks(rows.schedule, (chunk) => db.insert(arrearsSchedule).values(chunk))
  await inChunks(rows.cmsFigures, (chunk) => db.insert(arrearsCmsFigures).values(chunk))
  await inChunks(rows.matches, (chunk) =>
    db.insert(arrearsMatches).values(chunk.map((m) => ({ ...m, decidedAt: new Date(m.decidedAt) }))),
  )
}
