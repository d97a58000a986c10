import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib'
import { lex, type Operand } from './content-lexer.ts'
import { fontDecoder, streamBytes, type FontDecoder } from './font-decoder.ts'

export interface FastPageText {
  readonly page: number
  readonly text: string
  /** False when some text could not be decoded (a font without a usable encoding, an odd filter). */
  readonly complete: boolean
}

const MAX_FORM_DEPTH = 6

/**
 * Reads the text of each page straight from the objects pdf-lib has already parsed: the content
 * streams, the fonts' ToUnicode maps or encodings, and text inside form XObjects. Much faster than
 * pdf.js for the common case; when a page says it is incomplete, use pdf.js for that file instead.
 */
export function fastPageTexts(doc: PDFDocument): FastPageText[] {
  const decoders = new Map<PDFObject, FontDecoder>()
  const decoderFor = (ref: PDFObject | undefined, dict: PDFDict | undefined): FontDecoder => {
    const key = ref ?? dict
    if (!key) return fontDecoder(undefined)
    let d = decoders.get(key)
    if (!d) {
      d = fontDecoder(dict)
      decoders.set(key, d)
    }
    return d
  }

  return doc.getPages().map((page, index) => {
    const parts: string[] = []
    let complete = true
    const inherited = page.node.getInheritableAttribute(PDFName.of('Resources'))
    const res = inherited ? page.doc.context.lookup(inherited) : undefined
    const resources = res instanceof PDFDict ? res : undefined
    const contents = page.node.Contents()
    const streams: (PDFObject | undefined)[] = []
    if (contents instanceof PDFArray)
      for (let i = 0; i < contents.size(); i++) streams.push(contents.lookup(i))
    else if (contents) streams.push(contents)
    const bytes = streams.map(streamBytes)
    if (bytes.some((b) => b === undefined)) complete = false
    const joined = concat(bytes.filter((b): b is Uint8Array => b !== undefined))
    const ok = run(joined, resources, 0, decoderFor, parts)
    return {
      page: index + 1,
      text: parts
        .join('')
        .replace(/[ \t]+/g, ' ')
        .trim(),
      complete: complete && ok,
    }
  })
}

function concat(list: Uint8Array[]): Uint8Array {
  if (list.length === 1) return list[0]!
  const out = new Uint8Array(list.reduce((a, b) => a + b.length + 1, 0))
  let p = 0
  for (const b of list) {
    out.set(b, p)
    p += b.length
    out[p++] = 0x0a
  }
  return out
}

function run(
  bytes: Uint8Array,
  resources: PDFDict | undefined,
  depth: number,
  decoderFor: (ref: PDFObject | undefined, dict: PDFDict | undefined) => FontDecoder,
  out: string[],
): boolean {
  let complete = true
  let font: FontDecoder | undefined
  const fonts = resources?.lookup(PDFName.of('Font'))
  const xobjects = resources?.lookup(PDFName.of('XObject'))
  const show = (s: Operand | undefined): void => {
    if (!(s instanceof Uint8Array)) return
    if (!font) {
      complete = false
      return
    }
    out.push(font.decode(s))
    if (!font.complete) complete = false
  }
  lex(bytes, ({ op, operands }) => {
    switch (op) {
      case 'Tf': {
        const name = operands[0]
        if (typeof name === 'string' && fonts instanceof PDFDict) {
          const key = PDFName.of(name.slice(1))
          const raw = fonts.get(key)
          const dict = fonts.lookup(key)
          font = decoderFor(
            raw instanceof PDFRef ? raw : undefined,
            dict instanceof PDFDict ? dict : undefined,
          )
        } else font = decoderFor(undefined, undefined)
        break
      }
      case 'Tj':
        show(operands[0])
        break
      case "'":
        out.push('\n')
        show(operands[0])
        break
      case '"':
        out.push('\n')
        show(operands[2])
        break
      case 'TJ': {
        const arr = operands[0]
        if (Array.isArray(arr))
          for (const item of arr) {
            if (typeof item === 'number') {
              if (item < -180) out.push(' ')
            } else show(item)
          }
        break
      }
      case 'Td':
      case 'TD':
      case 'Tm':
      case 'T*':
        out.push('\n')
        break
      case 'ET':
        out.push('\n')
        break
      case 'Do': {
        const name = operands[0]
        if (depth >= MAX_FORM_DEPTH || typeof name !== 'string' || !(xobjects instanceof PDFDict)) break
        const x = xobjects.lookup(PDFName.of(name.slice(1)))
        if (!(x instanceof PDFRawStream) || x.dict.lookup(PDFName.of('Subtype'))?.toString() !== '/Form')
          break
        const formBytes = streamBytes(x)
        if (!formBytes) {
          complete = false
          break
        }
        const own = x.dict.lookup(PDFName.of('Resources'))
        if (!run(formBytes, own instanceof PDFDict ? own : resources, depth + 1, decoderFor, out))
          complete = false
        break
      }
    }
  })
  return complete
}
