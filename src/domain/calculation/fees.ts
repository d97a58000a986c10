import { message, type Message } from '../shared/message.ts'
import { add, sub, type Pence } from '../shared/pence.ts'
import type { PendingPeriod } from '../shared/rule-book.ts'
import type { Citation } from '../shared/traced.ts'
import { ASSUME } from './assumptions.ts'
import type { Params } from './params.ts'
import { gbp } from './phrases.ts'
import { RULE } from './rule-ids.ts'
import type { Collection } from './types.ts'
import { round, times, type Workings } from './workings.ts'

export interface AfterFees {
  readonly payerPaysWithFees: Pence
  readonly receiverGetsAfterFees: Pence
}

/** Collect and Pay fees for one receiving parent's weekly amount (SI 2014/612 reg 7). */
export function withFees(
  p: Params,
  id: string,
  weekly: Pence,
  collection: Collection | undefined,
  label: Message,
  w: Workings,
): AfterFees {
  if (collection !== 'collectAndPay' || weekly === 0)
    return { payerPaysWithFees: weekly, receiverGetsAfterFees: weekly }
  const { payingParent, receivingParent } = p.collectionFees.value
  if (payingParent.ratio.num === 0n && receivingParent.ratio.num === 0n)
    return { payerPaysWithFees: weekly, receiverGetsAfterFees: weekly }
  w.assume(ASSUME.feesWeekly)
  const onTop = round(times(weekly, payingParent.ratio)).value
  const keptBack = round(times(weekly, receivingParent.ratio)).value
  const pays = add(weekly, onTop)
  const gets = sub(weekly, keptBack)
  const cite = p.collectionFees.cite()
  w.add(
    `fees.${id}.paying`,
    message('calculationSteps.fees.paying', {
      percent: payingParent.text,
      weekly: gbp(weekly),
      parent: label,
      fee: gbp(onTop),
      pays: gbp(pays),
    }),
    cite,
    pays,
  )
  w.add(
    `fees.${id}.receiving`,
    message('calculationSteps.fees.receiving', {
      percent: receivingParent.text,
      fee: gbp(keptBack),
      parent: label,
      gets: gbp(gets),
    }),
    cite,
    gets,
  )
  return { payerPaysWithFees: pays, receiverGetsAfterFees: gets }
}

const announcedCite = (period: PendingPeriod): Citation => ({
  ruleId: RULE.collectionFees,
  instrument: period.source.instrument,
  provision: period.source.provision,
  url: period.source.url,
  confidence: period.confidence,
})

/** How the money is paid, and any announced (not in force) change to it: shown, never applied. */
export function collectionSteps(p: Params, collection: Collection | undefined, w: Workings): void {
  if (collection === undefined) return
  const { payingParent, receivingParent } = p.collectionFees.value
  if (collection === 'direct')
    w.add('fees', message('calculationSteps.fees.directPay'), p.collectionFees.cite())
  else if (payingParent.ratio.num === 0n && receivingParent.ratio.num === 0n)
    w.add('fees', message('calculationSteps.fees.none', { date: p.dateText }), p.collectionFees.cite())
  for (const period of p.feesAnnounced) w.add('fees.announced', announcedText(period), announcedCite(period))
}

const ANNOUNCED_FIELDS = [
  'direct-pay',
  'paying-parent',
  'paying-parent-not-compliant',
  'receiving-parent',
] as const
type AnnouncedFees = Record<(typeof ANNOUNCED_FIELDS)[number], string>

/** An announced change's value, when it has every field the step names (each as text). */
function announcedFees(value: unknown): AnnouncedFees | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const v = value as Record<string, unknown>
  return ANNOUNCED_FIELDS.every((k) => typeof v[k] === 'string') ? (v as AnnouncedFees) : undefined
}

function announcedText(period: PendingPeriod): Message {
  const v = announcedFees(period.value)
  const change = v
    ? message(
        v['direct-pay'] === 'removed'
          ? 'calculationSteps.fees.announcedChange.directPayEnds'
          : 'calculationSteps.fees.announcedChange.fees',
        {
          receiving: v['receiving-parent'],
          paying: v['paying-parent'],
          notCompliant: v['paying-parent-not-compliant'],
        },
      )
    : message('calculationSteps.fees.announcedChange.unknown')
  return period.from
    ? message('calculationSteps.fees.announced.expected', { change, year: period.from.year })
    : message('calculationSteps.fees.announced.undated', { change })
}
