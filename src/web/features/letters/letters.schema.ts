import { z } from 'zod'

/** Ids in addresses: a malformed one is a page that does not exist. */
export const caseParams = z.object({ caseId: z.string().min(1).max(64) })
export const kindParams = caseParams.extend({ kind: z.string().min(1).max(64) })
export const callParams = caseParams.extend({ id: z.string().min(1).max(64) })
export const jobParams = caseParams.extend({ job: z.string().regex(/^[0-9a-f]{32}$/) })

/** A posted form as text fields (a repeated field becomes a list). */
export const letterForm = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]).optional())
  .catch({})

export type LetterForm = z.infer<typeof letterForm>

export const text = (f: LetterForm, key: string): string => {
  const v = f[key]
  return (Array.isArray(v) ? v.join('\n') : (v ?? '')).trim()
}

export const list = (f: LetterForm, key: string): string[] => {
  const v = f[key]
  return (Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean)
}
