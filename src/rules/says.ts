import { complaint } from '../copy/schema-words.ts'

/**
 * A rule file's schema complaint (`platform.rules.<key>` in platform.json). Kept out of schema.ts,
 * which the built bundles replace (they read the rule book compiled into them).
 */
export const says = (key: string) => complaint(`platform.rules.${key}`)
