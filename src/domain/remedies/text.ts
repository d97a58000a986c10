import { formatLongDate, type PlainDate } from '../shared/plain-date.ts'
import type { AdvisorContext } from './context.ts'
import { isKnown, type DateFact, type Nation } from './facts.ts'

/** Plain-English pieces several routes share. */

export const isNI = (n: Nation): boolean => n === 'northern-ireland'

export const cmsName = (n: Nation): string =>
  isNI(n) ? 'the Northern Ireland Child Maintenance Service' : 'the Child Maintenance Service (CMS)'

/** How to reach the CMS, from the contact facts (never a paid call-connection number). */
export function contactCms(ctx: AdvisorContext, nation: Nation): string[] {
  if (isNI(nation))
    return [
      'Contact the Northern Ireland Child Maintenance Service using the phone number and address on your latest letter (nidirect lists them too).',
    ]
  const { phone, relayUk, postalAddress, welshLanguageLine } = ctx.contacts.cms
  const lines = [
    `Phone the CMS free on ${phone.value} (Relay UK: ${relayUk.value}).`,
    `Write to: ${postalAddress.value.split('\n').join(', ')}.`,
  ]
  if (nation === 'wales' && welshLanguageLine.appliesTo.includes('wales'))
    lines.push(
      `For Welsh, one source gives ${welshLanguageLine.value}${welshLanguageLine.confidence === 'verified' ? '' : ' (not confirmed: check GOV.UK before relying on it)'}.`,
    )
  return lines
}

/** Only the written ways to reach the CMS (for things that must be in writing). */
export const writeToCms = (ctx: AdvisorContext, nation: Nation): string[] =>
  contactCms(ctx, nation).filter((l) => !l.startsWith('Phone') && !l.startsWith('For Welsh'))

export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

export const PUT_IT_IN_WRITING =
  'If you phone, send a short letter or online message the same day saying what you asked for, so there is a written record.'

export const PROOF_OF_POSTAGE =
  'If you post anything, get a free certificate of posting at the Post Office and keep it.'

export const POSTAGE_RECEIPTS = 'Proof of postage (free from the Post Office) for anything you post.'

export const KEEP_COPIES = 'Keep a copy of everything you send and every reply.'

export function referenceNumber(ctx: AdvisorContext, nation: Nation): string {
  if (isNI(nation)) return 'Your case reference number (it is on every letter from the CMS).'
  return `Your CMS reference number: ${ctx.contacts.cms.referenceNumber.value}, on every CMS letter and in your online account. If you cannot find it, give your name, address and your child's name and date of birth.`
}

export const CALL_NOTES =
  'Notes of every call with the CMS: the date and time, who you spoke to, what was said and what they promised to do.'

export const letterDated = (what: string, d: DateFact | undefined): string =>
  isKnown(d) ? `${what} dated ${formatLongDate(d)}` : `${what} (find the date printed on it)`

export const on = (d: PlainDate): string => formatLongDate(d)

/** Said on every route that sends papers the other parent will see. */
export const PRIVACY_CAUTION =
  'The other parent is usually sent copies of what you send for this. Leave your address, phone number and anything that shows where you live off your papers, and tell the CMS (or tribunal) that your contact details must be kept private.'
