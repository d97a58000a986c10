import iconv from 'iconv-lite'

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be'

/**
 * Statement bytes to text. A byte-order mark decides; otherwise UTF-8 if the bytes are valid
 * UTF-8, else Windows-1252 (what older bank exports and Excel on Windows write; £ is byte A3).
 */
export function decodeStatement(bytes: Uint8Array, forced?: Encoding): { text: string; encoding: Encoding } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (forced) return { text: stripBom(iconv.decode(b, forced)), encoding: forced }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { text: iconv.decode(b.subarray(3), 'utf-8'), encoding: 'utf-8' }
  if (b[0] === 0xff && b[1] === 0xfe)
    return { text: iconv.decode(b.subarray(2), 'utf-16le'), encoding: 'utf-16le' }
  if (b[0] === 0xfe && b[1] === 0xff)
    return { text: iconv.decode(b.subarray(2), 'utf-16be'), encoding: 'utf-16be' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' }
  } catch {
    return { text: iconv.decode(b, 'windows-1252'), encoding: 'windows-1252' }
  }
}

const stripBom = (t: string): string => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t)
