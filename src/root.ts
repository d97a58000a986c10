import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The project's root folder. Resource paths (templates, rules, migrations, locales) are taken from
 * here rather than from each module's own location, so they resolve the same whether the code runs
 * from src/ through tsx or from the bundle in dist/ that `npm start` builds (both one level down).
 */
export const ROOT = fileURLToPath(new URL('../', import.meta.url))

/** A path inside the project, e.g. fromRoot('rules', 'contacts.yaml'). */
export const fromRoot = (...segments: string[]): string => join(ROOT, ...segments)
