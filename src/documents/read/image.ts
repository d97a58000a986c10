import { docText } from '../copy.ts'
import { ReadFailure } from './types.ts'

/** The largest image Redress decodes: 50 megapixels (a 48 MP phone photo fits; a decompression bomb does not). */
export const MAX_PIXELS = 50_000_000

export interface Dimensions {
  readonly width: number
  readonly height: number
}

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!
const u32 = (b: Uint8Array, i: number) =>
  ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!

/** Width and height from a PNG, JPEG or HEIC header, without decoding the image; null if not found. */
export function imageDimensions(bytes: Uint8Array, mediaType: string): Dimensions | null {
  if (mediaType === 'image/png') {
    if (bytes.length < 24) return null
    return { width: u32(bytes, 16), height: u32(bytes, 20) }
  }
  if (mediaType === 'image/jpeg') {
    let i = 2
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) {
        i++
        continue
      }
      const marker = bytes[i + 1]!
      if (marker === 0xff) {
        i++
        continue
      }
      // Start-of-frame markers (baseline, progressive, ...), not DHT/JPG/DAC.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { height: u16(bytes, i + 5), width: u16(bytes, i + 7) }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2
        continue
      }
      i += 2 + u16(bytes, i + 2)
    }
    return null
  }
  if (mediaType === 'image/heic') {
    // The largest 'ispe' (image spatial extents) box: the primary image or its grid.
    let best: Dimensions | null = null
    for (let i = 4; i + 16 <= bytes.length && i < 1_000_000; i++) {
      if (bytes[i] === 0x69 && bytes[i + 1] === 0x73 && bytes[i + 2] === 0x70 && bytes[i + 3] === 0x65) {
        const d = { width: u32(bytes, i + 8), height: u32(bytes, i + 12) }
        if (!best || d.width * d.height > best.width * best.height) best = d
      }
    }
    return best
  }
  return null
}

/** Refuses an image over the pixel limit before anything decodes it. */
export function checkPixels(bytes: Uint8Array, mediaType: string, limit = MAX_PIXELS): Dimensions {
  const d = imageDimensions(bytes, mediaType)
  if (!d || d.width === 0 || d.height === 0)
    throw new ReadFailure('damaged', docText('image.theImageCouldNot'))
  if (d.width * d.height > limit)
    throw new ReadFailure(
      'too-many-pixels',
      docText('image.theImageIsPixels', { width: d.width, height: d.height, value: limit / 1_000_000 }),
    )
  return d
}

/** The longest side, in pixels, of an image sent to OCR: about 250 dots per inch on A4. */
export const OCR_MAX_SIDE = 3000

/**
 * Prepares an image for OCR with mupdf: decoded once, turned grey and scaled down so its longest
 * side is at most OCR_MAX_SIDE (OCR time grows with pixels, accuracy does not above ~300 dpi).
 */
export async function normaliseForOcr(bytes: Uint8Array, mediaType: string): Promise<Buffer> {
  const mupdf = await import('mupdf')
  let doc
  try {
    doc = mupdf.Document.openDocument(bytes, mediaType)
  } catch {
    throw new ReadFailure('damaged', docText('image.theImageCouldNot2'))
  }
  try {
    const page = doc.loadPage(0)
    const [x0, y0, x1, y1] = page.getBounds()
    // Image documents report their size in points at the image's resolution; scale from that.
    const d = imageDimensions(bytes, mediaType)
    const w = d?.width ?? x1 - x0
    const h = d?.height ?? y1 - y0
    const pixelsPerPoint = w / (x1 - x0)
    const scale = Math.min(1, OCR_MAX_SIDE / Math.max(w, h)) * pixelsPerPoint
    void h
    void y0
    const pix = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceGray, false)
    const png = Buffer.from(pix.asPNG())
    pix.destroy()
    page.destroy()
    return png
  } finally {
    doc.destroy()
  }
}

/** Converts a HEIC photo to JPEG (heic-convert, pure JavaScript) after checking its size. */
export async function heicToJpeg(bytes: Uint8Array): Promise<Buffer> {
  const library = 'heic-convert'
  const { default: convert } = (await import(library)) as {
    default: (o: { buffer: Buffer; format: 'JPEG'; quality: number }) => Promise<ArrayBuffer>
  }
  try {
    return Buffer.from(await convert({ buffer: Buffer.from(bytes), format: 'JPEG', quality: 0.92 }))
  } catch {
    throw new ReadFailure('damaged', docText('image.theHeicPhotoCould'))
  }
}

/** Turns a PNG image clockwise by a multiple of 90 degrees (mupdf), giving a grey PNG. */
export async function rotateImage(png: Buffer, degrees: number): Promise<Buffer> {
  const mupdf = await import('mupdf')
  const doc = mupdf.Document.openDocument(png, 'image/png')
  try {
    const page = doc.loadPage(0)
    const [x0, , x1] = page.getBounds()
    const d = imageDimensions(png, 'image/png')
    const s = (d?.width ?? x1 - x0) / (x1 - x0)
    const pix = page.toPixmap(
      mupdf.Matrix.concat(mupdf.Matrix.scale(s, s), mupdf.Matrix.rotate(degrees)),
      mupdf.ColorSpace.DeviceGray,
      false,
    )
    const out = Buffer.from(pix.asPNG())
    pix.destroy()
    page.destroy()
    return out
  } finally {
    doc.destroy()
  }
}
