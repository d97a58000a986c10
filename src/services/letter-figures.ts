import { serviceText } from './copy.ts'
import { text } from '../copy/translate.ts'
import { compareWithCms } from '../domain/calculation/index.ts'
import type { CalculationInput } from '../domain/calculation/types.ts'
import type { CaseRecord, DecisionRecord } from '../domain/case/index.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { message } from '../domain/shared/message.ts'
import { formatPounds, parsePounds, pence, type Pence } from '../domain/shared/pence.ts'
import { formatDate, parseDate } from '../domain/shared/plain-date.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import { workingsFromSteps, type DisputedFigure, type WorkingStep } from '../documents/index.ts'
import type { LetterChoices } from './letter.service.ts'

// A letter that disputes a decision's figures: the parent's figures beside the decision's.

/** What the decision's figures and yours give: the workings, the disputed figures and the amount it should be. */
export function compareFigures(
  rules: RuleBook,
  c: CaseRecord,
  d: DecisionRecord,
  f: NonNullable<LetterChoices['figures']>,
): { workings: WorkingStep[]; disputed: DisputedFigure[]; outcome: string } | null {
  const given = [f.weeklyIncome, f.nights, f.otherChildren, f.additionalIncomeWeekly].some(
    (x) => x != null && String(x).trim() !== '',
  )
  if (!given) return null
  if (d.weeklyIncomePence === null)
    throw new InvalidInput(
      'decision.weeklyIncome',
      message('services.letter.addTheWeeklyIncome', { letterDate: formatDate(parseDate(d.letterDate)) }),
    )
  const children = Math.max(1, c.children.length)
  const num = (text: string | null | undefined, fallback: number, field: string): number => {
    const t = (text ?? '').trim()
    if (t === '') return fallback
    if (!/^\d{1,3}$/.test(t)) throw new InvalidInput(field, message('services.letter.mustBeAWhole'))
    return Number(t)
  }
  const cmsNights = d.nights ?? 0
  const base = (income: Pence, nights: number, others: number, extra: Pence | null): CalculationInput => ({
    effectiveDate: parseDate(d.effectiveDate ?? d.letterDate),
    income: { grossWeekly: income },
    benefit: 'none',
    nilRateCategory: false,
    relevantOtherChildren: others,
    receivingParents: [
      {
        id: 'receiving-parent',
        children: Array.from({ length: children }, () => ({ nightsPerYear: nights })),
      },
    ],
    ...(extra !== null
      ? { variations: { specialExpensesWeekly: pence(0), additionalIncomeWeekly: extra } }
      : {}),
  })
  const mineIncome = f.weeklyIncome?.trim()
    ? parsePounds(f.weeklyIncome.trim(), 'figures.weeklyIncome')
    : pence(d.weeklyIncomePence)
  const extra = f.additionalIncomeWeekly?.trim()
    ? parsePounds(f.additionalIncomeWeekly.trim(), 'figures.additionalIncomeWeekly')
    : null
  const cmsInput = base(pence(d.weeklyIncomePence), cmsNights, d.otherChildren ?? 0, null)
  const userInput = base(
    mineIncome,
    num(f.nights, cmsNights, 'figures.nights'),
    num(f.otherChildren, d.otherChildren ?? 0, 'figures.otherChildren'),
    extra,
  )
  const cmp = compareWithCms(rules, userInput, {
    ...cmsInput,
    ...(d.weeklyAmountPence !== null ? { statedWeekly: pence(d.weeklyAmountPence) } : {}),
  })
  const disputed: DisputedFigure[] = cmp.differences.map((x) => {
    // The comparison tells its figures as messages; the letter's words are English for now (serviceText).
    const cms = text(x.cms)
    const user = text(x.user)
    const item =
      x.input === 'nights'
        ? serviceText('letter.nightsAYearThe')
        : x.input === 'income'
          ? serviceText('letter.grossWeeklyIncomeOf')
          : x.input === 'variations'
            ? serviceText('letter.additionalIncomeVariation')
            : x.input === 'relevantOtherChildren'
              ? serviceText('letter.relevantOtherChildren')
              : serviceText('letter.anotherFigure')
    const effect =
      x.effect === 0
        ? serviceText('letter.onItsOwnThis')
        : serviceText(x.effect > 0 ? 'letter.onItsOwnRaises' : 'letter.onItsOwnLowers', {
            effect: formatPounds(pence(Math.abs(x.effect))),
            weeklyWithOnlyThisChange: formatPounds(x.weeklyWithOnlyThisChange),
          })
    return {
      item,
      cms: { kind: 'text', text: cms },
      mine: { kind: 'text', text: user },
      why: serviceText('letter.theDecisionUsedFor', {
        cms,
        value: item.charAt(0).toLowerCase(),
        value2: item.slice(1),
        user,
        effect,
      }),
    }
  })
  const amount = formatPounds(cmp.user.value.totalWeekly)
  return {
    workings: workingsFromSteps(cmp.user.steps),
    disputed,
    outcome: serviceText('letter.withTheRightFigures', { amount }),
  }
}
