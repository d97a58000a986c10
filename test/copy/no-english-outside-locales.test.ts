import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findEnglish, readsAsEnglish, type EnglishLiteral } from './english.ts'

/**
 * Every sentence a person reads belongs in the locale files (src/web/locales/), so that the Welsh
 * version is a translation of files, not of code. This test reads every non-test `src/**\/*.ts`
 * with the TypeScript compiler and fails on an English string or template literal (the rule is in
 * ./english.ts).
 *
 * Files not yet converted are listed in pending-english.json with the number of English literals
 * they still hold. The list is a ratchet: it fails when a file not listed has English, when a file
 * has more than its count, and when a count is higher than the file's real count (lower it as you
 * move copy out; `COPY_BASELINE=lower npx vitest run test/copy/no-english-outside-locales.test.ts`
 * lowers the counts for you and removes files at zero, and never raises one).
 */

const ROOT = join(import.meta.dirname, '..', '..')
const BASELINE = join(import.meta.dirname, 'pending-english.json')

const isSource = (f: string): boolean =>
  f.endsWith('.ts') && !/\.(test|spec|integration\.test)\.ts$|\.test-helper\.ts$|\.d\.ts$/.test(f)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return isSource(e.name) ? [path] : []
  })
}

const show = (file: string, found: readonly EnglishLiteral[]): string[] =>
  found.map(
    (f) =>
      `  ${file}:${f.line}: ${JSON.stringify(f.text.length > 100 ? `${f.text.slice(0, 100)}…` : f.text)}`,
  )

describe('the copy guard finds English', () => {
  it('catches a sentence in a string, a template and a concatenation', () => {
    const found = findEnglish(
      [
        "const a = 'Request for a mandatory reconsideration'",
        'const b = `I am asking you to look again at ${what}.`',
        "const c = 'Post it with free ' + 'proof of postage at the counter'",
      ].join('\n'),
    )
    expect(found.map((f) => f.line)).toEqual([1, 2, 3, 3]) // each part of the concatenation is a sentence
    expect(found[1]?.text).toBe('I am asking you to look again at X.')
  })

  it('passes keys, placeholders, classes, paths, SQL, imports, literal types and built-in errors', () => {
    const found = findEnglish(
      [
        "import { x } from '../shared/a b c.ts'",
        "const key = t('letterText.decision.described', { kind: 'annual review' })",
        "const cls = 'govuk-button govuk-button--secondary app-wide'",
        "const q = 'SELECT id FROM cases WHERE owner is null'",
        "type Where = 'on the form' | 'in your letter'",
        "const o = { 'not a sentence here': 1 }",
        "if (!ok) throw new Error('the catalogue was not loaded before use')",
        "app.log.warn('could not remove the temporary file')",
        "const n = 'Annual Review Decision'",
        "const e = 'not for a person at all' // copy: not user-facing (a test of the exemption)",
      ].join('\n'),
    )
    expect(found).toEqual([])
  })

  it('reads "X of X" (two facts joined by English) as English, and capitalised names alone as not', () => {
    expect(readsAsEnglish('X of X')).toBe(true)
    expect(readsAsEnglish('Child Maintenance Service')).toBe(false)
    expect(readsAsEnglish('the {kind} decision')).toBe(false)
  })
})

describe('no English outside the locale files', () => {
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, number>
  const actual = new Map<string, EnglishLiteral[]>()
  for (const path of sourceFiles(join(ROOT, 'src'))) {
    const found = findEnglish(readFileSync(path, 'utf8'), path)
    if (found.length > 0) actual.set(relative(ROOT, path).split('\\').join('/'), found)
  }

  if (process.env.COPY_BASELINE === 'lower') {
    const lowered = Object.fromEntries(
      Object.entries(baseline)
        .map(([file, n]) => [file, Math.min(n, actual.get(file)?.length ?? 0)] as const)
        .filter(([, n]) => n > 0),
    )
    writeFileSync(BASELINE, `${JSON.stringify(lowered, null, 2)}\n`)
    Object.assign(baseline, lowered)
    for (const file of Object.keys(baseline)) if (!(file in lowered)) delete baseline[file]
  }

  it('has no English in a file that is not listed as pending', () => {
    const offending = [...actual].filter(([file]) => !(file in baseline))
    expect(
      offending.flatMap(([file, found]) => show(file, found)),
      'Move these sentences into a locale file (src/web/locales/en/…) and translate at output',
    ).toEqual([])
  })

  it('has no more English in a pending file than its count', () => {
    const grown = [...actual].filter(([file, found]) => file in baseline && found.length > baseline[file]!)
    expect(
      grown.flatMap(([file, found]) => [
        `${file}: ${found.length} (allowed ${baseline[file]})`,
        ...show(file, found),
      ]),
      'New English in a file still being converted: put the new copy in a locale file',
    ).toEqual([])
  })

  it('lowers a count as a file is converted (the ratchet)', () => {
    const stale = Object.entries(baseline)
      .filter(([file, n]) => (actual.get(file)?.length ?? 0) < n)
      .map(([file, n]) => `${file}: listed ${n}, has ${actual.get(file)?.length ?? 0}`)
    expect(
      stale,
      'Lower these counts in test/copy/pending-english.json (COPY_BASELINE=lower does it), removing files at zero',
    ).toEqual([])
  })
})
