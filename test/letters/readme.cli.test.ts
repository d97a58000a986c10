import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInProcess } from '../helpers/cli.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { docxParagraphs } from '../fixtures/documents/zip.ts'

/**
 * The README's case-file and letter examples, run as written: create a case with your own name and
 * address, change the address with `case edit`, record the decision and write the reconsideration
 * letter, with no hand-made JSON.
 */

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8')
let dir: string
let caseId = ''
const env = () => ({ REDRESS_DATA_DIR: dir })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redress-readme-cli-'))
  cpSync(join(await ensureTemplate(), 'pglite'), join(dir, 'pglite'), { recursive: true })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The README line that starts with `prefix`, as arguments (quotes honoured, a trailing comment dropped). */
function example(prefix: string): string[] {
  const line = README.split('\n').find((l) => l.startsWith(prefix))
  if (!line) throw new Error(`README has no example starting "${prefix}"`)
  const args: string[] = []
  for (const m of line.replace(/\s+#.*$/, '').matchAll(/"([^"]*)"|(\S+)/g)) args.push(m[1] ?? m[2]!)
  return args.slice(2) // drop "npx redress"
}

describe('the README letter examples work as written', { timeout: 120_000 }, () => {
  it('creates the case, edits the address, records the decision and writes the letter', async () => {
    const create = await runInProcess([...example('npx redress case create'), '--json'], undefined, env())
    expect(create.code).toBe(0)
    const c = JSON.parse(create.stdout) as { id: string; yourName: string; yourAddress: string }
    caseId = c.id
    expect(c.yourName).toBe('Amira Haddad')
    expect(c.yourAddress).toBe('14 Ash Grove\nLeeds\nLS6 2AB')
    const withId = (args: string[]) =>
      args
        .map((a) => a.replace('<case-id>', c.id).replace('<id>', c.id))
        .map((a) => (a === 'mr.docx' ? join(dir, a) : a))

    const edit = await runInProcess([...withId(example('npx redress case edit')), '--json'], undefined, env())
    expect(edit.code, edit.stderr).toBe(0)
    const edited = JSON.parse(edit.stdout) as { yourName: string; yourAddress: string; title: string }
    expect(edited).toMatchObject({
      title: 'Amira and Dan',
      yourName: 'Amira Haddad',
      yourAddress: 'Flat 2\n9 Oak Road\nLeeds\nLS6 3CD',
    })

    const decision = await runInProcess(withId(example('npx redress case add-decision')), undefined, env())
    expect(decision.code, decision.stderr).toBe(0)

    const letter = await runInProcess(
      withId(example('npx redress letter mandatory-reconsideration')),
      undefined,
      env(),
    )
    expect(letter.stderr).not.toMatch(/needs|missing/i)
    expect(letter.code, letter.stderr).toBe(0)
    expect(existsSync(join(dir, 'mr.docx'))).toBe(true)
    const paras = docxParagraphs(new Uint8Array(readFileSync(join(dir, 'mr.docx'))))
    expect(paras).toContain('Amira Haddad')
    expect(paras).toContain('9 Oak Road')
    expect(paras).toContain('Dan started a new job in November 2024, at £45,000 a year.')
    expect(paras.join(' ')).toContain('the annual review decision dated 3 February 2025')
  })

  it('records the letter as sent with its proof of postage, saves the notes apart, and says it is late', async () => {
    const proof = join(dir, 'certificate.pdf')
    const { textPdf } = await import('../fixtures/documents/pdfs.ts')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(proof, await textPdf({ pages: 1 }))
    const r = await runInProcess(
      [
        'letter',
        'mandatory-reconsideration',
        '--case',
        caseId,
        '--date',
        '2025-04-01',
        '--set',
        'grounds=Dan started a new job in November 2024, at £45,000 a year.',
        '--set',
        'lateReason=I was in hospital from 20 February to 28 March 2025.',
        '--out',
        join(dir, 'mr.pdf'),
        '--notes-out',
        join(dir, 'notes.pdf'),
        '--sent',
        '--method',
        'first-class',
        '--sent-on',
        '2025-04-01',
        '--proof',
        proof,
        '--json',
      ],
      undefined,
      env(),
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain('This is late: the time limit ended on 5 March 2025.')
    expect(r.stderr).toContain('redress letter late-mandatory-reconsideration')
    const { inspectPdf, squash } = await import('../fixtures/documents/inspect.ts')
    const letterText = squash(
      (await inspectPdf(new Uint8Array(readFileSync(join(dir, 'mr.pdf'))))).pages.join(' '),
    )
    const notesText = squash(
      (await inspectPdf(new Uint8Array(readFileSync(join(dir, 'notes.pdf'))))).pages.join(' '),
    )
    expect(letterText).not.toContain('Before you send this')
    // The letter itself says it is late, with the parent's reason.
    expect(letterText).toContain('I was in hospital from 20 February to 28 March 2025.')
    expect(letterText).toContain('outside the usual time limit')
    expect(notesText).toContain('Before you send this')
    const out = JSON.parse(r.stdout) as { sent: { eventId: string } }
    // The proof is kept as evidence and linked to the "letter sent" entry as its proof of postage.
    const { openDatabase } = await import('../../src/store/db.ts')
    const { createCaseServices } = await import('../../src/services/case-services.ts')
    const { rules } = await import('../../src/rules/load.ts')
    const database = await openDatabase({ dataDir: dir })
    try {
      const svc = createCaseServices({
        database,
        dataDir: dir,
        rules: rules(),
        maxUploadBytes: 5 * 1024 * 1024,
      })
      const who = { ownerId: 'local', name: 'test' }
      const linked = await svc.cases.linked(who, caseId, 'event', out.sent.eventId)
      expect(linked.map((l) => [l.link.role, l.title])).toContainEqual([
        'proof-of-postage',
        'Proof of postage (1 April 2025)',
      ])
    } finally {
      await database.close()
    }
    expect(out.sent.eventId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses an edit of a case that does not exist, with exit 2 or 1 and a message', async () => {
    const r = await runInProcess(['case', 'edit', 'no-such-case', '--your-name', 'X'], undefined, env())
    expect(r.code).not.toBe(0)
    expect(r.stderr).not.toBe('')
  })

  it('refuses a bad reference on edit, naming the field, exit 2', async () => {
    const create = await runInProcess(
      ['case', 'create', '--title', 'T', '--nation', 'england', '--role', 'paying', '--json'],
      undefined,
      env(),
    )
    const id = (JSON.parse(create.stdout) as { id: string }).id
    const r = await runInProcess(['case', 'edit', id, '--cms-reference', '12'], undefined, env())
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('cmsReference')
  })
})
