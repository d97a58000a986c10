// Whether a bundle is older than what it was built from. Kept free of dependencies (no esbuild):
// bin/redress.js runs this check on every command, so it must cost next to nothing.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * True when the manifest exists and none of the files it lists (the bundle's own sources, the rule
 * files compiled into it, their folders and the build scripts) changed after the bundle was built.
 */
export function isBundleFresh(manifest, root) {
  let recorded
  try {
    recorded = JSON.parse(readFileSync(manifest, 'utf8'))
  } catch {
    return false
  }
  for (const path of recorded.inputs) {
    const s = statSync(join(root, path), { throwIfNoEntry: false })
    if (s === undefined || s.mtimeMs > recorded.builtAt) return false
  }
  return true
}

/** Records what a bundle was built from (relative paths) and when, for isBundleFresh. */
export function writeManifest(manifest, builtAt, inputs) {
  writeFileSync(manifest, `${JSON.stringify({ builtAt, inputs: [...new Set(inputs)].sort() })}\n`)
}
