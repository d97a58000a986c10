import { message, type Message } from '../shared/message.ts'
import { formatLongDate, type PlainDate } from '../shared/plain-date.ts'
import type { AdvisorContext } from './context.ts'
import { isKnown, type DateFact, type Nation } from './facts.ts'

/** Pieces several routes share, as messages (words in src/web/locales/en/remedies.json, group remedies.shared). */

export const isNI = (n: Nation): boolean => n === 'northern-ireland'

export const cmsName = (n: Nation): Message =>
  isNI(n) ? message('remedies.shared.cmsName.ni') : message('remedies.shared.cmsName.gb')

const PHONE = 'remedies.shared.contactCms.phone'
const WELSH = 'remedies.shared.contactCms.welsh'

/** How to reach the CMS, from the contact facts (never a paid call-connection number). */
export function contactCms(ctx: AdvisorContext, nation: Nation): Message[] {
  if (isNI(nation)) return [message('remedies.shared.contactCms.ni')]
  const { phone, relayUk, postalAddress, welshLanguageLine } = ctx.contacts.cms
  const lines = [
    message(PHONE, { phone: phone.value, relayUk: relayUk.value }),
    message('remedies.shared.contactCms.write', { address: postalAddress.value.split('\n').join(', ') }),
  ]
  if (nation === 'wales' && welshLanguageLine.appliesTo.includes('wales'))
    lines.push(
      message(WELSH, {
        line: welshLanguageLine.value,
        notConfirmed:
          welshLanguageLine.confidence === 'verified'
            ? ''
            : message('remedies.shared.contactCms.welshNotConfirmed'),
      }),
    )
  return lines
}

/** Only the written ways to reach the CMS (for things that must be in writing). */
export const writeToCms = (ctx: AdvisorContext, nation: Nation): Message[] =>
  contactCms(ctx, nation).filter((l) => l.key !== PHONE && l.key !== WELSH)

export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

export const PUT_IT_IN_WRITING = message('remedies.shared.putItInWriting')

export const PROOF_OF_POSTAGE = message('remedies.shared.proofOfPostage')

export const POSTAGE_RECEIPTS = message('remedies.shared.postageReceipts')

export const KEEP_COPIES = message('remedies.shared.keepCopies')

export function referenceNumber(ctx: AdvisorContext, nation: Nation): Message {
  if (isNI(nation)) return message('remedies.shared.referenceNumber.ni')
  return message('remedies.shared.referenceNumber.gb', { format: ctx.contacts.cms.referenceNumber.value })
}

export const CALL_NOTES = message('remedies.shared.callNotes')

/** "The decision letter dated 3 March 2025", or a reminder to find the date. */
export const letterDated = (what: Message, d: DateFact | undefined): Message =>
  isKnown(d)
    ? message('remedies.shared.letterDated.known', { what, date: formatLongDate(d) })
    : message('remedies.shared.letterDated.unknown', { what })

/** "a, b and c": the items before the last are put in separated by commas. */
export const and = (items: readonly Message[], last: Message): Message =>
  message('remedies.shared.and', { items, last })

export const on = (d: PlainDate): string => formatLongDate(d)

/** Said on every route that sends papers the other parent will see. */
export const PRIVACY_CAUTION = message('remedies.shared.privacyCaution')
