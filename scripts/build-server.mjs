// Bundles the server's TypeScript into dist/ for `npm start`. Running the sources through tsx
// costs over a second at start-up (every module load waits on tsx's loader thread); the bundle
// loads in a fraction of that. Packages stay external (Node loads them itself), and dynamic
// imports become separate chunks, so the PDF and Word libraries still load only when first used.
// Tests run the same bundle in the browser tests, and the sources directly everywhere else.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'dist')
rmSync(outdir, { recursive: true, force: true })
await build({
  entryPoints: [join(root, 'src/server.ts')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]', // beside server.mjs: src/root.ts finds the project one level up
})
