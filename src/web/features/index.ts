import type { Feature } from './feature.ts'
import { calculationRoutes } from './calculation/calculation.routes.ts'
import { deadlinesRoutes } from './deadlines/deadlines.routes.ts'
import { dutiesRoutes } from './duties/duties.routes.ts'
import { routesRoutes } from './routes/routes.routes.ts'
import { caseRoutes } from './case/case.routes.ts'
import { readingRoutes } from './reading/reading.routes.ts'
import { lettersRoutes } from './letters/letters.routes.ts'
import { healthRoutes } from './health/health.routes.ts'
import { pagesRoutes } from './pages/pages.routes.ts'
import { startRoutes } from './start/start.routes.ts'
import { safeModeRoutes } from './safe-mode/safe-mode.routes.ts'
import { arrearsRoutes } from './arrears/arrears.routes.ts'
import { paths } from '../paths.ts'

/** Every feature of the web app, registered in this order; start-page links appear in this order too. */
export const features: readonly Feature[] = [
  { name: 'start', routes: startRoutes },
  { name: 'pages', routes: pagesRoutes },
  { name: 'health', routes: healthRoutes },
  { name: 'safe-mode', routes: safeModeRoutes },
  {
    name: 'calculation',
    routes: calculationRoutes,
    startLink: {
      href: paths.calculation,
      textKey: 'calculation.startLink',
      hintKey: 'calculation.startHint',
    },
  },
  {
    name: 'routes',
    routes: routesRoutes,
    startLink: { href: paths.routes, textKey: 'routes.startLink.text', hintKey: 'routes.startLink.hint' },
  },
  {
    name: 'deadlines',
    routes: deadlinesRoutes,
    startLink: {
      href: paths.deadlines,
      textKey: 'deadlines.startLink.text',
      hintKey: 'deadlines.startLink.hint',
    },
  },
  {
    name: 'duties',
    routes: dutiesRoutes,
    startLink: { href: paths.duties, textKey: 'duties.startLink.text', hintKey: 'duties.startLink.hint' },
  },
  {
    name: 'case',
    routes: caseRoutes,
    startLink: { href: paths.cases, textKey: 'case.startLink', hintKey: 'case.startHint' },
  },
  {
    name: 'arrears',
    routes: arrearsRoutes,
    startLink: { href: paths.arrears, textKey: 'arrears.startLink.text', hintKey: 'arrears.startLink.hint' },
  },
  { name: 'reading', routes: readingRoutes },
  { name: 'letters', routes: lettersRoutes },
]
