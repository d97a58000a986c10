import { PDFHexString, PDFName, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib'
import type { Rect } from '../pdf/flow.ts'

export interface OutlineItem {
  readonly title: string
  readonly page: PDFPage
  readonly children?: readonly OutlineItem[]
}

/** Writes the bookmarks (document outline) and opens the PDF with them showing. */
export function addOutline(doc: PDFDocument, items: readonly OutlineItem[]): void {
  const context = doc.context
  const rootRef = context.nextRef()
  const build = (
    list: readonly OutlineItem[],
    parent: PDFRef,
  ): { first: PDFRef; last: PDFRef; count: number } | null => {
    if (list.length === 0) return null
    const refs = list.map(() => context.nextRef())
    let count = 0
    list.forEach((item, i) => {
      const ref = refs[i]!
      const kids = build(item.children ?? [], ref)
      const dict = context.obj({
        Title: PDFHexString.fromText(item.title),
        Parent: parent,
        Dest: [item.page.ref, PDFName.of('Fit')],
      })
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!)
      if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!)
      if (kids) {
        dict.set(PDFName.of('First'), kids.first)
        dict.set(PDFName.of('Last'), kids.last)
        dict.set(PDFName.of('Count'), context.obj(kids.count))
      }
      context.assign(ref, dict)
      count += 1 + (kids?.count ?? 0)
    })
    return { first: refs[0]!, last: refs[refs.length - 1]!, count }
  }
  const top = build(items, rootRef)
  const root = context.obj({ Type: 'Outlines' })
  if (top) {
    root.set(PDFName.of('First'), top.first)
    root.set(PDFName.of('Last'), top.last)
    root.set(PDFName.of('Count'), context.obj(top.count))
  }
  context.assign(rootRef, root)
  doc.catalog.set(PDFName.of('Outlines'), rootRef)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/** Makes an area of a page a link to another page (used by the index). */
export function addLink(doc: PDFDocument, from: Rect, to: PDFPage, description: string): void {
  const context = doc.context
  const annot = context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [from.x, from.y, from.x + from.width, from.y + from.height],
    Border: [0, 0, 0],
    Contents: PDFHexString.fromText(description),
    Dest: [to.ref, PDFName.of('Fit')],
  })
  from.page.node.addAnnot(context.register(annot))
}
