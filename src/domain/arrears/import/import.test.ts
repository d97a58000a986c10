import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromRoot } from '../../../root.ts'
import { toDecimal } from '../../shared/pence.ts'
import {
  BUILT_IN_PROFILES,
  csvRows,
  importStatement,
  mergeTransactions,
  parseStatementDate,
  parseStatementMoney,
  transactionIdentity,
} from './index.ts'
import { refusal } from '../../../../test/helpers/refusal.ts'

const fixture = (name: string): Uint8Array => readFileSync(fromRoot(`test/fixtures/bank/${name}`))
const simple = (name: string, how = {}) =>
  importStatement(fixture(name), how).transactions.map((t) => [
    t.date.toString(),
    t.description,
    toDecimal(t.amount),
    t.balance === null ? null : toDecimal(t.balance),
  ])

describe('built-in bank profiles (synthetic fixtures)', () => {
  it('there are at least six, each with a fixture it recognises without being told', () => {
    expect(BUILT_IN_PROFILES.length).toBeGreaterThanOrEqual(6)
    for (const p of BUILT_IN_PROFILES) {
      const r = importStatement(fixture(`${p.name}.csv`))
      expect(r.profile, p.name).toBe(p.name)
      expect(r.transactions.length, p.name).toBeGreaterThan(1)
      expect(r.transactions[0]!.amount, p.name).toBe(-21303)
    }
  })

  it('Barclays: signed amounts, memo as the description', () => {
    expect(simple('barclays.csv')[0]).toEqual([
      '2025-01-30',
      'CMS 121000000001 CHILD MAINT PAYMENT',
      '-213.03',
      null,
    ])
  })

  it('HSBC: no header row, quoted thousands', () => {
    expect(simple('hsbc.csv')[1]).toEqual(['2025-01-31', 'EXAMPLE EMPLOYER LTD', '1850.00', null])
  })

  it('Lloyds: UTF-8 with a byte-order mark, debit and credit columns, balance', () => {
    const r = importStatement(fixture('lloyds.csv'))
    expect(r.encoding).toBe('utf-8')
    expect(simple('lloyds.csv')).toEqual([
      ['2025-01-30', 'CMS 121000000001', '-213.03', '1036.97'],
      ['2025-01-31', 'EXAMPLE EMPLOYER LTD', '1850.00', '2886.97'],
      ['2025-02-27', 'CMS 121000000001', '-213.03', '2673.94'],
    ])
  })

  it('NatWest: a blank first line, spaces after commas, a quoted comma', () => {
    expect(simple('natwest.csv')[0]).toEqual([
      '2025-01-30',
      'CMS 121000000001, CHILD MAINT',
      '-213.03',
      '1036.97',
    ])
  })

  it('Nationwide: Windows-1252, lines before the header, £ signs and "30 Jan 2025" dates', () => {
    const r = importStatement(fixture('nationwide.csv'))
    expect(r.encoding).toBe('windows-1252')
    expect(simple('nationwide.csv')[1]).toEqual(['2025-01-31', 'EXAMPLE EMPLOYER LTD', '1850.00', '2886.97'])
  })

  it('Monzo: two genuine payments of the same amount on the same day stay two', () => {
    const r = importStatement(fixture('monzo.csv'))
    expect(r.transactions.slice(0, 2).map((t) => toDecimal(t.amount))).toEqual(['-213.03', '-213.03'])
    expect(new Set(r.transactions.map((t) => t.id)).size).toBe(r.transactions.length)
  })
})

