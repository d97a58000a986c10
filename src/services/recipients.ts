import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { Temporal } from 'temporal-polyfill'
import type { CaseNation } from '../domain/case/index.ts'
import type { PlainDate } from '../domain/shared/plain-date.ts'
import type { Confidence } from '../domain/shared/traced.ts'
import type { LetterKind } from '../documents/index.ts'
import { fromRoot } from '../root.ts'
import { UK_NATIONS } from '../domain/shared/nations.ts'
import { CONFIDENCES } from '../domain/shared/traced.ts'
import { says } from '../rules/says.ts'

/**
 * Loads rules/recipients.yaml: where each letter goes, with the address (or what to use where the
 * address is printed only on an official form), its sources, confidence and the date it was checked.
 */

export const RECIPIENTS_FILE = fromRoot('rules', 'recipients.yaml')

export class RecipientsFileError extends Error {
  override name = 'RecipientsFileError'
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

const entry = z
  .strictObject({
    organisation: z.string().min(3),
    attention: z.string().min(3).optional(),
    address: z.array(z.string().min(1)).min(2).optional(),
    'use-instead': z.string().min(10).optional(),
    confidence: z.enum(CONFIDENCES),
    'checked-on': isoDate,
    'applies-to': z.array(z.enum(UK_NATIONS)).min(1),
    sources: z
      .array(z.strictObject({ title: z.string().min(3), url: z.url({ protocol: /^https$/ }) }))
      .min(1),
    note: z.string().optional(),
  })
  .refine((e) => (e.address === undefined) !== (e['use-instead'] === undefined), says('exactlyOneAddress'))

export const RECIPIENT_IDS = [
  'cms',
  'cms-complaints',
  'cms-complaints-escalation',
  'cms-ni',
  'cms-ni-complaints',
  'dfc-records',
  'independent-case-examiner',
  'hmcts-sscs2',
  'appeals-service-ni',
  'nipso',
  'mp',
] as const
export type RecipientId = (typeof RECIPIENT_IDS)[number]

const fileSchema = z.strictObject(
  Object.fromEntries(RECIPIENT_IDS.map((id) => [id, entry])) as Record<RecipientId, typeof entry>,
)

/** One recipient, as data with where it came from. */
export interface RecipientFact {
  readonly id: RecipientId
  readonly organisation: string
  readonly attention: string | null
  /** The postal address lines; empty where `useInstead` says what to use. */
  readonly addressLines: readonly string[]
  /** Where the address is only printed on an official form: what to use instead ("Use the address printed on form SSCS2"). */
  readonly useInstead: string | null
  readonly confidence: Confidence
  readonly checkedOn: PlainDate
  readonly appliesTo: readonly CaseNation[]
  readonly sources: readonly { readonly title: string; readonly url: string }[]
  readonly note: string | null
}

export type Recipients = Readonly<Record<RecipientId, RecipientFact>>

export function parseRecipients(text: string, path = 'recipients.yaml'): Recipients {
  const doc = parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0)
    throw new RecipientsFileError(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`)
  const parsed = fileSchema.safeParse(doc.toJS())
  if (!parsed.success)
    throw new RecipientsFileError(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`,
    )
  const out = {} as Record<RecipientId, RecipientFact>
  for (const id of RECIPIENT_IDS) {
    const e = parsed.data[id]
    out[id] = {
      id,
      organisation: e.organisation,
      attention: e.attention ?? null,
      addressLines: e.address ?? [],
      useInstead: e['use-instead'] ?? null,
      confidence: e.confidence,
      checkedOn: Temporal.PlainDate.from(e['checked-on']),
      appliesTo: e['applies-to'],
      sources: e.sources,
      note: e.note ?? null,
    }
  }
  return out
}

let cached: Recipients | undefined
/** The project's recipients, loaded once per process. */
export function recipients(): Recipients {
  return (cached ??= parseRecipients(readFileSync(RECIPIENTS_FILE, 'utf8'), RECIPIENTS_FILE))
}

/** Who a kind of letter goes to, for a case in `nation`. */
export function recipientIdFor(kind: LetterKind, nation: CaseNation): RecipientId {
  const ni = nation === 'northern-ireland'
  if (kind.startsWith('appeal-')) return 'hmcts-sscs2'
  switch (kind) {
    case 'ni-appeal':
      return 'appeals-service-ni'
    case 'ice-referral':
      return 'independent-case-examiner'
    case 'mp-letter':
      return 'mp'
    case 'subject-access-request':
      return ni ? 'dfc-records' : 'cms'
    case 'complaint':
    case 'compensation-claim':
      return ni ? 'cms-ni-complaints' : 'cms-complaints'
    case 'complaint-escalation':
      return ni ? 'cms-ni-complaints' : 'cms-complaints-escalation'
    default:
      return ni ? 'cms-ni' : 'cms'
  }
}
