import type { FastifyReply, FastifyRequest } from 'fastify'

/** Our own origin only: no third-party scripts, styles, fonts, images, frames or connections. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ')

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Nothing is sent to other sites; our own pages get their origin, so a same-origin POST carries its Origin
  // (with no-referrer, browsers send "Origin: null", which the cross-site check must refuse).
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
}

/** Adds the security headers to every response; pages (not assets) are never cached, as they hold a private case. */
export async function securityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  for (const [name, value] of Object.entries(HEADERS)) reply.header(name, value)
  if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store')
  return payload
}
