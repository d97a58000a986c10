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
  label: string,
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
    `Through Collect and Pay, the paying parent also pays a ${payingParent.text} fee on the ${gbp(weekly)} for ${label} ` +
      `(${gbp(onTop)}): ${gbp(pays)} a week.`,
    cite,
    pays,
  )
  w.add(
    `fees.${id}.receiving`,
    `The CMS keeps a ${receivingParent.text} fee (${gbp(keptBack)}) from what it passes on, so ${label} gets ${gbp(gets)} a week.`,
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
    w.add(
      'fees',
      'Paid by Direct Pay, between the parents: there are no collection fees.',
      p.collectionFees.cite(),
    )
  else if (payingParent.ratio.num === 0n && receivingParent.ratio.num === 0n)
    w.add('fees', `No collection fees were charged on ${p.dateText}.`, p.collectionFees.cite())
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

function announcedText(period: PendingPeriod): string {
  const v = announcedFees(period.value)
  const change = v
    ? `Direct Pay ${v['direct-pay'] === 'removed' ? 'to end, and ' : ''}collection fees of ${v['receiving-parent']} ` +
      `for receiving parents and ${v['paying-parent']} for paying parents who pay on time and in full ` +
      `(${v['paying-parent-not-compliant']} for those who do not)`
    : 'a change to collection fees'
  const when = period.from
    ? `, expected from ${period.from.year} at the earliest`
    : '; no date has been set for it'
  return `The government has announced ${change}${when}. It is not law yet and is not used here.`
}
