import type { FastifyPluginAsync } from 'fastify'
import type { FeatureOptions } from '../feature.ts'
import { paths } from '../../paths.ts'

/** GET /health: which database engine is in use and whether a query succeeds. */
export const healthRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services }) => {
  app.get(paths.health, async (request, reply) => {
    const ok = await services.database.ping().catch(() => false)
    return reply.code(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'unavailable',
      engine: services.database.engine,
      database: ok ? 'ok' : 'failed',
    })
  })
}
