import { CALCULATION_RULES } from '../../../domain/calculation/index.ts'
import { paramsAt } from '../../../domain/calculation/params.ts'
import { DomainError } from '../../../domain/shared/errors.ts'
import { formatPounds } from '../../../domain/shared/pence.ts'
import { formatDate, isBefore, type PlainDate } from '../../../domain/shared/plain-date.ts'
import type { RuleBook } from '../../../domain/shared/rule-book.ts'
import { translate } from '../../i18n.ts'
import { paths } from '../../paths.ts'
import { fieldError } from '../../forms/index.ts'
import type { Answers, SideAnswers } from './answers.ts'
import {
  benefitForm,
  check,
  checkCmsChildren,
  checkDate,
  checkNights,
  checkParents,
  collectionForm,
  compareForm,
  incomeForm,
  letterFor,
  MAX_CHILDREN,
  MAX_RECEIVING_PARENTS,
  otherChildrenForm,
  parentRows,
  statedForm,
  variationsForm,
  whoForm,
  type Checked,
  type FormValues,
  type Side,
} from './calculation.schema.ts'

/** What a page needs besides the answers: the rules, and today's date in Europe/London. */
export interface Context {
  readonly book: RuleBook
  readonly today: PlainDate
}

type Save = (a: Answers) => Answers

/** One question page of the journey. */
export interface Page {
  readonly id: string
  readonly path: string
  /** Template under features/, e.g. "calculation/income.njk". */
  readonly template: string
  readonly side?: Side
  /** Where its copy is in the locale, under "calculation.": "who", "income.cms", … */
  readonly copy: string
  /** Whether the journey asks this question, given the answers so far. */
  applies(a: Answers): boolean
  answered(a: Answers): boolean
  /** The form's values from the answers (or the defaults, such as today's date). */
  values(a: Answers, ctx: Context): FormValues
  /** Checks posted values; on success, how to store them. */
  check(values: FormValues, a: Answers, ctx: Context): Checked<Save>
  /** Anything else the template needs: labels, the shared-care bands, what the user said before. */
  view?(a: Answers, ctx: Context, values: FormValues): Record<string, unknown>
}

const t = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(`calculation.${key}`, params))

const map = <T, U>(r: Checked<T>, f: (v: T) => U): Checked<U> => (r.ok ? { ok: true, value: f(r.value) } : r)

const always = (): boolean => true
const comparing = (a: Answers): boolean => a.compare === 'yes'

const withSide =
  (side: Side, change: Partial<SideAnswers & { stated: string }>): Save =>
  (a) => ({ ...a, [side]: { ...a[side], ...change } })

/** The effective date answered, if it is a real date, else today. */
export function effectiveDate(a: Answers, ctx: Context): PlainDate {
  if (!a.date) return ctx.today
  const r = checkDate({ 'date-day': a.date.day, 'date-month': a.date.month, 'date-year': a.date.year })
  return r.ok ? r.date : ctx.today
}

/** The number of children counted for each receiving parent on one side (0 where not a whole number). */
export function childCounts(a: Answers, side: Side): number[] {
  const parents = a.parents?.length ?? 0
  return Array.from({ length: parents }, (_, i) => {
    const text = a[side].children?.[i] ?? ''
    return /^\d+$/.test(text.trim()) ? Math.min(Number(text), MAX_CHILDREN) : 0
  })
}

/** "Amira", or "Receiving parent A" when no name was given. */
export function parentLabel(a: Answers, i: number): string {
  const name = a.parents?.[i]?.name.trim()
  return name ? name : t('parentLetter', { letter: letterFor(i) })
}

/** How each child is named on the nights page and in its errors: "child 1", or "child 1 of Amira". */
export function childLabels(a: Answers, side: Side): string[][] {
  const counts = childCounts(a, side)
  return counts.map((n, i) =>
    Array.from({ length: n }, (_, j) =>
      counts.length === 1
        ? t('childN', { n: j + 1 })
        : t('childNOf', { n: j + 1, parent: parentLabel(a, i) }),
    ),
  )
}

