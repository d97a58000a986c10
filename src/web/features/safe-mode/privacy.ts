import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Services } from '../../app.ts'
import { Vault, writeFileAtomic } from '../../../services/safe-mode.ts'

/**
 * Privacy settings and the state the lock gate and the safe-mode pages share. The settings are not
 * case data (whether the device is shared, neutral mode, the idle lock, where Exit goes) and must
 * be readable while Redress is locked, so they live in `<dataDir>/privacy.json` (mode 0600).
 */
export const DEFAULT_EXIT_URL = 'https://www.bbc.co.uk/weather'

export const privacySettings = z.object({
  /** The answer to "Do other people use this device?"; absent until answered. */
  sharedDevice: z.enum(['yes', 'no', 'not-sure']).optional(),
  /** Neutral mode: "Notes" in tab titles, page titles and history. */
  neutral: z.boolean().default(false),
  /** Safe mode locks after this many minutes without use. */
  idleMinutes: z.number().int().min(1).max(240).default(15),
  /** Where Exit goes. */
  exitUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_EXIT_URL),
})
export type PrivacySettings = z.infer<typeof privacySettings>

/** Set by Exit: this browser gets a blank neutral page for every Redress page until it starts again. */
export const EXITED_COOKIE = 'redress_exited'

export function hasExited(cookieHeader: string | undefined): boolean {
  return (cookieHeader ?? '').split(';').some((c) => c.trim() === `${EXITED_COOKIE}=1`)
}

export class Privacy {
  settings: PrivacySettings
  lastActivity = Date.now()
  failures = 0
  nextAttemptAt = 0
  readonly vault: Vault | null
  private readonly file: string | null

  constructor(services: Services, now: () => number = Date.now) {
    this.vault = services.database instanceof Vault ? services.database : null
    this.file = this.vault ? join(this.vault.dataDir, 'privacy.json') : null
    this.settings = privacySettings.parse(this.read())
    this.now = now
  }

  readonly now: () => number

  private read(): unknown {
    if (!this.file || !existsSync(this.file)) return {}
    try {
      return JSON.parse(readFileSync(this.file, 'utf8'))
    } catch {
      return {}
    }
  }

  save(next: Partial<PrivacySettings>): void {
    this.settings = privacySettings.parse({ ...this.settings, ...next })
    if (this.file) writeFileAtomic(this.file, Buffer.from(JSON.stringify(this.settings, null, 1)))
  }

  get safeMode(): 'off' | 'locked' | 'unlocked' {
    return this.vault?.status ?? 'off'
  }

  /** Wrong passphrases slow down: 1 s, 2 s, 4 s … up to 5 minutes between tries. */
  wrongPassphrase(): void {
    this.failures++
    this.nextAttemptAt = this.now() + Math.min(2 ** (this.failures - 1), 300) * 1000
  }

  /** Seconds to wait before the next try, or 0. */
  waitSeconds(): number {
    return Math.max(0, Math.ceil((this.nextAttemptAt - this.now()) / 1000))
  }
}

const byServices = new WeakMap<Services, Privacy>()

/** The one Privacy for an app's services (the gate and the routes share it). */
export function privacyFor(services: Services): Privacy {
  let p = byServices.get(services)
  if (!p) byServices.set(services, (p = new Privacy(services)))
  return p
}
