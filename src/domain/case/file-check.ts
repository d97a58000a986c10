import { InvalidInput } from '../shared/errors.ts'
import { message, type Message, type MessageParams } from '../shared/message.ts'
import type { EvidenceType } from './types.ts'

/**
 * Checks on an evidence file before it is kept: its name (no path tricks) and its type, detected
 * from the content (the first bytes), never from the name. A name whose extension says one type
 * while the content is another is refused as disguised.
 */

export interface TypeInfo {
  readonly mediaType: EvidenceType
  /** The type's name in words ("PDF document"), translated where it is shown. */
  readonly label: Message
  readonly extensions: readonly string[]
  /** Shown inline by the evidence viewer (PDF and images browsers can show). */
  readonly inline: boolean
}

export const TYPES: Readonly<Record<EvidenceType, TypeInfo>> = {
  'application/pdf': {
    mediaType: 'application/pdf',
    label: message('domainErrors.file.label.pdf'),
    extensions: ['.pdf'],
    inline: true,
  },
  'image/jpeg': {
    mediaType: 'image/jpeg',
    label: message('domainErrors.file.label.jpeg'),
    extensions: ['.jpg', '.jpeg'],
    inline: true,
  },
  'image/png': {
    mediaType: 'image/png',
    label: message('domainErrors.file.label.png'),
    extensions: ['.png'],
    inline: true,
  },
  'image/heic': {
    mediaType: 'image/heic',
    label: message('domainErrors.file.label.heic'),
    extensions: ['.heic', '.heif'],
    inline: true,
  },
  'message/rfc822': {
    mediaType: 'message/rfc822',
    label: message('domainErrors.file.label.eml'),
    extensions: ['.eml'],
    inline: false,
  },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: message('domainErrors.file.label.docx'),
    extensions: ['.docx'],
    inline: false,
  },
}

/** The kinds of file Redress keeps, in words (`domainErrors.file.acceptedTypes`). */
export const ACCEPTED_TYPES: Message = message('domainErrors.file.acceptedTypes')

/** What is wrong with a file, in words from domain-errors.json (`domainErrors.file.…`). */
const says = (key: string, params?: MessageParams): Message => message(`domainErrors.file.${key}`, params)

/** How many bytes of the start of a file `detectType` needs. */
export const SNIFF_BYTES = 4096

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x)
const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)))

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'])

/** What a file is, from its first bytes (and, for a zip, the names inside it). */
export type Detected =
  | { readonly known: true; readonly mediaType: EvidenceType }
  | { readonly known: false; readonly what: Message | null }

/**
 * Detects the type from the content. `zipEntries` lists the names inside the file when it is a
 * zip (a .docx is a zip with word/document.xml inside); pass null if it could not be read.
 */
export function detectType(head: Uint8Array, zipEntries: readonly string[] | null = null): Detected {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { known: true, mediaType: 'application/pdf' }
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { known: true, mediaType: 'image/jpeg' }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { known: true, mediaType: 'image/png' }
  if (ascii(head, 4, 8) === 'ftyp') {
    const brands = [ascii(head, 8, 12)]
    const boxSize = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0)
    for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4) brands.push(ascii(head, at, at + 4))
    if (brands.some((b) => HEIC_BRANDS.has(b))) return { known: true, mediaType: 'image/heic' }
    return { known: false, what: says('looksLike.media') }
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (zipEntries?.includes('word/document.xml') && zipEntries.includes('[Content_Types].xml'))
      return {
        known: true,
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }
    return { known: false, what: says('looksLike.zip') }
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { known: false, what: says('looksLike.oldOffice') }
  if (startsWith(head, [0x4d, 0x5a])) return { known: false, what: says('looksLike.program') }
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { known: false, what: says('looksLike.gif') }
  if (looksLikeEmail(head)) return { known: true, mediaType: 'message/rfc822' }
  return { known: false, what: null }
}

/** An email saved as .eml: text whose first lines are headers, with From and at least one of Date, Subject, To. */
function looksLikeEmail(head: Uint8Array): boolean {
  if (head.includes(0)) return false
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head)
  const headerBlock = text.split(/\r?\n\r?\n/)[0] ?? ''
  const lines = headerBlock.split(/\r?\n/).filter((l) => l !== '')
  if (lines.length < 2) return false
  // Every line is a header ("Name: value") or a folded continuation (starts with a space or tab).
  if (!lines.every((l) => /^[!-9;-~]+:/.test(l) || /^[ \t]/.test(l))) return false
  const names = new Set(
    lines.filter((l) => !/^[ \t]/.test(l)).map((l) => l.slice(0, l.indexOf(':')).toLowerCase()),
  )
  return names.has('from') && (names.has('date') || names.has('subject') || names.has('to'))
}

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot).toLowerCase()
}

/**
 * Checks a file's name as given by the browser or command line. Refuses path tricks (folders,
 * "..", a drive letter, control characters, a hidden dot-name) rather than quietly fixing them,
 * so the user knows exactly what was kept.
 */
const isControl = (ch: string): boolean => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f

export function checkFileName(name: string, field = 'file'): string {
  const shown = [...name].map((ch) => (isControl(ch) ? '?' : ch)).join('')
  if (name.trim() === '') throw new InvalidInput(field, says('noName'))
  if ([...name].some(isControl)) throw new InvalidInput(field, says('controlCharacters', { name: shown }))
  if (/[/\\]/.test(name)) throw new InvalidInput(field, says('folderPath', { name: shown }))
  if (name === '.' || name === '..' || name.includes('..'))
    throw new InvalidInput(field, says('dotDot', { name: shown }))
  if (/^[a-zA-Z]:/.test(name)) throw new InvalidInput(field, says('driveLetter', { name: shown }))
  if (name.startsWith('.')) throw new InvalidInput(field, says('startsWithDot', { name: shown }))
  if (name.length > 200) throw new InvalidInput(field, says('nameTooLong'))
  return name.normalize('NFC')
}

/**
 * The type to keep a file as: the detected type, if Redress keeps that type and the name does not
 * claim another. Returns the type and the name to keep (with the right extension added if it had none).
 */
export function checkFileType(
  name: string,
  detected: Detected,
  field = 'file',
): { mediaType: EvidenceType; fileName: string } {
  const ext = extensionOf(name)
  if (!detected.known) {
    throw new InvalidInput(
      field,
      detected.what
        ? says('cannotKeepLooksLike', { name, what: detected.what, accepted: ACCEPTED_TYPES })
        : says('cannotKeepUnknown', { name, accepted: ACCEPTED_TYPES }),
    )
  }
  const info = TYPES[detected.mediaType]
  if (ext === '') return { mediaType: info.mediaType, fileName: `${name}${info.extensions[0]}` }
  if (!info.extensions.includes(ext)) {
    const claimed = Object.values(TYPES).find((t) => t.extensions.includes(ext))
    throw new InvalidInput(
      field,
      says('disguised', {
        name,
        claimed: claimed ? says('namedAsType', { type: claimed.label }) : says('namedAsExtension', { ext }),
        actual: info.label,
      }),
    )
  }
  return { mediaType: info.mediaType, fileName: name }
}

/** "1.2 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`
  const [unit, size] = n < 1024 * 1024 * 1024 ? ['MB', 1024 * 1024] : ['GB', 1024 * 1024 * 1024]
  const tenths = Math.round((n * 10) / size) // whole tenths, no float formatting
  return tenths % 10 === 0 ? `${tenths / 10} ${unit}` : `${Math.floor(tenths / 10)}.${tenths % 10} ${unit}`
}
