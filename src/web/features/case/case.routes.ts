import { readFileSync } from 'node:fs'
import multipart from '@fastify/multipart'
import type { FastifyPluginAsync } from 'fastify'
import type { FeatureOptions } from '../feature.ts'
import { paths } from '../../paths.ts'
import { fromRoot } from '../../../root.ts'
import { WEB_ACTOR, type CaseRoutesDeps } from './case-page.ts'
import { casesRoutes } from './cases.routes.ts'
import { decisionsRoutes } from './decisions.routes.ts'
import { timelineRoutes } from './timeline.routes.ts'
import { eventsRoutes } from './events.routes.ts'
import { callsRoutes } from './calls.routes.ts'
import { letterRecordsRoutes } from './letter-records.routes.ts'
import { tasksRoutes } from './tasks.routes.ts'
import { evidenceRoutes } from './evidence.routes.ts'
import { binRoutes } from './bin.routes.ts'
import { historyRoutes } from './history.routes.ts'
import { exportRoutes } from './export.routes.ts'

// Kept here for the features that link into a case (calculation, reading).
export { WEB_ACTOR, fill } from './case-page.ts'

/**
 * The case file's pages, one file per kind of record. Each part loads the case once before its
 * handlers (`loadCaseFirst`); a record or case that is not there, or a malformed id in the
 * address, is thrown and answered once with the 404 page.
 */
export const caseRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services }) => {
  const svc = services.caseFile
  if (!svc) return // the case file needs its services (the shell tests run without them)
  // Uploads are read to the end (up to the import cap) so a file over its limit is refused with
  // its real size; what is kept on disk never passes the limit (see EvidenceFiles.stage).
  const readLimit = Math.max(svc.evidence.maxUploadBytes, svc.caseArchive.maxTotalBytes) + 1
  await app.register(multipart, {
    limits: { fileSize: readLimit, files: 1, fields: 40, fieldSize: 100_000 },
    throwFileSizeLimit: false,
    // Keep the name as sent, so a name with a path in it is refused with a message rather than quietly cut.
    preservePath: true,
  } as Parameters<typeof multipart>[1])
  // The planner's statistics, fresh at each start, so the long lists are read a page at a time
  // from their indexes (PGlite keeps none by itself). In the background: start-up does not wait.
  app.addHook('onReady', async () => {
    setImmediate(() => void svc.cases.refreshStatistics().catch(() => undefined))
  })
  // Upload progress script (progressive enhancement; the forms work without it).
  const uploadScript = readFileSync(fromRoot('src/web/features/case/upload.js'), 'utf8')
  app.get(paths.caseUploadScript, (request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(uploadScript),
  )
  const styles = readFileSync(fromRoot('src/web/features/case/case.css'), 'utf8')
  app.get(paths.caseStyles, (request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(styles),
  )

  const deps: CaseRoutesDeps = { svc, who: WEB_ACTOR }
  for (const part of [
    casesRoutes,
    decisionsRoutes,
    timelineRoutes,
    eventsRoutes,
    callsRoutes,
    letterRecordsRoutes,
    tasksRoutes,
    evidenceRoutes,
    binRoutes,
    historyRoutes,
    exportRoutes,
  ])
    await app.register(part, deps)
}
