import type { FastifyReply } from 'fastify'
import type { DeadlineResult } from '../../../domain/deadlines/types.ts'
import { deadlinesToIcs } from '../../../services/deadline.service.ts'
import type { Temporal } from '../../../domain/shared/plain-date.ts'

/** Sends deadline results as an iCalendar file to download (one all-day event per date). */
export function sendCalendar(
  reply: FastifyReply,
  results: readonly DeadlineResult[],
  filename: string,
  /** When the file is made (from the app's clock). */
  now: Temporal.Instant,
): FastifyReply {
  return reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^a-z0-9.-]/gi, '-')}"`)
    .send(deadlinesToIcs(results, now))
}
