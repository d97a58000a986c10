// Builds the web assets into public/: our stylesheet on govuk-frontend, the Noto Sans fonts, the JS.
// `--if-missing` skips the work when public/ is already up to date with its sources.
//
// The stylesheet is compiled from src/web/assets/scss with sass (a development tool) into
// src/web/assets/app.css, which is committed (ADR 0006): starting Redress only copies it, so a
// production install (`npm ci --omit=dev && npm start`) needs no sass. When the Sass sources or
// govuk-frontend change, this script recompiles it (and says so); without sass it stops with a
// message rather than serve an out-of-date stylesheet. test/web/assets.test.ts keeps it current.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'public')
const src = join(root, 'src/web/assets')
const govuk = join(root, 'node_modules/govuk-frontend/dist/govuk')
const fonts = join(root, 'node_modules/@fontsource/noto-sans/files')
const fontFiles = ['latin', 'latin-ext'].flatMap((s) =>
  ['400', '700'].map((w) => `noto-sans-${s}-${w}-normal.woff2`),
)
export const CSS_FILE = join(src, 'app.css')

/** What the stylesheet is compiled from: every Sass file of ours and the govuk-frontend version. */
export function styleSourcesDigest() {
  const hash = createHash('sha256')
  for (const f of readdirSync(join(src, 'scss')).sort())
    hash.update(f).update(readFileSync(join(src, 'scss', f)))
  hash.update(readFileSync(join(root, 'node_modules/govuk-frontend/package.json')))
  return hash.digest('hex')
}

/** The first line of the compiled stylesheet, naming the sources it was compiled from. */
export const cssHeader = (digest) =>
  `/* Compiled by scripts/build-assets.mjs from src/web/assets/scss (sources ${digest}); do not edit. */\n`

/** The stylesheet: the committed one if it is current, otherwise compiled now with sass. */
async function stylesheet(force) {
  const header = cssHeader(styleSourcesDigest())
  const committed = existsSync(CSS_FILE) ? readFileSync(CSS_FILE, 'utf8') : ''
  if (committed.replace(/^\uFEFF/, '').startsWith(header) && !force) return committed
  let sass
  try {
    sass = await import('sass')
  } catch {
    console.error(
      'The stylesheet (src/web/assets/app.css) is older than its Sass sources, and sass (a development tool) is not installed.\n' +
        'Run `npm install` (with the development tools) and `npm run build:assets`, then try again.',
    )
    process.exit(1)
  }
  console.log('Compiling the stylesheet from src/web/assets/scss…')
  const css = sass.compile(join(src, 'scss/app.scss'), {
    style: 'compressed',
    loadPaths: [join(root, 'node_modules/govuk-frontend/dist')],
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin'],
  })
  // A byte-order mark (sass adds one when the stylesheet has non-ASCII text) must stay first.
  const bom = css.css.startsWith('\uFEFF') ? '\uFEFF' : ''
  const text = `${bom}${header}${css.css.replace(/^\uFEFF/, '')}\n`
  writeFileSync(CSS_FILE, text)
  return text
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--check')) {
  // For the tests: is the committed stylesheet compiled from the Sass sources as they are?
  const current = readFileSync(CSS_FILE, 'utf8')
    .replace(/^\uFEFF/, '')
    .startsWith(cssHeader(styleSourcesDigest()))
  if (!current)
    console.error('src/web/assets/app.css is older than its Sass sources: run npm run build:assets')
  process.exit(current ? 0 : 1)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const css = await stylesheet(process.argv.includes('--compile'))
  const hash = createHash('sha256').update(css)
  for (const f of ['js/app.js', 'mark.svg', 'notes.svg']) hash.update(readFileSync(join(src, f)))
  hash.update(readFileSync(join(root, 'node_modules/govuk-frontend/package.json')))
  hash.update(readFileSync(fileURLToPath(import.meta.url)))
  const digest = hash.digest('hex')
  const stamp = join(out, '.build-hash')

  if (process.argv.includes('--if-missing') && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest)
    process.exit(0)

  console.log('Building the web assets (styles and fonts)…')
  mkdirSync(join(out, 'fonts'), { recursive: true })
  writeFileSync(join(out, 'app.css'), css)
  for (const f of fontFiles) copyFileSync(join(fonts, f), join(out, 'fonts', f))
  copyFileSync(join(govuk, 'govuk-frontend.min.js'), join(out, 'govuk-frontend.min.js'))
  copyFileSync(join(src, 'js/app.js'), join(out, 'app.js'))
  copyFileSync(join(src, 'mark.svg'), join(out, 'mark.svg'))
  copyFileSync(join(src, 'notes.svg'), join(out, 'notes.svg')) // neutral mode's icon
  // govuk-frontend's own images (crown favicons and logos) are deliberately not copied.
  writeFileSync(stamp, digest)
  console.log('Web assets ready.')
}
