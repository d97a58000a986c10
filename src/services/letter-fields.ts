import { serviceText } from './copy.ts'
import { REMEDIES, type LetterKind } from '../documents/index.ts'

/*
 * The word fields of the letter forms (web and `--set`): what only the parent can say, by the
 * kinds of letter that ask for it.
 */

/** Kinds that ask for a late letter to be accepted, in the parent's words, when the route is late. */
export const LATE_REASON_KINDS: ReadonlySet<LetterKind> = new Set<LetterKind>([
  'mandatory-reconsideration',
  'late-mandatory-reconsideration',
  'appeal-covering-letter',
  'appeal-sscs2-answers',
  'ni-appeal',
  'ice-referral',
])

/** Free-text particulars only the parent can give, typed in the letter form or with `--set name=value`. */
export type WordType = 'text' | 'lines' | 'date' | 'pounds' | 'yes-no'
export interface WordField {
  readonly name: string
  readonly type: WordType
  readonly label: string
  readonly hint?: string
}

/** Every word field, by the kinds that use it. A field listed for a kind is offered in its form. */
export const WORD_FIELDS: readonly (WordField & { readonly kinds: readonly LetterKind[] | 'all' })[] = [
  {
    name: 'senderPhone',
    type: 'text',
    get label() {
      return serviceText('letter.yourPhoneNumber')
    },
    get hint() {
      return serviceText('letter.leaveBlankToKeep')
    },
    kinds: 'all',
  },
  {
    name: 'senderEmail',
    type: 'text',
    get label() {
      return serviceText('letter.yourEmailAddress')
    },
    get hint() {
      return serviceText('letter.leaveBlankToKeep')
    },
    kinds: 'all',
  },
  {
    name: 'grounds',
    type: 'lines',
    get label() {
      return serviceText('letter.whyTheDecisionIs')
    },
    get hint() {
      return serviceText('letter.onePointOnEach')
    },
    kinds: [
      'mandatory-reconsideration',
      'late-mandatory-reconsideration',
      'appeal-covering-letter',
      'appeal-grounds',
      'appeal-sscs2-answers',
      'ni-appeal',
    ],
  },
  {
    name: 'outcomeSought',
    type: 'text',
    get label() {
      return serviceText('letter.whatTheDecisionShould')
    },
    kinds: [
      'mandatory-reconsideration',
      'late-mandatory-reconsideration',
      'revision-any-time',
      'appeal-grounds',
      'appeal-sscs2-answers',
      'ni-appeal',
    ],
  },
  {
    name: 'lateReason',
    type: 'text',
    get label() {
      return serviceText('letter.whyItIsLate')
    },
    get hint() {
      return serviceText('letter.onlyIfItIs')
    },
    kinds: [...LATE_REASON_KINDS],
  },
  {
    name: 'details',
    type: 'text',
    get label() {
      return serviceText('letter.whatWentWrongIn')
    },
    kinds: ['revision-any-time'],
  },
  {
    name: 'change',
    type: 'text',
    get label() {
      return serviceText('letter.whatChanged')
    },
    kinds: ['change-of-circumstances'],
  },
  {
    name: 'changeDate',
    type: 'date',
    get label() {
      return serviceText('letter.whenItChanged')
    },
    kinds: ['change-of-circumstances'],
  },
  {
    name: 'whatFollows',
    type: 'text',
    get label() {
      return serviceText('letter.whatYouThinkShould')
    },
    kinds: ['change-of-circumstances'],
  },
  {
    name: 'source',
    type: 'text',
    get label() {
      return serviceText('letter.whereTheIncomeComes')
    },
    get hint() {
      return serviceText('letter.forExampleRentFrom')
    },
    kinds: ['variation-unearned-income'],
  },
  {
    name: 'estimatedAnnualAmount',
    type: 'pounds',
    get label() {
      return serviceText('letter.aboutHowMuchA')
    },
    kinds: ['variation-unearned-income'],
  },
  {
    name: 'since',
    type: 'date',
    get label() {
      return serviceText('letter.sinceWhen')
    },
    kinds: ['variation-unearned-income'],
  },
  {
    name: 'howIKnow',
    type: 'text',
    get label() {
      return serviceText('letter.howYouKnow')
    },
    kinds: ['variation-unearned-income', 'variation-assets', 'variation-diversion-of-income'],
  },
  {
    name: 'howDiverted',
    type: 'text',
    get label() {
      return serviceText('letter.howTheIncomeIs')
    },
    kinds: ['variation-diversion-of-income'],
  },
  {
    name: 'arrangement',
    type: 'text',
    get label() {
      return serviceText('letter.howContactWorks')
    },
    kinds: ['variation-contact-costs'],
  },
  {
    name: 'impact',
    type: 'text',
    get label() {
      return serviceText('letter.howItHasAffected')
    },
    kinds: ['complaint'],
  },
  {
    name: 'remedies',
    type: 'lines',
    get label() {
      return serviceText('letter.whatYouAskFor')
    },
    get hint() {
      return serviceText('letter.oneOnEachLine', { value: Object.keys(REMEDIES).join(', ') })
    },
    kinds: ['complaint', 'complaint-escalation', 'ice-referral'],
  },
  {
    name: 'whyUnsatisfactory',
    type: 'lines',
    get label() {
      return serviceText('letter.whyTheReplyDoes')
    },
    get hint() {
      return serviceText('letter.onePointOnEach2')
    },
    kinds: ['complaint-escalation'],
  },
  {
    name: 'nationalInsuranceNumber',
    type: 'text',
    get label() {
      return serviceText('letter.yourNationalInsuranceNumber')
    },
    kinds: ['ice-referral', 'subject-access-request', 'appeal-sscs2-answers'],
  },
  {
    name: 'dateOfBirth',
    type: 'date',
    get label() {
      return serviceText('letter.yourDateOfBirth')
    },
    kinds: ['subject-access-request', 'appeal-sscs2-answers'],
  },
  {
    name: 'mpName',
    type: 'text',
    get label() {
      return serviceText('letter.yourMpsName')
    },
    kinds: ['mp-letter'],
  },
  {
    name: 'summary',
    type: 'text',
    get label() {
      return serviceText('letter.theProblemInA')
    },
    kinds: ['mp-letter'],
  },
  {
    name: 'helpWanted',
    type: 'text',
    get label() {
      return serviceText('letter.whatYouWantYour')
    },
    kinds: ['mp-letter'],
  },
  {
    name: 'attendHearing',
    type: 'yes-no',
    get label() {
      return serviceText('letter.doYouWantTo')
    },
    kinds: ['ni-appeal', 'appeal-sscs2-answers'],
  },
]

export const wordFieldsFor = (kind: LetterKind): WordField[] =>
  WORD_FIELDS.filter((f) => f.kinds === 'all' || f.kinds.includes(kind))
