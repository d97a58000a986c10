import { Readable } from 'node:stream'
import { Temporal } from '../../src/domain/shared/plain-date.ts'
import { LOCAL_OWNER, type Actor } from '../../src/domain/case/index.ts'
import { rules } from '../../src/rules/load.ts'
import type { CaseServices } from '../../src/services/case-services.ts'
import { createServices, type Services as AppServices } from '../../src/services/services.ts'
import { fixedClock } from '../../src/services/clock.ts'
import type { Database } from '../../src/store/db.ts'
import type { LetterService } from '../../src/services/letter.service.ts'
import type { BundleService } from '../../src/services/bundle.service.ts'
import { textPdf } from '../fixtures/documents/pdfs.ts'
import * as demo from '../../src/services/demo.service.ts'
import type { CaseService } from '../../src/services/case.service.ts'

/** The personas' case files, built through the real services, for the letters and bundle tests. */

export const WHO: Actor = { ownerId: LOCAL_OWNER, name: 'you (test)' }
export const TODAY = Temporal.PlainDate.from('2025-09-20')

export interface Services {
  readonly caseFile: CaseServices
  readonly letters: LetterService
  readonly bundles: BundleService
}

/** Every service (the app's own composition root), with the personas' fixed "today". */
export function services(database: Database, dataDir: string): AppServices {
  return createServices(
    { database, dataDir, rules: rules(), maxUploadBytes: 20 * 1024 * 1024 },
    fixedClock(TODAY),
  )
}

export const upload = (
  s: Services,
  caseId: string,
  fileName: string,
  bytes: Uint8Array,
  extra: Record<string, unknown> = {},
) =>
  s.caseFile.evidence.add(WHO, caseId, { fileName, content: Readable.from([Buffer.from(bytes)]), ...extra })

const persona =
  <R>(build: (cases: CaseService, who: Actor) => Promise<R>) =>
  (s: Services): Promise<R> =>
    build(s.caseFile.cases, WHO)

/** The personas' case files (the same ones `redress demo` creates). */
export const amira = persona(demo.amira)
export const priya = persona(demo.priya)
export const jordan = persona(demo.jordan)
export const chris = persona(demo.chris)

/** `n` evidence PDFs of about ten pages each, the first naming the other parent's address, phone and email. */
export async function manyPdfs(
  s: Services,
  caseId: string,
  n: number,
  other: { address: string; phone: string; email: string },
) {
  const ids: string[] = []
  for (let i = 1; i <= n; i++) {
    const pages = 9 + (i % 3)
    const bytes = await textPdf({
      pages,
      lines: (p) => [
        `Document ${i}, page ${p}`,
        ...(i === 1 && p === 1
          ? [`Letter sent to ${other.address}`, `Phone ${other.phone}`, `Email ${other.email}`]
          : []),
        ...Array.from({ length: 20 }, (_, k) => `Line ${k + 1}: payments, dates and amounts as recorded.`),
      ],
    })
    const e = await upload(s, caseId, `evidence-${i}.pdf`, bytes, {
      title: `Evidence ${i}`,
      documentDate: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
    })
    ids.push(e.id)
  }
  return ids
}
