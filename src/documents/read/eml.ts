import iconv from 'iconv-lite'

/**
 * The readable text of an e-mail (.eml): its From, To, Date and Subject lines, then the plain-text
 * body (or the HTML body with tags removed when there is no plain one). MIME multipart, quoted-
 * printable, base64 and the common character sets are handled; attachments are left out.
 */
export function emailText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1')
  const { headers, body } = splitHeaders(raw)
  const lines = ['from', 'to', 'date', 'subject']
    .map((h) =>
      headers.get(h) ? `${h[0]!.toUpperCase()}${h.slice(1)}: ${decodeWords(headers.get(h)!)}` : null,
    )
    .filter((l): l is string => l !== null)
  const parts = leafParts(headers, body)
  const plain = parts.find((p) => p.type === 'text/plain')
  const html = parts.find((p) => p.type === 'text/html')
  const text = plain ? plain.text : html ? htmlToText(html.text) : ''
  return [...lines, '', text.replace(/\r\n/g, '\n').trim()].join('\n').trim()
}

interface Part {
  readonly type: string
  readonly text: string
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const m = /\r?\n\r?\n/.exec(raw)
  const head = m ? raw.slice(0, m.index) : raw
  const body = m ? raw.slice(m.index + m[0].length) : ''
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i > 0) {
      const name = line.slice(0, i).trim().toLowerCase()
      if (!headers.has(name)) headers.set(name, line.slice(i + 1).trim())
    }
  }
  return { headers, body }
}

const param = (value: string, name: string): string | null => {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value)
  return m ? (m[1] ?? m[2] ?? null) : null
}

function leafParts(headers: Map<string, string>, body: string, depth = 0): Part[] {
  const contentType = headers.get('content-type') ?? 'text/plain'
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  if (type.startsWith('multipart/') && depth < 10) {
    const boundary = param(contentType, 'boundary')
    if (!boundary) return []
    const out: Part[] = []
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break
      const sub = splitHeaders(chunk.replace(/^\r?\n/, ''))
      out.push(...leafParts(sub.headers, sub.body, depth + 1))
    }
    return out
  }
  const disposition = (headers.get('content-disposition') ?? '').toLowerCase()
  if (!type.startsWith('text/') || disposition.startsWith('attachment')) return []
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase()
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintable(body)
        : Buffer.from(body, 'latin1')
  return [{ type, text: decodeCharset(bytes, param(contentType, 'charset') ?? 'utf-8') }]
}

function quotedPrintable(text: string): Buffer {
  const s = text.replace(/=\r?\n/g, '')
  const out: number[] = []
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16))
      i += 2
    } else out.push(s.charCodeAt(i) & 0xff)
  }
  return Buffer.from(out)
}

function decodeCharset(bytes: Buffer, charset: string): string {
  const c = charset.toLowerCase()
  return iconv.encodingExists(c) ? iconv.decode(bytes, c) : bytes.toString('utf8')
}

/** RFC 2047 encoded words in headers (=?utf-8?B?...?= and =?utf-8?Q?...?=). */
function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g,
    (_, charset: string, enc: string, text: string) => {
      const bytes =
        enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintable(text.replace(/_/g, ' '))
      return decodeCharset(bytes, charset)
    },
  )
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  pound: '£',
}

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|tr|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, e: string) =>
      e.startsWith('#x') || e.startsWith('#X')
        ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith('#')
          ? String.fromCodePoint(parseInt(e.slice(1), 10))
          : (ENTITIES[e.toLowerCase()] ?? m),
    )
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim()
}
