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

const TITLE = 'Subject access request'

export const subjectAccessRequestSpec = {
  title: TITLE,
  summary:
    'Ask the DWP for a copy of the records it holds about you on your CMS case (one calendar month to reply).',
  required: [particular('dateOfBirth', 'your date of birth')],
}

const RECORDS = [
  'case notes and the case history',
  'notes and recordings of phone calls',
  'letters and emails sent to me or about me, and letters received',
  'the calculations made on my case, with the information they used',
  'records of payments, arrears and enforcement',
  'records about any complaint I have made',
]

export function subjectAccessRequest(input: SubjectAccessRequestInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the DWP team that deals with subject access requests')
  const dob = need.date(input.dateOfBirth, particular('dateOfBirth', 'your date of birth'))
  need.check()

  const period =
    input.from && input.to
      ? ` from ${formatDate(input.from)} to ${formatDate(input.to)}`
      : input.from
        ? ` from ${formatDate(input.from)}`
        : ''
  const ids = input.identityEnclosed ?? []
  const names = input.previousNames ?? []
  return compose(base, input, {
    kind: 'subject-access-request',
    title: TITLE,
    subject: 'Subject access request: my Child Maintenance Service records',
    details: [
      { label: 'Full name', value: base.sender.name },
      ...(names.length > 0 ? [{ label: 'Other names used', value: names.join(', ') }] : []),
      { label: 'Date of birth', value: formatDate(dob) },
      ...(input.nationalInsuranceNumber?.trim()
        ? [{ label: 'National Insurance number', value: input.nationalInsuranceNumber.trim().toUpperCase() }]
        : []),
      { label: 'CMS reference', value: base.reference },
    ],
    paragraphs: [
      'I am making a subject access request under Article 15 of the UK General Data Protection Regulation for ' +
        `a copy of all the personal data the Department for Work and Pensions holds about me in connection with my ` +
        `Child Maintenance Service case${period}.`,
      heading('What I am asking for'),
      `This includes: ${RECORDS.join('; ')}.`,
      'Please also tell me why you hold the data, who you have shared it with, how long you will keep it, and where it came from if not from me.',
      input.format === 'paper'
        ? 'Please send the records to me on paper at the address above.'
        : 'Please send the records to me electronically if you can, or on paper to the address above.',
      heading('Time limit'),
      'The law gives you one calendar month from receiving this request to reply. If you need more information ' +
        'to find my records or confirm who I am, please tell me straight away.',
    ],
    enclosures: ids.map((d) => `A copy of my ${d}`),
    notes: [
      'Send copies of identity documents, never the originals.',
      'If you do not get a reply within a calendar month, you can complain to the Information Commissioner’s Office.',
    ],
  })
}
