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
  readonly bank: string
  /** What we know of the layout and how sure we are. */
  readonly note: string
  readonly mapping: ColumnMapping
}

export const BUILT_IN_PROFILES: readonly BankProfile[] = [
  {
    name: 'barclays',
    bank: 'Barclays',
    note: 'Online banking CSV: Number, Date, Account, Amount (signed), Subcategory, Memo. No balance.',
    mapping: { date: 'Date', description: ['Memo', 'Subcategory'], amount: 'Amount' },
  },
  {
    name: 'hsbc',
    bank: 'HSBC UK',
    note: 'Online banking CSV with no header row: date, description, signed amount.',
    mapping: { date: 'Column 1', description: ['Column 2'], amount: 'Column 3', headerless: true },
  },
  {
    name: 'lloyds',
    bank: 'Lloyds Bank, Halifax and Bank of Scotland (Lloyds Banking Group)',
    note: 'Transaction Date, Transaction Type, Sort Code, Account Number, Transaction Description, Debit Amount, Credit Amount, Balance.',
    mapping: {
      date: 'Transaction Date',
      description: ['Transaction Description'],
      paidIn: 'Credit Amount',
      paidOut: 'Debit Amount',
      balance: 'Balance',
    },
  },
  {
    name: 'natwest',
    bank: 'NatWest, Royal Bank of Scotland and Ulster Bank (NatWest Group)',
    note: 'Date, Type, Description, Value (signed), Balance, Account Name, Account Number; often a blank first line and a space after each comma.',
    mapping: { date: 'Date', description: ['Description'], amount: 'Value', balance: 'Balance' },
  },
  {
    name: 'nationwide',
    bank: 'Nationwide Building Society',
    note: 'A few lines about the account, then Date, Transaction type, Description, Paid out, Paid in, Balance; dates like "05 Jan 2025"; amounts with £ signs; older exports in Windows-1252.',
    mapping: {
      date: 'Date',
      description: ['Description'],
      paidIn: 'Paid in',
      paidOut: 'Paid out',
      balance: 'Balance',
    },
  },
  {
    name: 'santander',
    bank: 'Santander UK',
    note: 'Date, Description, Money in, Money out, Balance (the CSV layout of the online banking export; Santander also offers a text export, which is not read).',
    mapping: {
      date: 'Date',
      description: ['Description'],
      paidIn: 'Money in',
      paidOut: 'Money out',
      balance: 'Balance',
    },
  },
  {
    name: 'monzo',
    bank: 'Monzo',
    note: 'Transaction ID, Date, Time, Type, Name, Emoji, Category, Amount (signed), Currency, …, Notes and #tags, …, Description, …',
    mapping: { date: 'Date', description: ['Name', 'Description'], amount: 'Amount' },
  },
  {
    name: 'starling',
    bank: 'Starling Bank',
    note: 'Date, Counter Party, Reference, Type, Amount (GBP) (signed), Balance (GBP), Spending Category, Notes.',
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
