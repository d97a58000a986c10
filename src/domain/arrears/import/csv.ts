import { parse } from 'csv-parse/sync'
import { InvalidInput } from '../../shared/errors.ts'
import { arrearsProblem } from '../problems.ts'
import type { Message } from '../../shared/message.ts'
import { transactionIdentity } from './identity.ts'
import {
  BUILT_IN_PROFILES,
  findProfile,
  mappedColumns,
  type BankProfile,
  type ColumnMapping,
} from './profiles.ts'
import type { BankTransaction } from './types.ts'
import { at, parseStatementDate, parseStatementMoney } from './values.ts'

export const norm = (s: string): string =>
  s
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()

interface Row {
  readonly cells: string[]
  readonly line: number
}

function detectDelimiter(text: string): string {
  // Thirty lines are enough to tell, and splitting the whole file would copy all of it.
  const sample = text
    .slice(0, 64 * 1024)
    .split(/\r?\n/)
    .slice(0, 30)
    .join('\n')
    .replace(/"[^"]*"/g, '')
  const counts: [string, number][] = [',', ';', '\t', '|'].map((d) => [d, sample.split(d).length - 1])
  counts.sort((a, b) => b[1] - a[1])
  return counts[0]![1] > 0 ? counts[0]![0] : ','
}

type Parsed = { record: string[]; info: { lines: number } }[]

/** How many lines at the top may hold a preamble (account name, balance) before the table. */
const PREAMBLE_LINES = 30

/**
 * Splits CSV text into rows with their line numbers (csv-parse: quoted fields, embedded commas and
 * newlines). csv-parse builds an error object for every record whose width differs from the first
 * record's, even when told to accept them, so a file with a short preamble above its table would
 * pay for one per line. The top lines are therefore read on their own, and the rest is read from
 * the start of the widest row among them (the table's header): the same records, in one pass each.
 */
export function csvRows(text: string): Row[] {
  const options = {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: true,
    info: true,
    bom: true,
  }
  let records: Parsed
  try {
    let top: Parsed = []
    try {
      top = parse(text, { ...options, to_line: PREAMBLE_LINES }) as unknown as Parsed
    } catch {
      // A quoted field running past the top lines: read the file in one pass instead.
    }
    // Where each record starts: the line after the previous one ended.
    let widest = 0
    for (let i = 1; i < top.length; i++) if (top[i]!.record.length > top[widest]!.record.length) widest = i
    const from = widest === 0 ? 1 : top[widest - 1]!.info.lines + 1
    records =
      from === 1
        ? (parse(text, options) as unknown as Parsed)
        : [...top.slice(0, widest), ...(parse(text, { ...options, from_line: from }) as unknown as Parsed)]
  } catch (e) {
    const line = (e as { lines?: number }).lines
    throw new InvalidInput(
      line ? `line ${line}` : 'file',
      arrearsProblem('notCsv', { detail: (e as Error).message.split('\n')[0] ?? '' }),
    )
  }
  const rows: Row[] = []
  for (const r of records)
    if (r.record.some((c) => c.trim() !== '')) rows.push({ cells: r.record, line: r.info.lines })
  return rows
}

/** Where the header row is for a mapping: the first of the first 25 rows holding every mapped column. */
function headerIndex(rows: readonly Row[], mapping: ColumnMapping): number {
  if (mapping.headerless) return -1
  const want = mappedColumns(mapping).map(norm)
  for (let i = 0; i < Math.min(rows.length, 25); i++) {
    const have = new Set(rows[i]!.cells.map(norm))
    if (want.every((w) => have.has(w))) return i
  }
  return -2
}

function looksHeaderless(rows: readonly Row[], mapping: ColumnMapping): boolean {
  const first = rows[0]
  if (!first) return false
  try {
    const cols = columnNames(first.cells.length)
    const get = (name: string) => first.cells[cols.indexOf(name)] ?? ''
    parseStatementDate(get(mapping.date), first.line, mapping.date)
    if (mapping.amount) parseStatementMoney(get(mapping.amount), first.line, mapping.amount)
    return true
  } catch {
    return false
  }
}

const columnNames = (n: number): string[] => Array.from({ length: n }, (_, i) => `Column ${i + 1}`)

/** The built-in profile whose columns the file has (the most specific one), or null. */
export function recogniseProfile(rows: readonly Row[]): BankProfile | null {
  const candidates = BUILT_IN_PROFILES.filter((p) =>
    p.mapping.headerless ? headerlessCandidate(rows, p) : headerIndex(rows, p.mapping) >= 0,
  )
  candidates.sort((a, b) => mappedColumns(b.mapping).length - mappedColumns(a.mapping).length)
  return candidates[0] ?? null
}

function headerlessCandidate(rows: readonly Row[], p: BankProfile): boolean {
  const width = Math.max(...mappedColumns(p.mapping).map((c) => Number(c.replace('Column ', ''))))
  return rows[0]?.cells.length === width && looksHeaderless(rows, p.mapping)
}

