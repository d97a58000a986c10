/** Rule health for rules/deadlines: sources, confidence, values the engine can read, and the ids the code uses. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { deadlineRuleIds } from '../../src/domain/deadlines/kinds.ts'
import { deadlineValueParser } from '../../src/domain/deadlines/rule-value.ts'
import { DEADLINES_DIR, book } from './fixtures.ts'

const ids = book.ids()
const domainDir = fileURLToPath(new URL('../../src/domain/deadlines/', import.meta.url))

describe('deadline rules: health', () => {
  for (const id of ids)
    describe(id, () => {
      const rule = book.rule(id)
      it('every period names an https source and a confidence, and explains anything not verified', () => {
        for (const p of rule.periods) {
          expect(p.source.url).toMatch(/^https:\/\//)
          expect(p.source.instrument.length).toBeGreaterThan(3)
          expect(['verified', 'secondary', 'unverified']).toContain(p.confidence)
          if (p.confidence !== 'verified')
            expect(p.note ?? '', `${id} from ${p.from.toString()}`).not.toBe('')
        }
        expect(rule.periods.at(-1)!.to).toBeNull()
      })
    })

  it('every rule a deadline kind uses has a value the engine can read, in every period', () => {
    for (const id of deadlineRuleIds()) {
      for (const p of book.rule(id).periods) expect(() => deadlineValueParser(id)(p.value), id).not.toThrow()
    }
  })

  it('rules counted from another rule, and outer limits, point at rules that exist', () => {
    for (const id of deadlineRuleIds()) {
      for (const p of book.rule(id).periods) {
        const v = deadlineValueParser(id)(p.value)
        if (v.after) expect(book.has(v.after.rule), `${id} after ${v.after.rule}`).toBe(true)
        if (v.outerLimit) expect(book.has(v.outerLimit), `${id} outer ${v.outerLimit}`).toBe(true)
      }
    }
  })

  it('uses only rule ids that exist (every "deadlines.…" string in src/domain/deadlines)', () => {
    const used = new Set<string>()
    for (const f of readdirSync(domainDir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')))
      for (const m of readFileSync(join(domainDir, f), 'utf8').matchAll(/'(deadlines\.[a-z0-9-]+)'/g))
        used.add(m[1]!)
    expect(used.size).toBeGreaterThan(10)
    expect([...used].filter((id) => !book.has(id))).toEqual([])
  })

  it('finds the rule files where their ids say, and every rule file is used', () => {
    const files = readdirSync(DEADLINES_DIR)
      .filter((f) => f.endsWith('.yaml') && !f.endsWith('.cases.yaml'))
      .map((f) => `deadlines.${f.replace(/\.yaml$/, '')}`)
    expect(files.sort()).toEqual(ids)
  })
})
