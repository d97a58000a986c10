import type { Confidence } from '../shared/traced.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { Nation } from './facts.ts'

/** Official contact facts (rules/contacts.yaml), each with where it came from and when it was checked. */
export interface ContactSource {
  readonly title: string
  readonly url: string
}

export interface ContactFact {
  readonly label: string
  readonly value: string
  readonly confidence: Confidence
  readonly checkedOn: PlainDate
  readonly appliesTo: readonly Nation[]
  readonly sources: readonly ContactSource[]
  readonly note: string | null
  /** A regular expression the value describes (the reference-number format). */
  readonly pattern: string | null
}

export interface PaidNumberWarning {
  readonly text: string
  readonly confidence: Confidence
  readonly checkedOn: PlainDate
  readonly sources: readonly ContactSource[]
}

export interface Contacts {
  readonly cms: {
    readonly phone: ContactFact
    readonly relayUk: ContactFact
    readonly welshLanguageLine: ContactFact
    readonly openingHours: ContactFact
    readonly postalAddress: ContactFact
    readonly referenceNumber: ContactFact
    readonly onlineAccount: ContactFact
  }
  readonly northernIreland: {
    readonly cms: ContactFact
    readonly appealsService: ContactFact
    /** The NI Public Services Ombudsman: the last step of a complaint, contacted directly. */
    readonly ombudsman: ContactFact
    /** Where a records request (subject access request) goes in NI: the Department for Communities. */
    readonly records: ContactFact
  }
  readonly tribunal: { readonly sscs2: ContactFact }
  readonly independentCaseExaminer: ContactFact
  readonly paidNumberWarning: PaidNumberWarning
}

/** Is `text` (spaces allowed) a CMS reference in the recorded format (12 digits beginning 121)? */
export function isCmsReference(contacts: Contacts, text: string): boolean {
  const pattern = contacts.cms.referenceNumber.pattern
  return pattern !== null && new RegExp(pattern).test(text.replace(/\s+/g, ''))
}
