/** A small lexer for PDF content streams: just enough to follow text operators. */

export type Operand = number | string | Uint8Array | Operand[] | { readonly dict: true }

export interface Instruction {
  readonly op: string
  readonly operands: Operand[]
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25])

const isRegular = (c: number): boolean => !WS.has(c) && !DELIM.has(c)

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (c >= 0x41 && c <= 0x46) return c - 0x37
  if (c >= 0x61 && c <= 0x66) return c - 0x57
  return -1
}

/**
 * Walks a content stream and calls `on` for each operator with its operands. Strings come out as
 * bytes; names as "/Name"; dictionaries are skipped. Inline images (BI … ID … EI) are stepped over.
 */
export function lex(bytes: Uint8Array, on: (i: Instruction) => void): void {
  let p = 0
  const n = bytes.length
  const stack: Operand[][] = [[]]
  const top = (): Operand[] => stack[stack.length - 1]!

  const literal = (): Uint8Array => {
    const out: number[] = []
    let depth = 1
    p++ // (
    while (p < n) {
      const c = bytes[p++]!
      if (c === 0x5c) {
        const e = bytes[p++]
        if (e === undefined) break
        if (e === 0x6e) out.push(0x0a)
        else if (e === 0x72) out.push(0x0d)
        else if (e === 0x74) out.push(0x09)
        else if (e === 0x62) out.push(0x08)
        else if (e === 0x66) out.push(0x0c)
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30
          for (let k = 0; k < 2 && bytes[p]! >= 0x30 && bytes[p]! <= 0x37; k++)
            v = v * 8 + (bytes[p++]! - 0x30)
          out.push(v & 0xff)
        } else if (e === 0x0d) {
          if (bytes[p] === 0x0a) p++
        } else if (e !== 0x0a) out.push(e)
      } else if (c === 0x28) {
        depth++
        out.push(c)
      } else if (c === 0x29) {
        if (--depth === 0) break
        out.push(c)
      } else out.push(c)
    }
    return Uint8Array.from(out)
  }

  const hex = (): Uint8Array => {
    p++ // <
    const out: number[] = []
    let hi = -1
    while (p < n && bytes[p] !== 0x3e) {
      const v = hexValue(bytes[p++]!)
      if (v < 0) continue
      if (hi < 0) hi = v
      else {
        out.push(hi * 16 + v)
        hi = -1
      }
    }
    if (hi >= 0) out.push(hi * 16)
    p++ // >
    return Uint8Array.from(out)
  }

  const skipDict = (): void => {
    let depth = 0
    while (p < n) {
      if (bytes[p] === 0x3c && bytes[p + 1] === 0x3c) {
        depth++
        p += 2
      } else if (bytes[p] === 0x3e && bytes[p + 1] === 0x3e) {
        depth--
        p += 2
        if (depth === 0) return
      } else if (bytes[p] === 0x28) literal()
      else p++
    }
  }

  const skipInlineImage = (): void => {
    // After "ID" and one whitespace byte: data runs until whitespace "EI" and a delimiter.
    p++
    while (p < n) {
      if (
        bytes[p] === 0x45 &&
        bytes[p + 1] === 0x49 &&
        WS.has(bytes[p - 1]!) &&
        (p + 2 >= n || WS.has(bytes[p + 2]!) || DELIM.has(bytes[p + 2]!))
      ) {
        p += 2
        return
      }
      p++
    }
  }

  while (p < n) {
    const c = bytes[p]!
    if (WS.has(c)) {
      p++
    } else if (c === 0x25) {
      while (p < n && bytes[p] !== 0x0a && bytes[p] !== 0x0d) p++
    } else if (c === 0x28) {
      top().push(literal())
    } else if (c === 0x3c) {
      if (bytes[p + 1] === 0x3c) {
        skipDict()
        top().push({ dict: true })
      } else top().push(hex())
    } else if (c === 0x5b) {
      p++
      stack.push([])
    } else if (c === 0x5d) {
      p++
      const arr = stack.length > 1 ? stack.pop()! : []
      top().push(arr)
    } else if (c === 0x2f) {
      const start = p++
      while (p < n && isRegular(bytes[p]!)) p++
      top().push(String.fromCharCode(...bytes.subarray(start, p)))
    } else if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const start = p++
      while (p < n && isRegular(bytes[p]!)) p++
      top().push(Number(String.fromCharCode(...bytes.subarray(start, p))) || 0)
    } else if (isRegular(c)) {
      const start = p++
      while (p < n && isRegular(bytes[p]!)) p++
      const op = String.fromCharCode(...bytes.subarray(start, p))
      if (op === 'ID') {
        skipInlineImage()
        stack.length = 1
        stack[0] = []
        continue
      }
      if (op === 'true' || op === 'false' || op === 'null') {
        top().push(0)
        continue
      }
      const operands = stack[0]!
      stack.length = 1
      stack[0] = []
      on({ op, operands })
    } else {
      p++ // stray delimiter such as } or >
    }
  }
}
