import type { FastifyPluginAsync } from 'fastify'
import type { FeatureOptions } from '../feature.ts'
import { translate } from '../../i18n.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'

export const startRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { startLinks }) => {
  const links = startLinks.map((l) => ({
    href: l.href,
    text: translate(l.textKey),
    hint: l.hintKey ? translate(l.hintKey) : undefined,
  }))
  app.get(paths.start, (request, reply) =>
    reply.view('start/start.njk', {
      pageTitle: translate('start.title'),
      navigation: navigation(paths.start),
      features: links,
    }),
  )
}
