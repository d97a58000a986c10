import { inflateSync } from 'node:zlib'
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  type PDFObject,
} from 'pdf-lib'

/** Turns the bytes of a shown string into text for one font; `complete` is false when it had to guess. */
export interface FontDecoder {
  decode(bytes: Uint8Array): string
  readonly complete: boolean
}

/** Windows-1252 ("WinAnsi") for 0x80–0x9F; the rest of 0x20–0xFF is Latin-1. */
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

const winAnsi = (code: number): string =>
  code >= 0x80 && code <= 0x9f
    ? (WIN_ANSI_HIGH[code - 0x80] ?? '')
    : code >= 0x20 || code === 0x0a
      ? String.fromCharCode(code)
      : ''

/** Glyph names that appear in /Differences, for the characters that matter when matching text. */
const GLYPHS: Record<string, string> = {
  space: ' ',
  exclam: '!',
  quotedbl: '"',
  numbersign: '#',
  dollar: '$',
  percent: '%',
  ampersand: '&',
  quotesingle: "'",
  quoteright: '’',
  quoteleft: '‘',
  parenleft: '(',
  parenright: ')',
  asterisk: '*',
  plus: '+',
  comma: ',',
  hyphen: '-',
  minus: '-',
  period: '.',
  slash: '/',
  colon: ':',
  semicolon: ';',
  less: '<',
  equal: '=',
  greater: '>',
  question: '?',
  at: '@',
  bracketleft: '[',
  backslash: '\\',
  bracketright: ']',
  asciicircum: '^',
  underscore: '_',
  grave: '`',
  braceleft: '{',
  bar: '|',
  braceright: '}',
  asciitilde: '~',
  sterling: '£',
  Euro: '€',
  endash: '–',
  emdash: '—',
  quotedblleft: '“',
  quotedblright: '”',
  bullet: '•',
  ellipsis: '…',
  fi: 'fi',
  fl: 'fl',
  nbspace: ' ',
  periodcentered: '·',
  section: '§',
  copyright: '©',
  registered: '®',
  degree: '°',
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
}

function glyphName(name: string): string | undefined {
  if (/^[A-Za-z]$/.test(name)) return name
  const g = GLYPHS[name]
  if (g !== undefined) return g
  const uni = /^uni([0-9A-Fa-f]{4})$/.exec(name) ?? /^u([0-9A-Fa-f]{4,6})$/.exec(name)
  if (uni?.[1]) return String.fromCodePoint(parseInt(uni[1], 16))
  return undefined
}

/** Decodes a stream's bytes: FlateDecode through zlib (fast), anything else through pdf-lib. */
export function streamBytes(stream: PDFObject | undefined): Uint8Array | undefined {
  if (!(stream instanceof PDFRawStream)) return undefined
  const filter = stream.dict.lookup(PDFName.of('Filter'))
  const parms = stream.dict.lookup(PDFName.of('DecodeParms'))
  const isFlate =
    (filter instanceof PDFName && filter.asString() === '/FlateDecode') ||
    (filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0)?.toString() === '/FlateDecode')
  try {
    if (isFlate && !parms) return inflateSync(stream.contents)
    if (!filter) return stream.contents
    return decodePDFRawStream(stream).decode()
  } catch {
    return undefined
  }
}

const hexToNumber = (h: string): number => parseInt(h, 16)

function utf16(hex: string): string {
  let out = ''
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(hexToNumber(hex.slice(i, i + 4)))
  return out
}

/** Parses a ToUnicode CMap into code → text, with the code width in bytes. */
function parseToUnicode(text: string): { map: Map<number, string>; bytes: number } | undefined {
  const widths = [...text.matchAll(/<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>/g)]
  const space = /begincodespacerange([\s\S]*?)endcodespacerange/.exec(text)?.[1] ?? ''
  const lengths = new Set([...space.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => (m[1] ?? '').length / 2))
  if (lengths.size > 1) return undefined
  const bytes = [...lengths][0] ?? (widths[0]?.[1]?.length ?? 4) / 2
  const map = new Map<number, string>()
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      map.set(hexToNumber(m[1] ?? '0'), utf16(m[2] ?? ''))
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])/g,
    )) {
      const lo = hexToNumber(m[1] ?? '0')
      const hi = hexToNumber(m[2] ?? '0')
      if (hi - lo > 0xffff) continue
      if (m[3] !== undefined) {
        const base = m[3]
        const last = hexToNumber(base.slice(-4) || '0')
        const prefix = utf16(base.slice(0, -4))
        for (let c = lo; c <= hi; c++) map.set(c, prefix + String.fromCharCode(last + (c - lo)))
      } else {
        const items = [...(m[4] ?? '').matchAll(/<([0-9A-Fa-f]*)>/g)]
        items.forEach((it, k) => map.set(lo + k, utf16(it[1] ?? '')))
      }
    }
  }
  return { map, bytes }
}

function differences(encoding: PDFObject | undefined): Map<number, string> {
  const out = new Map<number, string>()
  if (!(encoding instanceof PDFDict)) return out
  const diffs = encoding.lookup(PDFName.of('Differences'))
  if (!(diffs instanceof PDFArray)) return out
  let code = 0
  for (let i = 0; i < diffs.size(); i++) {
    const item = diffs.lookup(i)
    if (item instanceof PDFNumber) code = item.asNumber()
    else if (item instanceof PDFName) {
      const g = glyphName(item.decodeText())
      if (g !== undefined) out.set(code, g)
      code++
    }
  }
  return out
}

/** Builds a decoder for a font dictionary, or reports it cannot be read. */
export function fontDecoder(font: PDFDict | undefined): FontDecoder {
  if (!font) return { decode: () => '', complete: false }
  const subtype = font.lookup(PDFName.of('Subtype'))?.toString()
  const toUnicode = streamBytes(font.lookup(PDFName.of('ToUnicode')))
  const cmap = toUnicode ? parseToUnicode(new TextDecoder('latin1').decode(toUnicode)) : undefined
  const composite = subtype === '/Type0'
  if (composite) {
    if (!cmap) return { decode: () => '', complete: false }
    const width = cmap.bytes || 2
    let complete = true
    return {
      get complete() {
        return complete
      },
      decode(bytes) {
        let s = ''
        for (let i = 0; i + width <= bytes.length; i += width) {
          let code = 0
          for (let k = 0; k < width; k++) code = code * 256 + bytes[i + k]!
          const t = cmap.map.get(code)
          if (t === undefined) complete = false
          else s += t
        }
        return s
      },
    }
  }
  const diffs = differences(font.lookup(PDFName.of('Encoding')))
  let complete = true
  return {
    get complete() {
      return complete
    },
    decode(bytes) {
      let s = ''
      for (const b of bytes) {
        const t = cmap?.map.get(b) ?? diffs.get(b)
        if (t !== undefined) s += t
        else if (b >= 0x20) s += winAnsi(b)
        else complete = false
      }
      return s
    },
  }
}