describe('OFX', () => {
  it('reads OFX 1 (SGML), including an ampersand and a time-stamped date', () => {
    const r = importStatement(fixture('statement-sgml.ofx'))
    expect(r.format).toBe('ofx-sgml')
    expect(simple('statement-sgml.ofx')).toEqual([
      ['2025-01-30', 'CMS 121000000001 CHILD MAINT', '-213.03', null],
      ['2025-01-31', 'EXAMPLE EMPLOYER & CO', '1850.00', null],
      ['2025-02-27', 'CMS 121000000001 CHILD MAINT', '-213.03', null],
    ])
  })

  it('reads OFX 2 (XML)', () => {
    const r = importStatement(fixture('statement-xml.ofx'))
    expect(r.format).toBe('ofx-xml')
    expect(simple('statement-xml.ofx')[1]).toEqual([
      '2025-03-28',
      'CMS 121000000001 ARREARS',
      '-612.00',
      null,
    ])
  })
})

describe('bad input is refused, naming the line and column', () => {
  it('more than two decimal places', () => {
    expect(
      refusal(() =>
        importStatement(fixture('bad-decimals.csv'), {
          mapping: { date: 'Date', description: ['Description'], amount: 'Amount' },
        }),
      ),
    ).toMatch('line 3, column "Amount": "-213.035" has more than two decimal places')
  })

  it('an impossible date', () => {
    expect(refusal(() => importStatement(fixture('bad-date.csv')))).toMatch(
      'line 3, column "Transaction Date": "31/02/2025" is not a real calendar date',
    )
  })

  it('an unrecognised layout says which columns it needs', () => {
    expect(refusal(() => importStatement(fixture('unknown-layout.csv')))).toMatch(
      /columns found: "When", "What", "How much".*needs a date column/,
    )
  })

  it('a mapping naming a column the file does not have', () => {
    expect(
      refusal(() =>
        importStatement(fixture('unknown-layout.csv'), {
          mapping: { date: 'Date', description: ['What'], amount: 'How much' },
        }),
      ),
    ).toMatch('columns: the file has no column named "Date"')
  })

  it('a file that is not a statement', () => {
    expect(refusal(() => importStatement(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01])))).toMatch(
      /not a bank statement/,
    )
    expect(refusal(() => importStatement(new Uint8Array()))).toMatch('file: the file is empty')
  })

  it('money and dates: what is read and what is refused', () => {
    expect(parseStatementMoney('£1,234.56', 1, 'A')).toBe(123456)
    expect(parseStatementMoney('(12.30)', 1, 'A')).toBe(-1230)
    expect(parseStatementMoney('12.30 DR', 1, 'A')).toBe(-1230)
    expect(parseStatementMoney('-£5', 1, 'A')).toBe(-500)
    expect(refusal(() => parseStatementMoney('12,34', 2, 'A'))).toMatch('line 2, column "A"')
    expect(parseStatementDate('5/1/25', 1, 'D').toString()).toBe('2025-01-05')
    expect(parseStatementDate('05-Sept-2025', 1, 'D').toString()).toBe('2025-09-05')
    expect(refusal(() => parseStatementDate('2025/13/01', 4, 'D'))).toMatch('line 4, column "D"')
  })
})

describe('re-import is idempotent', () => {
  it('importing the same file again adds nothing; an overlapping later file adds only its new lines', () => {
    const first = importStatement(fixture('lloyds.csv')).transactions
    const again = importStatement(fixture('lloyds.csv')).transactions
    expect(mergeTransactions(first, again)).toEqual({ added: [], skipped: 3 })
    const text =
      readFileSync(fromRoot('test/fixtures/bank/lloyds.csv'), 'utf8') +
      "28/03/2025,FPO,'30-00-00,12345678,CMS 121000000001 ARREARS,612.00,,2061.94\n"
    const later = importStatement(new TextEncoder().encode(text)).transactions
    expect(mergeTransactions(first, later).added.map((t) => toDecimal(t.amount))).toEqual(['-612.00'])
  })

  it('for any statement, importing it twice adds nothing, and identical lines are all kept', () => {
    const line = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      desc: fc.constantFrom('CMS 121000000001', 'CAFE', 'SALARY'),
      pence: fc.integer({ min: -50_000, max: 50_000 }),
    })
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
        const csv =
          'Date,Description,Amount\n' +
          lines
            .map(
              (l) =>
                `${String(l.day).padStart(2, '0')}/01/2025,${l.desc},${l.pence < 0 ? '-' : ''}${Math.floor(Math.abs(l.pence) / 100)}.${String(Math.abs(l.pence) % 100).padStart(2, '0')}`,
            )
            .join('\n')
        const how = { mapping: { date: 'Date', description: ['Description'], amount: 'Amount' } }
        const a = importStatement(new TextEncoder().encode(csv), how).transactions
        const b = importStatement(new TextEncoder().encode(csv), how).transactions
        expect(a).toHaveLength(lines.length)
        expect(mergeTransactions([], a).added).toHaveLength(lines.length)
        expect(mergeTransactions(a, b).added).toHaveLength(0)
      }),
      { numRuns: 200 },
    )
  })
})

