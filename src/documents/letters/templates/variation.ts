import { tr, trMap } from '../copy.ts'
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

const PER: Record<CostPeriod, string> = trMap({
  journey: 'variation.aJourney',
  week: 'variation.aWeek',
  month: 'variation.aMonth',
  term: 'variation.aTerm',
  year: 'variation.aYear',
})

const costsTable = (costs: readonly CostLine[]): LetterBlock =>
  table(
    [
      { header: tr('variation.cost'), weight: 5 },
      { header: tr('variation.amount'), align: 'right', weight: 1.5 },
      { header: tr('variation.howOften'), weight: 1.5 },
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
  get label() {
    return tr('variation.contactCosts')
  },
  get title() {
    return tr('variation.variationApplicationCostsOf')
  },
  get summary() {
    return tr('variation.payingParentTheCost')
  },
  get required() {
    return [
      particular('arrangement', tr('variation.howContactWorks')),
      particular('costs', tr('variation.theCostsEachWith')),
    ]
  },
  get evidence() {
    return [
      tr('variation.theContactArrangementA'),
      tr('variation.ticketsFuelReceiptsOr'),
      tr('variation.aDiaryOfThe'),
    ]
  },
  body: (i, need) => {
    const arrangement = need.text(i.arrangement, particular('arrangement', tr('variation.howContactWithThe')))
    const costs = need.list(i.costs, particular('costs', tr('variation.theTravelCostsOf')))
    return () => [tr('variation.iPayTheseCosts'), own(arrangement), costsTable(costs)]
  },
}

const relevantOtherChildIllness: GroundDef<RelevantOtherChildIllnessInput> = {
  get label() {
    return tr('variation.theIllnessOrDisability')
  },
  get title() {
    return tr('variation.variationApplicationCostsOf2')
  },
  get summary() {
    return tr('variation.payingParentExtraCosts')
  },
  get required() {
    return [
      particular('childName', tr('variation.theChildSName')),
      particular('condition', tr('variation.theIllnessOrDisability2')),
      particular('costs', tr('variation.theExtraCosts')),
    ]
  },
  get evidence() {
    return [
      tr('variation.medicalEvidenceOfThe'),
      tr('variation.theAwardLetterFor'),
      tr('variation.receiptsOrBillsFor'),
    ]
  },
  body: (i, need) => {
    const child = need.text(i.childName, particular('childName', tr('variation.theNameOfThe')))
    const condition = need.text(i.condition, particular('condition', tr('variation.theChildSIllness')))
    const costs = need.list(i.costs, particular('costs', tr('variation.theExtraCostsOf')))
    return () => [
      tr('variation.livesWithMeAs', { child }),
      own(condition),
      tr('variation.iHaveTheseExtra', { child }),
      costsTable(costs),
    ]
  },
}

const priorDebts: GroundDef<PriorDebtsInput> = {
  get label() {
    return tr('variation.debtsOfTheRelationship')
  },
  get title() {
    return tr('variation.variationApplicationDebtsTaken')
  },
  get summary() {
    return tr('variation.payingParentRepaymentsOf')
  },
  get required() {
    return [particular('debts', tr('variation.eachDebtLenderPurpose'))]
  },
  get evidence() {
    return [tr('variation.theLoanOrCredit'), tr('variation.recentStatementsShowingThe')]
  },
  body: (i, need) => {
    const debts = need.list(i.debts, particular('debts', tr('variation.eachDebtWhoIt')))
    return () => [
      tr('variation.whileAndILived', { i: other(i, tr('variation.theOtherParent')) }),
      table(
        [
          { header: tr('variation.owedTo'), weight: 2 },
          { header: tr('variation.whatItWasFor'), weight: 3 },
          { header: tr('variation.takenOn'), weight: 1.6 },
          { header: tr('variation.monthlyRepayment'), align: 'right', weight: 1.6 },
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
  get label() {
    return tr('variation.boardingSchoolFees')
  },
  get title() {
    return tr('variation.variationApplicationBoardingSchool')
  },
  get summary() {
    return tr('variation.payingParentTheBoarding')
  },
  get required() {
    return [
      particular('childName', tr('variation.theChildSName')),
      particular('school', tr('variation.theSchool')),
      particular('boardingFees', tr('variation.theBoardingFees')),
    ]
  },
  get evidence() {
    return [tr('variation.theSchoolSInvoices'), tr('variation.proofThatTheFees')]
  },
  body: (i, need) => {
    const child = need.text(i.childName, particular('childName', tr('variation.theNameOfThe2')))
    const school = need.text(i.school, particular('school', tr('variation.theNameOfThe3')))
    const fees = need.value(i.boardingFees, particular('boardingFees', tr('variation.theBoardingPartOf')))
    return () => [
      tr('variation.iPayTheBoarding', {
        child,
        school,
        value: fees ? `${formatPounds(fees.amount)} ${PER[fees.per]}` : '',
      }),
    ]
  },
}

const PAYMENT_KIND = trMap({
  mortgage: 'variation.mortgage',
  loan: 'variation.loan',
  insurance: 'variation.insurance',
})

const formerHome: GroundDef<FormerHomePaymentsInput> = {
  get label() {
    return tr('variation.paymentsOnTheFormer')
  },
  get title() {
    return tr('variation.variationApplicationPaymentsOn')
  },
  get summary() {
    return tr('variation.payingParentMortgageLoan')
  },
  get required() {
    return [particular('payments', tr('variation.eachPaymentKindLender'))]
  },
  get evidence() {
    return [tr('variation.mortgageLoanOrInsurance'), tr('variation.bankStatementsShowingThe')]
  },
  body: (i, need) => {
    const payments = need.list(i.payments, particular('payments', tr('variation.eachPaymentYouMake')))
    const home = i.homeDescription?.trim() || tr('variation.theHomeWeUsed')
    return () => [
      tr('variation.iMakeThePayments', { home }),
      table(
        [
          { header: tr('variation.payment'), weight: 2 },
          { header: tr('variation.paidTo'), weight: 3 },
          { header: tr('variation.monthlyAmount'), align: 'right', weight: 1.6 },
        ],
        payments.map((p) => [PAYMENT_KIND[p.kind], p.lender, formatPounds(p.monthlyAmount)]),
      ),
    ]
  },
}

const unearnedIncome: GroundDef<UnearnedIncomeInput> = {
  get label() {
    return tr('variation.unearnedIncome')
  },
  get title() {
    return tr('variation.variationApplicationUnearnedIncome')
  },
  get summary() {
    return tr('variation.incomeThePayingParent')
  },
  get required() {
    return [
      particular('source', tr('variation.whereTheIncomeComes')),
      particular('howIKnow', tr('variation.howYouKnow')),
    ]
  },
  get evidence() {
    return [tr('variation.anythingThatShowsThe'), tr('variation.theTaxYearThe')]
  },
  body: (i, need) => {
    const source = need.text(i.source, particular('source', tr('variation.whereTheOtherParent')))
    const how = need.text(i.howIKnow, particular('howIKnow', tr('variation.howYouKnowAbout')))
    return () => [
      tr('variation.hasIncomeThatThe', {
        i: other(i, tr('variation.thePayingParent')),
        value: source.replace(/\.$/, ''),
        value2: i.since ? tr('variation.since', { since: formatDate(i.since) }) : '',
        value3: i.estimatedAnnualAmount
          ? tr('variation.whichIEstimateAt', { estimatedAnnualAmount: formatPounds(i.estimatedAnnualAmount) })
          : '',
      }),
      own(how),
      tr('variation.pleaseAskHmrcAnd'),
    ]
  },
}

const assets: GroundDef<AssetsInput> = {
  label: 'assets',
  get title() {
    return tr('variation.variationApplicationAssets')
  },
  get summary() {
    return tr('variation.assetsThePayingParent')
  },
  get required() {
    return [
      particular('assets', tr('variation.eachAsset')),
      particular('howIKnow', tr('variation.howYouKnow')),
    ]
  },
  get evidence() {
    return [tr('variation.anythingThatShowsThe2')]
  },
  body: (i, need) => {
    const list = need.list(i.assets, particular('assets', tr('variation.eachAssetYouKnow')))
    const how = need.text(i.howIKnow, particular('howIKnow', tr('variation.howYouKnowAbout2')))
    return () => [
      tr('variation.holdsAssetsThatI', { i: other(i, tr('variation.thePayingParent')) }),
      table(
        [
          { header: tr('variation.asset'), weight: 5 },
          { header: tr('variation.estimatedValue'), align: 'right', weight: 2 },
        ],
        list.map((a) => [
          a.description,
          a.estimatedValue !== undefined ? formatPounds(a.estimatedValue) : tr('variation.notKnown'),
        ]),
      ),
      own(how),
    ]
  },
}

const diversion: GroundDef<DiversionOfIncomeInput> = {
  get label() {
    return tr('variation.diversionOfIncome')
  },
  get title() {
    return tr('variation.variationApplicationDiversionOf')
  },
  get summary() {
    return tr('variation.thePayingParentHas')
  },
  get required() {
    return [
      particular('howDiverted', tr('variation.howTheIncomeIs')),
      particular('howIKnow', tr('variation.howYouKnow')),
    ]
  },
  get evidence() {
    return [tr('variation.companyAccountsOrCompanies'), tr('variation.anythingThatShowsWho')]
  },
  body: (i, need) => {
    const how = need.text(i.howDiverted, particular('howDiverted', tr('variation.howTheOtherParent')))
    const know = need.text(i.howIKnow, particular('howIKnow', tr('variation.howYouKnowAbout3')))
    return () => [
      tr('variation.iBelieveThatHas', { i: other(i, tr('variation.thePayingParent2')) }),
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
  // Read when asked for, so each is in the language of the build that asks (see ../copy.ts).
  return {
    get title() {
      return g.title
    },
    get summary() {
      return g.summary
    },
    get required() {
      return g.required
    },
    get evidence() {
      return g.evidence
    },
  }
}

export function variation<K extends VariationKind>(kind: K, input: VariationInputs[K]): Letter {
  const g = VARIATION_GROUNDS[kind] as GroundDef<VariationInputs[K]>
  const need = new Needs(g.title)
  const base = readBase(need, input, tr('variation.theChildMaintenanceService'))
  const body = g.body(input, need)
  need.check()

  const enclosed = (input.enclosures ?? []).filter((e) => e.trim() !== '')
  return compose(base, input, {
    kind,
    title: g.title,
    subject: tr('variation.applicationForAVariation', { label: g.label }),
    paragraphs: [
      tr('variation.iAmApplyingFor', { label: g.label }),
      heading(tr('variation.theDetails')),
      ...body(),
      heading(tr('variation.evidence')),
      enclosed.length > 0
        ? tr('variation.iEnclose', { value: enclosed.join('; ') })
        : tr('variation.iCanSendAny', { value: g.evidence.join('; ') }),
      tr('variation.ifYouNeedThe'),
      tr('variation.pleaseConfirmThatYou'),
    ],
    notes: [
      tr('variation.evidenceThatHelpsWith', { value: g.evidence.join('; ') }),
      tr('variation.theCmsMayTell'),
    ],
  })
}
