import { XMLParser } from 'fast-xml-parser'
import { InvalidInput } from '../../shared/errors.ts'
import { arrearsProblem } from '../problems.ts'
import { transactionIdentity } from './identity.ts'
import type { BankTransaction } from './types.ts'
import { parseStatementDate, parseStatementMoney } from './values.ts'

export const isOfx = (text: string): boolean => /OFXHEADER\s*[:=]|<OFX>/i.test(text.slice(0, 4000))

/**
 * OFX 1.x is SGML: leaf elements are not closed (`<TRNAMT>-12.34`). This closes each leaf so the
 * document is XML, then the maintained parser reads it. The header block before <OFX> is dropped.
 */
export function sgmlToXml(text: string): string {
  const start = text.search(/<OFX>/i)
  if (start < 0) throw new InvalidInput('file', arrearsProblem('noOfxElement'))
  const body = text.slice(start)
  const tokens = body.match(/<[^>]+>|[^<]+/g) ?? []
  const out: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const open = /^<([A-Za-z0-9.]+)>$/.exec(t)
    if (open) {
      const name = open[1]!
      const value = tokens[i + 1]
      const after = tokens[i + 2]
      if (value !== undefined && !value.startsWith('<') && value.trim() !== '') {
        out.push(`<${name}>${escapeXml(value.trim())}</${name}>`)
        i++
        if (after !== undefined && after.toUpperCase() === `</${name.toUpperCase()}>`) i++
        continue
      }
      out.push(t)
      continue
    }
    if (t.startsWith('<')) out.push(t)
    else if (t.trim() !== '') out.push(escapeXml(t.trim()))
  }
  return out.join('\n')
}

const escapeXml = (s: string): string =>
  s.replace(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi, '&amp;').replace(/</g, '&lt;')

type Node = Record<string, unknown>
const asList = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node])

function findAll(node: unknown, key: string, acc: Node[] = []): Node[] {
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Node)) {
      if (k.toUpperCase() === key) acc.push(...asList(v))
      else findAll(v, key, acc)
    }
  }
  return acc
}

/** Reads OFX 1.x (SGML) or OFX 2 (XML) statement transactions. */
export function readOfx(text: string): { format: 'ofx-sgml' | 'ofx-xml'; transactions: BankTransaction[] } {
  const xml = /^\s*(<\?xml|<\?OFX)/i.test(text) || (/<\/OFX>/i.test(text) && /<\/TRNAMT>/i.test(text))
  const doc = xml ? text.slice(text.search(/<OFX>/i) >= 0 ? text.search(/<OFX>/i) : 0) : sgmlToXml(text)
  let parsed: unknown
  try {
    parsed = new XMLParser({
      parseTagValue: false,
      trimValues: true,
      ignoreDeclaration: true,
      processEntities: true,
    }).parse(doc, true)
  } catch (e) {
    throw new InvalidInput(
      'file',
      arrearsProblem('ofxUnreadable', { detail: (e as Error).message.split('\n')[0] ?? '' }),
    )
  }
  const trns = findAll(parsed, 'STMTTRN')
  const seen = new Map<string, number>()
  const transactions = trns.map((t, i): BankTransaction => {
    const line = i + 1
    const get = (k: string): string => {
      const v = Object.entries(t).find(([key]) => key.toUpperCase() === k)?.[1]
      return v === undefined || v === null ? '' : String(v)
    }
    const date = parseStatementDate(get('DTPOSTED'), line, 'DTPOSTED')
    const amount = parseStatementMoney(get('TRNAMT'), line, 'TRNAMT')
    if (amount === null)
      throw new InvalidInput(`transaction ${line}, field "TRNAMT"`, arrearsProblem('noAmount'))
    const description = [get('NAME'), get('MEMO')].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim()
    const bankId = get('FITID')
    const fields = { date, description, amount, balance: null }
    return { id: transactionIdentity({ ...fields, bankId }, seen), line, ...fields }
  })
  return { format: xml ? 'ofx-xml' : 'ofx-sgml', transactions }
}
