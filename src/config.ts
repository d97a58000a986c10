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
  readonly production: boolean
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
    production: c.NODE_ENV === 'production',
  }
}
