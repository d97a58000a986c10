import type { CheckedRuleFile } from './load.ts'

/**
 * The rule book compiled at build time. From the sources (tsx, tests) this is `undefined` and the
 * YAML files are read and checked on first use; the CLI and server bundles replace this module with
 * the checked files themselves (scripts/esbuild-rules.mjs), so a bundled run parses no YAML and a
 * bad rule file fails the build rather than a user's command.
 */
export const compiledRules: readonly CheckedRuleFile[] | undefined = undefined
