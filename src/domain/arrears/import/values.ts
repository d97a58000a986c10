import { InvalidInput } from '../../shared/errors.ts'
import { arrearsProblem } from '../problems.ts'
import { pence, type Pence } from '../../shared/pence.ts'
import { Temporal, type PlainDate } from '../../shared/plain-date.ts'

/** Where a value came from in a statement, for messages: "line 12, column \"Amount\"". */
export const at = (line: number, column: string): string => `line ${line}, column "${column}"`

const MONEY = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/
const PLAIN_MONEY = /^(-?)£?(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})$/

/**
 * A statement amount as signed pence. Accepts "£1,234.56", "-12.34", "12.34-", "(12.34)", "+5",
 * " 12.34 CR" / "DR". Refuses anything needing rounding (more than two decimal places) and anything
 * that is not an amount, naming the line and column. Empty text is null.
 */
export function parseStatementMoney(text: string, line: number, column: string): Pence | null {
  if (text === '') return null
  // The usual shape ("1,234.56", "-£12.34") read directly; anything else takes the full route below.
  const plain = PLAIN_MONEY.exec(text)
  if (plain) {
    const value = Number(plain[2]!.replace(/,/g, '')) * 100 + Number(plain[3])
    if (Number.isSafeInteger(value)) return pence(plain[1] ? -value : value)
  }
  let t = text.replace(/\u00a0/g, ' ').trim()
  if (t === '') return null
  let negative = false
  if (/^\(.*\)$/.test(t)) {
    negative = true
    t = t.slice(1, -1).trim()
  }
  const suffix = /\s*(CR|DR)$/i.exec(t)
  if (suffix) {
    negative = suffix[1]!.toUpperCase() === 'DR'
    t = t.slice(0, suffix.index).trim()
  }
  if (t.startsWith('-') || t.startsWith('+')) {
    negative = t.startsWith('-') ? !negative : negative
    t = t.slice(1).trim()
  } else if (t.endsWith('-')) {
    negative = !negative
    t = t.slice(0, -1).trim()
  }
  t = t.replace(/^£\s*/, '').replace(/^GBP\s*/i, '')
  if (t.startsWith('-')) {
    negative = !negative
    t = t.slice(1)
  }
  const m = MONEY.exec(t)
  if (!m) throw new InvalidInput(at(line, column), arrearsProblem('notMoney', { text }))
  const frac = m[2] ?? ''
  if (frac.length > 2) throw new InvalidInput(at(line, column), arrearsProblem('tooManyDecimals', { text }))
  const value = Number(m[1]!.replace(/,/g, '')) * 100 + Number(frac.padEnd(2, '0'))
  if (!Number.isSafeInteger(value))
    throw new InvalidInput(at(line, column), arrearsProblem('tooLarge', { text }))
  return pence(negative ? -value : value)
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}

const year = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y))

/**
 * A UK statement date: day first ("05/01/2025", "5-1-25", "05.01.2025", "05 Jan 2025",
 * "05-Jan-2025"), ISO ("2025-01-05") or OFX ("20250105", "20250105120000[0:GMT]"). An impossible
 * date (31/02/2025) or one that cannot be read is refused, naming the line and column.
 */
export function parseStatementDate(text: string, line: number, column: string): PlainDate {
  const t = text.trim()
  let y: number | undefined
  let mo: number | undefined
  let d: number | undefined
  let m: RegExpExecArray | null
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(t))) {
    ;[d, mo, y] = [Number(m[1]), Number(m[2]), year(m[3]!)]
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(t))) {
    ;[y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  } else if ((m = /^(\d{1,2})[\s-]([A-Za-z]{3,9})[\s-](\d{4}|\d{2})$/.exec(t))) {
    const month = MONTHS[m[2]!.toLowerCase().slice(0, m[2]!.toLowerCase().startsWith('sept') ? 4 : 3)]
    if (month !== undefined) [d, mo, y] = [Number(m[1]), month, year(m[3]!)]
  } else if ((m = /^(\d{4})(\d{2})(\d{2})(?:\d{6}(?:\.\d+)?)?(?:\[.*\])?$/.exec(t))) {
    ;[y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  }
  if (y === undefined || mo === undefined || d === undefined)
    throw new InvalidInput(at(line, column), arrearsProblem('notADate', { text }))
  try {
    return Temporal.PlainDate.from({ year: y, month: mo, day: d }, { overflow: 'reject' })
  } catch {
    throw new InvalidInput(at(line, column), arrearsProblem('notRealDate', { text }))
  }
}
