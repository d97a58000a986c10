import { message, type Message } from '../../shared/message.ts'

/**
 * Column layouts of UK banks' CSV exports, written from general knowledge of how the banks' exports
 * are commonly described (help pages, users' reports), not from any bank's own specification, and
 * never checked against a real export (we hold no real statements). An unrecognised or changed
 * layout falls back to the column-mapping step. See docs/bank-import.md.
 */

/** Which columns hold what. Names are header texts (compared ignoring case and spaces); a file without a header row names its columns "Column 1", "Column 2", … */
export interface ColumnMapping {
  readonly date: string
  /** One or more columns, joined with a space (e.g. counterparty and reference). */
  readonly description: readonly string[]
  /** A signed amount column (money in positive, money out negative)… */
  readonly amount?: string
  /** …or separate paid-in and paid-out columns (both written as positive numbers). */
  readonly paidIn?: string
  readonly paidOut?: string
  readonly balance?: string
  /** The file has no header row (columns are "Column 1", "Column 2", …). */
  readonly headerless?: boolean
  /** The sign of `amount` is reversed (money out positive), as in some card exports. */
  readonly outPositive?: boolean
}

export interface BankProfile {
  readonly name: string
  /** The bank (or banks) whose export this is, as words. */
  readonly bank: Message
  readonly mapping: ColumnMapping
}

/** The bank's name, from `arrearsDomain.bank.<profile name>`. */
const bank = (name: string): Message => message(`arrearsDomain.bank.${name}`)

// What we know of each layout (the columns, as the exports are commonly described; none was checked
// against a real file) is in the comment above it.

export const BUILT_IN_PROFILES: readonly BankProfile[] = [
  // Online banking CSV: Number, Date, Account, Amount (signed), Subcategory, Memo. No balance.
  {
    name: 'barclays',
    bank: bank('barclays'),
    mapping: { date: 'Date', description: ['Memo', 'Subcategory'], amount: 'Amount' },
  },
  // Online banking CSV with no header row: date, description, signed amount.
  {
    name: 'hsbc',
    bank: bank('hsbc'),
    mapping: { date: 'Column 1', description: ['Column 2'], amount: 'Column 3', headerless: true },
  },
  // Transaction Date, Transaction Type, Sort Code, Account Number, Transaction Description, Debit Amount, Credit Amount, Balance.
  {
    name: 'lloyds',
    bank: bank('lloyds'),
    mapping: {
      date: 'Transaction Date',
      description: ['Transaction Description'],
      paidIn: 'Credit Amount',
      paidOut: 'Debit Amount',
      balance: 'Balance',
    },
  },
  // Date, Type, Description, Value (signed), Balance, Account Name, Account Number; often a blank first line and a space after each comma.
  {
    name: 'natwest',
    bank: bank('natwest'),
    mapping: { date: 'Date', description: ['Description'], amount: 'Value', balance: 'Balance' },
  },
  // A few lines about the account, then Date, Transaction type, Description, Paid out, Paid in, Balance; dates like "05 Jan 2025"; amounts with £ signs; older exports in Windows-1252.
  {
    name: 'nationwide',
    bank: bank('nationwide'),
    mapping: {
      date: 'Date',
      description: ['Description'],
      paidIn: 'Paid in',
      paidOut: 'Paid out',
      balance: 'Balance',
    },
  },
  // Date, Description, Money in, Money out, Balance (the CSV layout of the online banking export; Santander also offers a text export, which is not read).
  {
    name: 'santander',
    bank: bank('santander'),
    mapping: {
      date: 'Date',
      description: ['Description'],
      paidIn: 'Money in',
      paidOut: 'Money out',
      balance: 'Balance',
    },
  },
  // Transaction ID, Date, Time, Type, Name, Emoji, Category, Amount (signed), Currency, …, Notes and #tags, …, Description, …
  {
    name: 'monzo',
    bank: bank('monzo'),
    mapping: { date: 'Date', description: ['Name', 'Description'], amount: 'Amount' },
  },
  // Date, Counter Party, Reference, Type, Amount (GBP) (signed), Balance (GBP), Spending Category, Notes.
  {
    name: 'starling',
    bank: bank('starling'),
    mapping: {
      date: 'Date',
      description: ['Counter Party', 'Reference'],
      amount: 'Amount (GBP)',
      balance: 'Balance (GBP)',
    },
  },
]

export const profileNames = (): string[] => BUILT_IN_PROFILES.map((p) => p.name)
export const findProfile = (name: string): BankProfile | undefined =>
  BUILT_IN_PROFILES.find((p) => p.name === name.trim().toLowerCase())

/** Every column a mapping reads. */
export const mappedColumns = (m: ColumnMapping): string[] =>
  [m.date, ...m.description, m.amount, m.paidIn, m.paidOut, m.balance].filter((c): c is string => Boolean(c))
