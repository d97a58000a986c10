import { describe, expect, it } from 'vitest'
import { text } from '../../copy/translate.ts'
import { rules } from '../../rules/load.ts'
import { pence } from '../shared/pence.ts'
import { parseDate } from '../shared/plain-date.ts'
import { calculate, type CalculationInput } from './index.ts'

/*
 * The calculation tells its steps as messages (words in src/web/locales/en/calculation-steps.json);
 * these are the steps of two calculations put into English, word for word as before the words moved.
 */

const book = rules()
const said = (input: CalculationInput): string[] => calculate(book, input).steps.map((s) => text(s.text))

describe('the calculation’s steps in words', () => {
  it('are messages, with no English in the domain', () => {
    const r = calculate(book, {
      effectiveDate: parseDate('2025-04-01'),
      income: { grossWeekly: pence(57534) },
      benefit: 'none',
      nilRateCategory: false,
      relevantOtherChildren: 1,
      receivingParents: [{ id: 'A', children: [{ nightsPerYear: 0 }, { nightsPerYear: 120 }] }],
      collection: 'direct',
    })
    for (const s of r.steps) expect(s.text.key).toMatch(/^calculationSteps\./)
  })

  it('three receiving parents, pension contributions, current income, variations, shared care and fees', () => {
    expect(
      said({
        effectiveDate: parseDate('2025-04-01'),
        income: {
          historicAnnual: pence(5_200_000),
          currentAnnual: pence(6_100_000),
          pensionContributionsAnnual: pence(120_000),
        },
        benefit: 'none',
        nilRateCategory: false,
        relevantOtherChildren: 2,
        receivingParents: [
          { id: 'A', children: [{ nightsPerYear: 0 }, { nightsPerYear: 60 }] },
          { id: 'B', children: [{ nightsPerYear: 110 }] },
          { id: 'C', children: [{ nightsPerYear: 180 }] },
        ],
        variations: { specialExpensesWeekly: pence(2500), additionalIncomeWeekly: pence(4000) },
        collection: 'collectAndPay',
      }),
    ).toEqual([
      'Worked out under the 2012-scheme rules in force on 1 April 2025.',
      'Amounts are rounded to the nearest penny at each step (half a penny rounds up).',
      'Pension contributions of £1,200.00 a year that were not given tax relief through pay are taken off the income.',
      'The HMRC figure of £52,000.00 a year, less £1,200.00 of pension contributions, divided by 365 and multiplied by 7 is £974.25 a week.',
      'Current income of £61,000.00 a year, less £1,200.00 of pension contributions, is £1,146.85 a week.',
      'Current income differs from the HMRC figure by £172.60 a week, which is less than 25% of the HMRC figure (£243.56), so the HMRC figure is used: £974.25 a week.',
      'Additional income of £40.00 a week from a variation is added: £1,014.25.',
      'Special expenses of £25.00 a week from a variation are taken off: £989.25.',
      'Income is reduced by 14% for 2 other children the paying parent or their partner gets Child Benefit for: £850.76.',
      'The basic rate applies, with a lower percentage above £800.00: 19% of the first £800.00 plus 15% of the £50.76 above it, for 4 children (the rate for 3 or more): £159.61.',
      'Receiving parent A has 2 of the 4 children, so their share is 2/4 of £159.61: £79.81.',
      'Receiving parent B has 1 of the 4 children, so their share is 1/4 of £159.61: £39.90.',
      'Receiving parent C has 1 of the 4 children, so their share is 1/4 of £159.61: £39.90.',
      "The paying parent has receiving parent A's 2 children overnight 0 and 60 nights a year; the average shared-care reduction across them is 1/14, so £79.81 becomes £74.11.",
      "The paying parent has receiving parent B's child overnight 110 nights a year, which takes 2/7 off: £39.90 becomes £28.50.",
      "The paying parent has receiving parent C's child overnight 180 nights a year, which takes 1/2 off: £39.90 becomes £19.95.",
      'A further £7.00 comes off for each child who stays 175 nights or more (1 child, £7.00): £12.95.',
      'The paying parent pays £115.56 a week in total: A £74.11, B £28.50, C £12.95.',
      'The government has announced Direct Pay to end, and collection fees of 2% for receiving parents and 2% for paying parents who pay on time and in full (20% for those who do not); no date has been set for it. It is not law yet and is not used here.',
      'Through Collect and Pay, the paying parent also pays a 20% fee on the £74.11 for receiving parent A (£14.82): £88.93 a week.',
      'The CMS keeps a 4% fee (£2.96) from what it passes on, so receiving parent A gets £71.15 a week.',
      'Through Collect and Pay, the paying parent also pays a 20% fee on the £28.50 for receiving parent B (£5.70): £34.20 a week.',
      'The CMS keeps a 4% fee (£1.14) from what it passes on, so receiving parent B gets £27.36 a week.',
      'Through Collect and Pay, the paying parent also pays a 20% fee on the £12.95 for receiving parent C (£2.59): £15.54 a week.',
      'The CMS keeps a 4% fee (£0.52) from what it passes on, so receiving parent C gets £12.43 a week.',
    ])
  })

  it('a benefit with shared care, and the minimum after shared care', () => {
    expect(
      said({
        effectiveDate: parseDate('2026-04-06'),
        income: { grossWeekly: pence(30000) },
        benefit: 'meansTested',
        nilRateCategory: false,
        relevantOtherChildren: 0,
        receivingParents: [
          { id: 'Zed', children: [{ nightsPerYear: 60 }, { nightsPerYear: 0 }] },
          { id: 'Yan', children: [{ nightsPerYear: 0 }] },
        ],
        collection: 'direct',
      }).slice(3, 9),
    ).toEqual([
      'The paying parent or their partner gets a means-tested benefit listed in regulation 44(2), so the flat rate of £7.00 a week applies.',
      'Receiving parent Zed has 2 of the 3 children, so their share is 2/3 of £7.00: £4.67.',
      'Receiving parent Yan has 1 of the 3 children, so their share is 1/3 of £7.00: £2.33.',
      "The flat rate applies because of a benefit, and the paying parent has one of receiving parent Zed's children overnight 52 nights a year or more, so nothing is payable to receiving parent Zed (instead of £4.67).",
      'The paying parent pays £2.33 a week in total: Zed £0.00, Yan £2.33.',
      'Paid by Direct Pay, between the parents: there are no collection fees.',
    ])
    expect(
      said({
        effectiveDate: parseDate('2025-04-01'),
        income: { grossWeekly: pence(22000) },
        benefit: 'none',
        nilRateCategory: false,
        relevantOtherChildren: 4,
        receivingParents: [{ id: 'A', children: Array.from({ length: 4 }, () => ({ nightsPerYear: 175 })) }],
      }).slice(3),
    ).toEqual([
      'Income is reduced by 16% for 4 other children the paying parent or their partner gets Child Benefit for: £184.80.',
      'The basic rate applies: 19% of £184.80 for 4 children (the rate for 3 or more): £35.11.',
      "The paying parent has the receiving parent's 4 children overnight 175, 175, 175 and 175 nights a year; the average shared-care reduction across them is 1/2, so £35.11 becomes £17.56.",
      'A further £7.00 comes off for each child who stays 175 nights or more (4 children, £28.00): £0.00.',
      'After shared care the total would be £0.00, below the minimum of £7.00 a week, so £7.00 is payable.',
      'The paying parent pays £7.00 a week.',
    ])
  })
})
