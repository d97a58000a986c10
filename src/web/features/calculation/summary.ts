import { formatPounds } from '../../../domain/shared/pence.ts'
import { formatDate } from '../../../domain/shared/plain-date.ts'
import { translate } from '../../i18n.ts'
import { paths } from '../../paths.ts'
import type { Answers } from './answers.ts'
import { toPence, type Side } from './calculation.schema.ts'
import { weeklyIncome } from './income.ts'
import { childCounts, childLabels, effectiveDate, parentLabel, type Context } from './journey.ts'

const t = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(`calculation.${key}`, params))

/** One answer as shown on check your answers and in the PDF: its label, its lines and where to change it. */
export interface FigureRow {
  readonly id: string
  readonly label: string
  readonly lines: readonly string[]
  readonly href: string
}

/** Where each answer is changed, for each side. */
const CHANGE = {
  yours: {
    children: paths.calculationChildren,
    nights: paths.calculationNights,
    otherChildren: paths.calculationOtherChildren,
    benefits: paths.calculationBenefits,
    income: paths.calculationIncome,
    variations: paths.calculationVariations,
    // Only the CMS states a weekly amount; listed here so both sides have the same keys.
    amount: paths.calculationCmsAmount,
  },
  cms: {
    children: paths.calculationCmsChildren,
    nights: paths.calculationCmsNights,
    otherChildren: paths.calculationCmsOtherChildren,
    benefits: paths.calculationCmsBenefits,
    income: paths.calculationCmsIncome,
    variations: paths.calculationCmsVariations,
    amount: paths.calculationCmsAmount,
  },
} as const

const money = (text: string): string => formatPounds(toPence(text))

const plural = (n: number, one: string, many: string): string => (n === 1 ? t(one, { n }) : t(many, { n }))

function sideRows(a: Answers, side: Side, ctx: Context): FigureRow[] {
  const s = a[side]
  const cms = side === 'cms'
  const href = (name: keyof (typeof CHANGE)['yours']): string => `${CHANGE[side][name]}?from=check`
  const rows: FigureRow[] = []
  const counts = childCounts(a, side)
  rows.push({
    id: 'children',
    label: t('summary.children'),
    lines: counts.map((n, i) =>
      t('summary.childrenWith', {
        parent: parentLabel(a, i),
        children: plural(n, 'summary.oneChild', 'summary.manyChildren'),
      }),
    ),
    href: href('children'),
  })
  const labels = childLabels(a, side)
  rows.push({
    id: 'nights',
    label: t('summary.nights'),
    lines: labels.flatMap((kids, i) =>
      kids.map((label, j) =>
        t('summary.nightsFor', {
          child: label.charAt(0).toUpperCase() + label.slice(1),
          nights: plural(Number(s.nights?.[i]?.[j] ?? 0), 'summary.oneNight', 'summary.manyNights'),
        }),
      ),
    ),
    href: href('nights'),
  })
  const others = Number(s.otherChildren ?? 0)
  rows.push({
    id: 'otherChildren',
    label: t('summary.otherChildren'),
    lines: [others === 0 ? t('summary.none') : String(others)],
    href: href('otherChildren'),
  })
  rows.push({
    id: 'benefits',
    label: t('summary.benefits'),
    lines: [t(`summary.benefit.${s.benefit ?? 'none'}`)],
    href: href('benefits'),
  })
  if (s.income) {
    const w = weeklyIncome(ctx.book, effectiveDate(a, ctx), toPence(s.income.amount), s.income.frequency)
    rows.push({
      id: 'income',
      label: t('summary.income'),
      lines: [
        t(`summary.frequency.${s.income.frequency}`, { amount: money(s.income.amount) }),
        ...(s.income.frequency === 'week' ? [] : [w.how]),
      ],
      href: href('income'),
    })
  }
  const v = s.variations
  const extra = toPence(v?.additionalIncome ?? '')
  const expenses = toPence(v?.specialExpenses ?? '')
  rows.push({
    id: 'variations',
    label: t('summary.variations'),
    lines:
      extra === 0 && expenses === 0
        ? [t('summary.none')]
        : [
            ...(extra > 0 ? [t('summary.additionalIncome', { amount: formatPounds(extra) })] : []),
            ...(expenses > 0 ? [t('summary.specialExpenses', { amount: formatPounds(expenses) })] : []),
          ],
    href: href('variations'),
  })
  if (cms && a.cms.stated !== undefined)
    rows.push({
      id: 'stated',
      label: t('summary.stated'),
      lines: [t('summary.perWeek', { amount: money(a.cms.stated) })],
      href: href('amount'),
    })
  return rows
}

/** The user's answers, in the order asked. */
export function yourRows(a: Answers, ctx: Context): FigureRow[] {
  return [
    {
      id: 'who',
      label: t('summary.who'),
      lines: [t(`summary.whoIs.${a.who ?? 'receiving'}`)],
      href: `${paths.calculationWho}?from=check`,
    },
    {
      id: 'date',
      label: t('summary.date'),
      lines: [formatDate(effectiveDate(a, ctx))],
      href: `${paths.calculationDate}?from=check`,
    },
    ...sideRows(a, 'yours', ctx),
    {
      id: 'collection',
      label: t('summary.collection'),
      lines: [t(`summary.collectionIs.${a.collection ?? 'unknown'}`)],
      href: `${paths.calculationCollection}?from=check`,
    },
    {
      id: 'compare',
      label: t('summary.compare'),
      lines: [t(`summary.compareIs.${a.compare ?? 'no'}`)],
      href: `${paths.calculationCompare}?from=check`,
    },
  ]
}

/** The figures the user says the CMS used. */
export const cmsRows = (a: Answers, ctx: Context): FigureRow[] => sideRows(a, 'cms', ctx)

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Rows for govukSummaryList, with a Change link that names the answer (and whose figures) for screen readers. */
export function summaryListRows(rows: readonly FigureRow[], side: Side = 'yours'): unknown[] {
  return rows.map((r) => ({
    key: { text: r.label },
    value: { html: r.lines.map(escapeHtml).join('<br>') },
    actions: {
      items: [
        {
          href: r.href,
          text: t('summary.change'),
          visuallyHiddenText: side === 'cms' ? t('summary.cmsChange', { label: r.label }) : r.label,
        },
      ],
    },
  }))
}
