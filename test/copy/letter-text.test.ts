import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasCopy, translate } from '../../src/copy/translate.ts'
import { buildLetter } from '../../src/documents/letters/kinds.ts'
import { SAMPLE_INPUTS } from '../fixtures/documents/inputs.ts'

/** The letters' copy (src/web/locales/en/letter-text.json) and the code that asks for it agree. */

const LETTERS = join(import.meta.dirname, '..', '..', 'src', 'documents', 'letters')
const sources = [
  ...readdirSync(LETTERS).map((f) => join(LETTERS, f)),
  ...readdirSync(join(LETTERS, 'templates')).map((f) => join(LETTERS, 'templates', f)),
  join(LETTERS, '..', 'arrears', 'letters.ts'),
  join(LETTERS, '..', 'workings', 'render-workings.ts'),
].filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
const code = sources.map((f) => readFileSync(f, 'utf8')).join('\n')
// Asked for through tr('key') or trIn(locale)('key'), or as the values of a trMap({ name: 'key' }).
const inMaps = [...code.matchAll(/trMap\(\{([^}]*)\}\)/g)].flatMap((m) =>
  [...m[1]!.matchAll(/:\s*'([\w.]+)'/g)].map((v) => v[1]!),
)
const asked = new Set([
  ...[...code.matchAll(/(?:\bt(?:r)?|\))\(\s*'([\w.]+)'/g)].map((m) => m[1]!),
  ...inMaps,
])

const keysOf = (node: unknown, prefix = ''): string[] =>
  typeof node === 'string'
    ? [prefix]
    : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
        keysOf(v, prefix ? `${prefix}.${k}` : k),
      )

describe('letter copy', () => {
  it('has every sentence a letter asks for', () => {
    expect(asked.size).toBeGreaterThan(400)
    expect([...asked].filter((k) => !hasCopy(`letterText.${k}`))).toEqual([])
  })

  it('holds no sentence that no letter asks for', () => {
    const defined = keysOf(translate('letterText'))
    expect(defined.filter((k) => !asked.has(k))).toEqual([])
  })

  it('writes the same letter when the locale is given as when it is left out', () => {
    const input = SAMPLE_INPUTS['mandatory-reconsideration']
    expect(buildLetter('mandatory-reconsideration', input, 'en')).toEqual(
      buildLetter('mandatory-reconsideration', input),
    )
  })

  it("puts the parent's own words in exactly, even when they look like a placeholder", () => {
    const input = SAMPLE_INPUTS['mandatory-reconsideration']
    const letter = buildLetter('mandatory-reconsideration', {
      ...input,
      decision: { date: input.decision!.date!, subject: 'the {date} of {kind} in my case' },
      grounds: ['They used {reference} instead of my income.'],
    })
    expect(letter.paragraphs).toContain('They used {reference} instead of my income.')
    expect(letter.paragraphs[0]).toContain('about the {date} of {kind} in my case.')
  })
})
