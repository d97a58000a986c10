import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../app.ts'
import { paths } from '../paths.ts'
import { hasExited, privacyFor } from '../features/safe-mode/privacy.ts'

/** While locked, only these pages answer (no case data on any of them). */
const OPEN_WHEN_LOCKED: ReadonlySet<string> = new Set([
  paths.unlock,
  paths.usingPrivately,
  paths.exit,
  paths.exitStartAgain,
  paths.health,
])
/** After Exit, only these (the rest are a blank page until someone starts again on purpose). */
const OPEN_AFTER_EXIT: ReadonlySet<string> = new Set([paths.exit, paths.exitStartAgain, paths.health])

/**
 * Safe mode's gate, first after the security checks on every request (docs/adr/0005-safe-mode.md):
 * - after Exit, every page is a blank neutral page until a deliberate fresh start, so Back shows
 *   no Redress page however many pages the tab visited;
 * - locked, every page redirects to the unlock page;
 * - unlocked and unused for the idle time (a setting, 15 minutes unless changed), it locks;
 * - it tells the templates whether neutral mode is on and whether safe mode is unlocked.
 */
export function registerLockGate(app: FastifyInstance, services: Services): void {
  const privacy = privacyFor(services)
  const idleLock = async (): Promise<void> => {
    const vault = privacy.vault
    if (
      vault?.status === 'unlocked' &&
      privacy.now() - privacy.lastActivity > privacy.settings.idleMinutes * 60_000
    )
      await vault.lock()
  }
  const timer = setInterval(() => void idleLock().catch(() => {}), 30_000)
  timer.unref()
  app.addHook('onClose', async () => clearInterval(timer))

  // What the templates need, set before the handler: @fastify/view resets `reply.locals` in an
  // onRequest hook of its own, registered after this one, so onRequest is too early for it.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const r = reply as FastifyReply & { locals: Record<string, unknown> | null }
    r.locals = {
      ...r.locals,
      neutralMode: privacy.settings.neutral,
      safeModeUnlocked: privacy.safeMode === 'unlocked',
      idleSeconds: privacy.settings.idleMinutes * 60,
      // For the question "Do other people use this device?" (start page, new case page).
      privacyAnswer: privacy.settings.sharedDevice ?? null,
      safeModeOn: privacy.safeMode !== 'off',
    }
  })

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!
    if (path.startsWith(paths.assets) || path.includes('/assets/')) return
    if (hasExited(request.headers.cookie) && !OPEN_AFTER_EXIT.has(path)) {
      return reply.code(200).view('safe-mode/blank.njk', { neutralMode: true })
    }
    await idleLock()
    if (privacy.safeMode === 'locked' && !OPEN_WHEN_LOCKED.has(path)) return reply.redirect(paths.unlock, 303)
    if (path !== paths.unlock && path !== paths.health) privacy.lastActivity = privacy.now()
  })
}
