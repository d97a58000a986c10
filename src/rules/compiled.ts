/** One rule file as compiled at build time: where it came from, its id, and its checked content as JSON. */
export interface CompiledRule {
  readonly path: string
  readonly id: string
  /** The file's content as the schema returned it, as JSON text (parsed only when the rule is first read). */
  readonly json: string
}

/**
 * The rule book compiled at build time. From the sources (tsx, tests) this is `undefined` and the
 * YAML files are read and checked on first use; the CLI and server bundles replace this module with
 * the checked files themselves (scripts/build-common.mjs), so a bundled run parses no YAML and a
 * bad rule file fails the build rather than a user's command.
 */
export const compiledRules: readonly CompiledRule[] | undefined = undefined
