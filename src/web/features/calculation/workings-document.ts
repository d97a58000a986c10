import type { PlainDate } from '../../../domain/shared/plain-date.ts'
import type { WorkingsDocument, WorkingsFigure } from '../../../documents/workings/model.ts'
import { translate } from '../../i18n.ts'
import type { Answers } from './answers.ts'
import type { Context } from './journey.ts'
import type { ResultView } from './result.ts'
import { cmsRows, yourRows } from './summary.ts'

const t = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(`calculation.${key}`, params))

/** Figures that belong in the printed table (who is asking and whether they compared are said elsewhere). */
const PRINTED = [
  'date',
  'children',
  'nights',
  'otherChildren',
  'benefits',
  'income',
  'variations',
  'collection',
  'stated',
]

/** The sentences under the amount: the rate, each receiving parent's share, fees. */
export function summaryLines(result: ResultView): string[] {
  const lines = [t('result.rateIs', { rate: result.rate })]
  if (result.parents.length > 1)
    for (const p of result.parents) lines.push(t('result.parentShare', { parent: p.label, amount: p.weekly }))
  if (result.collection === 'collectAndPay')
    for (const p of result.parents)
      lines.push(
        result.parents.length > 1
          ? t('result.feesFor', { parent: p.label, pays: p.pays, gets: p.gets })
          : t('result.fees', { pays: p.pays, gets: p.gets }),
      )
  if (result.collection !== 'collectAndPay' && result.parentsIfCollected)
    for (const p of result.parentsIfCollected)
      lines.push(
        result.parents.length > 1
          ? t(`result.feesIfCollectedFor.${result.collection}`, {
              parent: p.label,
              pays: p.pays,
              gets: p.gets,
            })
          : t(`result.feesIfCollected.${result.collection}`, { pays: p.pays, gets: p.gets }),
      )
  return lines
}

/** The workings PDF's content, from the answers and the result the page shows. */
export function workingsDocument(
  a: Answers,
  result: ResultView,
  ctx: Context,
  preparedOn: PlainDate,
): WorkingsDocument {
  const cms = new Map(a.compare === 'yes' ? cmsRows(a, ctx).map((r) => [r.id, r.lines.join('; ')]) : [])
  const yours = yourRows(a, ctx)
  const figures: WorkingsFigure[] = PRINTED.flatMap((id): WorkingsFigure[] => {
    const mine = yours.find((r) => r.id === id)
    const theirs = cms.get(id)
    if (!mine && theirs === undefined) return []
    const label = mine?.label ?? t(`summary.${id}`)
    return [
      {
        label,
        yours: mine ? mine.lines.join('; ') : '',
        ...(a.compare === 'yes' ? { cms: theirs ?? t('summary.sameAsMine') } : {}),
      },
    ]
  })
  const c = result.comparison
  return {
    preparedOn,
    preparedBy: t(`summary.preparedBy.${a.who ?? 'receiving'}`),
    effectiveDate: result.effectiveDate,
    total: result.total,
    summary: summaryLines(result),
    figures,
    steps: result.workings,
    ...(c
      ? {
          comparison: {
            differences: c.differences.map((d) => ({
              what: d.what,
              cms: d.cms,
              user: d.user,
              effect: d.rounding ? `${d.effect} (${t('result.roundingLabel')})` : d.effect,
            })),
            notes: [
              ...(c.same ? [t('result.sameFigures')] : []),
              c.combinedRounding ? `${c.combinedText} ${t('result.roundingNote')}` : c.combinedText,
              ...(c.stated ? [c.stated.text] : []),
            ],
            cmsSteps: c.cmsWorkings,
          },
        }
      : {}),
    assumptions: result.assumptions,
  }
}
