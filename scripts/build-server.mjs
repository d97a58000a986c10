// Bundles the server's TypeScript into dist/ for `npm start`. Running the sources through tsx
// costs over a second at start-up (every module load waits on tsx's loader thread); the bundle
// loads in a fraction of that. Packages stay external (Node loads them itself), and dynamic
// imports become separate chunks, so the PDF and Word libraries still load only when first used.
// The rule book is compiled in (checked here). `--if-stale` skips the build when no source
// changed since the last one (dist/server.manifest.json), so `npm start` builds only once.
// Tests run the same bundle in the browser tests, and the sources directly everywhere else.
import { build } from 'esbuild'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  bundleInputs,
  compiledRulesPlugin,
  externalPackages,
  root,
  zodEnglishOnlyPlugin,
} from './build-common.mjs'

import { isBundleFresh, writeManifest } from './bundle-manifest.mjs'

/**
 * Packages bundled in rather than loaded through Node's resolver at start (the rest stay external).
 * Resolving a package's hundreds of files (a package.json read and a stat for each) cost more CPU
 * at start than parsing them as one bundle. What stays external either ships WebAssembly or worker
 * files found by path (PGlite, MuPDF, pdf.js, tesseract.js), is loaded only when used (the
 * PostgreSQL driver, the Word and PDF writers), or is a build tool.
 */
const BUNDLED = [
  'zod',
  'temporal-polyfill',
  'fastify',
  '@fastify/formbody',
  '@fastify/multipart',
  '@fastify/static',
  '@fastify/view',
  'nunjucks',
  'drizzle-orm',
  'yaml',
  'csv-parse',
  'fast-xml-parser',
  'iconv-lite',
  'yauzl',
  'yazl',
  'fflate',
]

const outdir = join(root, 'dist')
const manifest = join(outdir, 'server.manifest.json')
if (process.argv.includes('--if-stale') && isBundleFresh(manifest, root)) process.exit(0)

// The server's files are the ones at the top of dist/ (dist/cli/ is the CLI's own build).
mkdirSync(outdir, { recursive: true })
for (const name of readdirSync(outdir, { withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => e.name))
  rmSync(join(outdir, name), { force: true })
const builtAt = Date.now()
const result = await build({
  entryPoints: { 'server-main': join(root, 'src/server.ts') },
  outdir,
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
  chunkNames: '[name]-[hash]', // beside server.mjs: src/root.ts finds the project one level up
  plugins: [compiledRulesPlugin(), zodEnglishOnlyPlugin()],
  banner: {
    js: "import { createRequire as __redressRequire } from 'node:module'; const require = __redressRequire(import.meta.url);",
  },
})
// The entry turns on Node's compile cache before the server's modules load (they are then
// compiled once, not on every start).
writeFileSync(
  join(outdir, 'server.mjs'),
  "import { enableCompileCache } from 'node:module'\nenableCompileCache?.()\nawait import('./server-main.mjs')\n",
)
writeManifest(manifest, builtAt, bundleInputs(result.metafile, ['scripts/build-server.mjs']))