/** The shared-care bands in force on the effective date, in plain words, from the rule book. */
export function bandRows(a: Answers, ctx: Context): { nights: string; effect: string }[] {
  const p = paramsAt(ctx.book, effectiveDate(a, ctx))
  const bands = p.sharedCare.value
  const extra = p.sharedCareExtra.value
  const fraction = (text: string): string => {
    const words = translate('calculation.bands.fractions') as Record<string, string>
    return words[text] ?? text
  }
  const first = bands[0]
  return [
    ...(first ? [{ nights: t('bands.fewer', { n: first.fromNights }), effect: t('bands.none') }] : []),
    ...bands.map((b) => ({
      nights:
        b.toNights === null
          ? t('bands.orMore', { from: b.fromNights })
          : t('bands.range', { from: b.fromNights, to: b.toNights }),
      effect:
        b.fromNights >= extra.fromNights
          ? t('bands.effectExtra', { fraction: fraction(b.text), extra: formatPounds(extra.perChild) })
          : t('bands.effect', { fraction: fraction(b.text) }),
    })),
  ]
}

function dateCheck(values: FormValues, ctx: Context): Checked<Save> {
  const r = checkDate(values)
  if (!r.ok) return r
  const start = ctx.book.rule(CALCULATION_RULES.scheme).periods[0]?.from
  const wrong = (key: string, params: Record<string, string>) => ({
    ok: false as const,
    errors: [fieldError('date-day', t(`errors.date.${key}`, params))],
    parts: ['day', 'month', 'year'],
  })
  if (start && isBefore(r.date, start)) return wrong('beforeScheme', { start: formatDate(start) })
  try {
    paramsAt(ctx.book, r.date)
  } catch (error) {
    if (error instanceof DomainError) return wrong('noRules', { date: formatDate(r.date) })
    throw error
  }
  return { ok: true, value: (a) => ({ ...a, date: r.value }) }
}

const SIDE_PATHS = {
  yours: {
    nights: paths.calculationNights,
    otherChildren: paths.calculationOtherChildren,
    benefits: paths.calculationBenefits,
    income: paths.calculationIncome,
    variations: paths.calculationVariations,
  },
  cms: {
    nights: paths.calculationCmsNights,
    otherChildren: paths.calculationCmsOtherChildren,
    benefits: paths.calculationCmsBenefits,
    income: paths.calculationCmsIncome,
    variations: paths.calculationCmsVariations,
  },
} as const

type SidePage = keyof (typeof SIDE_PATHS)['yours']

