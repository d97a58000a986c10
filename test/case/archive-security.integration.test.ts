import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { constants, crc32, deflateRawSync } from 'node:zlib'
import { unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CaseInputError } from '../../src/domain/case/index.ts'
import { wordsOf } from '../../src/copy/worded-error.ts'
import { CaseArchiveService } from '../../src/services/case-archive.service.ts'
import { DrizzleCaseRepository } from '../../src/store/case.repository.ts'
import { EvidenceFiles, type FileWriter } from '../../src/store/evidence-files.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { WHO, amirasCase, services } from './fixtures.ts'

/*
 * An archive is a file from outside: it may be damaged, built to exhaust the disk, or written to
 * slip rows past the forms' rules. Every refusal below leaves nothing imported and nothing on disk.
 */

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const MB = 1024 * 1024

let source: TestDatabase
let target: TestDatabase
let good: Record<string, Uint8Array>
let dir: string

beforeAll(async () => {
  ;[source, target] = await Promise.all([testPglite(), testPglite()])
  const s = services(source, source.dataDir)
  const { c } = await amirasCase(s)
  dir = join(source.dataDir, 'archives')
  mkdirSync(dir, { recursive: true })
  await s.caseArchive.export(WHO, c.id, join(dir, 'good.zip'))
  good = unzipSync(new Uint8Array(readFileSync(join(dir, 'good.zip'))))
}, 60_000)
afterAll(async () => {
  await source?.destroy()
  await target?.destroy()
})

/** The target's archive service, with a writer that records the most any import wrote to disk. */
function targetService(caps: { maxEntryBytes?: number; maxTotalBytes?: number } = {}) {
  const files = new EvidenceFiles(join(target.dataDir, 'evidence'))
  const written = { max: 0, total: 0 }
  const watched = Object.create(files) as EvidenceFiles
  watched.writer = async (): Promise<FileWriter> => {
    const w = await files.writer()
    return {
      get size() {
        return w.size
      },
      write: async (chunk) => {
        written.total += chunk.length
        written.max = Math.max(written.max, w.size + chunk.length)
        await w.write(chunk)
      },
      finish: () => w.finish(),
      abort: () => w.abort(),
    }
  }
  const repo = new DrizzleCaseRepository(target.db)
  return { archive: new CaseArchiveService({ repo, files: watched, ...caps }), repo, written, files }
}

async function nothingImported(t: ReturnType<typeof targetService>) {
  expect(await t.repo.listCases(WHO.ownerId, 'all')).toEqual([])
  expect(existsSync(t.files.tempDir) ? readdirSync(t.files.tempDir) : []).toEqual([])
}

type Row = Record<string, unknown>
/** case.json as these tests edit it: every table a list of rows (the case a row of its own). */
interface Rows {
  case: Row
  decisions: Row[]
  events: Row[]
  evidence: Row[]
  tasks: Row[]
  links: Row[]
}

/** The good archive with case.json changed by `edit` and the manifest brought back in line. */
function rewrite(edit: (rows: Rows) => void, extra: Record<string, Uint8Array> = {}): string {
  const rows = JSON.parse(Buffer.from(good['case.json']!).toString('utf8')) as Rows
  edit(rows)
  const caseJson = new Uint8Array(Buffer.from(JSON.stringify(rows)))
  const manifest = JSON.parse(Buffer.from(good['manifest.json']!).toString('utf8')) as {
    files: { path: string; sha256: string; sizeBytes: number }[]
  }
  manifest.files = manifest.files.map((f) =>
    f.path === 'case.json' ? { ...f, sha256: sha(caseJson), sizeBytes: caseJson.length } : f,
  )
  for (const [path, bytes] of Object.entries(extra))
    manifest.files.push({ path, sha256: sha(bytes), sizeBytes: bytes.length })
  const path = join(dir, `edited-${Math.random().toString(36).slice(2)}.zip`)
  writeFileSync(
    path,
    zipSync({
      ...good,
      ...extra,
      'case.json': caseJson,
      'manifest.json': Buffer.from(JSON.stringify(manifest)),
    }),
  )
  return path
}

async function refusal(path: string, t = targetService()): Promise<string> {
  const error = await t.archive.import(WHO, path).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(CaseInputError)
  await nothingImported(t)
  return wordsOf(error as Error)
}

/**
 * A zip whose one evidence entry unpacks to `size` zero bytes (a whole number of MB) while the
 * archive itself stays small. Made by hand in a moment: one megabyte of zeros deflated with a full
 * flush is a byte-aligned run of blocks that can be repeated, then an empty final block.
 * `declare` writes a smaller size into the headers, as a hostile archive would.
 */
