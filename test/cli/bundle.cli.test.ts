import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractPageTexts } from '../../src/documents/index.ts'
import { runCli, runInProcess } from '../helpers/cli.ts'
import { ensureTemplate } from '../helpers/pglite.ts'

/** `redress bundle` end to end: a case with no evidence, then true redaction of an uploaded PDF. */

let dir: string
const env = (): NodeJS.ProcessEnv => ({ REDRESS_DATA_DIR: dir })
let caseId = ''

const SECRET = 'Hollybush Lane'
const CUSTOM = 'XJ-4471-Q'

async function upload(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage([595.28, 841.89])
  const lines = [
    'Letter from the Child Maintenance Service',
    `Mx Sam Rivers, Flat 3, 19 ${SECRET}, Hexford, ZQ4 8LN`,
    `Our reference ${CUSTOM} for your records.`,
    'We have looked again at the decision dated 3 February 2025.',
  ]
  lines.forEach((l, i) => page.drawText(l, { x: 56, y: 780 - i * 20, size: 11, font }))
  return doc.save()
}

/** Every way the text could be written in an uncompressed PDF: literal, hex of its bytes, UTF-16 hex. */
function encodings(s: string): string[] {
  const hex = Buffer.from(s, 'latin1').toString('hex')
  const utf16 = [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')
  return [s, hex, hex.toUpperCase(), utf16, utf16.toUpperCase()]
}

beforeAll(async () => {
  const template = await ensureTemplate()
  dir = mkdtempSync(join(tmpdir(), 'redress-bundle-cli-'))
  cpSync(join(template, 'pglite'), join(dir, 'pglite'), { recursive: true })
  const c = await runInProcess(
    ['case', 'create', '--stdin', '--json'],
    JSON.stringify({
      title: 'Bundle test',
      nation: 'england',
      role: 'paying',
      yourName: 'Sam Rivers',
      yourAddress: `Flat 3, 19 ${SECRET}\nHexford\nZQ4 8LN`,
      otherParent: { name: 'Jo Example' },
    }),
    env(),
  )
  expect(c.stderr).not.toMatch(/error/i)
  caseId = JSON.parse(c.stdout).id
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('redress bundle', { timeout: 180_000 }, () => {
  it('says what to add when the case has nothing for a bundle', async () => {
    const r = await runInProcess(
      ['bundle', '--case', caseId, '--out', join(dir, 'empty.pdf')],
      undefined,
      env(),
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('add the decision letters, the mandatory reconsideration notice')
  })

  it('builds a bundle with no uploaded evidence from the decisions and chronology, warning what is missing', async () => {
    const d = await runInProcess(
      ['case', 'add-decision', caseId, '--kind', 'calculation', '--letter-date', '2025-02-03', '--json'],
      undefined,
      env(),
    )
    expect(d.code).toBe(0)
    const out = join(dir, 'no-evidence.pdf')
    const r = await runInProcess(['bundle', '--case', caseId, '--out', out, '--json'], undefined, env())
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.entries.map((e: { number: string; title: string }) => `${e.number} ${e.title}`)).toEqual([
      'E1 Chronology',
    ])
    expect(report.warnings.join(' ')).toContain('no mandatory reconsideration notice')
    expect(existsSync(out)).toBe(true)
    // In words: a document of one page is on "page 3", not "pages 3–3".
    const words = await runInProcess(['bundle', '--case', caseId, '--out', out], undefined, env())
    expect(words.stdout).toMatch(/^ {2}E1 {2}Chronology {2}page \d+$/m)
    expect(words.stdout).not.toMatch(/pages (\d+)–\1\b/)
    // The real command (its own build, which gives pdf-lib Node's zlib in place of pako) writes a
    // bundle whose pages read back the same.
    const built = join(dir, 'built.pdf')
    const real = await runCli(['bundle', '--case', caseId, '--out', built], undefined, env())
    expect(real.stderr).toBe('')
    expect(real.code).toBe(0)
    const pages = async (file: string): Promise<string[]> =>
      (await extractPageTexts(new Uint8Array(readFileSync(file)))).map((p) => p.text)
    const expected = await pages(out)
    expect(expected.join(' ')).toContain('Chronology')
    expect(await pages(built)).toEqual(expected)
  })

  it('--complaint makes a complaint bundle (no appeal checks); --arrears naming a check the case has not is refused', async () => {
    const out = join(dir, 'complaint.pdf')
    const r = await runInProcess(
      ['bundle', '--case', caseId, '--out', out, '--complaint', '--no-arrears', '--json'],
      undefined,
      env(),
    )
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.title).toBe('Complaint bundle')
    expect(report.warnings).toEqual([])
    const cover = (await extractPageTexts(new Uint8Array(readFileSync(out))))[0]!.text
    expect(cover).toContain('Complainant')
    const bad = await runInProcess(
      ['bundle', '--case', caseId, '--out', out, '--arrears', 'no-such-check'],
      undefined,
      env(),
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('arrearsChecks')
  })

  it('refuses a file to save to in a folder that is not there, or that is a folder, in words', async () => {
    const missing = await runInProcess(
      ['bundle', '--case', caseId, '--out', join(dir, 'no-such-folder', 'b.pdf')],
      undefined,
      env(),
    )
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(
      `redress: bad input: --out: there is no folder "${join(dir, 'no-such-folder')}" to save into; make it first, or give another path\n`,
    )
    const folder = await runInProcess(['bundle', '--case', caseId, '--out', dir], undefined, env())
    expect(folder.code).toBe(2)
    expect(folder.stderr).toContain(`--out: "${dir}" is a folder`)
    const log = await runInProcess(
      [
        'bundle',
        '--case',
        caseId,
        '--out',
        join(dir, 'b.pdf'),
        '--redaction-log',
        join(dir, 'none', 'log.txt'),
      ],
      undefined,
      env(),
    )
    expect(log.code).toBe(2)
    expect(log.stderr).toContain('--redaction-log: there is no folder')
    expect(existsSync(join(dir, 'b.pdf'))).toBe(false)
  })

  it('refuses a bad --section and a --redact too short to be safe, naming the option', async () => {
    const out = join(dir, 'x.pdf')
    const s = await runInProcess(
      ['bundle', '--case', caseId, '--out', out, '--section', 'abc=nowhere'],
      undefined,
      env(),
    )
    expect(s.code).toBe(2)
    expect(s.stderr).toContain('--section')
    const t = await runInProcess(
      ['bundle', '--case', caseId, '--out', out, '--redact', 'ab'],
      undefined,
      env(),
    )
    expect(t.code).toBe(2)
    expect(t.stderr).toContain('redact')
  })

  it('removes --redact text and the parent’s own address from an uploaded PDF, leaving the rest of the page', async () => {
    const file = join(dir, 'cms-letter.pdf')
    writeFileSync(file, await upload())
    const ev = await runInProcess(
      ['case', 'add-evidence', caseId, file, '--title', 'Letter from the CMS', '--json'],
      undefined,
      env(),
    )
    expect(ev.code).toBe(0)
    const evidenceId = JSON.parse(ev.stdout).id
    const out = join(dir, 'bundle.pdf')
    const log = join(dir, 'redaction-log.txt')
    const r = await runInProcess(
      [
        'bundle',
        '--case',
        caseId,
        '--out',
        out,
        '--redact',
        CUSTOM,
        '--keep-my-details-private',
        '--section',
        `${evidenceId}=correspondence`,
        '--redaction-log',
        log,
        '--json',
      ],
      undefined,
      env(),
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    const entry = report.entries.find((e: { id: string }) => e.id === evidenceId)
    expect(entry.number).toBe('D1')

    const bytes = new Uint8Array(readFileSync(out))
    const pages = await extractPageTexts(bytes)
    const all = pages.map((p) => p.text).join('\n')
    for (const s of [SECRET, CUSTOM, 'ZQ4 8LN', 'Hexford']) expect(all).not.toContain(s)
    const page = pages[entry.firstPage - 1]!.text
    expect(page).toContain('Letter from the Child Maintenance Service')
    expect(page).toContain('We have looked again at the decision dated 3 February 2025.')
    expect(page).toContain('Our reference')

    // The uncompressed file holds the strings in no encoding at all.
    const qdf = join(dir, 'bundle-qdf.pdf')
    const q = spawnSync('qpdf', ['--qdf', '--object-streams=disable', out, qdf])
    expect(q.status === 0 || q.status === 3).toBe(true)
    const raw = readFileSync(qdf).toString('latin1')
    for (const s of [SECRET, CUSTOM]) for (const e of encodings(s)) expect(raw).not.toContain(e)

    // The log is for the parent: saved beside, naming the page; none of it is in the bundle.
    const text = readFileSync(log, 'utf8')
    expect(text).toContain(`Bundle page ${entry.firstPage} (Letter from the CMS, cms-letter.pdf, page 1)`)
    expect(text).toContain('removed your')
    expect(all).not.toContain('Redaction log')
  })
})
