/** Rule health for rules/calculation: sources, confidence, coverage, and the ids the code uses. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CALCULATION_RULES } from '../../src/domain/calculation/index.ts'
import { paramsAt } from '../../src/domain/calculation/params.ts'
import { parseDate } from '../../src/domain/shared/plain-date.ts'
import { rules } from '../../src/rules/load.ts'

const book = rules()
const ids = book.ids().filter((id) => id.startsWith('calculation.'))
const SOURCE_URL = /^https:\/\/(www\.)?(legislation\.gov\.uk|gov\.uk)\//
const SCHEME_START = '2012-12-10'
const domainDir = new URL('../../src/domain/calculation/', import.meta.url)

describe('calculation rules: health', () => {
  it('has the rules the calculation reads, and no others unaccounted for', () => {
    expect(ids.sort()).toEqual(Object.values(CALCULATION_RULES).sort())
  })

  for (const id of ids)
    describe(id, () => {
      const rule = book.rule(id)
      it('every period names an official source and a confidence', () => {
        for (const p of [...rule.periods, ...rule.announced]) {
          expect(p.source.url).toMatch(SOURCE_URL)
          expect(p.source.instrument.length).toBeGreaterThan(3)
          expect(p.source.provision.length).toBeGreaterThan(0)
          expect(['verified', 'secondary', 'unverified']).toContain(p.confidence)
        }
      })
      it('runs from the start of the 2012 scheme with no end', () => {
        expect(rule.periods[0]!.from.toString()).toBe(SCHEME_START)
        expect(rule.periods.at(-1)!.to).toBeNull()
      })
      it('explains every period that is not verified', () => {
        for (const p of rule.periods) if (p.confidence !== 'verified') expect(p.note ?? '').not.toBe('')
      })
    })

  it('parses every rule value on the first day of each period', () => {
    const starts = new Set(ids.flatMap((id) => book.rule(id).periods.map((p) => p.from.toString())))
    for (const d of starts) expect(() => paramsAt(book, parseDate(d))).not.toThrow()
  })

  it('keeps announced changes apart from the law in force', () => {
    const fees = book.rule(CALCULATION_RULES.collectionFees)
    expect(fees.announced.length).toBeGreaterThan(0)
    for (const p of fees.announced) expect(p.status).toBe('announced')
    expect(book.at(CALCULATION_RULES.collectionFees, parseDate('2030-01-01')).period.status).toBe('in-force')
  })

  it('uses only rule ids that exist (every "calculation.…" string in src/domain/calculation)', () => {
    const used = new Set<string>(Object.values(CALCULATION_RULES))
    for (const f of readdirSync(domainDir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')))
      for (const m of readFileSync(new URL(f, domainDir), 'utf8').matchAll(/'(calculation\.[a-z0-9-]+)'/g))
        used.add(m[1]!)
    expect([...used].filter((id) => !book.has(id))).toEqual([])
  })

  it('finds the rule files where their ids say', () => {
    const files = readdirSync(join(new URL('../../rules/calculation/', import.meta.url).pathname))
      .filter((f) => f.endsWith('.yaml') && !f.endsWith('.cases.yaml'))
      .map((f) => `calculation.${f.replace(/\.yaml$/, '')}`)
    expect(files.sort()).toEqual(ids)
  })
})
