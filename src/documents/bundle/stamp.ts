import { degrees, drawText, PDFContentStream, rgb, type PDFFont, type PDFPage } from 'pdf-lib'

const SIZE = 9
const FROM_EDGE = 18

/**
 * Writes text centred at the bottom of a page as the reader sees it, allowing for pages stored
 * rotated (/Rotate 90, 180, 270) and for crop boxes that do not start at the origin.
 *
 * The few operators go in their own uncompressed content stream: compressing hundreds of tiny
 * streams in JavaScript costs more than the bytes it saves.
 */
export function stampFooter(page: PDFPage, text: string, font: PDFFont): void {
  const box = page.getCropBox()
  const angle = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270
  const w = font.widthOfTextAtSize(text, SIZE)
  const at = {
    0: { x: box.x + (box.width - w) / 2, y: box.y + FROM_EDGE },
    90: { x: box.x + box.width - FROM_EDGE, y: box.y + (box.height - w) / 2 },
    180: { x: box.x + (box.width + w) / 2, y: box.y + box.height - FROM_EDGE },
    270: { x: box.x + FROM_EDGE, y: box.y + (box.height + w) / 2 },
  }[angle] ?? { x: box.x + (box.width - w) / 2, y: box.y + FROM_EDGE }
  page.node.normalize() // wraps the page's own content in q … Q so its state cannot move the stamp
  const key = page.node.newFontDictionary(font.name, font.ref)
  const operators = drawText(font.encodeText(text), {
    ...at,
    color: rgb(0, 0, 0),
    font: key,
    size: SIZE,
    rotate: degrees(angle),
    xSkew: degrees(0),
    ySkew: degrees(0),
  })
  const context = page.doc.context
  page.node.addContentStream(context.register(PDFContentStream.of(context.obj({}), operators, false)))
}
