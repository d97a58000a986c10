import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { formatPounds, type Pence } from '../../../domain/shared/pence.ts'
import { heading, table, type Letter, type LetterBlock } from '../model.ts'
import { Needs, particular, type Maybe, type Particular } from '../particulars.ts'
import { compose, own, readBase, type LetterBaseInput } from '../common.ts'

export type CostPeriod = 'journey' | 'week' | 'month' | 'term' | 'year'

export interface CostLine {
  readonly description: string
  readonly amount: Pence
  readonly per: CostPeriod
}

export interface VariationCommon extends LetterBaseInput {
  /** The other parent's name, if the parent wants it in the letter. */
  readonly otherParentName?: Maybe<string>
}

export interface ContactCostsInput extends VariationCommon {
  /** How contact works, e.g. "I collect the children every other weekend, a 90-mile round trip". */
  readonly arrangement?: Maybe<string>
  readonly costs?: Maybe<readonly CostLine[]>
}

export interface RelevantOtherChildIllnessInput extends VariationCommon {
  readonly childName?: Maybe<string>
  readonly condition?: Maybe<string>
  readonly costs?: Maybe<readonly CostLine[]>
}

export interface PriorDebt {
  readonly lender: string
  readonly purpose: string
  readonly takenOut?: PlainDate
  readonly monthlyPayment: Pence
}

export interface PriorDebtsInput extends VariationCommon {
  readonly debts?: Maybe<readonly PriorDebt[]>
}

export interface BoardingSchoolFeesInput extends VariationCommon {
  readonly childName?: Maybe<string>
  readonly school?: Maybe<string>
  /** The boarding part of the fees only (not tuition). */
  readonly boardingFees?: Maybe<CostLine>
}

export interface FormerHomePayment {
  readonly kind: 'mortgage' | 'loan' | 'insurance'
  readonly lender: string
  readonly monthlyAmount: Pence
}

export interface FormerHomePaymentsInput extends VariationCommon {
  /** Describe the home without its address, e.g. "the home we shared, where the children now live". */
  readonly homeDescription?: Maybe<string>
  readonly payments?: Maybe<readonly FormerHomePayment[]>
}

export interface UnearnedIncomeInput extends VariationCommon {
  /** e.g. "rent from a flat he lets out". */
  readonly source?: Maybe<string>
  readonly estimatedAnnualAmount?: Maybe<Pence>
  readonly since?: Maybe<PlainDate>
  readonly howIKnow?: Maybe<string>
}

export interface AssetsInput extends VariationCommon {
  readonly assets?: Maybe<readonly { readonly description: string; readonly estimatedValue?: Pence }[]>
  readonly howIKnow?: Maybe<string>
}

export interface DiversionOfIncomeInput extends VariationCommon {
  /** e.g. "he pays himself a small salary and pays the rest of the company's profit to his new partner". */
  readonly howDiverted?: Maybe<string>
  readonly howIKnow?: Maybe<string>
}

const PER: Record<CostPeriod, string> = {
  journey: 'a journey',
  week: 'a week',
  month: 'a month',
  term: 'a term',
  year: 'a year',
}

const costsTable = (costs: readonly CostLine[]): LetterBlock =>
  table(
    [
      { header: 'Cost', weight: 5 },
      { header: 'Amount', align: 'right', weight: 1.5 },
      { header: 'How often', weight: 1.5 },
    ],
    costs.map((c) => [c.description, formatPounds(c.amount), PER[c.per]]),
  )

interface GroundDef<I> {
  readonly label: string
  readonly title: string
  readonly summary: string
  readonly required: readonly Particular[]
  /** The evidence the CMS is likely to need for this ground. */
  readonly evidence: readonly string[]
  readonly body: (input: I, need: Needs) => () => LetterBlock[]
}

const other = (i: VariationCommon, fallback: string): string => i.otherParentName?.trim() || fallback

const contactCosts: GroundDef<ContactCostsInput> = {
  label: 'contact costs',
  title: 'Variation application: costs of keeping in contact with the children',
  summary: 'Paying parent: the cost of travelling to keep in contact with the children.',
  required: [
    particular('arrangement', 'how contact works'),
    particular('costs', 'the costs, each with an amount'),
  ],
  evidence: [
    'the contact arrangement: a written agreement, a court order or messages that show it',
    'tickets, fuel receipts or a record of the miles driven',
    'a diary of the contact visits',
  ],
  body: (i, need) => {
    const arrangement = need.text(
      i.arrangement,
      particular('arrangement', 'how contact with the children works and how often'),
    )
    const costs = need.list(i.costs, particular('costs', 'the travel costs of contact, each with an amount'))
    return () => [
      'I pay these costs so that I can keep in contact with the children.',
      own(arrangement),
      costsTable(costs),
    ]
  },
}

