import { tr, trMap } from '../copy.ts'
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

const TITLE = (): string => tr('iceReferral.complaintToTheIndependent')

export const iceReferralSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('iceReferral.takeAComplaintTo')
  },
  get required() {
    return [
      particular('nationalInsuranceNumber', tr('iceReferral.yourNationalInsuranceNumber')),
      particular('sender.phone', tr('iceReferral.yourPhoneNumber')),
      particular('finalResponseDate', tr('iceReferral.theDateOfThe')),
      particular('events', tr('iceReferral.whatHappenedWithDates')),
      particular('remedies', tr('iceReferral.whatYouWant')),
    ]
  },
}

const NINO = /^[A-Z]{2}\d{6}[A-D]$/
const CONTACT: Record<ContactMethod, string> = trMap({
  post: 'iceReferral.byPost',
  email: 'iceReferral.byEmail',
  phone: 'iceReferral.byPhone',
})

export function iceReferral(input: IceReferralInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('iceReferral.theIndependentCaseExaminer'), { needPhone: true })
  const nino = need
    .text(
      input.nationalInsuranceNumber,
      particular('nationalInsuranceNumber', tr('iceReferral.yourNationalInsuranceNumber')),
    )
    .replace(/\s+/g, '')
    .toUpperCase()
  if (nino && !NINO.test(nino))
    need.add(
      particular(
        'nationalInsuranceNumber',
        tr('iceReferral.aNationalInsuranceNumber', {
          nationalInsuranceNumber: input.nationalInsuranceNumber,
        }),
      ),
    )
  const finalDate = need.date(
    input.finalResponseDate,
    particular('finalResponseDate', tr('iceReferral.theDateOfThe2')),
  )
  const events = need.list(input.events, particular('events', tr('iceReferral.whatHappenedWithDates')))
  const remedies = need.list(input.remedies, particular('remedies', tr('iceReferral.whatYouWantThe')))
  if (input.preferredContact === 'email' && !base.sender.email)
    need.add(particular('sender.email', tr('iceReferral.yourEmailAddressAs')))
  need.check()

  const contact = input.preferredContact ?? 'post'
  const received = input.finalResponseReceived
  return compose(base, input, {
    kind: 'ice-referral',
    title: TITLE(),
    subject: tr('iceReferral.complaintAboutTheChild', { finalDate: formatDate(finalDate) }),
    details: [
      { label: tr('iceReferral.name'), value: base.sender.name },
      { label: tr('iceReferral.address'), value: base.sender.addressLines.join(', ') },
      { label: tr('iceReferral.nationalInsuranceNumber'), value: nino },
      { label: tr('iceReferral.phone'), value: base.sender.phone ?? '' },
      ...(base.sender.email ? [{ label: tr('iceReferral.email'), value: base.sender.email }] : []),
      { label: tr('iceReferral.bestWayToContact'), value: CONTACT[contact] },
      {
        label: tr('iceReferral.adjustmentsINeed'),
        value: input.adjustments?.trim() || tr('iceReferral.none'),
      },
    ],
    paragraphs: [
      tr('iceReferral.iAskYouTo', {
        finalDate: formatDate(finalDate),
        value: received ? tr('iceReferral.whichIReceivedOn', { received: formatDate(received) }) : '',
      }),
      ...(input.lateReason?.trim() ? [tr('iceReferral.iKnowThatI'), own(input.lateReason)] : []),
      ...(input.representative
        ? [
            tr('iceReferral.isHelpingMeWith', {
              name: input.representative.name,
              relationship: input.representative.relationship,
            }),
          ]
        : []),
      heading(tr('iceReferral.whatHappened')),
      ...[...events].sort((a, b) => compareDates(a.date, b.date)).map(dated),
      heading(tr('iceReferral.whatIWouldLike')),
      ...remedies.map(remedyParagraph),
      tr('iceReferral.pleaseContactMe', { contact: CONTACT[contact] }),
    ],
    enclosures: [
      tr('iceReferral.theFinalResponseDated', { finalDate: formatDate(finalDate) }),
      ...(input.representative ? [tr('iceReferral.myWrittenConsentFor')] : []),
    ],
    notes: [
      tr('iceReferral.theIndependentCaseExaminer2'),
      tr('iceReferral.theIndependentCaseExaminer3'),
      tr('iceReferral.sendACopyOf'),
    ],
  })
}
