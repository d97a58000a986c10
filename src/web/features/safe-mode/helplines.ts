import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { CONTACTS_FILE } from '../../../services/contacts.ts'
import { UK_NATIONS } from '../../../domain/shared/nations.ts'
import { CONFIDENCES } from '../../../domain/shared/traced.ts'

/** Helplines for "Using Redress privately": contact data in rules/contacts.yaml (`helplines`), with sources. */
const helpline = z.object({
  label: z.string().min(3),
  value: z.string().min(1),
  confidence: z.enum(CONFIDENCES),
  'checked-on': z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  'applies-to': z.array(z.enum(UK_NATIONS)).min(1),
  sources: z.array(z.object({ title: z.string(), url: z.url({ protocol: /^https$/ }) })).min(1),
  note: z.string().optional(),
})
export type Helpline = z.infer<typeof helpline> & { readonly id: string }

let cached: Helpline[] | undefined
export function helplines(file: string = CONTACTS_FILE): Helpline[] {
  if (cached && file === CONTACTS_FILE) return cached
  const all = parseDocument(readFileSync(file, 'utf8')).toJS() as { helplines?: Record<string, unknown> }
  const parsed = z.record(z.string(), helpline).parse(all.helplines ?? {})
  const list = Object.entries(parsed).map(([id, h]) => ({ id, ...h }))
  if (file === CONTACTS_FILE) cached = list
  return list
}
