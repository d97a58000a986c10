import { z } from 'zod'
import type { PlainDate } from '../../../domain/shared/plain-date.ts'
import { UK_NATIONS } from '../../../domain/shared/nations.ts'
import { translate } from '../../i18n.ts'
import { dateField, dateParts, issuesToErrors, one, type FieldError, type Posted } from '../deadlines/form.ts'

/** The duties checklist's form: who you are, where you live, and whether (and when) you moved house. */

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

export const ROLES = ['paying', 'receiving'] as const
export const NATIONS = UK_NATIONS

export interface DutiesAnswers {
  readonly role: (typeof ROLES)[number]
  readonly nation: (typeof NATIONS)[number]
  /** The date of a move, as "YYYY-MM-DD", or null when the parent has not moved. */
  readonly movedOn: string | null
}

const base = z.object({
  role: z.enum(ROLES, { error: () => copy('duties.form.role.error') }),
  nation: z.enum(NATIONS, { error: () => copy('duties.form.nation.error') }),
})

export type DutiesFormResult =
  | { readonly ok: true; readonly answers: DutiesAnswers }
  | { readonly ok: false; readonly errors: FieldError[] }

/** Checks the posted form. The move date is optional (empty: not moved) and may not be in the future. */
export function parseDutiesForm(posted: Posted, today: PlainDate): DutiesFormResult {
  const head = base.safeParse({ role: one(posted, 'role'), nation: one(posted, 'nation') })
  const issues: z.core.$ZodIssue[] = head.success ? [] : [...head.error.issues]
  let movedOn: string | null = null
  const parts = dateParts(posted, 'movedOn')
  if (parts.day !== '' || parts.month !== '' || parts.year !== '') {
    const d = dateField('movedOn', { what: copy('duties.form.moved.what'), today }).safeParse(parts)
    if (d.success) movedOn = d.data
    else issues.push(...d.error.issues)
  }
  if (!head.success || issues.length > 0) return { ok: false, errors: issuesToErrors(issues) }
  return { ok: true, answers: { role: head.data.role, nation: head.data.nation, movedOn } }
}
