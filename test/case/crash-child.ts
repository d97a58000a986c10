// Child process for the crash test: opens the case file in a data folder, tidies up and checks it,
// prints the result, then uploads or imports until it is killed. Not a test file itself.
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../src/store/db.ts'
import { DrizzleCaseRepository } from '../../src/store/case.repository.ts'
import { sweepEvidence } from '../../src/services/case-services.ts'
import { WHO, services } from './fixtures.ts'

const [dataDir, mode, archive, caseId, expectedText] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
]
const say = (line: string) => process.stdout.write(`${line}\n`)

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

async function* slowPdf(size: number): AsyncIterable<Uint8Array> {
  yield Buffer.from('%PDF-1.4\n')
  for (let sent = 0; sent < size; sent += 65536) {
    yield randomBytes(Math.min(65536, size - sent))
    await new Promise((r) => setImmediate(r))
  }
}

for (;;) {
  if (mode === 'upload') {
    const e = await s.evidence.add(WHO, uploads.id, {
      fileName: 'scan.pdf',
      content: slowPdf(1024 + Math.floor(Math.random() * 3 * 1024 * 1024)),
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
}
