import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { translate } from '../i18n.ts'

/** Methods that read; every other method changes something and must come from Redress's own pages. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

export const CSRF_COOKIE = 'redress_csrf'
export const CSRF_FIELD = '_csrf'
export const CSRF_HEADER = 'x-csrf-token'
const SECRET = /^[A-Za-z0-9_-]{43}$/

declare module 'fastify' {
  interface FastifyRequest {
    /** The token this browser's forms must send back (see crossSiteProtection). */
    csrfToken: string
    /** The cookie to set when this response holds a form and the browser has no secret yet. */
    csrfCookie?: string
  }
}

/** The token that goes with a browser's secret (an HMAC-SHA256 of it under the install's key). */
export const csrfToken = (key: Uint8Array, secret: string): string =>
  createHmac('sha256', key).update(secret).digest('base64url')

/** Why a request was refused: for the log (no personal data) and the tests. */
export type CrossSiteRefusal = 'cross-site' | 'foreign-origin' | 'no-token' | 'bad-token'

/**
 * Protection against other websites submitting to Redress (cross-site request forgery), three
 * locks deep, every one of which a state-changing request must pass:
 *
 * 1. `Sec-Fetch-Site`, which every current browser sends and no page can forge, must be
 *    `same-origin` (our own page) or `none` (typed into the address bar, a bookmark).
 * 2. `Origin`, when present, must be this server's own origin.
 * 3. A token: a random secret lives in a cookie (HttpOnly, SameSite=Strict, gone when the browser
 *    closes; nothing personal; set only by a page that holds a form), and each page's forms carry an HMAC of it under a key only this
 *    install knows (signed double-submit). Forms send it as the `_csrf` field, file uploads in the
 *    address (`?_csrf=`, since their body is read later as a stream), scripts as `x-csrf-token`.
 *
 * `key` should be the same across restarts (the server keeps it in the database), so that a page
 * opened before a restart can still be sent.
 */
export function crossSiteProtection(key: Uint8Array) {
  const sign = (secret: string): string => csrfToken(key, secret)

  /** onRequest: finds or makes this browser's secret, and refuses by headers before the body is read. */
  async function checkHeaders(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    let secret = readCookie(request.headers.cookie, CSRF_COOKIE)
    if (!secret || !SECRET.test(secret)) {
      // A new secret; its cookie is set only if the page turns out to hold a form (addTokensToForms).
      secret = randomBytes(32).toString('base64url')
      request.csrfCookie = `${CSRF_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Strict`
    }
    request.csrfToken = sign(secret)
    if (SAFE_METHODS.has(request.method)) return
    const site = request.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      return refuse(request, reply, 'cross-site')
    const origin = request.headers.origin
    if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`)
      return refuse(request, reply, 'foreign-origin')
  }

  /** preValidation: the form's token, now that a form body has been parsed. */
  async function checkToken(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Templates may print {{ csrfToken }} themselves. (@fastify/view resets reply.locals in its own
    // onRequest hook, so this is set here, after it.)
    const withLocals = reply as FastifyReply & { locals: Record<string, unknown> | null }
    withLocals.locals = { ...withLocals.locals, csrfToken: request.csrfToken }
    if (SAFE_METHODS.has(request.method)) return
    const body = request.body
    const fromBody =
      body && typeof body === 'object' && !Buffer.isBuffer(body)
        ? (body as Record<string, unknown>)[CSRF_FIELD]
        : undefined
    const fromQuery = (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD]
    // A form may carry the field twice (a template's own and the one added on the way out): every
    // copy must be right.
    const sent = [request.headers[CSRF_HEADER], fromBody, fromQuery]
      .flat()
      .filter((v): v is string => typeof v === 'string')
    if (sent.length === 0) return refuse(request, reply, 'no-token')
    const expected = Buffer.from(request.csrfToken)
    const matches = (v: string): boolean => {
      const given = Buffer.from(v)
      return given.length === expected.length && timingSafeEqual(given, expected)
    }
    if (!sent.every(matches)) return refuse(request, reply, 'bad-token')
  }

  return { checkHeaders, checkToken }
}

async function refuse(request: FastifyRequest, reply: FastifyReply, why: CrossSiteRefusal): Promise<void> {
  request.log.warn(
    { method: request.method, route: request.routeOptions.url, why },
    'cross-site request refused',
  )
  await reply
    .code(403)
    .header('x-redress-refused', why)
    .view('errors/error.njk', {
      pageTitle: translate('errors.forbiddenTitle'),
      message: translate('errors.forbidden'),
      navigation: [],
    })
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

const FORM_TAG = /<form\b[^>]*>/gi
const POST = /\bmethod\s*=\s*["']?post\b/i
const MULTIPART = /\benctype\s*=\s*["']?multipart\/form-data/i
const ACTION = /\baction\s*=\s*"([^"]*)"/i

/**
 * Puts the token into every form Redress serves, so no template (or macro) can forget it: a hidden
 * `_csrf` field first thing in each POST form, and for a file upload also in its address, since
 * an upload's body is read as a stream after the checks have run.
 */
export function withTokens(html: string, token: string): string {
  return html.replace(FORM_TAG, (tag) => {
    if (!POST.test(tag)) return tag
    let out = tag
    if (MULTIPART.test(tag)) {
      const action = ACTION.exec(tag)
      if (!action) out = out.replace(/>$/, ` action="?${CSRF_FIELD}=${token}">`)
      else if (!action[1]!.includes(`${CSRF_FIELD}=`)) {
        const join = action[1]!.includes('?') ? '&amp;' : '?'
        out = out.replace(ACTION, `action="${action[1]}${join}${CSRF_FIELD}=${token}"`)
      }
    }
    return `${out}<input type="hidden" name="${CSRF_FIELD}" value="${token}">`
  })
}

/** onSend: adds the tokens to an HTML page on its way out. */
export async function addTokensToForms(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  if (typeof payload !== 'string' || !request.csrfToken) return payload
  if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload
  const html = withTokens(payload, request.csrfToken)
  if (request.csrfCookie && (html !== payload || payload.includes(request.csrfToken)))
    reply.header('set-cookie', request.csrfCookie)
  return html
}
