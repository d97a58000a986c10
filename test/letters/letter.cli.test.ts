import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, runInProcess } from '../helpers/cli.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { pdf } from '../case/fixtures.ts'
import { writeFileSync } from 'node:fs'

let dir: string
const env = () => ({ REDRESS_DATA_DIR: dir })

beforeAll(async () => {
  const template = await ensureTemplate()
  dir = mkdtempSync(join(tmpdir(), 'redress-letter-cli-'))
  cpSync(join(template, 'pglite'), join(dir, 'pglite'), { recursive: true })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// In this process (test/helpers/cli.ts), except `case create --stdin`, which runs the real command:
// JSON piped into a command that runs itself again with --liftoff-only.
describe('redress letter and redress bundle', { timeout: 120_000 }, () => {
  let caseId = ''
  it('lists the kinds with what each needs', async () => {
    const r = await runInProcess(['letter', '--list', '--json'], undefined, env())
    expect(r.code).toBe(0)
    const kinds = JSON.parse(r.stdout) as { kind: string; required: unknown[] }[]
    expect(kinds.map((k) => k.kind)).toContain('call-confirmation')
    const text = await runInProcess(['letter', '--list'], undefined, env())
    expect(text.stdout).toContain('Confirmation of a phone call')
  })

  it('stops with exit 2, naming what to add, when particulars are missing', async () => {
    const c = await runInProcess(
      ['case', 'create', '--title', 'Amira and Dan', '--nation', 'england', '--role', 'receiving', '--json'],
      undefined,
      env(),
    )
    caseId = JSON.parse(c.stdout).id
    const r = await runInProcess(['letter', 'call-confirmation', '--case', caseId], undefined, env())
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('your full name')
    expect(r.stderr).toContain('CMS reference')
    expect(r.stderr).toContain('log-call')
    // Words only the parent can give are asked for by their --set name; names keep their capitals.
    const ice = await runInProcess(['letter', 'ice-referral', '--case', caseId], undefined, env())
    expect(ice.code).toBe(2)
    expect(ice.stderr).toContain('To write the complaint to the Independent Case Examiner,')
    expect(ice.stderr).toContain('(sender.phone): give it with --set senderPhone=…')
    expect(ice.stderr).toContain('(nationalInsuranceNumber): give it with --set nationalInsuranceNumber=…')
    // A file to save to in a folder that is not there is refused before anything is written.
    const nowhere = join(dir, 'no-such-folder', 'letter.pdf')
    const out = await runInProcess(
      ['letter', 'call-confirmation', '--case', caseId, '--out', nowhere],
      undefined,
      env(),
    )
    expect(out.code).toBe(2)
    expect(out.stderr).toContain(`--out: there is no folder "${join(dir, 'no-such-folder')}" to save into`)
  })

  it('writes the call confirmation as PDF and Word, and records it as sent', async () => {
    const stdin = JSON.stringify({
      title: 'Amira and Dan',
      nation: 'england',
      role: 'receiving',
      cmsReference: '121234567890',
      yourName: 'Amira Haddad',
      yourAddress: '14 Ash Grove\nLeeds\nLS6 2AB',
      children: [{ name: 'Sami' }, { name: 'Lina' }],
    })
    const c = await runCli(['case', 'create', '--stdin', '--json'], stdin, env())
    expect(c.code).toBe(0)
    caseId = JSON.parse(c.stdout).id
    const call = await runInProcess(
      [
        'case',
        'log-call',
        caseId,
        '--date',
        '2025-02-10',
        '--time',
        '10:15',
        '--title',
        'Called about Dan’s job',
        '--name',
        'Kelly',
        '--they-said',
        'Kelly said the CMS would look into it',
        '--json',
      ],
      undefined,
      env(),
    )
    expect(call.stderr).toBe('')
    const out = join(dir, 'confirm.pdf')
    const r = await runInProcess(
      ['letter', 'call-confirmation', '--case', caseId, '--date', '2025-02-11', '--out', out, '--json'],
      undefined,
      env(),
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.paragraphs.join(' ')).toContain('10 February 2025')
    expect(existsSync(out)).toBe(true)
    const docx = join(dir, 'confirm.docx')
    const w = await runInProcess(
      [
        'letter',
        'call-confirmation',
        '--case',
        caseId,
        '--format',
        'docx',
        '--date',
        '2025-02-11',
        '--out',
        docx,
        '--sent',
        '--method',
        'first-class',
        '--sent-on',
        '2025-02-11',
        '--json',
      ],
      undefined,
      env(),
    )
    expect(w.stderr).toBe('')
    expect(w.code).toBe(0)
    expect(JSON.parse(w.stdout).sent.eventId).toBeTruthy()
    const tl = await runInProcess(['case', 'timeline', caseId, '--json'], undefined, env())
    expect(tl.stdout).toContain('letter-sent')
  })

  it('builds a bundle from the case', async () => {
    const file = join(dir, 'letter.pdf')
    writeFileSync(file, pdf('CMS decision letter'))
    const ev = await runInProcess(['case', 'add-evidence', caseId, file, '--json'], undefined, env())
    expect(ev.code).toBe(0)
    const out = join(dir, 'bundle.pdf')
    const r = await runInProcess(['bundle', '--case', caseId, '--out', out, '--json'], undefined, {
      ...env(),
      REDRESS_PROGRESS: '1',
    })
    expect(r.code).toBe(0)
    // The progress bar names each stage in words from the locale files.
    expect(r.stderr).toMatch(/^Bundle \[.*\] 0% making pages$/m)
    expect(r.stderr).toMatch(/^Bundle \[.*\] 100% saving$/m)
    const report = JSON.parse(r.stdout)
    expect(report.pageCount).toBeGreaterThan(2)
    expect(existsSync(out)).toBe(true)
    const bad = await runInProcess(['bundle', '--case', caseId], undefined, env())
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--out')
  })
})
