import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { SessionStore } from '../../src/web/session.ts'

function app(store: SessionStore) {
  const a = Fastify()
  a.get('/read', (req) => ({ value: store.read<string>(req, 'k') ?? null }))
  a.post('/write', (req, reply) => {
    store.write(req, reply, 'k', 'secret answer')
    return { ok: true }
  })
  return a
}

describe('session store', () => {
  it('sets no cookie until something is saved, then an opaque HttpOnly strict cookie', async () => {
    const a = app(new SessionStore())
    const first = await a.inject({ method: 'GET', url: '/read' })
    expect(first.headers['set-cookie']).toBeUndefined()
    const w = await a.inject({ method: 'POST', url: '/write' })
    const cookie = String(w.headers['set-cookie'])
    expect(cookie).toMatch(/^redress_session=[A-Za-z0-9_-]{22}; Path=\/; HttpOnly; SameSite=Strict$/)
    expect(cookie).not.toContain('secret')
    const r = await a.inject({ method: 'GET', url: '/read', headers: { cookie: cookie.split(';')[0]! } })
    expect(r.json()).toEqual({ value: 'secret answer' })
  })

  it('forgets answers after the time limit and ignores forged ids', async () => {
    let now = 0
    const store = new SessionStore(1000, 10, () => now)
    const a = app(store)
    const cookie = String((await a.inject({ method: 'POST', url: '/write' })).headers['set-cookie']).split(
      ';',
    )[0]!
    now = 999
    expect((await a.inject({ method: 'GET', url: '/read', headers: { cookie } })).json()).toEqual({
      value: 'secret answer',
    })
    now = 5000
    expect((await a.inject({ method: 'GET', url: '/read', headers: { cookie } })).json()).toEqual({
      value: null,
    })
    const forged = 'redress_session=../../etc/passwd'
    expect((await a.inject({ method: 'GET', url: '/read', headers: { cookie: forged } })).json()).toEqual({
      value: null,
    })
  })
})
