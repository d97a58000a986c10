// The ceiling for the start-page benchmark: a bare fastify route rendering the same template
// with the same nunjucks set-up, and nothing else (no plugins, hooks or database).
import Fastify from 'fastify'
import nunjucks from 'nunjucks'
import { configureNunjucks, TEMPLATE_DIRS } from '../src/web/app.ts'
import { translate } from '../src/web/i18n.ts'
import { navigation } from '../src/web/navigation.ts'

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATE_DIRS), { autoescape: true })
configureNunjucks(env, 'https://www.bbc.co.uk/weather')
const app = Fastify()
app.get('/', (request, reply) => {
  const html = env.render('start/start.njk', {
    pageTitle: translate('start.title'),
    navigation: navigation('/'),
    features: [],
  })
  return reply.type('text/html; charset=utf-8').send(html)
})
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
process.stdout.write('ready\n')
