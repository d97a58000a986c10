// Builds the web assets into public/: our Sass on govuk-frontend, the Noto Sans fonts, the JS.
// `--if-missing` skips the work when public/ is already up to date with its sources.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'public')
const src = join(root, 'src/web/assets')
const govuk = join(root, 'node_modules/govuk-frontend/dist/govuk')
const fonts = join(root, 'node_modules/@fontsource/noto-sans/files')
const fontFiles = ['latin', 'latin-ext'].flatMap((s) =>
  ['400', '700'].map((w) => `noto-sans-${s}-${w}-normal.woff2`),
)

const hash = createHash('sha256')
for (const f of ['scss/app.scss', 'js/app.js', 'mark.svg', 'notes.svg']) hash.update(readFileSync(join(src, f)))
hash.update(readFileSync(join(root, 'node_modules/govuk-frontend/package.json')))
hash.update(readFileSync(fileURLToPath(import.meta.url)))
const digest = hash.digest('hex')
const stamp = join(out, '.build-hash')

if (process.argv.includes('--if-missing') && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest)
  process.exit(0)

console.log('Building the web assets (styles and fonts)…')
mkdirSync(join(out, 'fonts'), { recursive: true })
const css = sass.compile(join(src, 'scss/app.scss'), {
  style: 'compressed',
  loadPaths: [join(root, 'node_modules/govuk-frontend/dist')],
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin'],
})
writeFileSync(join(out, 'app.css'), css.css)
for (const f of fontFiles) copyFileSync(join(fonts, f), join(out, 'fonts', f))
copyFileSync(join(govuk, 'govuk-frontend.min.js'), join(out, 'govuk-frontend.min.js'))
copyFileSync(join(src, 'js/app.js'), join(out, 'app.js'))
copyFileSync(join(src, 'mark.svg'), join(out, 'mark.svg'))
copyFileSync(join(src, 'notes.svg'), join(out, 'notes.svg')) // neutral mode's icon
// govuk-frontend's own images (crown favicons and logos) are deliberately not copied.
writeFileSync(stamp, digest)
console.log('Web assets ready.')
