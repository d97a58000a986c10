import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]
type FontkitFont = ReturnType<Fontkit['create']>
type Glyph = ReturnType<FontkitFont['glyphForCodePoint']>

/** Noto Sans (SIL Open Font License): covers Latin, Greek and Cyrillic, so names like "Łukasz" print. */
const FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
} as const

export type FontStyle = keyof typeof FILES

export interface Fonts {
  readonly regular: PDFFont
  readonly bold: PDFFont
  readonly italic: PDFFont
}

const require = createRequire(import.meta.url)
const bytes = new Map<FontStyle, Uint8Array>()
const parsed = new Map<Uint8Array, FontkitFont>()

function fontBytes(style: FontStyle): Uint8Array {
  let b = bytes.get(style)
  if (!b) {
    b = new Uint8Array(readFileSync(require.resolve(FILES[style])))
    bytes.set(style, b)
  }
  return b
}

/**
 * fontkit's full OpenType shaping is slow (tens of milliseconds a line for Noto Sans) and letters
 * need none of it. This wraps a parsed font so that layout maps each character straight to its
 * glyph, caching glyphs, and so that each font file is parsed once per process.
 */
function simpleLayout(font: FontkitFont): FontkitFont {
  const cache = new Map<number, Glyph>()
  const wrapped = Object.create(font) as FontkitFont
  const glyph = (cp: number): Glyph => {
    let g = cache.get(cp)
    if (!g) {
      g = font.glyphForCodePoint(font.hasGlyphForCodePoint(cp) ? cp : 0x3f)
      cache.set(cp, g)
    }
    return g
  }
  wrapped.createSubset = () => padGlyphs(font.createSubset())
  wrapped.layout = (text: string) => {
    const glyphs: Glyph[] = []
    for (const ch of text) glyphs.push(glyph(ch.codePointAt(0) ?? 0x3f))
    return { glyphs, positions: [] } as unknown as ReturnType<FontkitFont['layout']>
  }
  return wrapped
}

interface SubsetInternals {
  glyf: Uint8Array[]
  offset: number
  _addGlyph(gid: number): number
}

/**
 * fontkit copies each glyph's bytes unchanged and then may write a short `loca` table, which
 * stores offsets halved. Noto Sans has odd-length glyph records, so every glyph after one of
 * them would point at the wrong bytes and print blank. Padding each record to an even length
 * keeps the offsets exact.
 */
function padGlyphs<S>(subset: S): S {
  const s = subset as unknown as SubsetInternals
  const add = s._addGlyph.bind(s)
  s._addGlyph = (gid: number): number => {
    const index = add(gid)
    const last = s.glyf[s.glyf.length - 1]
    if (last && last.length % 2 === 1) {
      // Same Buffer class as fontkit's own (it checks), one zero byte longer.
      const padded = (last.constructor as unknown as { alloc(n: number): Uint8Array }).alloc(last.length + 1)
      padded.set(last)
      s.glyf[s.glyf.length - 1] = padded
      s.offset += 1
    }
    return index
  }
  return subset
}

const cachingFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont {
    let f = parsed.get(buffer)
    if (!f) {
      f = simpleLayout(fontkit.create(buffer, postscriptName) as FontkitFont)
      parsed.set(buffer, f)
    }
    return f
  },
}

/** Embeds the three styles as subsets (only the glyphs used are written). */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(cachingFontkit)
  const [regular, bold, italic] = await Promise.all(
    (['regular', 'bold', 'italic'] as const).map((s) => doc.embedFont(fontBytes(s), { subset: true })),
  )
  return { regular: regular!, bold: bold!, italic: italic! }
}

/** Characters the font has no glyph for print as "?"; this says which ones those would be. */
export function unsupportedCharacters(text: string): string[] {
  const font = cachingFontkit.create(fontBytes('regular'))
  const out = new Set<string>()
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    if (cp >= 0x20 && !font.hasGlyphForCodePoint(cp)) out.add(ch)
  }
  return [...out]
}
