/**
 * Rules checked at load: every rule has a value schema, a bad value stops the load naming the file
 * and the period, and a period is graded "verified" only when its source is the legislation itself.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkRuleFile,
  checkValues,
  loadRuleBook,
  RuleFileError,
  RULES_DIR,
  toRule,
} from '../../src/rules/load.ts'
import { VALUE_CHECKS } from '../../src/rules/values.ts'

const book = loadRuleBook()

/**
 * Where the legislation itself is published officially: legislation.gov.uk (UK, Scottish, Welsh and
 * Northern Ireland legislation, as made and revised) and the Ministry of Justice's official text of
 * the Civil Procedure Rules. Guidance, case reports and advice pages are "secondary".
 */
export const LEGISLATION_SITES = [
  /^https:\/\/www\.legislation\.gov\.uk\//,
  /^https:\/\/www\.justice\.gov\.uk\/courts\/procedure-rules\//,
]

describe('rule values are checked when the rule book loads', () => {
  it('every rule has a value schema, and every schema a rule', () => {
    expect(book.ids().filter((id) => !VALUE_CHECKS[id])).toEqual([])
    expect(Object.keys(VALUE_CHECKS).filter((id) => !book.has(id))).toEqual([])
  })

  /** Loads rules/<path> with `edit` applied to its text. */
  const loadEdited = (path: string, edit: (text: string) => string) => {
    const text = edit(readFileSync(join(RULES_DIR, path), 'utf8'))
    checkValues(toRule(checkRuleFile(text, path), path), path)
  }

  it('a bad amount stops the load, naming the file, the period and the field', () => {
    expect(() =>
      loadEdited('calculation/basic-rate.yaml', (t) => t.replace(/£800/g, 'eight hundred')),
    ).toThrow(RuleFileError)
    expect(() =>
      loadEdited('calculation/basic-rate.yaml', (t) => t.replace(/£800/g, 'eight hundred')),
    ).toThrow(/^calculation\/basic-rate\.yaml: period from 2012-12-10: value: .*"eight hundred"/)
  })

  it('a deadline period the engine cannot read stops the load', () => {
    expect(() =>
      loadEdited('deadlines/tribunal-appeal.yaml', (t) =>
        t.replace(/period: 1 month/, 'period: a month or so'),
      ),
    ).toThrow(/^deadlines\/tribunal-appeal\.yaml: period from \d{4}-\d{2}-\d{2}: value: /)
  })

  it('the files as they are load', () => {
    expect(() => loadEdited('calculation/basic-rate.yaml', (t) => t)).not.toThrow()
  })
})

describe('confidence', () => {
  it('"verified" only where the source is the legislation itself (otherwise "secondary")', () => {
    const wrong: string[] = []
    for (const id of book.ids()) {
      const rule = book.rule(id)
      for (const p of [...rule.periods, ...rule.announced]) {
        if (p.confidence === 'verified' && !LEGISLATION_SITES.some((site) => site.test(p.source.url)))
          wrong.push(`${id} from ${p.from?.toString() ?? 'unknown'}: ${p.source.url}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
