import { InvalidInput } from '../shared/errors.ts'
import { arrearsProblem } from './problems.ts'
import type { Pence } from '../shared/pence.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import { csvRows } from './import/csv.ts'
import { parseStatementDate, parseStatementMoney } from './import/values.ts'

export interface PastedScheduleEntry {
  readonly line: number
  readonly due: PlainDate
  readonly amount: Pence
  readonly description: string | null
}

export interface PastedCmsLine {
  readonly line: number
  readonly date: PlainDate
  readonly description: string | null
  readonly due: Pence | null
  readonly received: Pence | null
  readonly balance: Pence | null
}

const rows = (text: string) => (text.trim() === '' ? [] : csvRows(text))
const isHeader = (cells: readonly string[]): boolean =>
  /date|due/i.test(cells[0] ?? '') && !/\d/.test(cells[0] ?? '')

function nonNegative(p: Pence | null, line: number, column: string): Pence | null {
  if (p !== null && p < 0)
    throw new InvalidInput(`line ${line}, column "${column}"`, arrearsProblem('negative'))
  return p
}

/**
 * The CMS's payment schedule, typed or pasted one entry a line: date, amount, and optionally a
 * description, separated by commas or tabs ("31/01/2025, 213.03"). A header line is skipped.
 */
export function parseScheduleText(text: string, field = 'schedule'): PastedScheduleEntry[] {
  const out: PastedScheduleEntry[] = []
  for (const r of rows(text)) {
    if (isHeader(r.cells)) continue
    const [date = '', amount = '', ...rest] = r.cells
    try {
      const a = nonNegative(parseStatementMoney(amount, r.line, 'amount'), r.line, 'amount')
      if (a === null) throw new InvalidInput(`line ${r.line}, column "amount"`, arrearsProblem('noAmount'))
      out.push({
        line: r.line,
        due: parseStatementDate(date, r.line, 'date'),
        amount: a,
        description: rest.join(' ').trim() || null,
      })
    } catch (e) {
      if (e instanceof InvalidInput) throw new InvalidInput(field, e.words)
      throw e
    }
  }
  return out
}

/**
 * The CMS's statement of account, one line each: date, description, amount due, amount received,
 * balance (blank where the statement has nothing). A balance may be negative (a credit).
 */
export function parseCmsText(text: string, field = 'cmsStatement'): PastedCmsLine[] {
  const out: PastedCmsLine[] = []
  for (const r of rows(text)) {
    if (isHeader(r.cells)) continue
    const [date = '', description = '', due = '', received = '', balance = ''] = r.cells
    try {
      const d = parseStatementDate(date, r.line, 'date')
      const dueP = nonNegative(parseStatementMoney(due, r.line, 'amount due'), r.line, 'amount due')
      const recP = nonNegative(
        parseStatementMoney(received, r.line, 'amount received'),
        r.line,
        'amount received',
      )
      if (dueP === null && recP === null)
        throw new InvalidInput(`line ${r.line}`, arrearsProblem('dueOrReceived'))
      out.push({
        line: r.line,
        date: d,
        description: description.trim() || null,
        due: dueP,
        received: recP,
        balance: parseStatementMoney(balance, r.line, 'balance'),
      })
    } catch (e) {
      if (e instanceof InvalidInput) throw new InvalidInput(field, e.words)
      throw e
    }
  }
  return out
}
