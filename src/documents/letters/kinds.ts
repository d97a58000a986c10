import { DEFAULT_LOCALE, type Locale } from '../../copy/translate.ts'
import { inLocale, tr } from './copy.ts'
import type { Letter } from './model.ts'
import { particular, type Particular } from './particulars.ts'
import {
  mandatoryReconsideration,
  mandatoryReconsiderationSpec,
  type MandatoryReconsiderationInput,
} from './templates/mandatory-reconsideration.ts'
import {
  lateMandatoryReconsideration,
  lateMandatoryReconsiderationSpec,
  type LateMandatoryReconsiderationInput,
} from './templates/late-mandatory-reconsideration.ts'
import {
  revisionAnyTime,
  revisionAnyTimeSpec,
  type RevisionAnyTimeInput,
} from './templates/revision-any-time.ts'
import {
  changeOfCircumstances,
  changeOfCircumstancesSpec,
  type ChangeOfCircumstancesInput,
} from './templates/change-of-circumstances.ts'
import {
  VARIATION_GROUNDS,
  variation,
  variationSpec,
  type VariationInputs,
  type VariationKind,
} from './templates/variation.ts'
import { complaint, complaintSpec, type ComplaintInput } from './templates/complaint.ts'
import {
  complaintEscalation,
  complaintEscalationSpec,
  type ComplaintEscalationInput,
} from './templates/complaint-escalation.ts'
import { iceReferral, iceReferralSpec, type IceReferralInput } from './templates/ice-referral.ts'
import { mpLetter, mpLetterSpec, type MpLetterInput } from './templates/mp-letter.ts'
import {
  compensationClaim,
  compensationClaimSpec,
  type CompensationClaimInput,
} from './templates/compensation-claim.ts'
import {
  callConfirmation,
  callConfirmationSpec,
  type CallConfirmationInput,
} from './templates/call-confirmation.ts'
import {
  statementOfAccount,
  statementOfAccountSpec,
  type StatementOfAccountInput,
} from './templates/statement-of-account.ts'
import {
  subjectAccessRequest,
  subjectAccessRequestSpec,
  type SubjectAccessRequestInput,
} from './templates/subject-access-request.ts'
import {
  appealChronology,
  appealChronologySpec,
  appealCoveringLetter,
  appealCoveringLetterSpec,
  appealDisputedFigures,
  appealDisputedFiguresSpec,
  appealGrounds,
  appealGroundsSpec,
  appealSscs2Answers,
  appealSscs2AnswersSpec,
  type AppealPackInput,
} from './templates/appeal-pack.ts'
import { niAppeal, niAppealSpec, type NiAppealInput } from './templates/ni-appeal.ts'

/** The input each kind of letter takes. */
export interface LetterInputs extends VariationInputs {
  'mandatory-reconsideration': MandatoryReconsiderationInput
  'late-mandatory-reconsideration': LateMandatoryReconsiderationInput
  'revision-any-time': RevisionAnyTimeInput
  'change-of-circumstances': ChangeOfCircumstancesInput
  complaint: ComplaintInput
  'complaint-escalation': ComplaintEscalationInput
  'ice-referral': IceReferralInput
  'mp-letter': MpLetterInput
  'compensation-claim': CompensationClaimInput
  'call-confirmation': CallConfirmationInput
  'statement-of-account': StatementOfAccountInput
  'subject-access-request': SubjectAccessRequestInput
  'appeal-covering-letter': AppealPackInput
  'appeal-grounds': AppealPackInput
  'appeal-chronology': AppealPackInput
  'appeal-disputed-figures': AppealPackInput
  'appeal-sscs2-answers': AppealPackInput
  'ni-appeal': NiAppealInput
}

export type LetterKind = keyof LetterInputs

export interface LetterKindInfo {
  readonly kind: LetterKind
  readonly title: string
  readonly summary: string
  /** Every particular the letter cannot be written without, including the ones all letters need. */
  readonly required: readonly Particular[]
  /** For variation grounds: the evidence the CMS is likely to need. */
  readonly evidence?: readonly string[]
}

