import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../app.ts'
import { healthRoutes } from './health/health.routes.ts'
import { pagesRoutes } from './pages/pages.routes.ts'
import { startRoutes } from './start/start.routes.ts'

export interface FeatureOptions {
  readonly services: Services
}

/** Every feature of the web app, registered in this order. */
export const features: ReadonlyArray<FastifyPluginAsync<FeatureOptions>> = [
  startRoutes,
  pagesRoutes,
  healthRoutes,
]
