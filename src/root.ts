import { existsSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The nearest folder at or above `start` that holds a package.json. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`No package.json above ${start}`)
  }
}

/**
 * The project's root folder (where it is installed, whatever the current directory). Resource
 * paths (templates, rules, migrations, locales) are taken from here rather than from each module's
 * own location, so they resolve the same whether the code runs from src/ through tsx or from the
 * bundles in dist/ and dist/cli/.
 */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url))) + sep

/** A path inside the project, e.g. fromRoot('rules', 'contacts.yaml'). */
export const fromRoot = (...segments: string[]): string => join(ROOT, ...segments)
