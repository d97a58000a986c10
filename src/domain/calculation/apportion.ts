import { pence, type Pence } from '../shared/pence.ts'

/**
 * Splits `total` pence in proportion to `weights` (children per receiving parent), so that the
 * shares add up exactly to the total: each share is rounded down, then the pennies left over go
 * to the largest remainders (the earlier share first on a tie). Where rounding each share to the
 * nearest penny already adds up, this gives the same shares.
 */
export function apportion(total: Pence, weights: readonly number[]): Pence[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0 || weights.some((x) => !Number.isSafeInteger(x) || x < 0))
    throw new RangeError('apportion needs whole, non-negative weights that are not all nil')
  if (weights.length === 1) return [total]
  const parts = weights.map((x, i) => {
    const whole = total * x
    const rem = whole % sum
    return { i, rem, share: (whole - rem) / sum }
  })
  const shares = parts.map((x) => x.share)
  let left = total - shares.reduce((a, b) => a + b, 0)
  const byRemainder = parts.sort((a, b) => b.rem - a.rem || a.i - b.i)
  for (const { i } of byRemainder) {
    if (left <= 0) break
    shares[i]! += 1
    left -= 1
  }
  return shares.map((s) => pence(s))
}
