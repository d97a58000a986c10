import type { FastifyPluginAsync } from 'fastify'
import type { FeatureOptions } from '../index.ts'
import { translate } from '../../i18n.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'

/** Journeys listed on the start page as they become available. */
export interface StartLink {
  readonly href: string
  readonly text: string
}
export const startLinks: StartLink[] = []

export const startRoutes: FastifyPluginAsync<FeatureOptions> = async (app) => {
  app.get(paths.start, (request, reply) =>
    reply.view('start/start.njk', {
      pageTitle: translate('start.title'),
      navigation: navigation(paths.start),
      features: startLinks,
    }),
  )
}
