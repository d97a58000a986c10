import { docText } from '../copy.ts'
import { strFromU8, unzipSync } from 'fflate'
import { ReadFailure } from './types.ts'

/**
 * The text of a Word document (.docx), split into pages where the document records page breaks
 * (explicit breaks, and the breaks Word saved when it last laid the document out). Paragraphs become
 * lines, tabs become tabs; tables read row by row.
 */
export function wordPages(bytes: Uint8Array): string[] {
  let xml: string
  try {
    const files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })
    const doc = files['word/document.xml']
    if (!doc) throw new Error('no document.xml')
    xml = strFromU8(doc)
  } catch {
    throw new ReadFailure('damaged', docText('docx.theWordDocumentCould'))
  }
  const body = xml.replace(/<w:del\b[\s\S]*?<\/w:del>/g, '') // deleted tracked changes are not text
  const pages: string[] = []
  let current = ''
  const token =
    /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br(?:\s[^>]*)?\/>|<w:lastRenderedPageBreak\/>|<\/w:p>|<\/w:tc>/g
  for (let m = token.exec(body); m; m = token.exec(body)) {
    const t = m[0]
    if (m[1] !== undefined) current += decode(m[1])
    else if (t === '<w:tab/>') current += '\t'
    else if (t.startsWith('<w:br')) {
      if (/w:type="page"/.test(t)) {
        pages.push(current)
        current = ''
      } else current += '\n'
    } else if (t === '<w:lastRenderedPageBreak/>') {
      if (current.trim()) {
        pages.push(current)
        current = ''
      }
    } else if (t === '</w:tc>') current += '\t'
    else current += '\n'
  }
  pages.push(current)
  const out = pages.map((p) =>
    p
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  )
  while (out.length > 1 && out[out.length - 1] === '') out.pop()
  return out
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&')
