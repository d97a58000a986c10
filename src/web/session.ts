import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

const COOKIE = 'redress_session'
const ID = /^[A-Za-z0-9_-]{22}$/

interface Entry {
  expires: number
  readonly values: Map<string, unknown>
}

/**
 * Answers to a journey in progress, kept on the server against an opaque random id in a
 * session cookie (HttpOnly, SameSite=Strict, no expiry date: it goes when the browser closes).
 * The cookie is only set when a journey first saves an answer; pages that save nothing set none.
 * Answers live in memory and expire after `ttlMs` without use; nothing personal goes in the URL.
 */
export class SessionStore {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly ttlMs = 2 * 60 * 60 * 1000,
    private readonly maxSessions = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  read<T>(request: FastifyRequest, key: string): T | undefined {
    const entry = this.entry(request)
    return entry?.values.get(key) as T | undefined
  }

  write(request: FastifyRequest, reply: FastifyReply, key: string, value: unknown): void {
    let id = sessionId(request)
    let entry = id ? this.entry(request) : undefined
    if (!id || !entry) {
      id = randomBytes(16).toString('base64url')
      entry = { expires: 0, values: new Map() }
      this.entries.set(id, entry)
      this.prune()
      reply.header('set-cookie', `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict`)
    }
    entry.expires = this.now() + this.ttlMs
    entry.values.set(key, value)
  }

  /** Forgets every journey in progress (Exit ends the session). */
  clear(): void {
    this.entries.clear()
  }

  delete(request: FastifyRequest, key: string): void {
    this.entry(request)?.values.delete(key)
  }

  private entry(request: FastifyRequest): Entry | undefined {
    const id = sessionId(request)
    if (!id) return undefined
    const entry = this.entries.get(id)
    if (!entry) return undefined
    if (entry.expires < this.now()) {
      this.entries.delete(id)
      return undefined
    }
    entry.expires = this.now() + this.ttlMs
    return entry
  }

  private prune(): void {
    const now = this.now()
    for (const [id, e] of this.entries) if (e.expires < now && e.expires !== 0) this.entries.delete(id)
    // Over the cap, the oldest sessions go first (Map keeps insertion order).
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.maxSessions) break
      this.entries.delete(id)
    }
  }
}

function sessionId(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [name, value] = part.trim().split('=')
    if (name === COOKIE && value && ID.test(value)) return value
  }
  return undefined
}