describe('reading fast without reading differently', () => {
  it('a preamble above the table keeps every row and its line number (the table is read from its header on)', () => {
    const lines = [
      '"Account Name:","FlexAccount ****5678"',
      '"Account Balance:","£1,000.00"',
      '',
      '"Date","Transaction type","Description","Paid out","Paid in","Balance"',
      ...Array.from(
        { length: 40 },
        (_, i) =>
          `"${String((i % 28) + 1).padStart(2, '0')} Jan 2025","Payment","SHOP ${i}","£1.0${i % 10}","","£9${i}.00"`,
      ),
    ]
    const text = lines.join('\r\n')
    const rows = csvRows(text)
    // The same rows and lines as reading the file as one table in one pass.
    expect(rows.map((r) => r.line)).toEqual([1, 2, ...Array.from({ length: 41 }, (_, i) => i + 4)])
    expect(rows[0]!.cells).toEqual(['Account Name:', 'FlexAccount ****5678'])
    expect(rows[2]!.cells[0]).toBe('Date')
    const r = importStatement(new TextEncoder().encode(text))
    expect(r.profile).toBe('nationwide')
    expect(r.transactions).toHaveLength(40)
    expect(r.transactions[39]!.line).toBe(44)
    // A quoted field that runs over many lines near the top is still read whole.
    const multi = [
      'Date,Description,Amount',
      `01/01/2025,"${'a\n'.repeat(40)}b",-1.00`,
      '02/01/2025,x,-2.00',
    ].join('\n')
    expect(csvRows(multi).map((x) => x.line)).toEqual([1, 42, 43])
  })

  it('the quick route for plain amounts reads exactly what the full route reads', () => {
    for (const [text, pence] of [
      ['1,234.56', 123456],
      ['-£12.34', -1234],
      ['£0.05', 5],
      ['12.34-', -1234],
      ['(12.34)', -1234],
      ['£-12.34', -1234],
      ['12.3', 1230],
    ] as const)
      expect(parseStatementMoney(text, 1, 'Amount'), text).toBe(pence)
    expect(refusal(() => parseStatementMoney('1,23.45', 3, 'Amount'))).toMatch(/line 3, column "Amount"/)
    expect(refusal(() => parseStatementMoney('12.345', 3, 'Amount'))).toMatch(/more than two decimal places/)
  })
})

describe('identity stays the same across versions', () => {
  it('is the first 32 hex digits of the SHA-256 of the fields and the occurrence (stored identities keep matching)', () => {
    const fields = {
      date: parseStatementDate('30/01/2025', 1, 'Date'),
      description: 'CMS  121000000001',
      amount: -21303 as never,
      balance: null,
    }
    const seen = new Map<string, number>()
    const key = ['2025-01-30', 'CMS 121000000001', '-21303', '', ''].join('\u001f')
    const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32)
    expect(transactionIdentity(fields, seen)).toBe(sha(`${key}\u001e0`))
    expect(transactionIdentity(fields, seen)).toBe(sha(`${key}\u001e1`))
  })
})
