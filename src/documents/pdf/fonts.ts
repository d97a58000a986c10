import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import { CustomFontSubsetEmbedder, PDFFont, type PDFDocument } from 'pdf-lib'

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]
type FontkitFont = ReturnType<Fontkit['create']>
type Glyph = ReturnType<FontkitFont['glyphForCodePoint']>

/** Noto Sans (SIL Open Font License): covers Latin, Greek and Cyrillic, so names like "Łukasz" and "Dŵr" print. */
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
      const known = font.hasGlyphForCodePoint(cp)
      g = font.glyphForCodePoint(known ? cp : 0x3f)
      // fontkit keeps one glyph object a glyph id, with the characters of its first use. A glyph
      // first reached as a part of another (Z inside Ż, when a subset was written) has none, and a
      // PDF reader then makes a character up from its number ("Zoë" read back as "6oë"). Each
      // character is given a glyph that stands for it.
      if (known && !g.codePoints.includes(cp)) g = Object.create(g, { codePoints: { value: [cp] } }) as Glyph
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

/**
 * Fonts for the scripts Noto Sans does not cover, from the same Google Fonts family and the same
 * npm publisher (SIL Open Font License): each is embedded in a document only when its text needs
 * it, and only the glyphs used. Urdu is written in the Arabic script (Noto Sans Arabic covers it).
 */
