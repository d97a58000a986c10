import { compareDates, formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { heading, type Letter } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import { compose, dated, own, readBase, type DatedEvent, type LetterBaseInput } from '../common.ts'
import { remedyParagraph, type RemedyInput } from './remedies.ts'

export type ContactMethod = 'post' | 'email' | 'phone'

export interface IceReferralInput extends LetterBaseInput {
  readonly nationalInsuranceNumber?: Maybe<string>
  /** The date of the final response from the CMS / DWP complaints team. */
  readonly finalResponseDate?: Maybe<PlainDate>
  /** The date it arrived, if different. */
  readonly finalResponseReceived?: Maybe<PlainDate>
  /** The facts of the complaint, with dates. */
  readonly events?: Maybe<readonly DatedEvent[]>
  readonly remedies?: Maybe<readonly RemedyInput[]>
  readonly preferredContact?: Maybe<ContactMethod>
  /** Adjustments the parent needs (large print, calls at certain times, …). */
  readonly adjustments?: Maybe<string>
  /** Someone acting for the parent, with written consent enclosed. */
  readonly representative?: Maybe<{ readonly name: string; readonly relationship: string }>
  /** Only if the referral is late: why, in the parent's words. */
  readonly lateReason?: Maybe<string>
}

const TITLE = 'Complaint to the Independent Case Examiner'

export const iceReferralSpec = {
  title: TITLE,
  summary: 'Take a complaint to the Independent Case Examiner after the final response, enclosing it.',
  required: [
    particular('nationalInsuranceNumber', 'your National Insurance number'),
    particular('sender.phone', 'your phone number'),
    particular('finalResponseDate', 'the date of the final response'),
    particular('events', 'what happened, with dates'),
    particular('remedies', 'what you want'),
  ],
}

const NINO = /^[A-Z]{2}\d{6}[A-D]$/
const CONTACT: Record<ContactMethod, string> = { post: 'by post', email: 'by email', phone: 'by phone' }

export function iceReferral(input: IceReferralInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Independent Case Examiner', { needPhone: true })
  const nino = need
    .text(
      input.nationalInsuranceNumber,
      particular('nationalInsuranceNumber', 'your National Insurance number'),
    )
    .replace(/\s+/g, '')
    .toUpperCase()
  if (nino && !NINO.test(nino))
    need.add(
      particular(
        'nationalInsuranceNumber',
        `a National Insurance number in the form QQ123456C ("${input.nationalInsuranceNumber}" is not)`,
      ),
    )
  const finalDate = need.date(
    input.finalResponseDate,
    particular('finalResponseDate', 'the date of the final response to your complaint'),
  )
  const events = need.list(input.events, particular('events', 'what happened, with dates'))
  const remedies = need.list(
    input.remedies,
    particular('remedies', 'what you want the Independent Case Examiner to recommend'),
  )
  if (input.preferredContact === 'email' && !base.sender.email)
    need.add(particular('sender.email', 'your email address, as email is the way you want to be contacted'))
  need.check()

  const contact = input.preferredContact ?? 'post'
  const received = input.finalResponseReceived
  return compose(base, input, {
    kind: 'ice-referral',
    title: TITLE,
    subject: `Complaint about the Child Maintenance Service: final response dated ${formatDate(finalDate)}`,
    details: [
      { label: 'Name', value: base.sender.name },
      { label: 'Address', value: base.sender.addressLines.join(', ') },
      { label: 'National Insurance number', value: nino },
      { label: 'Phone', value: base.sender.phone ?? '' },
      ...(base.sender.email ? [{ label: 'Email', value: base.sender.email }] : []),
      { label: 'Best way to contact me', value: CONTACT[contact] },
      { label: 'Adjustments I need', value: input.adjustments?.trim() || 'None' },
    ],
    paragraphs: [
      'I ask you to look into my complaint about the Child Maintenance Service. I have been through its ' +
        `complaints process, and I enclose the final response dated ${formatDate(finalDate)}` +
        (received ? `, which I received on ${formatDate(received)}` : '') +
        '.',
      ...(input.lateReason?.trim()
        ? [
            'I know that I am asking you after your usual time limit. I ask you to accept my complaint late, for the reason I give here:',
            own(input.lateReason),
          ]
        : []),
      ...(input.representative
        ? [
            `${input.representative.name} (${input.representative.relationship}) is helping me with this complaint. ` +
              'I enclose my written consent for you to deal with them.',
          ]
        : []),
      heading('What happened'),
      ...[...events].sort((a, b) => compareDates(a.date, b.date)).map(dated),
      heading('What I would like to happen'),
      ...remedies.map(remedyParagraph),
      `Please contact me ${CONTACT[contact]}.`,
    ],
    enclosures: [
      `The final response dated ${formatDate(finalDate)}`,
      ...(input.representative ? ['My written consent for my representative to act for me'] : []),
    ],
    notes: [
      'The Independent Case Examiner only takes a complaint after a final response that says you can go to them. There is a time limit from the date you received it.',
      'The Independent Case Examiner looks at how your case was handled (delays, mistakes, poor service), not at whether a decision about the amount was right.',
      'Send a copy of the final response, not the original.',
    ],
  })
}
