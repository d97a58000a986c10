import { InvalidInput, domainProblem } from './errors.ts'

declare const penceBrand: unique symbol
/** A whole number of pence. Money never leaves integer pence inside the domain. */
export type Pence = number & { readonly [penceBrand]: 'Pence' }

export function pence(n: number): Pence {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of pence: ${n}`)
  return n as Pence
}

export const ZERO = pence(0)

export const add = (...xs: Pence[]): Pence => pence(xs.reduce((a, b) => a + b, 0))
export const sub = (a: Pence, b: Pence): Pence => pence(a - b)
export const min = (a: Pence, b: Pence): Pence => (a <= b ? a : b)
export const max = (a: Pence, b: Pence): Pence => (a >= b ? a : b)

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,2}))?$/

/**
 * Parses "575.34", "575.3", "575", "£1,234.56" into pence. Refuses negatives, more than
 * two decimal places and anything that is not a plain amount, naming `field`.
 */
export function parsePounds(text: string, field = 'amount'): Pence {
  const cleaned = text
    .trim()
    .replace(/^£/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '')
  const m = DECIMAL.exec(cleaned)
  if (!m) throw new InvalidInput(field, domainProblem('shared.notMoney', { text }))
  const pounds = Number(m[1])
  const frac = (m[2] ?? '').padEnd(2, '0')
  return pence(pounds * 100 + Number(frac))
}

/** "57534" pence -> "575.34" (no symbol, no separators): the machine format. */
export function toDecimal(p: Pence): string {
  const sign = p < 0 ? '-' : ''
  const abs = Math.abs(p)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** "£1,234.56": the human format. */
export function formatPounds(p: Pence): string {
  const sign = p < 0 ? '-' : ''
  const abs = Math.abs(p)
  const whole = String(Math.floor(abs / 100))
  const pounds = whole.length <= 3 ? whole : whole.replace(/\B(?=(\d{3})+$)/g, ',')
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`
}
