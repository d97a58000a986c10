// Child process for the crash tests: opens the case file in a data folder, tidies up and checks it,
// prints the result, then uploads or imports until it dies. Not a test file itself.
//
// Where it dies is decided, not left to a timer: every file-system call that changes something
// (the evidence store's, the archive's and the embedded database's own writes, renames, syncs and
// deletions) is a step. The first upload or import runs whole and is counted; in the second the
// process kills itself (SIGKILL) just before step ceil(fraction x that count), so a fraction of
// 0.1 dies early in the operation and 0.9 near its end, the same way on every run and machine.
import { createRequire, syncBuiltinESMExports } from 'node:module'

const [dataDir, mode, archive, caseId, expectedText, fractionText, seedText] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
]
const say = (line: string) => process.stdout.write(`${line}\n`) // a pipe: written before the next line runs

// --- the steps: wrap the file system before anything else is loaded -------------------------
let counting = false
let steps = 0
let killAt = Infinity
const step = (): void => {
  if (!counting) return
  steps++
  if (steps >= killAt) process.kill(process.pid, 'SIGKILL')
}
const require = createRequire(import.meta.url)
const fs = require('node:fs') as Record<string, unknown> & { promises: Record<string, unknown> }
const wrap = (target: Record<string, unknown>, names: readonly string[]): void => {
  for (const name of names) {
    const original = target[name]
    if (typeof original !== 'function') continue
    const wrapped = function (this: unknown, ...args: unknown[]) {
      step()
      return (original as (...a: unknown[]) => unknown).apply(this, args)
    }
    // Keeps what util.promisify reads from the original (fs.write's and fs.read's result names).
    for (const key of Object.getOwnPropertySymbols(original))
      Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(original, key)!)
    target[name] = wrapped
  }
}
const CHANGES = [
  'write',
  'writev',
  'rename',
  'unlink',
  'rm',
  'rmdir',
  'mkdir',
  'fsync',
  'fdatasync',
  'ftruncate',
  'truncate',
  'copyFile',
  'writeFile',
  'appendFile',
  'close',
  'open',
]
wrap(fs, [...CHANGES.map((n) => `${n}Sync`), ...CHANGES])
wrap(fs.promises, CHANGES)
{
  // A file handle's own methods (the evidence store writes through them).
  const { open } = (await import('node:fs/promises')) as { open: (p: string, f: string) => Promise<object> }
  const probe = await open(process.execPath, 'r')
  wrap(Object.getPrototypeOf(probe) as Record<string, unknown>, [
    'write',
    'writev',
    'sync',
    'datasync',
    'truncate',
    'close',
    'writeFile',
    'appendFile',
  ])
  await (probe as { close(): Promise<void> }).close()
}
syncBuiltinESMExports()

const { randomBytes } = await import('node:crypto')
const { existsSync, readdirSync, readFileSync } = await import('node:fs')
const { join } = await import('node:path')
const { openDatabase } = await import('../../src/store/db.ts')
const { DrizzleCaseRepository } = await import('../../src/store/case.repository.ts')
const { sweepEvidence } = await import('../../src/services/case-services.ts')
const { WHO, services } = await import('./fixtures.ts')
const { random } = await import('../fixtures/letters/synthetic.ts')

// In safe mode (the safe-mode crash test) the data key comes in hex from the environment.
const safeKey = process.env.REDRESS_TEST_DATA_KEY
const database = await openDatabase({ dataDir, ...(safeKey ? { dataKey: Buffer.from(safeKey, 'hex') } : {}) })
const s = services(database, dataDir, 8 * 1024 * 1024)
const swept = await sweepEvidence(s, database)
const repo = new DrizzleCaseRepository(database.db)

// Check: every row's file is there and whole; no temporary or unused files; an imported case is complete or absent.
const problems: string[] = []
const { missing, corrupt } = await s.evidence.check()
if (missing.length) problems.push(`missing files: ${missing.join(', ')}`)
if (corrupt.length) problems.push(`corrupt files: ${corrupt.join(', ')}`)
const tmp = join(dataDir, 'evidence', 'tmp')
if (existsSync(tmp) && readdirSync(tmp).length)
  problems.push(`temporary files left: ${readdirSync(tmp).join(', ')}`)
const used = await repo.allEvidenceHashes()
for (const f of await s.evidence.files.unused(used)) problems.push(`unused file left: ${f}`)
const committedFile = join(dataDir, 'committed.json')
const committed: string[] = existsSync(committedFile) ? JSON.parse(readFileSync(committedFile, 'utf8')) : []
const uploadCase = (await s.cases.listCases(WHO, 'all')).find((c) => c.title === 'Uploads')
for (const id of committed) {
  const e = uploadCase ? await repo.get('evidence', WHO.ownerId, uploadCase.id, id) : undefined
  if (!e) problems.push(`committed upload lost: ${id}`)
}
const expected = JSON.parse(expectedText) as Record<string, number>
const imported = await repo.get('case', WHO.ownerId, caseId, caseId)
if (imported) {
  const rows = await repo.exportRows(WHO.ownerId, caseId)
  for (const [k, n] of Object.entries(expected)) {
    const got = (rows as unknown as Record<string, unknown[]>)[k]!.length
    // A kill between the next import's bin and purge leaves the whole case in the bin: binning added
    // its own revisions (and audit lines), so those may only grow.
    const binned = (imported as { deletedAt: unknown }).deletedAt !== null
    if (k === 'audit' || (binned && k === 'revisions') ? got < n : got !== n)
      problems.push(
        `imported case incomplete: ${k} has ${got}, expected ${n}${binned ? ' (in the bin)' : ''}`,
      )
  }
}
say(`CHECK ${JSON.stringify({ problems, swept, committed: committed.length, imported: Boolean(imported) })}`)

const uploads =
  uploadCase ?? (await s.cases.createCase(WHO, { title: 'Uploads', nation: 'england', role: 'receiving' }))
say('READY')
if (mode === 'check') await new Promise(() => {}) // the test kills it once it has read the check

// Upload sizes come from the seed too (1 KB to 3 MB), so the same run writes the same files.
const next = random(Number(seedText))
async function* slowPdf(size: number): AsyncIterable<Uint8Array> {
  yield Buffer.from('%PDF-1.4\n')
  for (let sent = 0; sent < size; sent += 65536) {
    yield randomBytes(Math.min(65536, size - sent))
    await new Promise((r) => setImmediate(r))
  }
}

const fraction = Number(fractionText)
counting = true
for (let done = 0; ; done++) {
  if (done === 1) {
    killAt = Math.max(1, Math.ceil(fraction * steps))
    steps = 0
  }
  if (mode === 'upload') {
    const e = await s.evidence.add(WHO, uploads.id, {
      fileName: 'scan.pdf',
      content: slowPdf(1024 + Math.floor(next() * 3 * 1024 * 1024)),
    })
    say(`COMMITTED ${e.id}`)
  } else {
    if (await repo.get('case', WHO.ownerId, caseId, caseId)) {
      await s.cases.bin(WHO, caseId, 'case', caseId)
      await s.cases.purge(WHO, caseId, 'case', caseId)
    }
    await s.caseArchive.import(WHO, archive)
    say('IMPORTED')
  }
  if (done === 0) say(`STEPS ${steps}`)
}
