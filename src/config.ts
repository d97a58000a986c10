import { resolve } from 'node:path'
import { z } from 'zod'

const configSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  REDRESS_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
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
        z
          .string()
          .regex(
            /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/,
            'each name must be host or host:port, separated by commas',
          ),
      ),
    ),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
})

export interface Config {
  readonly host: string
  readonly port: number
  /** Where PGlite keeps its files and where evidence files are stored. */
  readonly dataDir: string
  /** When set, PostgreSQL is used instead of the embedded database. */
  readonly databaseUrl: string | undefined
  readonly maxUploadBytes: number
  /** The largest case archive an import accepts, counted as it is unpacked (2 GB by default). */
  readonly maxImportBytes: number
  /** Host names the web app answers to besides the loopback names (REDRESS_ALLOWED_HOSTS). */
  readonly allowedHosts: readonly string[]
  readonly production: boolean
}

/**
 * The server refuses to listen where other machines could reach it: with no accounts yet, anyone
 * on the network could read every case. (The CLI does not listen, so only the server calls this.)
 */
export function assertLoopbackHost(host: string): void {
  if (!isLoopback(host))
    throw new ConfigError(
      `HOST: Redress only listens on this computer (127.0.0.1, localhost or ::1), not on "${host}", because it has no accounts yet and anyone on the network could read every case.`,
    )
}

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads settings from the environment; a bad value stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid settings:\n  ${lines.join('\n  ')}`)
  }
  const c = parsed.data
  return {
    host: c.HOST,
    port: c.PORT,
    dataDir: resolve(c.REDRESS_DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    maxUploadBytes: c.REDRESS_MAX_UPLOAD_MB * 1024 * 1024,
    maxImportBytes: c.REDRESS_MAX_IMPORT_MB * 1024 * 1024,
    allowedHosts: c.REDRESS_ALLOWED_HOSTS,
    production: c.NODE_ENV === 'production',
  }
}