export const NEEDS: Message = arrearsProblem('needs')

/** Reads CSV rows with a mapping; bad rows are refused naming the line and column. */
export function readWithMapping(
  rows: readonly Row[],
  mapping: ColumnMapping,
): { transactions: BankTransaction[]; columns: string[] } {
  if (!mapping.amount && !(mapping.paidIn && mapping.paidOut))
    throw new InvalidInput('mapping', arrearsProblem('chooseAmount', { needs: NEEDS }))
  const h = headerIndex(rows, mapping)
  if (h === -2) {
    const missing = mappedColumns(mapping).filter(
      (c) => !rows.slice(0, 25).some((r) => r.cells.map(norm).includes(norm(c))),
    )
    throw new InvalidInput(
      'columns',
      arrearsProblem('noColumn', { columns: missing.map((c) => `"${c}"`).join(', ') }),
    )
  }
  const header = h >= 0 ? rows[h]!.cells : columnNames(Math.max(...rows.map((r) => r.cells.length), 0))
  const index = new Map(header.map((c, i) => [norm(c), i] as const))
  // Each mapped column's position, worked out once rather than for every cell of every row.
  const positions = new Map<string, number>()
  for (const name of mappedColumns(mapping)) positions.set(name, index.get(norm(name))!)
  const col = (name: string): number => positions.get(name) ?? index.get(norm(name))!
  const seen = new Map<string, number>()
  // Statements repeat dates line after line; each distinct text is parsed once.
  const dates = new Map<string, BankTransaction['date']>()
  const out: BankTransaction[] = []
  for (const row of rows.slice(h + 1)) {
    const cell = (name: string | undefined): string =>
      name === undefined ? '' : (row.cells[col(name)] ?? '')
    // A trailing total or note line with no date and no amount is not a transaction.
    if (
      cell(mapping.date) === '' &&
      cell(mapping.amount) === '' &&
      cell(mapping.paidIn) === '' &&
      cell(mapping.paidOut) === ''
    )
      continue
    const dateText = cell(mapping.date)
    let date = dates.get(dateText)
    if (!date) {
      date = parseStatementDate(dateText, row.line, mapping.date)
      dates.set(dateText, date)
    }
    let amount
    if (mapping.amount) {
      const a = parseStatementMoney(cell(mapping.amount), row.line, mapping.amount)
      if (a === null) throw new InvalidInput(at(row.line, mapping.amount), arrearsProblem('noAmount'))
      amount = mapping.outPositive ? -a : a
    } else {
      const inn = parseStatementMoney(cell(mapping.paidIn), row.line, mapping.paidIn!)
      const outt = parseStatementMoney(cell(mapping.paidOut), row.line, mapping.paidOut!)
      if (inn === null && outt === null)
        throw new InvalidInput(
          at(row.line, `${mapping.paidIn}/${mapping.paidOut}`),
          arrearsProblem('noAmountInOrOut'),
        )
      amount = Math.abs(inn ?? 0) - Math.abs(outt ?? 0)
    }
    const balance = mapping.balance
      ? parseStatementMoney(cell(mapping.balance), row.line, mapping.balance)
      : null
    const description = mapping.description
      .map((d) => cell(d))
      .filter((s) => s !== '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim()
    const fields = { date, description, amount: amount as BankTransaction['amount'], balance }
    out.push({ id: transactionIdentity(fields, seen), line: row.line, ...fields })
  }
  return { transactions: out, columns: header }
}

/** Reads CSV text with a named built-in profile, a custom mapping, or by recognising the layout. */
export function readCsv(
  text: string,
  how: { profile?: string; mapping?: ColumnMapping },
): { profile: string; transactions: BankTransaction[]; columns: string[] } {
  const rows = csvRows(text)
  if (rows.length === 0) throw new InvalidInput('file', arrearsProblem('empty'))
  if (how.mapping) return { profile: 'custom', ...readWithMapping(rows, how.mapping) }
  if (how.profile) {
    const p = findProfile(how.profile)
    if (!p)
      throw new InvalidInput(
        'profile',
        arrearsProblem('noProfile', {
          profile: how.profile,
          profiles: BUILT_IN_PROFILES.map((x) => x.name).join(', '),
        }),
      )
    return { profile: p.name, ...readWithMapping(rows, p.mapping) }
  }
  const p = recogniseProfile(rows)
  if (!p) {
    const header = rows[0]!.cells
    if (header.length < 2) throw new InvalidInput('file', arrearsProblem('notAStatement', { needs: NEEDS }))
    throw new InvalidInput(
      'columns',
      arrearsProblem('layoutNotRecognised', {
        columns: header.map((c) => `"${c}"`).join(', '),
        needs: NEEDS,
      }),
    )
  }
  return { profile: p.name, ...readWithMapping(rows, p.mapping) }
}
