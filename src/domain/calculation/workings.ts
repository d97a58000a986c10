import type { Pence } from '../shared/pence.ts'
import { ratio, ratioToDecimal, roundPence, type Ratio } from '../shared/ratio.ts'
import type { Message } from '../shared/message.ts'
import type { Citation, Step, Traced } from '../shared/traced.ts'

/** A figure rounded to the penny, with the exact figure in pounds where rounding changed it. */
export interface Rounded {
  readonly value: Pence
  readonly unrounded?: string
}

const PLACES = 6
const SCALE = 10n ** BigInt(PLACES)
/** Pence × 10^4 = pounds × 10^6: below this numerator, Number arithmetic on whole numbers stays exact. */
const SAFE_NUM = BigInt(Math.floor(Number.MAX_SAFE_INTEGER / 10_000))
const SAFE_DEN = 2n ** 31n

/** The exact pence `r` as pounds to 6 places, with "…" if cut short: "575.342465…". */
function unroundedPounds(r: Ratio): string {
  const neg = r.num < 0n
  const num = neg ? -r.num : r.num
  if (num > SAFE_NUM || r.den > SAFE_DEN) {
    const pounds = ratio(r.num, r.den * 100n)
    return `${ratioToDecimal(pounds, PLACES)}${(pounds.num * SCALE) % pounds.den !== 0n ? '…' : ''}`
  }
  // Whole numbers only: a = r × 10^4 exactly, split with remainders (no fractional floats).
  const a = Number(num) * 10_000
  const d = Number(r.den)
  const rest = a % d
  const micro = (a - rest) / d
  const frac = micro % 1_000_000
  const whole = (micro - frac) / 1_000_000
  const digits = String(frac).padStart(PLACES, '0').replace(/0+$/, '')
  return `${neg ? '-' : ''}${whole}${digits ? `.${digits}` : ''}${rest !== 0 ? '…' : ''}`
}

/** Rounds an exact number of pence to the nearest penny (half up, see calculation.rounding). */
export function round(exactPence: Ratio): Rounded {
  const value = roundPence(exactPence, 'half-up')
  return exactPence.num % exactPence.den === 0n
    ? { value }
    : { value, unrounded: unroundedPounds(exactPence) }
}

/*
 * Hot-path arithmetic on Ratio without reducing to lowest terms (ratio.ts reduces with a bigint
 * gcd on every operation). The results are exact and only rounded or shown, never compared by value.
 */

/** `a + b`, exactly. */
export const sum = (a: Ratio, b: Ratio): Ratio =>
  a.den === b.den
    ? { num: a.num + b.num, den: a.den }
    : { num: a.num * b.den + b.num * a.den, den: a.den * b.den }

/** `1 − r`, exactly. */
export const oneLess = (r: Ratio): Ratio => ({ num: r.den - r.num, den: r.den })

/** `amount × fraction`, exactly, in pence. */
export const times = (amount: Pence, fraction: Ratio): Ratio => ({
  num: BigInt(amount) * fraction.num,
  den: fraction.den,
})

/**
 * Collects the steps and assumptions of one calculation, in order, without duplicate assumptions.
 * `W` is how a step is told: a `Message` (its words are in the locale files).
 */
export class Workings<W = Message> {
  private readonly steps: Step<W>[] = []
  private readonly assumptions: Message[] = []
  private readonly assumed = new Set<string>()

  add(key: string, text: W, cite: Citation, figure?: Pence | Rounded): void {
    if (figure === undefined) this.steps.push({ key, text, cite })
    else if (typeof figure === 'number') this.steps.push({ key, text, amount: figure, cite })
    else if (figure.unrounded === undefined) this.steps.push({ key, text, amount: figure.value, cite })
    else this.steps.push({ key, text, amount: figure.value, unrounded: figure.unrounded, cite })
  }

  /** Notes a point the law does not confirm (once, however often it is met). */
  assume(note: Message): void {
    const id = note.params ? `${note.key}\u0000${JSON.stringify(note.params)}` : note.key
    if (this.assumed.has(id)) return
    this.assumed.add(id)
    this.assumptions.push(note)
  }

  done<T>(value: T): Traced<T, Message, W> {
    return { value, steps: this.steps, assumptions: this.assumptions }
  }
}
