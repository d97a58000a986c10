import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInProcess } from '../helpers/cli.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { letterPdf, makeSpec } from '../fixtures/letters/synthetic.ts'

let dir: string
let files: string
const spec = {
  ...makeSpec(41, 'variation'),
  letterDate: '2025-02-03',
  effectiveDate: '2025-03-10',
  variant: 0,
}
const env = (): NodeJS.ProcessEnv => ({ REDRESS_DATA_DIR: dir })

beforeAll(async () => {
  const template = await ensureTemplate()
  dir = mkdtempSync(join(tmpdir(), 'redress-read-cli-'))
  files = mkdtempSync(join(tmpdir(), 'redress-read-files-'))
  cpSync(join(template, 'pglite'), join(dir, 'pglite'), { recursive: true })
  writeFileSync(join(files, 'letter.pdf'), await letterPdf(spec))
  const mupdf = await import('mupdf')
  const doc = mupdf.Document.openDocument(await letterPdf(spec), 'application/pdf').asPDF()!
  writeFileSync(
    join(files, 'locked.pdf'),
    doc.saveToBuffer('encrypt=aes-256,user-password=secret,owner-password=x').asUint8Array().slice(),
  )
  writeFileSync(join(files, 'notes.txt'), 'just some notes')
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(files, { recursive: true, force: true })
})

describe('redress read and redress case search', { timeout: 120_000 }, () => {
  it('answers the documented contract for a letter', async () => {
    const r = await runInProcess(['read', join(files, 'letter.pdf'), '--json'], undefined, env())
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out)).toEqual(['file', 'mediaType', 'pages', 'suggestions'])
    expect(out.file).toBe('letter.pdf')
    expect(out.mediaType).toBe('application/pdf')
    expect(out.pages).toHaveLength(1)
    expect(Object.keys(out.pages[0])).toEqual(['page', 'method', 'confidence', 'text'])
    expect(out.pages[0]).toMatchObject({ page: 1, method: 'text-layer', confidence: null })
    for (const s of out.suggestions)
      expect(Object.keys(s)).toEqual(['field', 'value', 'page', 'text', 'confidence'])
    const first = (field: string) => out.suggestions.find((s: { field: string }) => s.field === field)
    expect(first('letterDate')).toMatchObject({ value: '2025-02-03', page: 1, text: '3 February 2025' })
    expect(first('decisionKind').value).toBe('variation')
    expect(first('weeklyAmount').value).toMatch(/^\d+\.\d\d$/)
    expect(first('weeklyAmount').value).toBe((spec.weeklyPence / 100).toFixed(2))
    expect(first('cmsReference').value).toBe(spec.reference)
    expect(first('nightsPerYear').value).toBe(spec.nights)
    // Several for one field: highest confidence first.
    const fields: string[] = out.suggestions.map((s: { field: string }) => s.field)
    for (let i = 1; i < fields.length; i++)
      if (fields[i] === fields[i - 1])
        expect(out.suggestions[i].confidence).toBeLessThanOrEqual(out.suggestions[i - 1].confidence)
  })

  it('exits 2 with the reason for a file it cannot read', async () => {
    const locked = await runInProcess(['read', join(files, 'locked.pdf'), '--json'], undefined, env())
    expect(locked.code).toBe(2)
    expect(locked.stdout).toBe('')
    expect(locked.stderr).toContain('protected by a password')
    const text = await runInProcess(['read', join(files, 'notes.txt')], undefined, env())
    expect(text.code).toBe(2)
    expect(text.stderr).toContain('Redress cannot read this file')
    const welsh = await runInProcess(['read', join(files, 'letter.pdf'), '--lang', 'fra'], undefined, env())
    expect(welsh.code).toBe(2)
    expect(welsh.stderr).toContain('no trained data to read "fra"')
  })

  it('searches a case, after reading its evidence with progress', async () => {
    const created = await runInProcess(
      ['case', 'create', '--title', 'Search me', '--nation', 'wales', '--role', 'receiving', '--json'],
      undefined,
      env(),
    )
    const caseId = JSON.parse(created.stdout).id
    const added = await runInProcess(
      ['case', 'add-evidence', caseId, join(files, 'letter.pdf'), '--json'],
      undefined,
      env(),
    )
    expect(added.code).toBe(0)
    const read = await runInProcess(['case', 'read', caseId, '--json'], undefined, {
      ...env(),
      REDRESS_PROGRESS: '1',
    })
    expect(read.code).toBe(0)
    // A cli-progress bar per file on stderr (one line per change when stderr is not a terminal).
    expect(read.stderr).toMatch(/Reading letter\.pdf \[[█░]+\] 1\/1 text in the file/)
    expect(JSON.parse(read.stdout).evidence[0].reading).toEqual({ state: 'done', pages: 1, language: 'eng' })
    const r = await runInProcess(['case', 'search', caseId, 'variation decision', '--json'], undefined, env())
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.hits[0]).toMatchObject({ kind: 'evidence', caseId, page: 1, match: 'words' })
    expect(out.hits[0].snippet).toContain('[Variation]')
    const bad = await runInProcess(['case', 'search', caseId, 'x', '--kind', 'emails'], undefined, env())
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--kind')
  })
})
