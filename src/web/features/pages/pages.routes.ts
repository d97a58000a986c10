import type { FastifyPluginAsync } from 'fastify'
import type { FeatureOptions } from '../feature.ts'
import { translate } from '../../i18n.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'

/** The plain information pages: free help, privacy, accessibility. */
export const pagesRoutes: FastifyPluginAsync<FeatureOptions> = async (app) => {
  app.get(paths.help, (request, reply) =>
    reply.view('pages/help.njk', { pageTitle: translate('help.title'), navigation: navigation(paths.help) }),
  )
  for (const page of ['privacy', 'accessibility'] as const) {
    app.get(paths[page], (request, reply) =>
      reply.view('page.njk', {
        pageTitle: translate(`${page}.title`),
        body: translate(`${page}.body`),
        navigation: navigation(paths[page]),
      }),
    )
  }
}
