import { message, type Message, type MessageParam } from '../shared/message.ts'
import { add, pence, sub, ZERO, type Pence } from '../shared/pence.ts'
import { ratio, type Ratio } from '../shared/ratio.ts'
import { apportion } from './apportion.ts'
import { ASSUME } from './assumptions.ts'
import type { Band, Params } from './params.ts'
import {
  childrenMessage,
  gbp,
  listMessage,
  nightsMessage,
  numberMessage,
  share as shareOf,
} from './phrases.ts'
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

/** "1/14" (in lowest terms: a figure), or "nothing" (a message). */
function fractionText(r: Ratio): MessageParam {
  const { num, den } = ratio(r.num, r.den)
  return num === 0n ? message('calculationSteps.phrase.nothing') : `${num}/${den}`
}

/**
 * Para 7(5) and (6) for one receiving parent: the share is reduced by the average of the
 * children's shared-care fractions, then by £7 for each child at 175 nights or more.
 */
export function sharedCareFor(
  p: Params,
  parent: ReceivingParent,
  share: Pence,
  label: Message,
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
  const text =
    kids.length === 1
      ? message('calculationSteps.sharedCare.oneChild', {
          parent: label,
          nights: nightsMessage(kids[0]!.nightsPerYear),
          fraction: fractionText(average),
          share: gbp(share),
          after: gbp(after.value),
        })
      : message('calculationSteps.sharedCare.children', {
          parent: label,
          children: childrenMessage(kids.length),
          nights: listMessage(kids.map((c) => numberMessage(c.nightsPerYear))),
          fraction: fractionText(average),
          share: gbp(share),
          after: gbp(after.value),
        })
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
    message('calculationSteps.sharedCare.extra', {
      perChild: gbp(per),
      from: p.sharedCareExtra.value.fromNights,
      children: childrenMessage(atTop),
      off: gbp(off),
      left: gbp(left),
    }),
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
  w.add(
    'shared-care.minimum',
    message(
      parents.length > 1 ? 'calculationSteps.sharedCare.minimumSplit' : 'calculationSteps.sharedCare.minimum',
      {
        total: gbp(total),
        minimum: gbp(minimum),
        shares: parents.map((x, i) => shareOf(x.id, split[i]!)),
      },
    ),
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
  label: Message,
  w: Workings,
): Pence {
  const from = p.sharedCareBenefits.value
  if (!parent.children.some((c) => c.nightsPerYear >= from)) return share
  w.add(
    `shared-care.${parent.id}`,
    message(
      parent.children.length === 1
        ? 'calculationSteps.sharedCare.benefitOneChild'
        : 'calculationSteps.sharedCare.benefitChildren',
      { parent: label, from, share: gbp(share) },
    ),
    p.sharedCareBenefits.cite(),
    ZERO,
  )
  return ZERO
}
