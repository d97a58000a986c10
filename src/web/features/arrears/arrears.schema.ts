import { z } from 'zod'
import { SCHEMES as DOMAIN_SCHEMES } from '../../../domain/arrears/types.ts'

/** Ids in addresses: a malformed one is a page that does not exist. */
export const checkParams = z.object({ checkId: z.uuid() })
export const caseParams = z.object({ caseId: z.uuid() })
export const columnsParams = z.object({ checkId: z.uuid(), statementId: z.uuid() })
export const letterParams = z.object({
  checkId: z.uuid(),
  letter: z.enum(['dispute', 'statement-of-account']),
  format: z.enum(['pdf', 'docx']),
})

/** A form body or query: text fields; a repeated field (checkboxes) keeps every value. */
export const formBody = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]).optional())
  .catch({})
  .transform((body) => {
    const one: Record<string, string> = {}
    const many: Record<string, string[]> = {}
    for (const [k, v] of Object.entries(body)) {
      if (v === undefined) continue
      many[k] = Array.isArray(v) ? v : [v]
      one[k] = (Array.isArray(v) ? (v[0] ?? '') : v).trim()
    }
    return { one, many }
  })
export type FormBody = z.infer<typeof formBody>

export { COLLECTIONS } from '../../../domain/arrears/types.ts'
/** The domain's schemes, as the form posts them. */
export const SCHEMES = DOMAIN_SCHEMES.map(String)
