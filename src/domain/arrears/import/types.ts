import type { Pence } from '../../shared/pence.ts'
import type { PlainDate } from '../../shared/plain-date.ts'

/** One line of a bank statement: money received positive, paid out negative. */
export interface BankTransaction {
  /** Identity hash (see identity.ts). */
  readonly id: string
  /** Line of the file it came from (1-based), for messages and evidence. */
  readonly line: number
  readonly date: PlainDate
  readonly description: string
  readonly amount: Pence
  readonly balance: Pence | null
}

export interface ImportedStatement {
  readonly format: 'csv' | 'ofx-sgml' | 'ofx-xml'
  /** The built-in profile used, "custom" for a mapping, or "ofx". */
  readonly profile: string
  readonly encoding: string
  readonly transactions: readonly BankTransaction[]
  /** The header row as found (CSV), for the column-mapping step. */
  readonly columns: readonly string[]
}
