import { say } from '../copy.ts'
import cliProgress from 'cli-progress'
import { formatDate, parseDate } from '../../domain/shared/plain-date.ts'
import type { CaseServices } from '../../services/case-services.ts'
import { withServices } from '../services.ts'

// What the `case` subcommands share (case.command.ts, case-records.command.ts, case-archive.command.ts).

/** "2026-12-03" as "3 December 2026". */
export const dateInWords = (iso: string): string => formatDate(parseDate(iso))

/**
 * The case-file services for one command (built by the one composition root, createServices),
 * after tidying evidence files a crash left behind.
 */
export const withCases = <T>(fn: (s: CaseServices) => Promise<T>): Promise<T> =>
  withServices((s) => fn(s.caseFile), { sweep: true })

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** A progress bar on stderr for long work, only when stderr is a terminal (or REDRESS_PROGRESS=1). */
export function progressBar(total: number, what: string): { update(n: number): void; stop(): void } {
  const show = process.stderr.isTTY || process.env.REDRESS_PROGRESS === '1'
  if (!show) return { update: () => {}, stop: () => {} }
  const bar = new cliProgress.SingleBar(
    {
      format: `${what} [{bar}] {percentage}% {value}/{total} KB`,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 500,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(Math.max(1, Math.ceil(total / 1024)), 0)
  return { update: (n) => bar.update(Math.ceil(n / 1024)), stop: () => bar.stop() }
}

export interface JsonOpt {
  json?: boolean
}

/** Days to a deadline (or since it passed), in words. */
export const days = (n: number): string =>
  n === 0 ? say('case.dueToday') : n > 0 ? say('case.daysLeft', { n }) : say('case.daysAgo', { value: -n })
