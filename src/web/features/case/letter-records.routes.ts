import type { FastifyPluginAsync } from 'fastify'
import { paths } from '../../paths.ts'
import { loadCaseFirst, type CaseRoutesDeps } from './case-page.ts'
import { eventForms } from './event-form.ts'

/**
 * Recording a letter sent or received (`?direction=received`), or the letter that confirms a call
 * (`?confirms=<call id>`). Writing a letter is the letters feature's.
 */
export const letterRecordsRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, deps) => {
  loadCaseFirst(app, deps.svc, 'timeline')
  eventForms(deps).newEventRoute(app, paths.caseLetterNew, 'letter')
}
