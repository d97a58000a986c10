import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, runInProcess } from '../helpers/cli.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { pdf, png } from './fixtures.ts'

let dir: string
let other: string
const env = (): NodeJS.ProcessEnv => ({ REDRESS_DATA_DIR: dir, REDRESS_MAX_UPLOAD_MB: '1' })
/** In this process (test/helpers/cli.ts); `spawned` runs the real command for the contract checks. */
const cli = (args: string[], stdin?: string, e = env()) => runInProcess(['case', ...args], stdin, e)
const spawned = (args: string[], stdin?: string, e = env()) => runCli(['case', ...args], stdin, e)

beforeAll(async () => {
  const template = await ensureTemplate()
  dir = mkdtempSync(join(tmpdir(), 'redress-case-cli-'))
  other = mkdtempSync(join(tmpdir(), 'redress-case-cli-'))
  cpSync(join(template, 'pglite'), join(dir, 'pglite'), { recursive: true })
  cpSync(join(template, 'pglite'), join(other, 'pglite'), { recursive: true })
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(other, { recursive: true, force: true })
})

// Each command opens the database (a second or more each), so these tests allow more time. The
// first command and the progress bar run the real command (re-run with --liftoff-only, progress on
// a piped stderr); the rest run in this process.
describe('redress case', { timeout: 120_000 }, () => {
  it('shows a case and its timeline in plain words: the kind and stage of each challenge, dates written out, kinds of event', async () => {
    const e = { ...env(), REDRESS_DATA_DIR: other }
    expect((await runInProcess(['case', 'demo'], undefined, e)).code).toBe(0)
    const ids = (await runInProcess(['case', 'list'], undefined, e)).stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[0]!)
    const shown = (
      await Promise.all(
        ids.flatMap((id) => [
          runInProcess(['case', 'show', id], undefined, e),
          runInProcess(['case', 'timeline', id], undefined, e),
        ]),
      )
    )
      .map((r) => r.stdout)
      .join('\n')
    expect(shown).toMatch(
      /Mandatory reconsideration and appeal: reconsideration notice received: you can appeal \(since \d{1,2} [A-Z][a-z]+ \d{4}\)/,
    )
    expect(shown).toMatch(/Complaint: final response received/)
    expect(shown).toMatch(/ Letter received: /)
    expect(shown).toMatch(/\d{4}-\d{2}-\d{2} +Letter received +Final response/)
    // No machine forms in the sentences: stage and event keys, or ISO dates after "since" or "by".
    expect(shown).not.toMatch(/notice-received|final-response|complaint-made|letter-sent|letter-received/)
    expect(shown).not.toMatch(/(since|by) \d{4}-\d{2}-\d{2}/)
    const recorded = await runInProcess(
      ['case', 'add-decision', ids[0]!, '--kind', 'annual-review', '--letter-date', '2025-02-03'],
      undefined,
      e,
    )
    expect(recorded.stdout).toMatch(/^Recorded the decision letter: Annual review, dated 3 February 2025 \(/)
    expect(recorded.stdout).toContain('\nDeadlines:\n')
  })

  let caseId = ''
  it('creates, lists and shows a case (Jordan)', async () => {
    const r = await spawned([
      'create',
      '--title',
      'Jordan and Morgan',
      '--nation',
      'scotland',
      '--role',
      'paying',
      '--cms-reference',
      '1211 2345 6789',
      '--child',
      'Morgan@2015-06-01',
      '--json',
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    caseId = JSON.parse(r.stdout).id
    const list = await cli(['list', '--json'])
    expect(JSON.parse(list.stdout).map((c: { title: string }) => c.title)).toEqual(['Jordan and Morgan'])
  })

  it('records decisions and prints the deadlines they create', async () => {
    const r = await cli([
      'add-decision',
      caseId,
      '--kind',
      'mandatory-reconsideration-notice',
      '--letter-date',
      '2025-03-14',
      '--nights',
      '78',
      '--weekly-amount',
      '49.16',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('2025-04-14  Appeal against the reconsideration notice of 14 March 2025')
    const deo = await cli([
      'add-decision',
      caseId,
      '--kind',
      'enforcement',
      '--enforcement',
      'deduction-from-earnings-order',
      '--letter-date',
      '2025-03-03',
      '--json',
    ])
    expect(JSON.parse(deo.stdout).tasks.map((t: { dueOn: string }) => t.dueOn)).toEqual(['2025-03-31'])
  })

  it('logs a call, adds a letter and evidence, lists the timeline and deadlines as JSON', async () => {
    const call = await cli([
      'log-call',
      caseId,
      '--date',
      '2025-03-20',
      '--time',
      '09:05',
      '--name',
      'Kelly',
      '--promised',
      'call back@2025-03-27',
      '--json',
    ])
    expect(call.code).toBe(0)
    const callId = JSON.parse(call.stdout).record.id
    const letter = await cli([
      'add-event',
      caseId,
      '--type',
      'letter-sent',
      '--subject',
      'complaint',
      '--method',
      'first-class',
      '--date',
      '2025-03-17',
      '--title',
      'Complaint about arrears',
      '--json',
    ])
    // The CMS's acknowledgement and reply targets, and (posted on Monday 17 March) a reminder to
    // check it arrived two working days later.
    expect(JSON.parse(letter.stdout).tasks.map((t: { dueOn: string }) => t.dueOn)).toEqual([
      '2025-03-19',
      '2025-04-07',
      '2025-03-19',
    ])
    expect(callId).toMatch(/^[0-9a-f-]{36}$/)
    const file = join(dir, 'mrn.pdf')
    writeFileSync(file, pdf())
    const ev = await spawned(
      ['add-evidence', caseId, file, '--title', 'Reconsideration notice', '--json'],
      undefined,
      { ...env(), REDRESS_PROGRESS: '1' },
    )
    expect(ev.code).toBe(0)
    expect(JSON.parse(ev.stdout)).toMatchObject({
      mediaType: 'application/pdf',
      title: 'Reconsideration notice',
    })
    expect(ev.stderr).toContain('Adding') // the progress bar
    const timeline = JSON.parse((await cli(['timeline', caseId, '--json', '--text', 'kelly'])).stdout)
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(['call'])
    const deadlines = JSON.parse((await cli(['deadlines', caseId, '--json'])).stdout)
    expect(deadlines[0]).toMatchObject({ dueOn: '2025-03-19', overdue: true })
  })

  it('refuses bad input with exit 2, naming the field', async () => {
    const future = await cli(['add-decision', caseId, '--kind', 'calculation', '--letter-date', '2099-01-01'])
    expect(future.code).toBe(2)
    expect(future.stderr).toMatch(/letterDate: The date on the letter must be today or in the past/)
    const ref = await cli([
      'create',
      '--title',
      'x',
      '--nation',
      'england',
      '--role',
      'paying',
      '--cms-reference',
      '12345',
    ])
    expect(ref.code).toBe(2)
    expect(ref.stderr).toMatch(/cmsReference: The CMS reference must be 12 digits/)
    const fake = join(dir, 'photo.pdf')
    writeFileSync(fake, png())
    const disguised = await cli(['add-evidence', caseId, fake])
    expect(disguised.code).toBe(2)
    expect(disguised.stderr).toMatch(/named as a PDF document but its content is a PNG image/)
    const received = await cli([
      'add-event',
      caseId,
      '--type',
      'letter-received',
      '--method',
      'first-class',
      '--letter-date',
      '2025-03-10',
      '--date',
      '2025-03-09',
      '--title',
      'x',
    ])
    expect(received.stderr).toMatch(
      /occurredOn: The date you received it .* cannot be before the date it was sent/,
    )
  })

  it('exports and imports the case into another data folder; refuses a damaged archive', async () => {
    const zip = join(dir, 'jordan.zip')
    const nowhere = await cli(['export', caseId, join(dir, 'no-such-folder', 'jordan.zip')])
    expect(nowhere.code).toBe(2)
    expect(nowhere.stderr).toContain(`file: there is no folder "${join(dir, 'no-such-folder')}" to save into`)
    const out = await cli(['export', caseId, zip, '--json'])
    expect(out.code).toBe(0)
    expect(JSON.parse(out.stdout).files.length).toBe(2)
    const imported = await cli(['import', zip, '--json'], undefined, { REDRESS_DATA_DIR: other })
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout).id).toBe(caseId)
    // The README's own example: export, then import into the same data folder, gives a copy.
    const same = await cli(['import', zip])
    expect(same.code).toBe(0)
    expect(same.stdout).toMatch(
      /^That case was already here, so it was imported as a separate copy: "Jordan and Morgan \(copy\)"/,
    )
    writeFileSync(join(dir, 'junk.zip'), 'not a zip')
    const junk = await cli(['import', join(dir, 'junk.zip')])
    expect(junk.code).toBe(2)
    expect(junk.stderr).toMatch(/archive: the archive: is not a readable zip file/)
  })
})
