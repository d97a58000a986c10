import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { rules } from '../../src/rules/load.ts'
import { createCaseServices, type CaseServices } from '../../src/services/case-services.ts'
import { fixedClock } from '../../src/services/clock.ts'
import { Vault } from '../../src/store/safe/vault.ts'
import { InvalidInput } from '../../src/domain/shared/errors.ts'
import { text } from '../../src/copy/translate.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { WHO, TODAY, once } from '../case/fixtures.ts'

/**
 * Exports in safe mode: encrypted with the passphrase as they are written, importable into another
 * installation (here one with safe mode off) with that passphrase and refused without it; a plain
 * export is a deliberate option; an archive uploaded in safe mode (staged encrypted) imports too.
 */

const PASS = 'archive test passphrase'
const LINE = 'Pelican-Harbour-42 line of the uploaded email'
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

async function install(): Promise<{ dir: string; vault: Vault; s: CaseServices }> {
  const dir = mkdtempSync(join(tmpdir(), 'redress-safe-archive-'))
  dirs.push(dir)
  cpSync(join(await ensureTemplate(), 'pglite'), join(dir, 'pglite'), { recursive: true })
  const vault = await Vault.open({ dataDir: dir })
  const s = createCaseServices({
    database: vault,
    dataDir: dir,
    rules: rules(),
    maxUploadBytes: 1 << 20,
    clock: fixedClock(TODAY),
  })
  return { dir, vault, s }
}

describe('case archives in safe mode', () => {
  it('are encrypted with the passphrase and import elsewhere with it', { timeout: 300_000 }, async () => {
    const a = await install()
    await a.vault.enable(PASS)
    const c = await a.s.cases.createCase(WHO, { title: 'Archive case', nation: 'scotland', role: 'paying' })
    await a.s.evidence.add(WHO, c.id, {
      fileName: 'mail.eml',
      content: once(Buffer.from(`From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\n${LINE}\r\n`)),
    })
    const sealed = join(a.dir, '..', `archive-${process.pid}.redress`)
    const plain = join(a.dir, '..', `archive-${process.pid}.zip`)
    dirs.push(sealed, plain)
    await a.s.caseArchive.export(WHO, c.id, sealed)
    const bytes = readFileSync(sealed)
    expect(bytes.subarray(0, 8).toString()).toBe('RDXARCH1')
    for (const s of ['Archive case', LINE, 'case.json', 'manifest.json'])
      expect(bytes.includes(Buffer.from(s)), s).toBe(false)
    await a.s.caseArchive.export(WHO, c.id, plain, undefined, { unencrypted: true })
    expect(readFileSync(plain).subarray(0, 2).toString()).toBe('PK')

    // Another installation, safe mode off.
    const b = await install()
    const missing = await b.s.caseArchive.import(WHO, sealed).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(InvalidInput)
    expect((missing as InvalidInput).field).toBe('passphrase')
    const wrong = await b.s.caseArchive
      .import(WHO, sealed, undefined, { passphrase: 'not the one' })
      .catch((e: unknown) => e)
    expect(text((wrong as InvalidInput).problem)).toContain('does not open')
    const imported = await b.s.caseArchive.import(WHO, sealed, undefined, { passphrase: PASS })
    expect(imported.title).toBe('Archive case')
    const [file] = await b.s.evidence.choices(WHO, imported.id)
    expect((await b.s.evidence.files.read(file!.sha256)).toString()).toContain(LINE)
    // The bundle's blocking read gives the same bytes, plain (here) and in safe mode (below).
    // Read into a scratch buffer that grows as needed, and that a second read reuses.
    const scratch = { buffer: Buffer.alloc(4) }
    const first = await b.s.evidence.files.readNow(file!.sha256, scratch)
    expect(first).toEqual(await b.s.evidence.files.read(file!.sha256))
    expect(first.buffer).toBe(scratch.buffer.buffer)
    expect(await b.s.evidence.files.readNow(file!.sha256, scratch)).toEqual(
      await b.s.evidence.files.read(file!.sha256),
    )

    // An upload in safe mode is staged encrypted; the plain archive imports from it (as a copy).
    const staged = await a.s.evidence.files.stage(once(readFileSync(plain)), 1 << 24, 'archive')
    expect(readFileSync(staged.tempPath).subarray(0, 2).toString()).not.toBe('PK')
    const copy = await a.s.caseArchive.import(WHO, staged.tempPath)
    await a.s.evidence.files.discard(staged)
    expect(copy.importedAsCopy).toBe(true)

    // An encrypted archive uploaded in safe mode: staged encrypted around its own encryption.
    const both = await a.s.evidence.files.stage(once(readFileSync(sealed)), 1 << 24, 'archive')
    const refused = await a.s.caseArchive
      .import(WHO, both.tempPath, undefined, { passphrase: 'not the one' })
      .catch((e: unknown) => e)
    expect((refused as InvalidInput).field).toBe('passphrase')
    const again = await a.s.caseArchive.import(WHO, both.tempPath, undefined, { passphrase: PASS })
    await a.s.evidence.files.discard(both)
    expect(again.importedAsCopy).toBe(true)
    const [again1] = await a.s.evidence.choices(WHO, again.id)
    expect((await a.s.evidence.files.read(again1!.sha256)).toString()).toContain(LINE)
    expect(await a.s.evidence.files.readNow(again1!.sha256, { buffer: Buffer.alloc(0) })).toEqual(
      await a.s.evidence.files.read(again1!.sha256),
    )
    await a.vault.close()
    await b.vault.close()
  })
})
