// The CLI bundle carries fontkit with its load-time unpacking changed (scripts/build-common.mjs,
// fontkitQuickLoadPlugin). This builds fontkit exactly that way and checks that the changed copy
// reads and lays out text in every font Redress embeds exactly as the published fontkit does,
// including a WOFF2 font (which needs the Brotli dictionary that is now unpacked on first use).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import original from '@pdf-lib/fontkit'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain JavaScript build script, without type declarations
import { fontkitQuickLoadPlugin, REQUIRE_BANNER } from '../../scripts/build-common.mjs'

type Fontkit = typeof original
type Font = ReturnType<Fontkit['create']>

const require = createRequire(import.meta.url)
const FONT_FILES = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf',
  '@expo-google-fonts/noto-sans-bengali/700Bold/NotoSansBengali_700Bold.ttf',
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
]
const SAMPLES = [
  'Łukasz Dŵr, Zoë: £1,234.56 — “quoted”',
  'السلام عليكم، نفقة الأطفال ١٢٣',
  'نفقہ اردو میں',
  'שלום, מזונות ילדים',
  'স্বাস্থ্য শিশুর ভরণপোষণ',
  '儿童抚养费 你好，世界。',
  '❤ ❤️ 👨‍👩‍👧 🇬🇧 👍🏽',
]

/** Every glyph id and position fontkit gives a text in a font, with the script it detected. */
function layout(font: Font, text: string): unknown {
  const run = font.layout(text)
  return {
    glyphs: run.glyphs.map((g) => [g.id, g.codePoints]),
    positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
    script: (run as unknown as { script?: string }).script,
  }
}

let dir: string
let patched: Fontkit

beforeAll(async () => {
  // fontkit's Indic shaper needs the regenerator runtime as a global, as src/documents/pdf/fonts.ts provides it.
  require('regenerator-runtime/runtime.js')
  dir = mkdtempSync(join(tmpdir(), 'redress-fontkit-'))
  const out = join(dir, 'fontkit.mjs')
  await build({
    stdin: { contents: "export { default } from '@pdf-lib/fontkit'", resolveDir: process.cwd() },
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    plugins: [fontkitQuickLoadPlugin()],
    banner: { js: REQUIRE_BANNER },
  })
  const source = readFileSync(out, 'utf8')
  // The edits were made (the plugin fails the build when one cannot be).
  expect(source).toContain('.inflateRawSync(source)')
  expect(source).not.toContain('pako_1.inflate(')
  patched = ((await import(pathToFileURL(out).href)) as { default: Fontkit }).default
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('fontkit as the CLI bundle carries it', () => {
  it.each(FONT_FILES)('lays out every sample exactly as the published fontkit does: %s', (file) => {
    const bytes = readFileSync(require.resolve(file))
    const a = original.create(bytes)
    const b = patched.create(bytes)
    for (const text of SAMPLES) expect(layout(b, text)).toEqual(layout(a, text))
  })

  it('reads a WOFF2 font (unpacking the Brotli dictionary when first needed) as the published fontkit does', () => {
    const folder = join(require.resolve('@fontsource/noto-sans/package.json'), '..', 'files')
    const name = readdirSync(folder).find((f) => /^noto-sans-latin-400-normal\.woff2$/.test(f))
    expect(name).toBeDefined()
    const bytes = readFileSync(join(folder, name!))
    const a = original.create(bytes)
    const b = patched.create(bytes)
    expect(b.numGlyphs).toBe(a.numGlyphs)
    const text = 'Child maintenance: £12.34 a week'
    expect(layout(b, text)).toEqual(layout(a, text))
    const outline = (f: Font): string =>
      f
        .layout('Ag')
        .glyphs.map((g) => g.path.toSVG())
        .join(' ')
    expect(outline(b)).toBe(outline(a))
    expect(outline(b).length).toBeGreaterThan(20)
  })
})
