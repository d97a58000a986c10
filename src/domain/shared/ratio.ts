import { pence, type Pence } from './pence.ts'

/** An exact fraction of two integers (denominator > 0), for 1/7, 12%, 52/365 and the like. */
export interface Ratio {
  readonly num: bigint
  readonly den: bigint
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a
  b = b < 0n ? -b : b
  while (b) [a, b] = [b, a % b]
  return a
}

export function ratio(num: bigint | number, den: bigint | number = 1n): Ratio {
  let n = BigInt(num)
  let d = BigInt(den)
  if (d === 0n) throw new RangeError('Zero denominator')
  if (d < 0n) [n, d] = [-n, -d]
  const g = gcd(n, d) || 1n
  return { num: n / g, den: d / g }
}

export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.num, a.den * b.den)
export const plus = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den + b.num * a.den, a.den * b.den)
export const minus = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den - b.num * a.den, a.den * b.den)
export const div = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den, a.den * b.num)
export const compare = (a: Ratio, b: Ratio): number => {
  const l = a.num * b.den
  const r = b.num * a.den
  return l < r ? -1 : l > r ? 1 : 0
}
export const ofPence = (p: Pence): Ratio => ratio(BigInt(p))

export type Rounding = 'half-up' | 'down' | 'up'

/** Rounds a ratio of pence to whole pence. half-up rounds 0.5p away from zero. */
export function roundPence(r: Ratio, mode: Rounding = 'half-up'): Pence {
  const { num, den } = r
  const neg = num < 0n
  const a = neg ? -num : num
  let q = a / den
  const rem = a % den
  if (mode === 'half-up' && rem * 2n >= den) q += 1n
  if (mode === 'up' && rem > 0n) q += 1n
  if (mode === 'down' && neg && rem > 0n) q += 1n
  return pence(Number(neg ? -q : q))
}

/** Parses "12%" or "12.5%" into an exact ratio. */
export function parsePercent(text: string): Ratio {
  const m = /^(\d+)(?:\.(\d+))?%$/.exec(text.trim())
  if (!m) throw new RangeError(`Not a percentage: ${text}`)
  const frac = m[2] ?? ''
  return ratio(BigInt((m[1] ?? '0') + frac), 100n * 10n ** BigInt(frac.length))
}

/** Parses "1/7" or "3" into an exact ratio. */
export function parseFraction(text: string): Ratio {
  const m = /^(\d+)(?:\/(\d+))?$/.exec(text.trim())
  if (!m) throw new RangeError(`Not a fraction: ${text}`)
  return ratio(BigInt(m[1] ?? '0'), BigInt(m[2] ?? '1'))
}

/** A decimal rendering for workings, e.g. 0.142857… to `places` places (not for arithmetic). */
export function ratioToDecimal(r: Ratio, places = 6): string {
  const scale = 10n ** BigInt(places)
  const neg = r.num < 0n
  const scaled = ((neg ? -r.num : r.num) * scale) / r.den
  const s = scaled.toString().padStart(places + 1, '0')
  const out = `${s.slice(0, -places)}.${s.slice(-places)}`.replace(/\.?0+$/, '')
  return (neg ? '-' : '') + out
}
