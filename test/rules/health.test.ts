import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Temporal } from 'temporal-polyfill'
import { loadRuleBook, parseRule, RuleFileError, RULES_DIR } from '../../src/rules/load.ts'

const book = loadRuleBook()

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name)
    if (e.isDirectory()) yield* files(full)
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) yield full
  }
}

describe('rule health (every rule file)', () => {
  it('loads, with at least one rule per area', () => {
    const areas = new Set(book.ids().map((id) => id.split('.')[0]))
    expect([...areas]).toEqual(expect.arrayContaining(['calculation', 'deadlines', 'remedies']))
  })

  it.each(book.ids())('%s: every period has an https source and a confidence; periods run on', (id) => {
    const rule = book.rule(id)
    for (const p of [...rule.periods, ...rule.announced]) {
      expect(p.source.url).toMatch(/^https:\/\//)
      expect(p.source.instrument.length).toBeGreaterThan(2)
      expect(['verified', 'secondary', 'unverified']).toContain(p.confidence)
    }
    for (let i = 1; i < rule.periods.length; i++) {
      expect(rule.periods[i - 1]!.to!.add({ days: 1 }).equals(rule.periods[i]!.from)).toBe(true)
    }
  })

  // The web layer's locale keys look like rule ids ("deadlines.title"), so only the code that
  // reads rules is searched.
  it('every rule id written in the domain, services, documents and CLI exists', () => {
    const missing: string[] = []
    for (const f of ['src/domain', 'src/services', 'src/documents', 'src/cli'].flatMap((d) => [
      ...files(d),
    ])) {
      const text = readFileSync(f, 'utf8')
      for (const m of text.matchAll(/['"`]((?:calculation|deadlines|remedies)\.[a-z0-9-]+)['"`]/g)) {
        if (!book.has(m[1]!)) missing.push(`${f}: ${m[1]}`)
      }
    }
    expect(missing).toEqual([])
  })

  // Calculation rules are covered differently: test/calculation/worked-cases.test.ts checks that
  // the workings of its cases, together, cite every calculation rule.
  it('every deadline and remedy rule has at least one worked case beside it', () => {
    const cases = readdirSync(RULES_DIR, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.cases.yaml'))
      .map((f) => readFileSync(join(RULES_DIR, f), 'utf8'))
      .join('\n')
    const without = book
      .ids()
      .filter((id) => !id.startsWith('calculation.'))
      .filter((id) => {
        const [area, name] = id.split('.') as [string, string]
        return !cases.includes(id) && !readdirSync(join(RULES_DIR, area)).includes(`${name}.cases.yaml`)
      })
    expect(without).toEqual([])
  })
})

const good = `id: calculation.example
title: Example rule
source: { instrument: Child Support Act 1991, provision: Sch 1, url: "https://www.legislation.gov.uk/ukpga/1991/48" }
checked: 2026-12-06
periods:
  - { from: 2012-12-10, confidence: verified, value: "£5" }
  - { from: 2013-11-25, confidence: verified, value: "£7" }
`

describe('rule currency', () => {
  it.each(book.ids())('%s: has a checked date no later than the newest review', (id) => {
    expect(book.rule(id).checked.toString() <= '2026-12-31').toBe(true)
  })

  it('records an announced change with an unknown start, never as a period in force', () => {
    const text = `${good}  - { from: unknown, status: announced, confidence: unverified, value: "£9" }\n`
    const rule = parseRule(text, 'calculation/example.yaml')
    expect(rule.periods).toHaveLength(2)
    expect(rule.announced).toHaveLength(1)
    expect(rule.announced[0]!.from).toBeNull()
    expect(rule.announced[0]!.status).toBe('announced')
  })

  it('collection-fee reform: announced, date unknown (no placeholder), never applied', () => {
    const fees = book.rule('calculation.collection-fees')
    expect(fees.announced.map((p) => [p.status, p.from])).toEqual([['announced', null]])
    expect(book.at('calculation.collection-fees', Temporal.PlainDate.from('2030-01-01')).value).toEqual({
      'paying-parent': '20%',
      'receiving-parent': '4%',
    })
  })

  it('the 2023 Act and the NI 2025 Act are recorded as enacted and not commenced', () => {
    const lo = book.rule('remedies.liability-order')
    expect(lo.announced.map((p) => [p.status, p.from, p.source.instrument])).toEqual([
      ['enacted', null, 'Child Support (Enforcement) Act 2023 (c. 35)'],
      ['enacted', null, 'Child Support Enforcement Act (Northern Ireland) 2025'],
    ])
  })
})

describe('the loader refuses bad rule files', () => {
  it('accepts a good file and runs the periods on', () => {
    expect(parseRule(good, 'calculation/example.yaml').checked.toString()).toBe('2026-12-06')
    const rule = parseRule(good, 'calculation/example.yaml')
    expect(rule.periods[0]!.to!.toString()).toBe('2013-11-24')
    expect(rule.periods[1]!.to).toBeNull()
  })
  it.each([
    ['a duplicate key', good.replace('title: Example rule', 'title: Example rule\ntitle: Again')],
    ['two periods on one day', good.replace('2013-11-25', '2012-12-10')],
    ['periods out of order', good.replace('2013-11-25', '2011-01-01')],
    ['a missing source url', good.replace(', url: "https://www.legislation.gov.uk/ukpga/1991/48"', '')],
    ['an http url', good.replace('https://', 'http://')],
    [
      'an unknown confidence',
      good.replace('confidence: verified, value: "£5"', 'confidence: sure, value: "£5"'),
    ],
    ['an id that does not match the path', good.replace('calculation.example', 'calculation.other')],
    ['an unknown field', good.replace('title: Example rule', 'title: Example rule\ncolour: red')],
    [
      'a "to" on a period that is not the last',
      good.replace('value: "£5" }', 'value: "£5", to: 2013-01-01 }'),
    ],
    ['no checked date', good.replace('checked: 2026-12-06\n', '')],
    ['a checked date that is not a day', good.replace('checked: 2026-12-06', 'checked: 2026-02-30')],
    ['an in-force period from an unknown date', good.replace('from: 2013-11-25', 'from: unknown')],
  ])('refuses %s', (_, text) => {
    expect(() => parseRule(text, 'calculation/example.yaml')).toThrow(RuleFileError)
  })
})