const relevantOtherChildIllness: GroundDef<RelevantOtherChildIllnessInput> = {
  label: 'the illness or disability of a relevant other child',
  title: 'Variation application: costs of a relevant other child’s illness or disability',
  summary: 'Paying parent: extra costs of caring for a child in their household who is ill or disabled.',
  required: [
    particular('childName', 'the child’s name'),
    particular('condition', 'the illness or disability'),
    particular('costs', 'the extra costs'),
  ],
  evidence: [
    'medical evidence of the child’s condition',
    'the award letter for any disability benefit the child gets, such as Disability Living Allowance',
    'receipts or bills for the extra costs',
  ],
  body: (i, need) => {
    const child = need.text(i.childName, particular('childName', 'the name of the child who lives with you'))
    const condition = need.text(i.condition, particular('condition', 'the child’s illness or disability'))
    const costs = need.list(
      i.costs,
      particular('costs', 'the extra costs of the illness or disability, each with an amount'),
    )
    return () => [
      `${child} lives with me as part of my family (a relevant other child).`,
      own(condition),
      `I have these extra costs because of ${child}’s illness or disability:`,
      costsTable(costs),
    ]
  },
}

const priorDebts: GroundDef<PriorDebtsInput> = {
  label: 'debts of the relationship',
  title: 'Variation application: debts taken on during the relationship',
  summary: 'Paying parent: repayments of debts taken on for the family before the separation.',
  required: [particular('debts', 'each debt: lender, purpose, monthly repayment')],
  evidence: [
    'the loan or credit agreement for each debt, showing when it was taken out',
    'recent statements showing the repayments',
  ],
  body: (i, need) => {
    const debts = need.list(
      i.debts,
      particular('debts', 'each debt: who it is owed to, what it was for and the monthly repayment'),
    )
    return () => [
      `While ${other(i, 'the other parent')} and I lived together, we took on the debts below for the benefit of the ` +
        'family. I am still repaying them.',
      table(
        [
          { header: 'Owed to', weight: 2 },
          { header: 'What it was for', weight: 3 },
          { header: 'Taken on', weight: 1.6 },
          { header: 'Monthly repayment', align: 'right', weight: 1.6 },
        ],
        debts.map((d) => [
          d.lender,
          d.purpose,
          d.takenOut ? formatDate(d.takenOut) : '',
          formatPounds(d.monthlyPayment),
        ]),
      ),
    ]
  },
}

const boardingSchool: GroundDef<BoardingSchoolFeesInput> = {
  label: 'boarding school fees',
  title: 'Variation application: boarding school fees',
  summary: 'Paying parent: the boarding part of school fees for a qualifying child.',
  required: [
    particular('childName', 'the child’s name'),
    particular('school', 'the school'),
    particular('boardingFees', 'the boarding fees'),
  ],
  evidence: [
    'the school’s invoices, showing the boarding fees apart from tuition',
    'proof that the fees are paid',
  ],
  body: (i, need) => {
    const child = need.text(i.childName, particular('childName', 'the name of the child at boarding school'))
    const school = need.text(i.school, particular('school', 'the name of the school'))
    const fees = need.value(
      i.boardingFees,
      particular('boardingFees', 'the boarding part of the fees and how often you pay it'),
    )
    return () => [
      `I pay the boarding fees for ${child} at ${school}. The boarding part of the fees, without tuition, is ` +
        `${fees ? `${formatPounds(fees.amount)} ${PER[fees.per]}` : ''}.`,
    ]
  },
}

const PAYMENT_KIND = { mortgage: 'Mortgage', loan: 'Loan', insurance: 'Insurance' } as const

const formerHome: GroundDef<FormerHomePaymentsInput> = {
  label: 'payments on the former home',
  title: 'Variation application: payments on the former family home',
  summary: 'Paying parent: mortgage, loan or insurance payments on the home where the children live.',
  required: [particular('payments', 'each payment: kind, lender, monthly amount')],
  evidence: ['mortgage, loan or insurance statements', 'bank statements showing the payments'],
  body: (i, need) => {
    const payments = need.list(
      i.payments,
      particular('payments', 'each payment you make on the home: who to and how much a month'),
    )
    const home = i.homeDescription?.trim() || 'the home we used to share, where the children live'
    return () => [
      `I make the payments below on ${home}. I do not live there.`,
      table(
        [
          { header: 'Payment', weight: 2 },
          { header: 'Paid to', weight: 3 },
          { header: 'Monthly amount', align: 'right', weight: 1.6 },
        ],
        payments.map((p) => [PAYMENT_KIND[p.kind], p.lender, formatPounds(p.monthlyAmount)]),
      ),
    ]
  },
}

const unearnedIncome: GroundDef<UnearnedIncomeInput> = {
  label: 'unearned income',
  title: 'Variation application: unearned income',
  summary: 'Income the paying parent has that the calculation leaves out (rent, interest, dividends).',
  required: [particular('source', 'where the income comes from'), particular('howIKnow', 'how you know')],
  evidence: [
    'anything that shows the income, such as a letting advert, tenancy details or company records',
    'the tax year the income relates to, if known',
  ],
  body: (i, need) => {
    const source = need.text(
      i.source,
      particular('source', 'where the other parent’s unearned income comes from'),
    )
    const how = need.text(i.howIKnow, particular('howIKnow', 'how you know about the income'))
    return () => [
      `${other(i, 'The paying parent')} has income that the calculation does not include: ${source.replace(/\.$/, '')}` +
        (i.since ? `, since ${formatDate(i.since)}` : '') +
        (i.estimatedAnnualAmount
          ? `, which I estimate at ${formatPounds(i.estimatedAnnualAmount)} a year`
          : '') +
        '.',
      own(how),
      'Please ask HMRC and the paying parent for the details, and add this income to the calculation.',
    ]
  },
}

