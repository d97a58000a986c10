import type { LetterKind as AdvisorLetterKind, VariationGround } from '../domain/remedies/route.ts'
import type { LetterSubject } from '../domain/case/index.ts'
import type { LetterKind } from '../documents/index.ts'
import { message, type Message } from '../domain/shared/message.ts'

/**
 * The one table between the route advisor's letter ids and the documents library's kinds. A route
 * may need several documents (the appeal pack) or none Redress writes (a parentage dispute goes to
 * a court).
 */
const VARIATION: Readonly<Record<VariationGround, LetterKind | null>> = {
  contactCosts: 'variation-contact-costs',
  relevantOtherChildDisability: 'variation-relevant-other-child-illness',
  priorDebts: 'variation-prior-debts',
  boardingSchool: 'variation-boarding-school-fees',
  formerHomeMortgage: 'variation-former-home-payments',
  unearnedIncome: 'variation-unearned-income',
  diversionOfIncome: 'variation-diversion-of-income',
  assets: 'variation-assets',
  // No letter of its own yet: the unearned-income letter is the nearest.
  incomeWhileOnBenefitRate: null,
}

export const APPEAL_PACK_KINDS = [
  'appeal-covering-letter',
  'appeal-grounds',
  'appeal-chronology',
  'appeal-disputed-figures',
  'appeal-sscs2-answers',
] as const satisfies readonly LetterKind[]

const ADVISOR: Readonly<Record<Exclude<AdvisorLetterKind, `variation:${string}`>, readonly LetterKind[]>> = {
  mandatoryReconsideration: ['mandatory-reconsideration'],
  lateReconsideration: ['late-mandatory-reconsideration'],
  anyTimeRevision: ['revision-any-time'],
  changeOfCircumstances: ['change-of-circumstances'],
  complaint: ['complaint'],
  escalation: ['complaint-escalation'],
  iceReferral: ['ice-referral'],
  mpLetter: ['mp-letter'],
  compensationClaim: ['compensation-claim'],
  callConfirmation: ['call-confirmation'],
  statementOfAccount: ['statement-of-account'],
  subjectAccessRequest: ['subject-access-request'],
  appealPack: APPEAL_PACK_KINDS,
  niAppeal: ['ni-appeal'],
  // Decided by a court, with DNA testing: no letter Redress writes.
  parentageDispute: [],
}

/** What a route advisor letter is, in words for the parent (the web page and the command line). */
export function advisorLetterWords(id: AdvisorLetterKind): Message {
  if (id.startsWith('variation:'))
    return message('routes.letters.variation', {
      ground: message(`routes.variationGrounds.${id.slice('variation:'.length)}`),
    })
  return message(`routes.letters.${id}`)
}

/** The documents a route advisor letter id stands for (empty when Redress writes none). */
export function documentKindsFor(id: AdvisorLetterKind): readonly LetterKind[] {
  if (id.startsWith('variation:')) {
    const k = VARIATION[id.slice('variation:'.length) as VariationGround]
    return k ? [k] : []
  }
  return ADVISOR[id as keyof typeof ADVISOR]
}

/** What a letter of each kind is about, in the case file's terms (this decides the deadlines sending it starts). */
export function subjectFor(kind: LetterKind): LetterSubject {
  if (kind === 'mandatory-reconsideration' || kind === 'late-mandatory-reconsideration')
    return 'mandatory-reconsideration'
  if (kind.startsWith('appeal-') || kind === 'ni-appeal') return 'appeal'
  switch (kind) {
    case 'complaint':
    case 'compensation-claim':
      return 'complaint'
    case 'complaint-escalation':
      return 'complaint-escalation'
    case 'ice-referral':
      return 'ice-referral'
    case 'call-confirmation':
      return 'call-confirmation'
    case 'change-of-circumstances':
      return 'change-of-circumstances'
    case 'statement-of-account':
    case 'subject-access-request':
      return 'information-request'
    default:
      return 'other'
  }
}

/** Kinds that are about one CMS decision (the letter names it by date and subject). */
export const DECISION_KINDS: ReadonlySet<LetterKind> = new Set<LetterKind>([
  'mandatory-reconsideration',
  'late-mandatory-reconsideration',
  'revision-any-time',
  ...APPEAL_PACK_KINDS,
  'ni-appeal',
])
