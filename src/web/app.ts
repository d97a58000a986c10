import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify'
import formbody from '@fastify/formbody'
import fastifyStatic from '@fastify/static'
import view from '@fastify/view'
import nunjucks from 'nunjucks'
import { ROOT } from '../root.ts'
import { sourceCodeUrl } from './source.ts'
import type { Services } from '../services/services.ts'
import { translate } from './i18n.ts'
import { paths } from './paths.ts'
import { securityHeaders } from './security/headers.ts'
import { hostAllowList } from './security/hosts.ts'
import { addTokensToForms, crossSiteProtection } from './security/cross-site.ts'
import { randomBytes } from 'node:crypto'
import { features } from './features/index.ts'
import { registerLockGate } from './security/lock-gate.ts'
import { SessionStore } from './session.ts'
import { fromRoot } from '../root.ts'
import { NotFound } from '../domain/case/errors.ts'

/**
 * Everything the web app needs from the outside: the services `createServices` (the one composition
 * root, src/services/services.ts) builds once over one database, rule book and clock.
 */
export type { Services } from '../services/services.ts'

export interface AppOptions {
  /** Where "Exit this page" sends the user: a neutral page on another site. */
  readonly exitUrl?: string
  /** Cache compiled templates (on except while developing templates). */
  readonly cacheTemplates?: boolean
  readonly logger?: FastifyServerOptions['logger']
  /** Host names (with port) answered besides the loopback names on the port a request arrives on. */
  readonly allowedHosts?: readonly string[]
  /** The key that signs cross-site tokens; keep it across restarts (the server stores it). Random if absent. */
  readonly csrfKey?: Uint8Array
  /** Told about every route as it is registered (the route-table security test uses it). */
  readonly onRoute?: (route: { readonly method: string | string[]; readonly url: string }) => void
}

export const TEMPLATE_DIRS = [
  fromRoot('src/web/views'),
  fromRoot('src/web/features'),
  fromRoot('node_modules/govuk-frontend/dist'),
]
const PUBLIC_DIR = fromRoot('public')

/** Configures a nunjucks environment the way every page needs it. */
export function configureNunjucks(env: nunjucks.Environment, exitUrl: string): void {
  // nunjucks' own trim filter is quadratic on long strings and slows govuk-frontend macros badly.
  // It must keep a macro's output marked safe, or the HTML would be escaped.
  env.addFilter('trim', (s: unknown) => {
    const out = String(s ?? '').trim()
    return s instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(out) : out
  })
  env.addGlobal('t', translate)
  env.addGlobal('paths', paths)
  env.addGlobal('exitUrl', exitUrl)
  env.addGlobal('sourceUrl', sourceCodeUrl())
  env.addGlobal('sourceFolder', ROOT.replace(/[\\/]$/, ''))
}

/** Builds the web app: plugins in order, then the features, then the error pages. */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withoutQueries(options.logger),
    trustProxy: false,
    bodyLimit: 1024 * 1024,
  })
  const exitUrl = options.exitUrl ?? 'https://www.bbc.co.uk/weather'

  if (options.onRoute) {
    const onRoute = options.onRoute
    app.addHook('onRoute', (route) => onRoute(route))
  }
  // Security runs before anything else, on every route: first the Host allow-list (DNS
  // rebinding), then cross-site protection (other websites' forms and scripts).
  const crossSite = crossSiteProtection(options.csrfKey ?? randomBytes(32))
  app.addHook('onRequest', hostAllowList(options.allowedHosts))
  app.addHook('onRequest', crossSite.checkHeaders)
  app.addHook('preValidation', crossSite.checkToken)
  app.addHook('onSend', addTokensToForms)
  app.addHook('onSend', securityHeaders)
  registerLockGate(app, services) // safe mode: unlock page, idle lock, blank pages after Exit

  await app.register(formbody)
  await app.register(view, {
    engine: { nunjucks },
    templates: TEMPLATE_DIRS,
    production: options.cacheTemplates ?? true,
    options: {
      autoescape: true,
      throwOnUndefined: false,
      onConfigure: (env: nunjucks.Environment) => configureNunjucks(env, exitUrl),
    },
  })
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: paths.assets,
    index: false,
    dotfiles: 'deny',
    maxAge: '1h',
  })

  // The error pages come before the features, so an error a feature's own handler passes on
  // (rethrows) reaches this one rather than fastify's default.
  app.setNotFoundHandler((request, reply) => renderError(reply, 404))
  app.setErrorHandler((error: unknown, request, reply) => {
    // A record that is not there (thrown by a service or a handler) is the 404 page, answered here once.
    const code = error instanceof NotFound ? 404 : (error as { statusCode?: number }).statusCode
    const status = code && code >= 400 && code < 500 ? code : 500
    if (status === 500) request.log.error(describeFailure(request, error), 'request failed')
    return renderError(reply, status)
  })

  const startLinks = features.flatMap((f) => (f.startLink ? [f.startLink] : []))
  const sessions = new SessionStore()
  for (const feature of features) await app.register(feature.routes, { services, sessions, startLinks })
  return app
}

/** Request log lines name the path only: a query string may hold what someone searched for. */
function withoutQueries(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false
  const base = logger === true ? {} : logger
  return {
    ...base,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        url: (req.url ?? '').split('?')[0],
      }),
    },
  }
}

/**
 * What a 500 log line says: the route (its pattern, so no ids), the error's class and code, and
 * where it was thrown. Never the message (a database error quotes the values it was given), the
 * body, the query or a file name: the log holds no personal data.
 */
export function describeFailure(request: FastifyRequest, error: unknown): Record<string, unknown> {
  const e = error instanceof Error ? error : new Error('non-error thrown')
  return {
    route: request.routeOptions.url ?? '(no route)',
    method: request.method,
    status: 500,
    errorClass: e.name,
    code: (e as NodeJS.ErrnoException).code,
    stack: (e.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n'),
  }
}

function renderError(reply: FastifyReply, status: number): FastifyReply {
  const notFound = status === 404
  return reply.code(status).view('errors/error.njk', {
    pageTitle: translate(notFound ? 'errors.notFoundTitle' : 'errors.serverTitle'),
    message: translate(notFound ? 'errors.notFound' : 'errors.server'),
    navigation: [],
  })
}
