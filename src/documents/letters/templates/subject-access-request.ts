import { tr } from '../copy.ts'
import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { heading, type Letter } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import { compose, readBase, type LetterBaseInput } from '../common.ts'

export interface SubjectAccessRequestInput extends LetterBaseInput {
  readonly dateOfBirth?: Maybe<PlainDate>
  readonly nationalInsuranceNumber?: Maybe<string>
  /** Other names the parent has used on the case. */
  readonly previousNames?: Maybe<readonly string[]>
  readonly from?: Maybe<PlainDate>
  readonly to?: Maybe<PlainDate>
  readonly format?: Maybe<'electronic' | 'paper'>
  /** The identity documents enclosed (copies). */
  readonly identityEnclosed?: Maybe<readonly string[]>
}

const TITLE = (): string => tr('subjectAccessRequest.subjectAccessRequest')

export const subjectAccessRequestSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('subjectAccessRequest.askTheDwpFor')
  },
  get required() {
    return [particular('dateOfBirth', tr('subjectAccessRequest.yourDateOfBirth'))]
  },
}

const records = (): string[] => [
  tr('subjectAccessRequest.caseNotesAndThe'),
  tr('subjectAccessRequest.notesAndRecordingsOf'),
  tr('subjectAccessRequest.lettersAndEmailsSent'),
  tr('subjectAccessRequest.theCalculationsMadeOn'),
  tr('subjectAccessRequest.recordsOfPaymentsArrears'),
  tr('subjectAccessRequest.recordsAboutAnyComplaint'),
]

export function subjectAccessRequest(input: SubjectAccessRequestInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('subjectAccessRequest.theDwpTeamThat'))
  const dob = need.date(
    input.dateOfBirth,
    particular('dateOfBirth', tr('subjectAccessRequest.yourDateOfBirth')),
  )
  need.check()

  const period =
    input.from && input.to
      ? tr('subjectAccessRequest.fromTo', { from: formatDate(input.from), to: formatDate(input.to) })
      : input.from
        ? tr('subjectAccessRequest.from', { from: formatDate(input.from) })
        : ''
  const ids = input.identityEnclosed ?? []
  const names = input.previousNames ?? []
  return compose(base, input, {
    kind: 'subject-access-request',
    title: TITLE(),
    subject: tr('subjectAccessRequest.subjectAccessRequestMy'),
    details: [
      { label: tr('subjectAccessRequest.fullName'), value: base.sender.name },
      ...(names.length > 0
        ? [{ label: tr('subjectAccessRequest.otherNamesUsed'), value: names.join(', ') }]
        : []),
      { label: tr('subjectAccessRequest.dateOfBirth'), value: formatDate(dob) },
      ...(input.nationalInsuranceNumber?.trim()
        ? [
            {
              label: tr('subjectAccessRequest.nationalInsuranceNumber'),
              value: input.nationalInsuranceNumber.trim().toUpperCase(),
            },
          ]
        : []),
      { label: tr('common.cmsReference'), value: base.reference },
    ],
    paragraphs: [
      tr('subjectAccessRequest.iAmMakingA', { period }),
      heading(tr('subjectAccessRequest.whatIAmAsking')),
      tr('subjectAccessRequest.thisIncludes', { value: records().join('; ') }),
      tr('subjectAccessRequest.pleaseAlsoTellMe'),
      input.format === 'paper'
        ? tr('subjectAccessRequest.pleaseSendTheRecords')
        : tr('subjectAccessRequest.pleaseSendTheRecords2'),
      heading(tr('subjectAccessRequest.timeLimit')),
      tr('subjectAccessRequest.theLawGivesYou'),
    ],
    enclosures: ids.map((d) => tr('subjectAccessRequest.aCopyOfMy', { d })),
    notes: [tr('subjectAccessRequest.sendCopiesOfIdentity'), tr('subjectAccessRequest.ifYouDoNot')],
  })
}
