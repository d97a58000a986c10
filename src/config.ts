import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { z } from 'zod'
import { fromRoot } from './root.ts'
import { parseDate, type PlainDate } from './domain/shared/plain-date.ts'
import { message } from './domain/shared/message.ts'
import { DEFAULT_LOCALE, text, type Locale } from './copy/translate.ts'
import { WordedError } from './copy/worded-error.ts'
import { complaint } from './copy/schema-words.ts'

/** A setting's complaint (`platform.config.<key>` in platform.json). */
const says = (key: string) => complaint(`platform.config.${key}`)

const configSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  REDRESS_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, says('databaseUrl'))
    .optional(),
  REDRESS_MAX_UPLOAD_MB: z.coerce.number().int().positive().default(50),
  REDRESS_MAX_IMPORT_MB: z.coerce.number().int().positive().default(2048),
  REDRESS_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/, says('allowedHosts')),
      ),
    ),
  REDRESS_TODAY: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s), says('today'))
    .optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
})

const isRealDate = (s: string): boolean => {
  try {
    parseDate(s)
    return true
  } catch {
    return false
  }
}

export interface Config {
  readonly host: string
  readonly port: number
  /** Where PGlite keeps its files and where evidence files are stored (see findDataDir). */
  readonly dataDir: string
  /** Why that folder: the REDRESS_DATA_DIR setting, the install's own data/ folder, or the per-user folder. */
  readonly dataDirSource: DataDirSource
  /** When set, PostgreSQL is used instead of the embedded database. */
  readonly databaseUrl: string | undefined
  readonly maxUploadBytes: number
  /** The largest case archive an import accepts, counted as it is unpacked (2 GB by default). */
  readonly maxImportBytes: number
  /** Host names the web app answers to besides the loopback names (REDRESS_ALLOWED_HOSTS). */
  readonly allowedHosts: readonly string[]
  readonly production: boolean
  /**
   * A fixed "today" for the whole run (REDRESS_TODAY, for tests and demonstrations; refused in
   * production). Null: the real date in the UK.
   */
  readonly today: PlainDate | null
}

/**
 * The server refuses to listen where other machines could reach it: with no accounts yet, anyone
 * on the network could read every case. (The CLI does not listen, so only the server calls this.)
 */
export function assertLoopbackHost(host: string): void {
  if (!isLoopback(host)) throw new ConfigError(message('platform.config.notLoopback', { host }))
}

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

export type DataDirSource = 'setting' | 'install' | 'user'

/**
 * The data folder, the same whatever the current directory: REDRESS_DATA_DIR if set; otherwise an
 * existing data/ folder in the install itself (where `npm start` kept it before); otherwise the
 * per-user data folder ($XDG_DATA_HOME/redress, or ~/.local/share/redress).
 */
export function findDataDir(env: NodeJS.ProcessEnv = process.env): { dir: string; source: DataDirSource } {
  if (env.REDRESS_DATA_DIR) return { dir: resolve(env.REDRESS_DATA_DIR), source: 'setting' }
  const install = fromRoot('data')
  if (existsSync(install)) return { dir: install, source: 'install' }
  const xdg = env.XDG_DATA_HOME
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.local', 'share')
  return { dir: join(base, 'redress'), source: 'user' }
}

const dataDirFields = (d: { dir: string; source: DataDirSource }) => ({
  dataDir: d.dir,
  dataDirSource: d.source,
})

/** One sentence saying where the data is and why, for the server's start-up and the CLI. */
export function describeDataDir(
  config: Pick<Config, 'dataDir' | 'dataDirSource'>,
  locale: Locale = DEFAULT_LOCALE,
): string {
  return text(
    'platform.config.dataDir',
    { dir: config.dataDir, why: message(`platform.config.dataDirWhy.${config.dataDirSource}`) },
    locale,
  )
}

/** A setting that cannot be used: start-up stops and says which (words in `platform.config`). */
export class ConfigError extends WordedError {
  override name = 'ConfigError'
}

/** Reads settings from the environment; a bad value stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(message('platform.config.invalid', { lines: lines.join('\n  ') }))
  }
  const c = parsed.data
  if (c.REDRESS_TODAY && c.NODE_ENV === 'production')
    throw new ConfigError(
      message('platform.config.invalid', { lines: message('platform.config.todayInProduction') }),
    )
  return {
    host: c.HOST,
    port: c.PORT,
    ...dataDirFields(findDataDir({ ...env, REDRESS_DATA_DIR: c.REDRESS_DATA_DIR })),
    databaseUrl: c.DATABASE_URL,
    maxUploadBytes: c.REDRESS_MAX_UPLOAD_MB * 1024 * 1024,
    maxImportBytes: c.REDRESS_MAX_IMPORT_MB * 1024 * 1024,
    allowedHosts: c.REDRESS_ALLOWED_HOSTS,
    production: c.NODE_ENV === 'production',
    today: c.REDRESS_TODAY ? parseDate(c.REDRESS_TODAY) : null,
  }
}