/** The questions asked for both sides: the user's figures, then the CMS's. */
function sidePages(side: Side): Record<SidePage, Page> {
  const applies = side === 'cms' ? comparing : always
  const base = (name: SidePage, template: string) => ({
    id: side === 'cms' ? `cms-${name}` : name,
    path: SIDE_PATHS[side][name],
    template: `calculation/${template}.njk`,
    copy: `${name}.${side}`,
    side,
    applies,
  })
  return {
    nights: {
      ...base('nights', 'nights'),
      answered: (a) => a[side].nights !== undefined,
      values: (a) => {
        const out: Record<string, string> = {}
        childCounts(a, side).forEach((n, i) => {
          for (let j = 0; j < n; j++) out[`nights-${i}-${j}`] = a[side].nights?.[i]?.[j] ?? ''
        })
        return out
      },
      check: (values, a) =>
        map(checkNights(values, childLabels(a, side)), (nights) => withSide(side, { nights })),
      view: (a, ctx) => ({
        groups: childLabels(a, side).map((kids, i) => ({
          label: parentLabel(a, i),
          children: kids.map((label, j) => ({
            id: `nights-${i}-${j}`,
            label: label.charAt(0).toUpperCase() + label.slice(1),
            yours: side === 'cms' ? a.yours.nights?.[i]?.[j] : undefined,
          })),
        })),
        bands: bandRows(a, ctx),
      }),
    },
    otherChildren: {
      ...base('otherChildren', 'other-children'),
      answered: (a) => a[side].otherChildren !== undefined,
      values: (a) => ({ otherChildren: a[side].otherChildren ?? '' }),
      check: (values) =>
        map(check(otherChildrenForm(side), values), (v) =>
          withSide(side, { otherChildren: v.otherChildren }),
        ),
      view: (a) => ({ yours: side === 'cms' ? a.yours.otherChildren : undefined }),
    },
    benefits: {
      ...base('benefits', 'benefits'),
      answered: (a) => a[side].benefit !== undefined,
      values: (a) => ({ benefit: a[side].benefit ?? '' }),
      check: (values) => map(check(benefitForm(side), values), (v) => withSide(side, { benefit: v.benefit })),
    },
    income: {
      ...base('income', 'income'),
      answered: (a) => a[side].income !== undefined,
      values: (a) => ({ amount: a[side].income?.amount ?? '', frequency: a[side].income?.frequency ?? '' }),
      check: (values) => map(check(incomeForm(side), values), (income) => withSide(side, { income })),
    },
    variations: {
      ...base('variations', 'variations'),
      answered: (a) => a[side].variations !== undefined,
      values: (a) => ({
        additionalIncome: a[side].variations?.additionalIncome ?? '',
        specialExpenses: a[side].variations?.specialExpenses ?? '',
      }),
      check: (values) => map(check(variationsForm(), values), (variations) => withSide(side, { variations })),
      view: (a, ctx) => {
        const p = paramsAt(ctx.book, effectiveDate(a, ctx))
        return {
          unearnedThreshold: formatPounds(p.additionalIncome.value),
          expensesThreshold: formatPounds(p.specialExpenses.value),
        }
      },
    },
  }
}

const yours = sidePages('yours')
const cms = sidePages('cms')

