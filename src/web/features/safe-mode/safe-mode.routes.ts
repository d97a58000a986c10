import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { z } from 'zod'
import type { FeatureOptions } from '../feature.ts'
import { translate } from '../../i18n.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import { MIN_PASSPHRASE, PassphraseTooShort, WrongKey } from '../../../services/safe-mode.ts'
import { fieldError, type FieldError } from '../../forms/index.ts'
import { EXITED_COOKIE, privacyFor, type Privacy } from './privacy.ts'
import { helplines } from './helplines.ts'

const t = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(`safeMode.${key}`, params))

const err = fieldError

const text = z.string().optional().default('')
const settingsForm = z.object({
  sharedDevice: z.enum(['yes', 'no', 'not-sure']).optional(),
  neutral: z.string().optional(),
  idleMinutes: text,
  exitUrl: text,
})

/**
 * Safe mode and privacy: the unlock page, Exit (which leaves no Redress page in the tab's history),
 * the privacy settings (the shared-device question, safe mode on and off, the idle lock, neutral
 * mode, where Exit goes) and "Using Redress privately". The gate is src/web/security/lock-gate.ts.
 */
export const safeModeRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services, sessions }) => {
  const privacy = privacyFor(services)
  const page = (reply: FastifyReply, view: string, title: string, data: Record<string, unknown> = {}) =>
    reply.view(`safe-mode/${view}`, { pageTitle: title, navigation: navigation(''), ...data })

  // Unlock.
  app.get(paths.unlock, (request, reply) => {
    if (privacy.safeMode !== 'locked') return reply.redirect(paths.start, 303)
    return page(reply, 'unlock.njk', t('unlock.title'), { navigation: [] })
  })
  app.post(paths.unlock, async (request, reply) => {
    if (privacy.safeMode !== 'locked') return reply.redirect(paths.start, 303)
    const secret = String((request.body as Record<string, unknown> | undefined)?.passphrase ?? '')
    const render = (e: FieldError) =>
      page(reply.code(e.text ? 400 : 200), 'unlock.njk', t('unlock.title'), { navigation: [], errors: [e] })
    const wait = privacy.waitSeconds()
    if (wait > 0) return render(err('passphrase', t('unlock.wait', { seconds: wait })))
    if (!secret) return render(err('passphrase', t('unlock.empty')))
    try {
      await privacy.vault!.unlock(secret)
    } catch (error) {
      if (!(error instanceof WrongKey)) throw error
      privacy.wrongPassphrase()
      return render(err('passphrase', t('unlock.wrong', { seconds: privacy.waitSeconds() })))
    }
    privacy.failures = 0
    privacy.lastActivity = privacy.now()
    return reply.redirect(paths.start, 303)
  })

  // Exit: ends the session, locks safe mode, and turns every page into a blank one until a fresh start.
  app.get(paths.exit, async (request, reply) => {
    sessions.clear()
    await privacy.vault?.lock()
    return reply
      .header('clear-site-data', '"cache", "storage"')
      .header('set-cookie', [
        'redress_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0',
        // Until this browser deliberately starts again, every Redress page is blank (see the gate).
        `${EXITED_COOKIE}=1; Path=/; HttpOnly; SameSite=Strict`,
      ])
      .redirect(privacy.settings.exitUrl, 303)
  })
  // A link (GET), so it works from the blank page in any browser; all it does is end the blank state
  // for this browser (in safe mode the case file stays locked).
  app.get(paths.exitStartAgain, (request, reply) =>
    reply
      .header('set-cookie', `${EXITED_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`)
      .redirect(paths.start, 303),
  )

  app.get(paths.usingPrivately, (request, reply) =>
    page(reply, 'privately.njk', t('privately.title'), {
      navigation: privacy.safeMode === 'locked' ? [] : navigation(paths.usingPrivately),
      helplines: helplines(),
    }),
  )

  // Settings.
  const settingsPage = (reply: FastifyReply, errors: FieldError[] = [], values?: Record<string, unknown>) =>
    page(reply.code(errors.length ? 400 : 200), 'settings.njk', t('settings.title'), {
      errors,
      settings: values ?? privacy.settings,
      safeMode: privacy.safeMode,
      engine: services.database.engine,
      query: {},
    })
  app.get(paths.privacySettings, (request, reply) =>
    page(reply, 'settings.njk', t('settings.title'), {
      settings: privacy.settings,
      safeMode: privacy.safeMode,
      engine: services.database.engine,
      query: request.query ?? {},
    }),
  )
  app.post(paths.privacySettings, (request, reply) => {
    const form = settingsForm.parse(request.body ?? {})
    const errors: FieldError[] = []
    const idle = Number(form.idleMinutes.trim())
    if (!/^\d+$/.test(form.idleMinutes.trim()) || idle < 1 || idle > 240)
      errors.push(err('idleMinutes', t('settings.idleError')))
    const exitUrl = form.exitUrl.trim()
    if (!z.url({ protocol: /^https?$/ }).safeParse(exitUrl).success)
      errors.push(err('exitUrl', t('settings.exitUrlError')))
    const values = {
      ...(form.sharedDevice ? { sharedDevice: form.sharedDevice } : {}),
      neutral: form.neutral === 'yes',
      idleMinutes: idle,
      exitUrl,
    }
    if (errors.length)
      return settingsPage(reply, errors, { ...values, idleMinutes: form.idleMinutes, exitUrl: form.exitUrl })
    privacy.save(values)
    return reply.redirect(`${paths.privacySettings}?saved=1`, 303)
  })

  // "Do other people use this device?" (start page and new case page; never blocks anything).
  app.post(paths.deviceQuestion, (request, reply) => {
    const answer = z
      .object({ sharedDevice: z.enum(['yes', 'no', 'not-sure']).optional(), back: z.string().optional() })
      .parse(request.body ?? {})
    if (answer.sharedDevice) privacy.save({ sharedDevice: answer.sharedDevice })
    if (answer.sharedDevice === 'yes' || answer.sharedDevice === 'not-sure')
      return reply.redirect(paths.privacySettings, 303)
    const back = answer.back && /^\/[a-z0-9/-]*$/i.test(answer.back) ? answer.back : paths.start
    return reply.redirect(back, 303)
  })

  // Safe mode on.
  app.get(paths.safeModeOn, (request, reply) =>
    privacy.safeMode === 'off'
      ? page(reply, 'safe-mode-on.njk', t('on.title'), {
          min: MIN_PASSPHRASE,
          engine: services.database.engine,
        })
      : reply.redirect(paths.privacySettings, 303),
  )
  app.post(paths.safeModeOn, async (request, reply) => {
    if (privacy.safeMode !== 'off' || !privacy.vault) return reply.redirect(paths.privacySettings, 303)
    const body = (request.body ?? {}) as Record<string, unknown>
    const passphrase = String(body.passphrase ?? '')
    const confirm = String(body.confirm ?? '')
    const errors: FieldError[] = []
    if ([...passphrase].length < MIN_PASSPHRASE)
      errors.push(err('passphrase', t('on.tooShort', { min: MIN_PASSPHRASE })))
    else if (passphrase !== confirm) errors.push(err('confirm', t('on.different')))
    if (body.understood !== 'yes') errors.push(err('understood', t('on.notUnderstood')))
    if (errors.length)
      return page(reply.code(400), 'safe-mode-on.njk', t('on.title'), {
        errors,
        min: MIN_PASSPHRASE,
        engine: services.database.engine,
      })
    let code: string
    try {
      code = await privacy.vault.enable(passphrase)
    } catch (error) {
      if (!(error instanceof PassphraseTooShort)) throw error
      return page(reply.code(400), 'safe-mode-on.njk', t('on.title'), {
        errors: [err('passphrase', t('on.tooShort', { min: MIN_PASSPHRASE }))],
        min: MIN_PASSPHRASE,
      })
    }
    privacy.lastActivity = privacy.now()
    // Shown once, on this response only (never stored in the clear, never cached).
    return page(reply, 'recovery-code.njk', t('recovery.title'), { code })
  })

  // Safe mode off.
  app.get(paths.safeModeOff, (request, reply) =>
    privacy.safeMode === 'unlocked'
      ? page(reply, 'safe-mode-off.njk', t('off.title'))
      : reply.redirect(paths.privacySettings, 303),
  )
  app.post(paths.safeModeOff, async (request, reply) => {
    if (privacy.safeMode !== 'unlocked' || !privacy.vault) return reply.redirect(paths.privacySettings, 303)
    const secret = String((request.body as Record<string, unknown> | undefined)?.passphrase ?? '')
    const fail = (text: string) =>
      page(reply.code(400), 'safe-mode-off.njk', t('off.title'), { errors: [err('passphrase', text)] })
    const wait = privacy.waitSeconds()
    if (wait > 0) return fail(t('unlock.wait', { seconds: wait }))
    if (!(await checkSecret(privacy, secret)))
      return fail(t('unlock.wrong', { seconds: privacy.waitSeconds() }))
    await privacy.vault.disable()
    return reply.redirect(`${paths.privacySettings}?off=1`, 303)
  })

  // New passphrase.
  app.get(paths.safeModePassphrase, (request, reply) =>
    privacy.safeMode === 'unlocked'
      ? page(reply, 'passphrase.njk', t('passphrase.title'), { min: MIN_PASSPHRASE })
      : reply.redirect(paths.privacySettings, 303),
  )
  app.post(paths.safeModePassphrase, async (request, reply) => {
    if (privacy.safeMode !== 'unlocked' || !privacy.vault) return reply.redirect(paths.privacySettings, 303)
    const body = (request.body ?? {}) as Record<string, unknown>
    const current = String(body.current ?? '')
    const next = String(body.passphrase ?? '')
    const errors: FieldError[] = []
    if ([...next].length < MIN_PASSPHRASE)
      errors.push(err('passphrase', t('on.tooShort', { min: MIN_PASSPHRASE })))
    else if (next !== String(body.confirm ?? '')) errors.push(err('confirm', t('on.different')))
    const wait = privacy.waitSeconds()
    if (wait > 0) errors.unshift(err('current', t('unlock.wait', { seconds: wait })))
    if (!errors.length) {
      try {
        await privacy.vault.changePassphrase(current, next)
        privacy.failures = 0
        return reply.redirect(`${paths.privacySettings}?passphrase=1`, 303)
      } catch (error) {
        if (!(error instanceof WrongKey)) throw error
        privacy.wrongPassphrase()
        errors.push(err('current', t('unlock.wrong', { seconds: privacy.waitSeconds() })))
      }
    }
    return page(reply.code(400), 'passphrase.njk', t('passphrase.title'), { errors, min: MIN_PASSPHRASE })
  })
}

/** True if `secret` opens the key file now (and counts a wrong one towards the slow-down). */
async function checkSecret(privacy: Privacy, secret: string): Promise<boolean> {
  const { readKeyFile, unlockKeys } = await import('../../../services/safe-mode.ts')
  const file = readKeyFile(privacy.vault!.dataDir)
  if (!file) return false
  try {
    await unlockKeys(file, secret)
    privacy.failures = 0
    return true
  } catch (error) {
    if (!(error instanceof WrongKey)) throw error
    privacy.wrongPassphrase()
    return false
  }
}
