import type { FastifyReply, FastifyRequest } from 'fastify'
import { text } from '../../copy/translate.ts'

/** The names a loopback server answers to on `port`: what a browser on this machine sends as Host. */
export function loopbackHosts(port: number): string[] {
  const names = ['127.0.0.1', 'localhost', '[::1]']
  // A browser leaves the port out of Host when it is the scheme's default.
  return port === 80 ? names.flatMap((n) => [n, `${n}:80`]) : names.map((n) => `${n}:${port}`)
}

/**
 * Refuses, before any route runs, a request whose Host header is not one this server answers to.
 * This is what stops DNS rebinding: a page on evil.example whose name is pointed at 127.0.0.1 can
 * reach the server, but its requests say `Host: evil.example`, so they read and change nothing.
 *
 * `extra` are further names from REDRESS_ALLOWED_HOSTS ("host" or "host:port"). The loopback names
 * are taken at the port the request actually arrived on, so an app listening on port 0 or behind
 * `inject()` (which says port 80) needs no setting.
 */
export function hostAllowList(extra: readonly string[] = []) {
  const fixed = new Set(extra.map((h) => h.toLowerCase()))
  return async function checkHost(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const host = (request.headers.host ?? '').toLowerCase()
    const port = request.socket.localPort ?? 80
    if (fixed.has(host) || loopbackHosts(port).includes(host)) return
    // Plain text, no template: nothing of the case file, not even the layout, goes to a foreign name.
    await reply
      .code(421)
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(`${text('platform.hosts.refused')}\n`)
  }
}
