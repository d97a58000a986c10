import { say } from './copy.ts'
import { loadConfig } from '../config.ts'
import { LOCAL_OWNER, type Actor } from '../domain/case/index.ts'
import { rules } from '../rules/load.ts'
import { clockFor } from '../services/clock.ts'
import { openServices, type Services } from '../services/services.ts'

/**
 * Opens the database and builds every service (createServices, the one composition root) for one
 * command, closing the database after. `sweep` first tidies evidence files left by a crash.
 */
export async function withServices<T>(
  fn: (s: Services) => Promise<T>,
  options: { readonly sweep?: boolean } = {},
): Promise<T> {
  const config = loadConfig()
  const services = await openServices(config, rules(), clockFor(config.today), {
    onNotice: (m) => process.stderr.write(`${m}\n`),
    ...(options.sweep ? { sweep: true } : {}),
  })
  try {
    return await fn(services)
  } finally {
    await services.close()
  }
}

/** The person using this install, at the command line (named in the case file's history). */
export const CLI_ACTOR: Actor = {
  ownerId: LOCAL_OWNER,
  get name() {
    return say('case.actorName')
  },
}
