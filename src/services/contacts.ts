import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { Temporal } from 'temporal-polyfill'
import type { ContactFact, Contacts, PaidNumberWarning } from '../domain/remedies/contacts.ts'
import { fromRoot } from '../root.ts'
import { UK_NATIONS } from '../domain/shared/nations.ts'
import { CONFIDENCES } from '../domain/shared/traced.ts'
import { says } from '../rules/says.ts'
import { text as translated } from '../copy/translate.ts'
import { message } from '../domain/shared/message.ts'

/** Loads rules/contacts.yaml: official contact facts, each with its sources and the date it was checked. */

export const CONTACTS_FILE = fromRoot('rules', 'contacts.yaml')

export class ContactsFileError extends Error {
  override name = 'ContactsFileError'
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, says('isoDate'))
  .refine((s) => {
    try {
      Temporal.PlainDate.from(s, { overflow: 'reject' })
      return true
    } catch {
      return false
    }
  }, says('realDate'))

const nation = z.enum(UK_NATIONS)
const confidence = z.enum(CONFIDENCES)
const source = z.strictObject({ title: z.string().min(3), url: z.url({ protocol: /^https$/ }) })

const fact = z.strictObject({
  label: z.string().min(3),
  value: z.string().min(1),
  pattern: z.string().optional(),
  confidence,
  'checked-on': isoDate,
  'applies-to': z.array(nation).min(1),
  sources: z.array(source).min(1),
  note: z.string().optional(),
})

export const contactsFileSchema = z.strictObject({
  cms: z.strictObject({
    phone: fact,
    'relay-uk': fact,
    'welsh-language-line': fact,
    'opening-hours': fact,
    'postal-address': fact,
    'reference-number': fact.extend({ pattern: z.string() }),
    'online-account': fact,
  }),
  'northern-ireland': z.strictObject({
    cms: fact,
    'appeals-service': fact,
    ombudsman: fact,
    records: fact,
  }),
  tribunal: z.strictObject({ sscs2: fact }),
  'independent-case-examiner': fact,
  /** Helplines for people at risk (read by src/web/features/safe-mode/helplines.ts). */
  helplines: z.record(z.string(), fact).optional(),
  'paid-number-warning': z.strictObject({
    text: z.string().min(20),
    confidence,
    'checked-on': isoDate,
    sources: z.array(source).min(1),
  }),
})

export type ContactsFile = z.infer<typeof contactsFileSchema>

const toFact = (f: z.infer<typeof fact>): ContactFact => ({
  label: f.label,
  value: f.value,
  confidence: f.confidence,
  checkedOn: Temporal.PlainDate.from(f['checked-on']),
  appliesTo: f['applies-to'],
  sources: f.sources,
  note: f.note ?? null,
  pattern: f.pattern ?? null,
})

/** Parses and checks the contacts file's text; `path` is for messages. */
export function parseContacts(text: string, path = 'contacts.yaml'): Contacts {
  const doc = parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0)
    throw new ContactsFileError(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`)
  const parsed = contactsFileSchema.safeParse(doc.toJS())
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
    throw new ContactsFileError(`${path}: ${issues.join('; ')}`)
  }
  const c = parsed.data
  try {
    new RegExp(c.cms['reference-number'].pattern)
  } catch {
    throw new ContactsFileError(
      translated('platform.rules.inFile', { path, problem: message('platform.rules.badPattern') }),
    )
  }
  const warning: PaidNumberWarning = {
    text: c['paid-number-warning'].text,
    confidence: c['paid-number-warning'].confidence,
    checkedOn: Temporal.PlainDate.from(c['paid-number-warning']['checked-on']),
    sources: c['paid-number-warning'].sources,
  }
  return {
    cms: {
      phone: toFact(c.cms.phone),
      relayUk: toFact(c.cms['relay-uk']),
      welshLanguageLine: toFact(c.cms['welsh-language-line']),
      openingHours: toFact(c.cms['opening-hours']),
      postalAddress: toFact(c.cms['postal-address']),
      referenceNumber: toFact(c.cms['reference-number']),
      onlineAccount: toFact(c.cms['online-account']),
    },
    northernIreland: {
      cms: toFact(c['northern-ireland'].cms),
      appealsService: toFact(c['northern-ireland']['appeals-service']),
      ombudsman: toFact(c['northern-ireland'].ombudsman),
      records: toFact(c['northern-ireland'].records),
    },
    tribunal: { sscs2: toFact(c.tribunal.sscs2) },
    independentCaseExaminer: toFact(c['independent-case-examiner']),
    paidNumberWarning: warning,
  }
}

/** Loads the contacts file (default: the project's rules/contacts.yaml). */
export function loadContacts(file: string = CONTACTS_FILE): Contacts {
  return parseContacts(readFileSync(file, 'utf8'), file)
}

let cached: Contacts | undefined
/** The project's contact facts, loaded once per process. */
export function contacts(): Contacts {
  return (cached ??= loadContacts())
}
