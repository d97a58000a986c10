import { join } from 'node:path'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import type { ComputeDeadline } from '../domain/case/index.ts'
import type { Database } from '../store/db.ts'
import { DrizzleCaseRepository } from '../store/case.repository.ts'
import { EvidenceFiles } from '../store/evidence-files.ts'
import { Vault } from '../store/safe/vault.ts'
import { KeptPages } from './kept-pages.ts'
import { CaseArchiveService } from './case-archive.service.ts'
import { CaseChronologyService } from './case-chronology.service.ts'
import { CaseService, engineDeadlines } from './case.service.ts'
import { EvidenceService } from './evidence.service.ts'
import { ReadingService } from './reading.service.ts'
import { DrizzleJobRepository } from '../store/jobs.repository.ts'
import { DrizzleEvidenceTextRepository } from '../store/evidence-text.repository.ts'
import { reminders } from './reminders.ts'
import { systemClock, type Clock } from './clock.ts'

export interface CaseServices {
  readonly cases: CaseService
  readonly evidence: EvidenceService
  readonly caseArchive: CaseArchiveService
  readonly chronology: CaseChronologyService
  /** Reading evidence (a job per file), search, and facts suggested from letters. */
  readonly reading: ReadingService
  /** Case pages kept in memory until their case changes (emptied when safe mode locks). */
  readonly kept: KeptPages
}

export interface CaseServicesOptions {
  readonly database: Database
  /** The data folder: evidence files live in <dataDir>/evidence (with either engine). */
  readonly dataDir: string
  readonly rules: RuleBook
  readonly maxUploadBytes: number
  /** The most a case archive may unpack to on import (2 GB when not given). */
  readonly maxImportBytes?: number
  /** The one clock (createServices passes its own); the real one when not given. */
  readonly clock?: Clock
  readonly compute?: ComputeDeadline
}

/**
 * Builds the case-file services over one database and data folder. `createServices` (the
 * composition root) calls this; tests of the case file alone may call it directly.
 */
export function createCaseServices(o: CaseServicesOptions): CaseServices {
  const repo = new DrizzleCaseRepository(o.database.db)
  const files = new EvidenceFiles(join(o.dataDir, 'evidence'), o.database.cipher)
  const clock = o.clock ?? systemClock
  const today = () => clock.today()
  const cases = new CaseService({
    repo,
    files,
    compute: o.compute ?? engineDeadlines(o.rules),
    reminders: reminders(),
    today,
  })
  const reading = new ReadingService({
    repo,
    files,
    jobs: new DrizzleJobRepository(o.database.db),
    text: new DrizzleEvidenceTextRepository(o.database.db),
    today,
  })
  const kept = new KeptPages()
  // Safe mode: when the vault locks (or opens, or safe mode is switched), nothing read from the
  // database stays in memory.
  if (o.database instanceof Vault)
    o.database.whenClosed(() => {
      kept.clear()
      cases.forgetKept()
    })
  return {
    cases,
    kept,
    evidence: new EvidenceService({
      repo,
      files,
      maxUploadBytes: o.maxUploadBytes,
      today,
      afterAdd: (who, record) => reading.queue(who, record),
    }),
    reading,
    caseArchive: new CaseArchiveService({
      repo,
      files,
      maxEntryBytes: o.maxUploadBytes,
      now: () => new Date(clock.now().epochMilliseconds), // the archive's exportedAt
      ...(o.maxImportBytes ? { maxTotalBytes: o.maxImportBytes } : {}),
    }),
    chronology: new CaseChronologyService({ cases }),
  }
}

/**
 * Tidies the evidence folder after a crash. With the embedded database this process has the data
 * folder to itself, so every leftover goes; with PostgreSQL, other processes may be mid-upload, so
 * only leftovers older than an hour go.
 */
export function sweepEvidence(
  services: CaseServices,
  database: Database,
): Promise<{ temps: number; orphans: number }> {
  return services.evidence.sweep(database.engine === 'pglite' ? 0 : 60 * 60 * 1000)
}
