import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CaseInputError, NotFound, StaleVersion, type Actor } from '../../src/domain/case/index.ts'
import { DrizzleCaseRepository, type CaseRows } from '../../src/store/case.repository.ts'
import type { CaseServices } from '../../src/services/case-services.ts'
import { engines } from '../helpers/engines.ts'
import type { TestDatabase } from '../helpers/pglite.ts'
import { WHO, amirasCase, once, pdf, png, services } from './fixtures.ts'
import { refusalOf } from '../helpers/refusal.ts'
import { wordsOf } from '../../src/copy/worded-error.ts'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const filesIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => !readdirSync(dir).includes(f) || f.includes('/'))
    : []

describe.each(engines)('case file on %s', (engine, open) => {
  let db: TestDatabase
  let db2: TestDatabase
  let dir: string
  let dir2: string
  let s: CaseServices
  let s2: CaseServices
  beforeAll(async () => {
    ;[db, db2] = await Promise.all([open(), open()])
    dir = db.dataDir || mkdtempSync(join(tmpdir(), 'redress-case-pg-'))
    dir2 = db2.dataDir || mkdtempSync(join(tmpdir(), 'redress-case-pg-'))
    s = services(db, dir)
    s2 = services(db2, dir2)
  })
  afterAll(async () => {
    await Promise.all([db?.destroy(), db2?.destroy()])
    if (engine === 'postgresql') for (const d of [dir, dir2]) rmSync(d, { recursive: true, force: true })
  })

  it('runs on the engine it says', () => {
    expect(db.engine).toBe(engine)
  })

  it('keeps every version, the bin and an audit trail; only a purge removes', async () => {
    const repo = new DrizzleCaseRepository(db.db)
    const c = await s.cases.createCase(WHO, { title: 'Trail', nation: 'scotland', role: 'paying' })
    const d = await s.cases.addDecision(WHO, c.id, {
      kind: 'calculation',
      letterDate: '2025-01-10',
      weeklyAmount: '49.16',
      nights: '78',
    })
    await s.cases.amendDecision(
      WHO,
      c.id,
      d.record.id,
      { kind: 'calculation', letterDate: '2025-01-10', weeklyAmount: '40.96', nights: '130' },
      1,
    )
    await expect(
      s.cases.amendDecision(WHO, c.id, d.record.id, { kind: 'calculation', letterDate: '2025-01-10' }, 1),
    ).rejects.toBeInstanceOf(StaleVersion)
    const history = await s.cases.history(WHO, c.id, 'decision', d.record.id)
    expect(history.map((h) => [h.version, h.change, h.changed])).toEqual([
      [1, 'created', []],
      [2, 'amended', ['nights', 'weeklyAmountPence']],
    ])
    expect(history[0]!.data).toMatchObject({ weeklyAmountPence: 4916, nights: 78 })
    expect(history[0]!.recordedBy).toBe('you (test)')

    await s.cases.bin(WHO, c.id, 'decision', d.record.id)
    expect(await s.cases.list(WHO, c.id, 'decision')).toEqual([])
    expect((await s.cases.binned(WHO, c.id)).map((b) => b.entity).sort()).toEqual([
      'decision',
      'task',
      'task',
    ])
    // The bin's page words a decision as titleOf does, the database filling in the same sentence.
    const { binned } = await s.cases.binnedPage(WHO, c.id, { limit: 10, offset: 0 })
    expect(binned.find((b) => b.entity === 'decision')?.title).toBe('calculation of 2025-01-10')
    await s.cases.restore(WHO, c.id, 'decision', d.record.id)
    expect((await s.cases.list(WHO, c.id, 'task')).map((t) => t.deadlineKind).sort()).toEqual([
      'lateMandatoryReconsiderationLimit',
      'mandatoryReconsideration',
    ])
    await expect(s.cases.purge(WHO, c.id, 'decision', d.record.id)).rejects.toBeInstanceOf(NotFound) // not in the bin
    await s.cases.bin(WHO, c.id, 'decision', d.record.id)
    await s.cases.purge(WHO, c.id, 'decision', d.record.id)
    expect(await repo.get('decision', WHO.ownerId, c.id, d.record.id)).toBeUndefined()
    expect(await repo.revisions(WHO.ownerId, c.id, 'decision', d.record.id)).toEqual([])
    expect(await s.cases.list(WHO, c.id, 'task', 'all')).toEqual([])
    const audit = await s.cases.audit(WHO, c.id)
    expect(audit.map((a) => `${a.action} ${a.entity}`)).toEqual(
      expect.arrayContaining([
        'create case',
        'create decision',
        'amend decision',
        'bin decision',
        'restore decision',
        'purge decision',
        'purge task',
      ]),
    )
    expect(JSON.stringify(audit)).not.toMatch(/40\.96|4096|Trail/) // names fields, never their content
  })

  it('keeps owners apart', async () => {
    const other: Actor = { ownerId: 'adviser-1', name: 'Dee' }
    const mine = await s.cases.createCase(WHO, { title: 'Mine', nation: 'wales', role: 'receiving' })
    await s.cases.createCase(other, { title: 'Theirs', nation: 'wales', role: 'receiving' })
    expect((await s.cases.listCases(other)).map((c) => c.title)).toEqual(['Theirs'])
    await expect(s.cases.getCase(other, mine.id)).rejects.toBeInstanceOf(NotFound)
    await expect(
      s.cases.addDecision(other, mine.id, { kind: 'calculation', letterDate: '2025-01-01' }),
    ).rejects.toBeInstanceOf(NotFound)
  })

  it('finds anything on the timeline by type, dates, tag and text', async () => {
    const { c } = await amirasCase(s)
    const titles = async (f: Parameters<CaseServices['cases']['timeline']>[2]) =>
      (await s.cases.timeline(WHO, c.id, f)).map((e) => e.title)
    expect(await titles({})).toEqual([
      'Payment from Dan',
      'Mandatory reconsideration request',
      'Letter confirming the call of 10 February',
      'Phone call with the CMS',
    ])
    expect(await titles({ types: ['call'] })).toEqual(['Phone call with the CMS'])
    expect(await titles({ from: '2025-02-11', to: '2025-02-20' })).toEqual([
      'Mandatory reconsideration request',
      'Letter confirming the call of 10 February',
    ])
    expect(await titles({ tag: 'income' })).toEqual(['Phone call with the CMS'])
    expect(await titles({ text: 'kelly' })).toEqual(['Phone call with the CMS']) // what was said on the call
    expect(await titles({ text: 'AB123456789' })).toEqual(['Mandatory reconsideration request']) // a tracking number
    expect(await titles({ text: '100%_' })).toEqual([])
    const dash = await s.cases.dashboard(WHO, c.id)
    expect(dash.challenges).toMatchObject([
      { kind: 'reconsideration', stage: 'reconsideration-asked', since: '2025-02-20' },
    ])
  })

  it('refuses bad uploads and leaves nothing behind', async () => {
    const c = await s.cases.createCase(WHO, { title: 'Uploads', nation: 'england', role: 'paying' })
    const before = filesIn(join(dir, 'evidence'))
    const bad: Array<[string, Uint8Array, RegExp]> = [
      ['x.pdf', png(), /named as a PDF document but its content is a PNG image/],
      ['run.pdf', Buffer.from('MZ\x90\x00rest'), /program/],
      ['../up.pdf', pdf(), /folder path/],
      ['big.pdf', Buffer.concat([pdf(), Buffer.alloc(3 * 1024 * 1024)]), /larger than the 2 MB/],
      ['empty.pdf', new Uint8Array(0), /empty/],
    ]
    for (const [name, bytes, why] of bad) {
      expect(await refusalOf(s.evidence.add(WHO, c.id, { fileName: name, content: once(bytes) }))).toMatch(
        why,
      )
    }
    expect(
      await refusalOf(
        s.evidence.add(WHO, c.id, { fileName: 'ok.pdf', content: once(pdf()), documentDate: '2099-01-01' }),
      ),
    ).toMatch(/today or in the past/)
    expect(await s.cases.list(WHO, c.id, 'evidence', 'all')).toEqual([])
    expect(filesIn(join(dir, 'evidence'))).toEqual(before)
    expect(filesIn(join(dir, 'evidence', 'tmp'))).toEqual([])
  })

  it('stores a file content-addressed, shares it between rows, and removes it only when the last row is purged', async () => {
    const c = await s.cases.createCase(WHO, { title: 'Shared', nation: 'england', role: 'paying' })
    const bytes = pdf('shared file')
    const a = await s.evidence.add(WHO, c.id, { fileName: 'a.pdf', content: once(bytes) })
    const b = await s.evidence.add(WHO, c.id, { fileName: 'b.pdf', content: once(bytes) })
    const path = join(dir, 'evidence', a.sha256.slice(0, 2), a.sha256)
    expect(a.sha256).toBe(sha(bytes))
    expect(readFileSync(path)).toEqual(bytes)
    await s.cases.bin(WHO, c.id, 'evidence', a.id)
    await s.cases.purge(WHO, c.id, 'evidence', a.id)
    expect(existsSync(path)).toBe(true)
    await s.cases.bin(WHO, c.id, 'evidence', b.id)
    await s.cases.purge(WHO, c.id, 'evidence', b.id)
    expect(existsSync(path)).toBe(false)
  })

  it('round trip: exports a case and imports it elsewhere identical, every field and every file hash', async () => {
    const { c } = await amirasCase(s)
    const zip = join(dir, 'amira.zip')
    const manifest = await s.caseArchive.export(WHO, c.id, zip)
    expect(manifest.files.map((f) => f.path)).toContain('case.json')
    const imported = await s2.caseArchive.import(WHO, zip)
    expect(imported.id).toBe(c.id)
    const repo1 = new DrizzleCaseRepository(db.db)
    const repo2 = new DrizzleCaseRepository(db2.db)
    const a: CaseRows = await repo1.exportRows(WHO.ownerId, c.id)
    const b: CaseRows = await repo2.exportRows(WHO.ownerId, c.id)
    expect(b.case).toEqual(a.case)
    for (const k of ['decisions', 'events', 'evidence', 'tasks', 'links', 'revisions'] as const)
      expect(b[k]).toEqual(a[k])
    // The audit trail comes across whole, with one more entry saying it was imported.
    expect(b.audit.slice(0, -1)).toEqual(a.audit)
    expect(b.audit.at(-1)).toMatchObject({ action: 'import', entity: 'case' })
    expect(a.evidence.length).toBe(6)
    for (const e of a.evidence) {
      const there = join(dir2, 'evidence', e.sha256.slice(0, 2), e.sha256)
      expect(sha(readFileSync(there))).toBe(e.sha256)
    }
    expect(await s2.evidence.check()).toEqual({ missing: [], corrupt: [] })
    expect(imported.importedAsCopy).toBe(false)
    // The same archive again comes in as a copy under new ids; the case already there is untouched.
    const copy = await s2.caseArchive.import(WHO, zip)
    expect(copy.importedAsCopy).toBe(true)
    expect(copy.id).not.toBe(c.id)
    expect(copy.title).toBe('Amira and Dan (copy)')
    const c2: CaseRows = await repo2.exportRows(WHO.ownerId, copy.id)
    expect(c2.events.map((e) => e.title)).toEqual(b.events.map((e) => e.title))
    expect(c2.events.map((e) => e.id).filter((id) => b.events.some((e) => e.id === id))).toEqual([])
    const linkEnds = new Set(
      [c2.case.id, ...c2.decisions, ...c2.events, ...c2.evidence].map((r) =>
        typeof r === 'string' ? r : r.id,
      ),
    )
    for (const l of c2.links) expect([linkEnds.has(l.fromId), linkEnds.has(l.toId)]).toEqual([true, true])
    expect(await repo2.exportRows(WHO.ownerId, c.id)).toEqual({ ...b, audit: b.audit })
  })

  it('refuses an archive whose hashes do not match, naming the file, and stores nothing', async () => {
    const { c } = await amirasCase(s)
    const zip = join(dir, 'tamper.zip')
    await s.caseArchive.export(WHO, c.id, zip)
    const entries = unzipSync(new Uint8Array(readFileSync(zip)))
    const evidencePath = Object.keys(entries).find((k) => k.startsWith('evidence/'))!
    const tampered = { ...entries, [evidencePath]: new Uint8Array([...entries[evidencePath]!, 0x20]) }
    const bad = join(dir, 'bad.zip')
    writeFileSync(bad, zipSync(tampered))
    const fresh = await open()
    const freshDir = fresh.dataDir || mkdtempSync(join(tmpdir(), 'redress-case-pg-'))
    try {
      const s3 = services(fresh, freshDir)
      const error = await s3.caseArchive.import(WHO, bad).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CaseInputError)
      expect(wordsOf(error as Error)).toContain(evidencePath)
      expect(wordsOf(error as Error)).toMatch(/does not match its SHA-256 hash in the manifest/)
      const changed = Buffer.from(entries['case.json']!)
        .toString('utf8')
        .replace('Amira and Dan', 'Amira and Don')
      const caseJson = { ...entries, 'case.json': new Uint8Array(Buffer.from(changed)) }
      writeFileSync(bad, zipSync(caseJson))
      expect(await refusalOf(s3.caseArchive.import(WHO, bad))).toMatch(/case\.json: does not match/)
      writeFileSync(bad, zipSync({ ...entries, 'extra.txt': new Uint8Array([1]) }))
      expect(await refusalOf(s3.caseArchive.import(WHO, bad))).toMatch(
        /extra\.txt: is not a file a Redress case archive holds/,
      )
      writeFileSync(bad, Buffer.from('not a zip at all'))
      expect(await refusalOf(s3.caseArchive.import(WHO, bad))).toMatch(
        /manifest\.json: is missing|not a readable zip/,
      )
      expect(await s3.cases.listCases(WHO, 'all')).toEqual([])
      expect(filesIn(join(freshDir, 'evidence'))).toEqual(
        filesIn(join(freshDir, 'evidence', 'tmp')).map((f) => `tmp/${f}`),
      )
      expect(filesIn(join(freshDir, 'evidence', 'tmp'))).toEqual([])
    } finally {
      await fresh.destroy()
      if (!fresh.dataDir) rmSync(freshDir, { recursive: true, force: true })
    }
  })
})
