import { Temporal, type PlainDate } from '../shared/plain-date.ts'

/** English and Welsh month names (with the Welsh mutated forms: "o Fawrth", "ym mis Fedi"), and short forms. */
const MONTHS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['january', 'jan', 'ionawr']],
  [2, ['february', 'feb', 'chwefror']],
  [3, ['march', 'mar', 'mawrth', 'fawrth']],
  [4, ['april', 'apr', 'ebrill']],
  [5, ['may', 'mai', 'fai']],
  [6, ['june', 'jun', 'mehefin', 'fehefin']],
  [7, ['july', 'jul', 'gorffennaf', 'orffennaf']],
  [8, ['august', 'aug', 'awst']],
  [9, ['september', 'sept', 'sep', 'medi', 'fedi']],
  [10, ['october', 'oct', 'hydref']],
  [11, ['november', 'nov', 'tachwedd', 'dachwedd']],
  [12, ['december', 'dec', 'rhagfyr', 'ragfyr']],
]

const MONTH_BY_NAME = new Map<string, number>(
  MONTHS.flatMap(([n, names]) => names.map((s) => [s, n] as const)),
)
const MONTH_PATTERN = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|')

export interface FoundDate {
  readonly date: PlainDate
  /** The words as written. */
  readonly text: string
  readonly index: number
  /** Written with the month in words (less ambiguous than figures). */
  readonly words: boolean
}

const valid = (y: number, m: number, d: number): PlainDate | null => {
  try {
    return Temporal.PlainDate.from({ year: y, month: m, day: d }, { overflow: 'reject' })
  } catch {
    return null
  }
}

/** A two-digit year is read as 20xx (letters about child maintenance under the 2012 scheme). */
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y))

/**
 * Every date in `text`, read the UK way: "3 February 2025", "3rd Feb 2025", "3 Chwefror 2025",
 * "03/02/2025" (day first, always), "3.2.25". A run of digits is never split to find a date (so
 * "80101911/26.06.2025" gives 26 June 2025, never the year 1911), ISO "2025-02-03" is read too,
 * and impossible dates are ignored.
 */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = []
  const words = new RegExp(
    `(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th|ed|af|fed)?\\s*(?:of\\s+)?(${MONTH_PATTERN})\\.?,?\\s+(\\d{4})(?!\\d)`,
    'giu',
  )
  for (const m of text.matchAll(words)) {
    const d = valid(Number(m[3]), MONTH_BY_NAME.get(m[2]!.toLowerCase())!, Number(m[1]))
    if (d) out.push({ date: d, text: m[0], index: m.index, words: true })
  }
  const figures = /(?<!\d)(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d/.-]?\d)/g
  for (const m of text.matchAll(figures)) {
    const d = valid(fullYear(m[4]!), Number(m[3]), Number(m[1]))
    if (d) out.push({ date: d, text: m[0], index: m.index, words: false })
  }
  for (const m of text.matchAll(/(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d/.-]?\d)/g)) {
    const d = valid(Number(m[1]), Number(m[2]), Number(m[3]))
    if (d) out.push({ date: d, text: m[0], index: m.index, words: false })
  }
  return out.sort((a, b) => a.index - b.index)
}
