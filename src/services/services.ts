import type { Config } from '../config.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import { openDatabase, type Database } from '../store/db.ts'
import { ArrearsCheckService } from './arrears-check.service.ts'
import { BundleService } from './bundle.service.ts'
import { DrizzleMupdfTextRepository } from '../store/mupdf-text.repository.ts'
import { createCaseServices, sweepEvidence, type CaseServices } from './case-services.ts'
import type { Clock } from './clock.ts'
import { LetterService } from './letter.service.ts'

export type { Database } from '../store/db.ts'
export { sweepEvidence } from './case-services.ts'
export type { Clock } from './clock.ts'

/** What the composition root needs from the outside: an open database and the settings. */
export interface ServicesConfig {
  readonly database: Database
  /** The data folder: evidence files live in <dataDir>/evidence (with either engine). */
  readonly dataDir: string
  readonly rules: RuleBook
  /** The largest file one upload may be. */
  readonly maxUploadBytes: number
  /** The most a case archive may unpack to on import (2 GB when not given). */
  readonly maxImportBytes?: number
}

/** Every service, built once over one database, one rule book and one clock. */
export interface Services {
  readonly database: Database
  readonly rules: RuleBook
  /** The one clock: every "today" and "now" in the app comes from here. */
  readonly clock: Clock
  /** The case file: cases, decisions, timeline, evidence, export and import, reading. */
  readonly caseFile: CaseServices
  /** Letters written from the case file. */
  readonly letters: LetterService
  /** The tribunal bundle. */
  readonly bundles: BundleService
  /** Arrears checks (a statement against the CMS's figures). */
  readonly arrears: ArrearsCheckService
}

/**
 * The composition root: builds every service once. The server, the command line and the tests all
 * call this (the server and the CLI with the clock from REDRESS_TODAY or the real one, tests with a
 * fixed one), so there is one wiring and one "today".
 */
export function createServices(config: ServicesConfig, clock: Clock): Services {
  const caseFile = createCaseServices({
    database: config.database,
    dataDir: config.dataDir,
    rules: config.rules,
    maxUploadBytes: config.maxUploadBytes,
    ...(config.maxImportBytes ? { maxImportBytes: config.maxImportBytes } : {}),
    clock,
  })
  const letters = new LetterService({ caseFile, rules: config.rules })
  const arrears = new ArrearsCheckService({
    db: config.database.db,
    rules: config.rules,
    caseFile,
    today: () => clock.today(),
  })
  return {
    database: config.database,
    rules: config.rules,
    clock,
    caseFile,
    letters,
    // The bundle's arrears section is drawn from the case's arrears checks.
    bundles: new BundleService({
      caseFile,
      letters,
      arrears,
      // MuPDF's text of each file, kept so a later bundle lays out only the pages to redact.
      mupdfText: new DrizzleMupdfTextRepository(config.database.db),
    }),
    arrears,
  }
}

/** Services over a database opened for one piece of work; `close` closes the database. */
export interface OpenedServices extends Services {
  close(): Promise<void>
}

/**
 * Opens the database the settings name and builds the services over it (the command line's way in:
 * one command, one database, closed after). `sweep` tidies evidence files left by a crash first.
 */
export async function openServices(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'maxUploadBytes' | 'maxImportBytes'>,
  rules: RuleBook,
  clock: Clock,
  options: { readonly onNotice?: (message: string) => void; readonly sweep?: boolean } = {},
): Promise<OpenedServices> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(options.onNotice ? { onNotice: options.onNotice } : {}),
  })
  try {
    const services = createServices(
      {
        database,
        dataDir: config.dataDir,
        rules,
        maxUploadBytes: config.maxUploadBytes,
        maxImportBytes: config.maxImportBytes,
      },
      clock,
    )
    if (options.sweep) await sweepEvidence(services.caseFile, database)
    return { ...services, close: () => database.close() }
  } catch (error) {
    await database.close()
    throw error
  }
}
