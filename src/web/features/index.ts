import type { Feature } from './feature.ts'
import { healthRoutes } from './health/health.routes.ts'
import { pagesRoutes } from './pages/pages.routes.ts'
import { startRoutes } from './start/start.routes.ts'

/** Every feature of the web app, registered in this order; start-page links appear in this order too. */
export const features: readonly Feature[] = [
  { name: 'start', routes: startRoutes },
  { name: 'pages', routes: pagesRoutes },
  { name: 'health', routes: healthRoutes },
]