interface Entry<K extends LetterKind> {
  readonly spec: {
    readonly title: string
    readonly summary: string
    readonly required: readonly Particular[]
    readonly evidence?: readonly string[]
  }
  readonly build: (input: LetterInputs[K]) => Letter
}

type Registry = { readonly [K in LetterKind]: Entry<K> }

const variationEntries = Object.fromEntries(
  (Object.keys(VARIATION_GROUNDS) as VariationKind[]).map((k) => [
    k,
    { spec: variationSpec(k), build: (input: VariationInputs[typeof k]) => variation(k, input) },
  ]),
) as { readonly [K in VariationKind]: Entry<K> }

const REGISTRY: Registry = {
  'mandatory-reconsideration': { spec: mandatoryReconsiderationSpec, build: mandatoryReconsideration },
  'late-mandatory-reconsideration': {
    spec: lateMandatoryReconsiderationSpec,
    build: lateMandatoryReconsideration,
  },
  'revision-any-time': { spec: revisionAnyTimeSpec, build: revisionAnyTime },
  'change-of-circumstances': { spec: changeOfCircumstancesSpec, build: changeOfCircumstances },
  ...variationEntries,
  complaint: { spec: complaintSpec, build: complaint },
  'complaint-escalation': { spec: complaintEscalationSpec, build: complaintEscalation },
  'ice-referral': { spec: iceReferralSpec, build: iceReferral },
  'mp-letter': { spec: mpLetterSpec, build: mpLetter },
  'compensation-claim': { spec: compensationClaimSpec, build: compensationClaim },
  'call-confirmation': { spec: callConfirmationSpec, build: callConfirmation },
  'statement-of-account': { spec: statementOfAccountSpec, build: statementOfAccount },
  'subject-access-request': { spec: subjectAccessRequestSpec, build: subjectAccessRequest },
  'appeal-covering-letter': { spec: appealCoveringLetterSpec, build: appealCoveringLetter },
  'appeal-grounds': { spec: appealGroundsSpec, build: appealGrounds },
  'appeal-chronology': { spec: appealChronologySpec, build: appealChronology },
  'appeal-disputed-figures': { spec: appealDisputedFiguresSpec, build: appealDisputedFigures },
  'appeal-sscs2-answers': { spec: appealSscs2AnswersSpec, build: appealSscs2Answers },
  'ni-appeal': { spec: niAppealSpec, build: niAppeal },
}

/** What every letter needs, whatever its kind, in the language of the build that asks. */
export const commonParticulars = (): readonly Particular[] => [
  particular('sender.name', tr('kinds.yourName')),
  particular('sender.addressLines', tr('kinds.yourAddress')),
  particular('recipient.organisation', tr('kinds.whoItGoesTo')),
  particular('recipient.addressLines', tr('kinds.theirPostalAddress')),
  particular('date', tr('kinds.theDateOfThe')),
  particular('reference', tr('kinds.yourDigitCmsReference')),
]

/** What every letter needs, in English (the default locale). */
export const COMMON_PARTICULARS: readonly Particular[] = commonParticulars()

export const LETTER_KINDS = Object.keys(REGISTRY) as LetterKind[]

export const isLetterKind = (s: string): s is LetterKind => Object.hasOwn(REGISTRY, s)

/** Every kind of letter Redress can write, with what each needs, in the given language. */
export function listLetterKinds(locale: Locale = DEFAULT_LOCALE): LetterKindInfo[] {
  return inLocale(locale, () =>
    LETTER_KINDS.map((kind) => {
      const { spec } = REGISTRY[kind]
      return {
        kind,
        title: spec.title,
        summary: spec.summary,
        required: [...commonParticulars(), ...spec.required],
        ...(spec.evidence ? { evidence: spec.evidence } : {}),
      }
    }),
  )
}

/**
 * Builds a letter of the given kind from typed input, written in the given language (every
 * sentence the template adds comes from the locale files; the parent's own words go in as they
 * are). Throws `MissingParticulars` saying what to add, in that language.
 */
export function buildLetter<K extends LetterKind>(
  kind: K,
  input: LetterInputs[K],
  locale: Locale = DEFAULT_LOCALE,
): Letter {
  const entry = REGISTRY[kind] as Entry<K>
  return inLocale(locale, () => entry.build(input))
}