type Family = 'arabic' | 'hebrew' | 'bengali' | 'sc' | 'emoji'
const FALLBACKS: Record<Family, { readonly regular: string; readonly bold?: string }> = {
  arabic: {
    regular: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  },
  hebrew: {
    regular: '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf',
  },
  bengali: {
    regular: '@expo-google-fonts/noto-sans-bengali/400Regular/NotoSansBengali_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-bengali/700Bold/NotoSansBengali_700Bold.ttf',
  },
  sc: {
    regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
  emoji: { regular: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf' },
}
const FAMILIES = Object.keys(FALLBACKS) as Family[]

/** The likely family by Unicode block, tried first (the others are searched after). */
function blockFamily(cp: number): Family | null {
  if ((cp >= 0x0600 && cp <= 0x08ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff))
    return 'arabic'
  if ((cp >= 0x0590 && cp <= 0x05ff) || (cp >= 0xfb1d && cp <= 0xfb4f)) return 'hebrew'
  if (cp >= 0x0980 && cp <= 0x09ff) return 'bengali'
  if (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  )
    return 'sc'
  if ((cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf)) return 'emoji'
  return null
}

/** Characters that belong with the one before them (joiners, variation selectors, skin tones, marks). */
const joinsPrevious = (cp: number): boolean =>
  cp === 0x200d ||
  cp === 0xfe0e ||
  cp === 0xfe0f ||
  (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
  (cp >= 0x0300 && cp <= 0x036f)

/**
 * fontkit's shaper for Indic scripts (Bengali) is compiled with generators that expect the
 * regenerator runtime as a global; loading the package sets it.
 */
let regenerator = false
const needRegenerator = (): void => {
  if (regenerator) return
  require('regenerator-runtime/runtime.js')
  regenerator = true
}

const fallbackParsed = new Map<string, FontkitFont>()
const fallbackBytes = new Map<string, Uint8Array>()

/**
 * Hebrew is laid out one glyph a character, in reverse (visual) order: its letters do not join,
 * and each glyph then reads back as exactly its letter (PDF readers reverse right-to-left text
 * when extracting, giving logical order).
 */
function reversedLayout(font: FontkitFont): FontkitFont['layout'] {
  const cache = new Map<number, Glyph>()
  return ((text: string) => {
    const glyphs: Glyph[] = []
    for (const ch of [...text].reverse()) {
      const cp = ch.codePointAt(0) ?? 0x3f
      let g = cache.get(cp)
      if (!g) {
        g = font.glyphForCodePoint(font.hasGlyphForCodePoint(cp) ? cp : 0x3f)
        cache.set(cp, g)
      }
      glyphs.push(g)
    }
    return { glyphs, positions: [] } as unknown as ReturnType<FontkitFont['layout']>
  }) as FontkitFont['layout']
}

/**
 * Every fallback script but Hebrew is shaped by fontkit with the font's own tables: Arabic and Urdu
 * letters join (joining forms and ligatures from GSUB, dots and marks placed by GPOS, glyphs in
 * visual order), Bengali builds conjuncts and places its vowel signs, emoji sequences become one
 * picture. fontkit keeps one glyph object per glyph id, carrying the characters of its first use,
 * and fonts share glyphs between characters (Noto Sans Arabic between letters that differ only by
 * their dots, ح and چ; Noto Emoji between ❤ and ❤️), so text read back from the PDF would name the
 * wrong characters, or, in a later document of the same process, those of an earlier one. Some
 * shaped glyphs stand for no character at all (a dot split off an Arabic letter, a part of a
 * Bengali conjunct). This font gives each glyph, as shaped, the characters it stands for in that
 * place, and `shapingEmbedder` writes each such pairing as its own glyph in the PDF, so every glyph
 * reads back as its own characters (see `spaceView` for those that stand for none).
 */
function shapingFont(parsedFont: FontkitFont): FontkitFont {
  const wrapped = Object.create(parsedFont) as FontkitFont & {
    getGlyph(id: number, codePoints?: number[]): Glyph
  }
  const own = parsedFont as unknown as { getGlyph(id: number, codePoints?: number[]): Glyph }
  const views = new Map<string, Glyph>()
  wrapped.getGlyph = (id: number, codePoints: number[] = []): Glyph => {
    const key = `${id}:${codePoints.join(',')}`
    let g = views.get(key)
    if (!g) {
      g = Object.create(own.getGlyph(id, codePoints), { codePoints: { value: [...codePoints] } }) as Glyph
      views.set(key, g)
    }
    return g
  }
  return wrapped
}

const REVERSED = /noto-sans-hebrew\//

/** A fallback font: fontkit's full shaping (Arabic joining, Bengali conjuncts, emoji sequences), or one glyph a character for Hebrew. */
function fallbackFont(file: string): { font: FontkitFont; bytes: Uint8Array } {
  needRegenerator()
  let b = fallbackBytes.get(file)
  if (!b) {
    b = new Uint8Array(readFileSync(require.resolve(file)))
    fallbackBytes.set(file, b)
  }
  let f = fallbackParsed.get(file)
  if (!f) {
    const parsedFont = fontkit.create(b) as FontkitFont
    const reversed = REVERSED.test(file)
    const wrapped = reversed ? (Object.create(parsedFont) as FontkitFont) : shapingFont(parsedFont)
    wrapped.createSubset = () => padGlyphs(parsedFont.createSubset())
    if (reversed) wrapped.layout = reversedLayout(parsedFont)
    f = wrapped
    fallbackParsed.set(file, f)
  }
  return { font: f, bytes: b }
}

interface Chain {
  readonly doc: PDFDocument
  readonly style: FontStyle
  readonly base: FontkitFont
  readonly embedded: Map<Family, PDFFont>
}

const chains = new WeakMap<PDFFont, Chain>()

function fileFor(family: Family, style: FontStyle): string {
  const f = FALLBACKS[family]
  return style === 'bold' && f.bold ? f.bold : f.regular
}

/** Embeds a fallback font in the chain's document on first use (synchronously, as drawing is). */
function embeddedFallback(chain: Chain, family: Family): PDFFont {
  let font = chain.embedded.get(family)
  if (!font) {
    const { font: parsedFont, bytes: b } = fallbackFont(fileFor(family, chain.style))
    const Embedder = CustomFontSubsetEmbedder as unknown as new (
      font: FontkitFont,
      data: Uint8Array,
    ) => unknown
    const embedder = new Embedder(parsedFont, b)
    font = PDFFont.of(chain.doc.context.nextRef(), chain.doc, embedder as Parameters<typeof PDFFont.of>[2])
    if (family !== 'hebrew') shaping.set(font, shapingEmbedder(embedder as SubsetEmbedder))
    if (family !== 'hebrew' && family !== 'arabic') spelledOut.add(font)
    ;(chain.doc as unknown as { fonts: PDFFont[] }).fonts.push(font)
    chain.embedded.set(family, font)
  }
  return font
}

/** The parts of pdf-lib's subset embedder that shaped text needs. */
interface SubsetEmbedder {
  readonly font: FontkitFont
  readonly scale: number
  readonly subset: {
    readonly glyphs: number[]
    readonly mapping: Record<number, number | undefined>
    includeGlyph(glyph: Glyph | number): number
  }
  readonly glyphs: Glyph[]
  readonly glyphIdMap: Map<number, number>
  readonly glyphCache: { invalidate(): void }
  glyphId(glyph?: Glyph): number
}

const shaping = new WeakMap<PDFFont, SubsetEmbedder>()

/**
 * Fonts whose shaped glyphs do not read back in order by themselves: a Bengali conjunct puts parts
 * of its letters above, below or before the pen, and readers order text by where it is drawn. Each
 * run in such a font is marked with the text it stands for (see `drawShaped`). Arabic reads back
 * from its visual order, as right-to-left text in any PDF does.
 */
const spelledOut = new WeakSet<PDFFont>()

/** Whether runs drawn in `font` are marked with the text they stand for. */
export const spellsOut = (font: PDFFont): boolean => spelledOut.has(font)

/**
 * Makes the embedder write a glyph once for each set of characters it stands for: the first use
 * of a glyph id as usual, any other use (the same shape standing for another letter) as a copy of
 * the glyph under a new id, so the PDF's character map can give each its own letters.
 */
function shapingEmbedder(e: SubsetEmbedder): SubsetEmbedder {
  const ids = new Map<Glyph, number>()
  const include = e.subset.includeGlyph.bind(e.subset)
  e.subset.includeGlyph = (g: Glyph | number): number => {
    if (typeof g !== 'object') return include(g)
    let n = ids.get(g)
    if (n === undefined) {
      if (e.subset.mapping[g.id] === undefined) n = include(g)
      else {
        e.subset.glyphs.push(g.id)
        n = e.subset.glyphs.length - 1
      }
      ids.set(g, n)
    }
    return n
  }
  e.glyphId = (g?: Glyph): number => (g ? (ids.get(g) ?? e.glyphIdMap.get(g.id) ?? -1) : -1)
  return e
}

/** One glyph of shaped text: its code in the PDF font and where it goes, in thousandths of the font size. */
export interface ShapedGlyph {
  readonly code: string
  /** How far the pen moves after it. */
  readonly advance: number
  /** How far from the pen it is drawn (dots and marks placed over or under their letter). */
  readonly dx: number
  readonly dy: number
  /** The advance the PDF font's widths give it. */
  readonly width: number
  /** A dot or mark split off a letter by the font: it stands for no character of its own. */
  readonly silent: boolean
}

const spaceViews = new WeakMap<Glyph, Glyph>()

/**
 * A dot split off a letter stands for no character, but a PDF reader given no character for a
 * glyph makes one up from its number (pdf.js) or prints U+FFFD (MuPDF). So it is written as
 * standing for a space (which readers fold into the spacing) and drawn, after the line's text,
 * inside a span whose actual text is empty (which MuPDF and Poppler honour).
 */
function spaceView(g: Glyph): Glyph {
  let v = spaceViews.get(g)
  if (!v) {
    v = Object.create(g, { codePoints: { value: [0x20] } }) as Glyph
    spaceViews.set(g, v)
  }
  return v
}

/**
 * The glyphs of a run of text in a shaped font (every fallback script but Hebrew), shaped and in
 * visual order, added to the font's subset; null for the other fonts (pdf-lib draws those).
 */
export function shapeRun(font: PDFFont, text: string): ShapedGlyph[] | null {
  const e = shaping.get(font)
  if (!e) return null
  const run = e.font.layout(text)
  const out: ShapedGlyph[] = []
  run.glyphs.forEach((shaped, i) => {
    const silent = shaped.codePoints.length === 0
    const g = silent ? spaceView(shaped) : shaped
    const id = e.subset.includeGlyph(g)
    e.glyphs[id - 1] = g
    const p = run.positions[i]
    out.push({
      code: id.toString(16).padStart(4, '0'),
      advance: (p?.xAdvance ?? g.advanceWidth) * e.scale,
      dx: (p?.xOffset ?? 0) * e.scale,
      dy: (p?.yOffset ?? 0) * e.scale,
      width: g.advanceWidth * e.scale,
      silent,
    })
  })
  e.glyphCache.invalidate()
  return out
}

/** The width at `size` of a run in a shaped font (from the shaped advances); null for other fonts. */
export function shapedWidth(font: PDFFont, text: string, size: number): number | null {
  const e = shaping.get(font)
  if (!e) return null
  let w = 0
  for (const p of e.font.layout(text).positions) w += p.xAdvance
  return (w * e.scale * size) / 1000
}

function familyOf(cp: number, base: FontkitFont, style: FontStyle): Family | 'base' | null {
  if (cp < 0x80 || base.hasGlyphForCodePoint(cp)) return 'base'
  const guess = blockFamily(cp)
  const order = guess ? [guess, ...FAMILIES.filter((f) => f !== guess)] : FAMILIES
  for (const f of order) if (fallbackFont(fileFor(f, style)).font.hasGlyphForCodePoint(cp)) return f
  return null
}

export interface Run {
  readonly text: string
  readonly font: PDFFont
}

/**
 * Splits text into runs, each in the first font that has its characters: Noto Sans, then the
 * script's Noto font. Spaces between two words of the same script stay in that script's run, so a
 * right-to-left phrase is shaped (and reads back) as one piece. Text drawn with a font not made by
 * `embedFonts` is one run.
 */
export function runs(text: string, font: PDFFont): Run[] {
  const chain = chains.get(font)
  // eslint-disable-next-line no-control-regex -- plain ASCII needs no fallback
  if (!chain || /^[\u0000-\u007f]*$/.test(text)) return [{ text, font }]
  const chars = [...text]
  const fam: (Family | 'base' | null)[] = chars.map((ch) =>
    familyOf(ch.codePointAt(0) ?? 0x3f, chain.base, chain.style),
  )
  for (let i = 1; i < chars.length; i++)
    if (joinsPrevious(chars[i]!.codePointAt(0) ?? 0)) fam[i] = fam[i - 1]!
  for (let i = 0; i < chars.length; i++) {
    if (!/\s/.test(chars[i]!)) continue
    let a = i - 1
    while (a >= 0 && /\s/.test(chars[a]!)) a--
    let b = i + 1
    while (b < chars.length && /\s/.test(chars[b]!)) b++
    const f = fam[a]
    if (a >= 0 && b < chars.length && f && f !== 'base' && f === fam[b]) fam[i] = f
  }
  const out: Run[] = []
  let current = ''
  let currentFont: PDFFont | null = null
  chars.forEach((ch, i) => {
    const f = fam[i]
    const pdfFont = f && f !== 'base' ? embeddedFallback(chain, f) : font
    if (pdfFont !== currentFont && current) {
      out.push({ text: current, font: currentFont! })
      current = ''
    }
    currentFont = pdfFont
    current += ch
  })
  if (current) out.push({ text: current, font: currentFont! })
  return out
}

/** Embeds the three styles as subsets (only the glyphs used are written), each with its script fallbacks. */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(cachingFontkit)
  const styles = ['regular', 'bold', 'italic'] as const
  const [regular, bold, italic] = await Promise.all(
    styles.map((s) => doc.embedFont(fontBytes(s), { subset: true })),
  )
  const fonts = { regular: regular!, bold: bold!, italic: italic! }
  for (const s of styles)
    chains.set(fonts[s], { doc, style: s, base: cachingFontkit.create(fontBytes(s)), embedded: new Map() })
  return fonts
}

/** Characters no font Redress embeds can print (they would print as "?"). */
export function unsupportedCharacters(text: string): string[] {
  const base = cachingFontkit.create(fontBytes('regular'))
  const out = new Set<string>()
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    if (cp >= 0x20 && !joinsPrevious(cp) && familyOf(cp, base, 'regular') === null) out.add(ch)
  }
  return [...out]
}