const assets: GroundDef<AssetsInput> = {
  label: 'assets',
  title: 'Variation application: assets',
  summary: 'Assets the paying parent holds that could be taken into account.',
  required: [particular('assets', 'each asset'), particular('howIKnow', 'how you know')],
  evidence: ['anything that shows the asset and its value, such as a property listing or company records'],
  body: (i, need) => {
    const list = need.list(
      i.assets,
      particular('assets', 'each asset you know of, and its value if you know it'),
    )
    const how = need.text(i.howIKnow, particular('howIKnow', 'how you know about the assets'))
    return () => [
      `${other(i, 'The paying parent')} holds assets that I ask you to take into account:`,
      table(
        [
          { header: 'Asset', weight: 5 },
          { header: 'Estimated value', align: 'right', weight: 2 },
        ],
        list.map((a) => [
          a.description,
          a.estimatedValue !== undefined ? formatPounds(a.estimatedValue) : 'not known',
        ]),
      ),
      own(how),
    ]
  },
}

const diversion: GroundDef<DiversionOfIncomeInput> = {
  label: 'diversion of income',
  title: 'Variation application: diversion of income',
  summary: 'The paying parent has arranged for income to go to someone else to reduce maintenance.',
  required: [particular('howDiverted', 'how the income is diverted'), particular('howIKnow', 'how you know')],
  evidence: ['company accounts or Companies House records', 'anything that shows who receives the income'],
  body: (i, need) => {
    const how = need.text(
      i.howDiverted,
      particular('howDiverted', 'how the other parent’s income is being diverted'),
    )
    const know = need.text(i.howIKnow, particular('howIKnow', 'how you know about it'))
    return () => [
      `I believe that ${other(i, 'the paying parent')} has arranged for income to be paid to someone else, so that it ` +
        'is left out of the calculation and the maintenance is lower.',
      own(how),
      own(know),
    ]
  },
}

export const VARIATION_GROUNDS = {
  'variation-contact-costs': contactCosts,
  'variation-relevant-other-child-illness': relevantOtherChildIllness,
  'variation-prior-debts': priorDebts,
  'variation-boarding-school-fees': boardingSchool,
  'variation-former-home-payments': formerHome,
  'variation-unearned-income': unearnedIncome,
  'variation-assets': assets,
  'variation-diversion-of-income': diversion,
} as const

export type VariationKind = keyof typeof VARIATION_GROUNDS

export interface VariationInputs {
  'variation-contact-costs': ContactCostsInput
  'variation-relevant-other-child-illness': RelevantOtherChildIllnessInput
  'variation-prior-debts': PriorDebtsInput
  'variation-boarding-school-fees': BoardingSchoolFeesInput
  'variation-former-home-payments': FormerHomePaymentsInput
  'variation-unearned-income': UnearnedIncomeInput
  'variation-assets': AssetsInput
  'variation-diversion-of-income': DiversionOfIncomeInput
}

export function variationSpec(kind: VariationKind): {
  title: string
  summary: string
  required: readonly Particular[]
  evidence: readonly string[]
} {
  const g = VARIATION_GROUNDS[kind]
  return { title: g.title, summary: g.summary, required: g.required, evidence: g.evidence }
}

export function variation<K extends VariationKind>(kind: K, input: VariationInputs[K]): Letter {
  const g = VARIATION_GROUNDS[kind] as GroundDef<VariationInputs[K]>
  const need = new Needs(g.title)
  const base = readBase(need, input, 'the Child Maintenance Service')
  const body = g.body(input, need)
  need.check()

  const enclosed = (input.enclosures ?? []).filter((e) => e.trim() !== '')
  return compose(base, input, {
    kind,
    title: g.title,
    subject: `Application for a variation on the ground of ${g.label}`,
    paragraphs: [
      `I am applying for a variation of the maintenance calculation on the ground of ${g.label}. Please treat this letter as my application.`,
      heading('The details'),
      ...body(),
      heading('Evidence'),
      enclosed.length > 0
        ? `I enclose: ${enclosed.join('; ')}.`
        : `I can send any of these if you need them: ${g.evidence.join('; ')}.`,
      'If you need the application on a form, or need more information, please tell me what you need and by when.',
      'Please confirm that you have received this application and tell me the date you treat it as made.',
    ],
    notes: [
      `Evidence that helps with this ground: ${g.evidence.join('; ')}.`,
      'The CMS may tell the other parent about the application and ask for their comments. It can decide on what it has if someone does not reply.',
    ],
  })
}
