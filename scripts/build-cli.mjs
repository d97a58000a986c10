// Bundles the CLI into dist/cli/ (bin/redress.js runs it, building it first when it is missing or
// older than its sources). Each command is its own chunk, loaded only when that command runs; the
// rule book is compiled in (checked here, so a bad rule file fails the build, not a command); the
// packages on the path of a quick command (commander, zod, temporal-polyfill) are bundled and
// tree-shaken, and so are the pure JavaScript packages a case command loads (pdf-lib and its font
// reader, drizzle-orm, the YAML, CSV, XML and zip readers, the progress bar): Node resolves every
// file of an external package on its own, looking up its package.json, and drizzle-orm's 300
// files and yaml's 190 cost `redress case list` about 0.7 s of its 1.6 s. The rest stay external
// (native addons, WebAssembly with files beside it, packages loaded only in their own command).
// `--if-stale` skips the build when nothing changed.
import { build } from 'esbuild'
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import {
  bundleInputs,
  compiledRulesPlugin,
  externalPackages,
  fontkitQuickLoadPlugin,
  lazyChildProcessPlugin,
  nativeZlibForPakoPlugin,
  REQUIRE_BANNER,
  root,
  zodEnglishOnlyPlugin,
} from './build-common.mjs'
import { isBundleFresh, writeManifest } from './bundle-manifest.mjs'

export const CLI_OUTDIR = join(root, 'dist', 'cli')
export const CLI_MANIFEST = join(CLI_OUTDIR, 'manifest.json')
const BUNDLED = [
  'commander',
  'zod',
  'temporal-polyfill',
  'pdf-lib',
  '@pdf-lib/fontkit',
  'drizzle-orm',
  'yaml',
  'csv-parse',
  'fast-xml-parser',
  'iconv-lite',
  'fflate',
  'cli-progress',
]
const LOCK = join(root, 'dist', '.cli-build.lock')

/** Waits for any other process building the CLI, then holds the lock; returns its release. */
async function lock() {
  mkdirSync(join(root, 'dist'), { recursive: true })
  for (let waited = 0; ; waited += 100) {
    try {
      closeSync(openSync(LOCK, 'wx'))
      return () => rmSync(LOCK, { force: true })
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 120_000) rmSync(LOCK, { force: true }) // left by a build that died
      await sleep(100)
    }
  }
}

/** Builds the CLI bundle; with `ifStale`, only when a source changed since the last build. */
export async function buildCli({ ifStale = false } = {}) {
  if (ifStale && isBundleFresh(CLI_MANIFEST, root)) return false
  const release = await lock()
  try {
    if (ifStale && isBundleFresh(CLI_MANIFEST, root)) return false // another process built it
    const builtAt = Date.now()
    const tmp = join(root, 'dist', `.cli-${process.pid}`)
    rmSync(tmp, { recursive: true, force: true })
    const result = await build({
      entryPoints: [join(root, 'src/cli/main.ts')],
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      external: externalPackages(BUNDLED),
      sourcemap: 'linked',
      logLevel: 'warning',
      metafile: true,
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      plugins: [
        compiledRulesPlugin(),
        zodEnglishOnlyPlugin(),
        lazyChildProcessPlugin(),
        nativeZlibForPakoPlugin(),
        fontkitQuickLoadPlugin(),
      ],
      banner: { js: REQUIRE_BANNER },
    })
    writeManifest(
      join(tmp, 'manifest.json'),
      builtAt,
      bundleInputs(result.metafile, ['scripts/build-cli.mjs']),
    )
    rmSync(CLI_OUTDIR, { recursive: true, force: true })
    renameSync(tmp, CLI_OUTDIR)
    return true
  } finally {
    release()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli({ ifStale: process.argv.includes('--if-stale') })
}
