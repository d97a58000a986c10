import { InvalidInput } from '../../shared/errors.ts'
import { arrearsProblem } from '../problems.ts'
import { readCsv } from './csv.ts'
import { decodeStatement, type Encoding } from './decode.ts'
import { isOfx, readOfx } from './ofx.ts'
import type { ColumnMapping } from './profiles.ts'
import type { ImportedStatement } from './types.ts'

export * from './types.ts'
export * from './profiles.ts'
export * from './identity.ts'
export * from './values.ts'
export { decodeStatement, type Encoding } from './decode.ts'
export { csvRows, NEEDS } from './csv.ts'

/**
 * Reads a bank statement file (CSV or OFX/QFX) from its bytes. CSV uses the named built-in
 * profile, a custom column mapping, or recognises a built-in layout; anything it cannot read is
 * refused with a message naming the line and column. Nothing is rounded.
 */
export function importStatement(
  bytes: Uint8Array,
  how: { profile?: string; mapping?: ColumnMapping; encoding?: Encoding } = {},
): ImportedStatement {
  if (bytes.byteLength === 0) throw new InvalidInput('file', arrearsProblem('empty'))
  const { text, encoding } = decodeStatement(bytes, how.encoding)
  if (text.includes('\u0000')) throw new InvalidInput('file', arrearsProblem('notText'))
  if (isOfx(text)) {
    const r = readOfx(text)
    return { format: r.format, profile: 'ofx', encoding, transactions: r.transactions, columns: [] }
  }
  const r = readCsv(text, how)
  return { format: 'csv', profile: r.profile, encoding, transactions: r.transactions, columns: r.columns }
}
