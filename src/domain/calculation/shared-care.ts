import { add, pence, sub, ZERO, type Pence } from '../shared/pence.ts'
import { ratio, type Ratio } from '../shared/ratio.ts'
import { apportion } from './apportion.ts'
import { ASSUME } from './assumptions.ts'
import type { Band, Params } from './params.ts'
import { children, gbp, listOf, nights } from './phrases.ts'
import type { ReceivingParent } from './types.ts'
import { oneLess, round, sum, times, type Workings } from './workings.ts'

const ZERO_RATIO: Ratio = { num: 0n, den: 1n }
/** About half the year: where care may be equal (reg 50) and there may be no paying parent. */
const EQUAL_CARE_NIGHTS = 182

/** The shared-care band for a number of nights, if any (para 7(4)). */
export function bandFor(p: Params, n: number): Band | undefined {
  const bands = p.sharedCare.value
  for (let i = bands.length - 1; i >= 0; i--) {
    const b = bands[i]!
    if (n >= b.fromNights && (b.toNights === null || n <= b.toNights)) return b
  }
  return undefined
}

/** "1/14" (in lowest terms), or "nothing". */
function fractionText(r: Ratio): string {
  const { num, den } = ratio(r.num, r.den)
  return num === 0n ? 'nothing' : `${num}/${den}`
}

/**
 * Para 7(5) and (6) for one receiving parent: the share is reduced by the average of the
 * children's shared-care fractions, then by £7 for each child at 175 nights or more.
 */
export function sharedCareFor(
  p: Params,
  parent: ReceivingParent,
  share: Pence,
  label: string,
  w: Workings,
): Pence {
  const kids = parent.children
  let total = ZERO_RATIO
  let any = false
  let atTop = 0
  for (const child of kids) {
    const band = bandFor(p, child.nightsPerYear)
    if (band) {
      total = sum(total, band.reduction)
      any = true
    }
    if (child.nightsPerYear >= p.sharedCareExtra.value.fromNights) atTop += 1
    if (child.nightsPerYear >= EQUAL_CARE_NIGHTS) w.assume(ASSUME.equalCare)
  }
  if (!any) return share
  w.assume(ASSUME.sharedCareText)
  const average: Ratio = { num: total.num, den: total.den * BigInt(kids.length) }
  const after = round(times(share, oneLess(average)))
  const list = listOf(kids.map((c) => String(c.nightsPerYear)))
  const text =
    kids.length === 1
      ? `The paying parent has ${label}'s child overnight ${nights(kids[0]!.nightsPerYear)} a year, which takes ` +
        `${fractionText(average)} off: ${gbp(share)} becomes ${gbp(after.value)}.`
      : `The paying parent has ${label}'s ${children(kids.length)} overnight ${list} nights a year; the average ` +
        `shared-care reduction across them is ${fractionText(average)}, so ${gbp(share)} becomes ${gbp(after.value)}.`
  w.add(`shared-care.${parent.id}`, text, p.sharedCare.cite('Schedule 1, paragraph 7(4) and (5)'), after)
  if (atTop === 0) return after.value

  const per = p.sharedCareExtra.value.perChild
  const off = pence(per * atTop)
  let left = sub(after.value, off)
  if (left < 0) {
    left = ZERO
    w.assume(ASSUME.sharedCareNotBelowNil(per))
  }
  w.add(
    `shared-care.${parent.id}.extra`,
    `A further ${gbp(per)} comes off for each child who stays ${p.sharedCareExtra.value.fromNights} nights or more ` +
      `(${children(atTop)}, ${gbp(off)}): ${gbp(left)}.`,
    p.sharedCareExtra.cite(),
    left,
  )
  return left
}

/**
 * Para 7(7): after shared care the paying parent pays at least the minimum, split per child
 * (para 6). Returns `shares` itself when the total is already at or above the minimum.
 */
export function applyMinimum(
  p: Params,
  parents: readonly ReceivingParent[],
  shares: readonly Pence[],
  w: Workings,
): readonly Pence[] {
  const minimum = p.sharedCareMinimum.value
  const total = add(...shares)
  if (total >= minimum) return shares
  const split = apportion(
    minimum,
    parents.map((x) => x.children.length),
  )
  w.assume(ASSUME.minimumAcrossAll)
  const each =
    parents.length > 1
      ? ` It is split per child: ${parents.map((x, i) => `${x.id} ${gbp(split[i]!)}`).join(', ')}.`
      : ''
  w.add(
    'shared-care.minimum',
    `After shared care the total would be ${gbp(total)}, below the minimum of ${gbp(minimum)} a week, so ` +
      `${gbp(minimum)} is payable.${each}`,
    p.sharedCareMinimum.cite(),
    minimum,
  )
  return split
}

/** Para 8: flat rate because of a benefit, and 52 or more nights with any of a parent's children: nil. */
export function benefitSharedCare(
  p: Params,
  parent: ReceivingParent,
  share: Pence,
  label: string,
  w: Workings,
): Pence {
  const from = p.sharedCareBenefits.value
  if (!parent.children.some((c) => c.nightsPerYear >= from)) return share
  const whose = parent.children.length === 1 ? `${label}'s child` : `one of ${label}'s children`
  w.add(
    `shared-care.${parent.id}`,
    `The flat rate applies because of a benefit, and the paying parent has ${whose} overnight ${from} nights a ` +
      `year or more, so nothing is payable to ${label} (instead of ${gbp(share)}).`,
    p.sharedCareBenefits.cite(),
    ZERO,
  )
  return ZERO
}