function bomb(size: number, declare = size): string {
  const path = join(dir, `bomb-${size}-${declare}.zip`)
  const zeros = Buffer.alloc(MB)
  const block = deflateRawSync(zeros, { finishFlush: constants.Z_FULL_FLUSH })
  const data = Buffer.concat([...Array.from({ length: size / MB }, () => block), Buffer.from([0x03, 0x00])])
  let crc = 0
  for (let i = 0; i < size / MB; i++) crc = crc32(zeros, crc)
  const name = Buffer.from(`evidence/${'0'.repeat(64)}`)
  const header = (central: boolean): Buffer => {
    const b = Buffer.alloc(central ? 46 : 30)
    let o = 0
    // [bytes, value]: signature, versions, flags, method (deflate), time, date, CRC, sizes, name length,
    // extra length; the central directory adds comment length, disk, attributes and the offset.
    const fields: [2 | 4, number][] = [
      [4, central ? 0x02014b50 : 0x04034b50],
      ...(central ? [[2, 20] as [2, number]] : []),
      [2, 20],
      [2, 0],
      [2, 8],
      [2, 0],
      [2, 0x21],
      [4, crc],
      [4, data.length],
      [4, declare],
      [2, name.length],
      [2, 0],
      ...(central
        ? ([
            [2, 0],
            [2, 0],
            [2, 0],
            [4, 0],
            [4, 0],
          ] as [2 | 4, number][])
        : []),
    ]
    for (const [bytes, value] of fields)
      o = bytes === 2 ? b.writeUInt16LE(value, o) : b.writeUInt32LE(value >>> 0, o)
    return Buffer.concat([b, name])
  }
  const local = header(false)
  const central = header(true)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length, 12)
  end.writeUInt32LE(local.length + data.length, 16)
  writeFileSync(path, Buffer.concat([local, data, central, end]))
  return path
}

describe('importing an archive that is built to do harm', () => {
  it('refuses a 2 MB archive that would unpack to 2 GB, having written at most the cap', async () => {
    const path = bomb(2048 * MB)
    expect(statSync(path).size).toBeLessThan(3 * MB)
    const t = targetService({ maxEntryBytes: 50 * MB })
    const message = await refusal(path, t)
    expect(message).toMatch(/unpacks to 2 GB, larger than the 50 MB a file may be/)
    expect(t.written.total).toBe(0) // refused on its declared size, before reading
  }, 120_000)

  it('stops a file that unpacks past what it declares as soon as it passes the cap', async () => {
    const path = bomb(200 * MB, 1000)
    const t = targetService({ maxEntryBytes: 4 * MB })
    expect(await refusal(path, t)).toMatch(/unpacks to more than the 4 MB a file may be|damaged/)
    expect(t.written.max).toBeLessThanOrEqual(4 * MB)
  }, 120_000)

  it('stops an archive whose files are each small but add up past the archive cap', async () => {
    const t = targetService({ maxEntryBytes: 50 * MB, maxTotalBytes: 6 * 1024 })
    const message = await refusal(join(dir, 'good.zip'), t)
    expect(message).toMatch(/larger than the 6 KB a whole archive may be/)
    expect(t.written.total).toBeLessThanOrEqual(6 * 1024)
  })

  const invalid: [string, (rows: Rows) => void, RegExp][] = [
    [
      'an impossible date',
      (r) => (r.events[0]!.occurredOn = '2025-02-30'),
      /events, row 1, field occurredOn: must be a real date/,
    ],
    [
      'an unknown key (an owner)',
      (r) => (r.decisions[0]!.ownerId = 'someone-else'),
      /decisions, row 1: .*ownerId/i,
    ],
    [
      'a kind the forms do not offer',
      (r) => (r.decisions[0]!.kind = 'made-up'),
      /decisions, row 1, field kind/,
    ],
    ['a negative size', (r) => (r.evidence[0]!.sizeBytes = -1), /evidence, row 1, field sizeBytes/],
    [
      'a file type outside the allow-list',
      (r) => (r.evidence[0]!.mediaType = 'application/x-msdownload'),
      /evidence, row 1, field mediaType/,
    ],
    [
      'a file the archive does not carry',
      (r) => r.evidence.push({ ...r.evidence[0]!, id: 'extra-row', sha256: 'a'.repeat(64) }),
      /evidence, row \d+: the archive does not carry its file \(evidence\/a{64}\)/,
    ],
    [
      'a link to nothing in the archive',
      (r) => (r.links[0]!.toId = 'nowhere'),
      /links, row 1: links to something the archive does not hold/,
    ],
    [
      'a row of another case',
      (r) => (r.tasks[0]!.caseId = 'another-case'),
      /tasks, row 1: belongs to another case/,
    ],
    ['a malformed CMS reference', (r) => (r.case.cmsReference = '999'), /case, .*cmsReference|cmsReference/],
  ]
  for (const [name, edit, expected] of invalid) {
    it(`refuses a case.json row with ${name}, naming the row and field, and imports nothing`, async () => {
      expect(await refusal(rewrite(edit))).toMatch(expected)
    })
  }

  it('never takes an owner from the archive: the rows belong to whoever imports them', async () => {
    const t = targetService()
    const c = await t.archive.import(
      { ownerId: 'adviser-2', name: 'adviser' },
      rewrite(() => {}),
    )
    expect(await t.repo.listCases('adviser-2')).toHaveLength(1)
    expect(await t.repo.listCases(WHO.ownerId)).toEqual([])
    // The same case again, by someone else: a copy, not a clash with the first owner's case.
    const again = await t.archive.import(
      WHO,
      rewrite(() => {}),
    )
    expect(again.importedAsCopy).toBe(true)
    expect(again.id).not.toBe(c.id)
    const tidy = services(target, target.dataDir)
    for (const [who, id] of [
      [{ ownerId: 'adviser-2', name: 'adviser' }, c.id],
      [WHO, again.id],
    ] as const) {
      await tidy.cases.bin(who, id, 'case', id)
      await tidy.cases.purge(who, id, 'case', id)
    }
  })
})