/** Every question, in the order asked. */
export const PAGES: readonly Page[] = [
  {
    id: 'who',
    path: paths.calculationWho,
    template: 'calculation/who.njk',
    copy: 'who',
    applies: always,
    answered: (a) => a.who !== undefined,
    values: (a) => ({ who: a.who ?? '' }),
    check: (values) => map(check(whoForm(), values), (v) => (a: Answers) => ({ ...a, who: v.who })),
  },
  {
    id: 'date',
    path: paths.calculationDate,
    template: 'calculation/date.njk',
    copy: 'date',
    applies: always,
    answered: (a) => a.date !== undefined,
    values: (a, ctx) => {
      const d = a.date ?? {
        day: String(ctx.today.day),
        month: String(ctx.today.month),
        year: String(ctx.today.year),
      }
      return { 'date-day': d.day, 'date-month': d.month, 'date-year': d.year }
    },
    check: (values, a, ctx) => dateCheck(values, ctx),
    view: (a, ctx) => ({ defaulted: a.date === undefined, today: formatDate(ctx.today) }),
  },
  {
    id: 'children',
    path: paths.calculationChildren,
    template: 'calculation/children.njk',
    copy: 'children',
    applies: always,
    answered: (a) => a.parents !== undefined,
    values: (a) => {
      const out: Record<string, string> = {}
      const rows = a.parents && a.parents.length > 0 ? a.parents : [{ name: '', children: '' }]
      rows.forEach((row, i) => {
        out[`parent-${i}-name`] = row.name
        out[`parent-${i}-children`] = a.yours.children?.[i] ?? row.children
      })
      return out
    },
    check: (values) =>
      map(checkParents(parentRows(values)), (rows) => (a: Answers) => ({
        ...a,
        parents: rows,
        yours: { ...a.yours, children: rows.map((r) => r.children) },
      })),
    view: (a, ctx, values) => {
      const rows = parentRows(values)
      return {
        rows: rows.map((_, i) => ({ letter: letterFor(i) })),
        canAdd: rows.length < MAX_RECEIVING_PARENTS,
      }
    },
  },
  yours.nights,
  yours.otherChildren,
  yours.benefits,
  yours.income,
  yours.variations,
  {
    id: 'collection',
    path: paths.calculationCollection,
    template: 'calculation/collection.njk',
    copy: 'collection',
    applies: always,
    answered: (a) => a.collection !== undefined,
    values: (a) => ({ collection: a.collection ?? '' }),
    check: (values) =>
      map(check(collectionForm(), values), (v) => (a: Answers) => ({ ...a, collection: v.collection })),
  },
  {
    id: 'compare',
    path: paths.calculationCompare,
    template: 'calculation/compare.njk',
    copy: 'compare',
    applies: always,
    answered: (a) => a.compare !== undefined,
    values: (a) => ({ compare: a.compare ?? '' }),
    check: (values) =>
      map(check(compareForm(), values), (v) => (a: Answers) => ({ ...a, compare: v.compare })),
  },
  {
    id: 'cms-children',
    path: paths.calculationCmsChildren,
    template: 'calculation/cms-children.njk',
    copy: 'cmsChildren',
    side: 'cms',
    applies: comparing,
    answered: (a) => a.cms.children !== undefined,
    values: (a) => {
      const out: Record<string, string> = {}
      for (let i = 0; i < (a.parents?.length ?? 0); i++) out[`cms-children-${i}`] = a.cms.children?.[i] ?? ''
      return out
    },
    check: (values, a) =>
      map(
        checkCmsChildren(
          values,
          (a.parents ?? []).map((_, i) => parentLabel(a, i)),
        ),
        (children) => withSide('cms', { children }),
      ),
    view: (a) => ({
      rows: (a.parents ?? []).map((_, i) => ({
        id: `cms-children-${i}`,
        label: parentLabel(a, i),
        yours: a.yours.children?.[i],
      })),
    }),
  },
  cms.nights,
  cms.otherChildren,
  cms.benefits,
  cms.income,
  cms.variations,
  {
    id: 'cms-amount',
    path: paths.calculationCmsAmount,
    template: 'calculation/amount.njk',
    copy: 'amount',
    side: 'cms',
    applies: comparing,
    answered: (a) => a.cms.stated !== undefined,
    values: (a) => ({ stated: a.cms.stated ?? '' }),
    check: (values) => map(check(statedForm(), values), (v) => withSide('cms', { stated: v.stated })),
  },
]

/** Whether a page's stored answer is there and still valid (earlier answers may have changed). */
export function isComplete(page: Page, a: Answers, ctx: Context): boolean {
  if (!page.applies(a)) return true
  return page.answered(a) && page.check(page.values(a, ctx), a, ctx).ok
}

/** The first question still to answer (or to answer again), if any. */
export const firstIncomplete = (a: Answers, ctx: Context): Page | undefined =>
  PAGES.find((p) => !isComplete(p, a, ctx))

/** Where to go after saving `page`: on to the next question, or back to check your answers. */
export function nextPath(a: Answers, page: Page, fromCheck: boolean, ctx: Context): string {
  if (fromCheck) {
    const gap = firstIncomplete(a, ctx)
    return gap ? `${gap.path}?from=check` : paths.calculationCheck
  }
  const after = PAGES.slice(PAGES.indexOf(page) + 1).find((p) => p.applies(a))
  return after?.path ?? paths.calculationCheck
}

/** Where the back link goes: the previous question asked, the start page, or check your answers. */
export function backPath(a: Answers, page: Page, fromCheck: boolean): string {
  if (fromCheck) return paths.calculationCheck
  const before = PAGES.slice(0, PAGES.indexOf(page))
    .reverse()
    .find((p) => p.applies(a))
  return before?.path ?? paths.calculation
}

/** May this page be shown yet? Only once every earlier question is answered. */
export function reachable(a: Answers, page: Page, ctx: Context): Page | undefined {
  const gap = firstIncomplete(a, ctx)
  return gap && PAGES.indexOf(gap) < PAGES.indexOf(page) ? gap : undefined
}
