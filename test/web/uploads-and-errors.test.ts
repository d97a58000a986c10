import { Writable } from 'node:stream'
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseServices } from '../../src/services/case-services.ts'
import { buildApp } from '../../src/web/app.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { sameOrigin, TEST_CSRF_KEY, testServices } from '../helpers/app.ts'
import { WHO, amirasCase, pdf } from '../case/fixtures.ts'

/*
 * Uploads over a limit are refused with their real size; an upload cut short is never taken as
 * whole; an archive bigger than the upload limit still imports (it streams to disk under the import
 * cap); and a failure is logged with where it happened but nothing the parent typed.
 */

const MB = 1024 * 1024
let db: TestDatabase
let app: FastifyInstance
let svc: CaseServices
const logs: string[] = []
let archive: Buffer
let caseId = ''

beforeAll(async () => {
  db = await testPglite()
  const all = testServices(db, undefined, { maxUploadBytes: 1 * MB, maxImportBytes: 8 * MB })
  svc = all.caseFile
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk))
      cb()
    },
  })
  app = await buildApp(all, { csrfKey: TEST_CSRF_KEY, logger: { level: 'info', stream: logStream } })
  app.get('/boom', () => {
    throw new Error('duplicate key value (07700 900456) violates unique constraint')
  })
  await app.ready()
  const { c } = await amirasCase(svc)
  caseId = c.id
  const path = join(db.dataDir, 'case.zip')
  await svc.caseArchive.export(WHO, c.id, path)
  // Pad the archive past the 1 MB upload limit with real files of its own, each under the limit.
  for (const month of ['January', 'February']) {
    const big = await svc.evidence.add(WHO, c.id, {
      fileName: `statement-${month}.pdf`,
      content: (async function* () {
        yield pdf(`Bank statement ${month}`)
        yield Buffer.alloc(700 * 1024, 0x20)
      })(),
      title: `Bank statement, ${month}`,
    })
    expect(big.sizeBytes).toBeGreaterThan(700 * 1024)
  }
  const padded = join(db.dataDir, 'padded.zip')
  await svc.caseArchive.export(WHO, c.id, padded)
  archive = readFileSync(padded)
}, 60_000)
afterAll(async () => {
  await app?.close()
  await db?.destroy()
})

function multipart(fields: Record<string, string>, file: { field: string; name: string; bytes: Uint8Array }) {
  const b = '----redress-limits'
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  )
  return {
    payload: Buffer.concat([
      Buffer.from(parts.join('')),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${b}`, ...sameOrigin() },
  }
}

const tempFiles = () => {
  const dir = join(db.dataDir, 'evidence', 'tmp')
  return existsSync(dir) ? readdirSync(dir) : []
}

describe('upload limits', () => {
  it('refuses a file over the limit with its real size, keeping nothing', async () => {
    const bytes = Buffer.concat([pdf('Too big'), Buffer.alloc(Math.round(1.45 * MB), 0x20)])
    const res = await app.inject({
      method: 'POST',
      url: `/cases/${caseId}/evidence/new`,
      ...multipart({ title: 'Too big' }, { field: 'file', name: 'big.pdf', bytes }),
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('The file is 1.5 MB, larger than the 1 MB Redress accepts.')
    expect(tempFiles()).toEqual([])
  })

  it('never takes an upload cut short for the whole file', async () => {
    const whole = multipart({ title: 'Cut' }, { field: 'file', name: 'cut.pdf', bytes: pdf('Cut short') })
    const cut = whole.payload.subarray(0, whole.payload.length - 40)
    const before = (await svc.cases.list(WHO, caseId, 'evidence')).length
    const res = await app.inject({
      method: 'POST',
      url: `/cases/${caseId}/evidence/new`,
      payload: cut,
      headers: whole.headers,
    })
    expect(res.statusCode).toBe(400)
    expect((await svc.cases.list(WHO, caseId, 'evidence')).length).toBe(before)
    expect(tempFiles()).toEqual([])
  })

  it('imports an archive larger than the upload limit, as a copy of the case already here', async () => {
    expect(archive.length).toBeGreaterThan(1 * MB)
    const res = await app.inject({
      method: 'POST',
      url: '/cases/import',
      ...multipart({}, { field: 'archive', name: 'case.zip', bytes: archive }),
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toMatch(/^\/cases\/[0-9a-f-]{36}\?imported=copy$/)
    const page = await app.inject({ url: String(res.headers.location) })
    expect(page.body).toContain('imported as a separate copy')
    expect(page.body).toContain('Amira and Dan (copy)')
    expect(tempFiles()).toEqual([])
  })

  it('refuses an archive over the import cap, with its real size', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/cases/import',
      ...multipart({}, { field: 'archive', name: 'case.zip', bytes: Buffer.alloc(9 * MB) }),
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('The file is 9 MB, larger than the 8 MB Redress accepts.')
    expect(tempFiles()).toEqual([])
  })

  it('refuses an archive with a bad row, naming it, with nothing imported and Your cases still working', async () => {
    const cases = (await svc.cases.listCases(WHO, 'all')).length
    const { unzipSync, zipSync } = await import('fflate')
    const entries = unzipSync(new Uint8Array(archive))
    const rows = JSON.parse(Buffer.from(entries['case.json']!).toString('utf8')) as {
      events: { occurredOn: string }[]
    }
    rows.events[0]!.occurredOn = '2025-13-01'
    const caseJson = Buffer.from(JSON.stringify(rows))
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as {
      files: { path: string; sha256: string; sizeBytes: number }[]
    }
    const { createHash } = await import('node:crypto')
    manifest.files = manifest.files.map((f) =>
      f.path === 'case.json'
        ? { ...f, sha256: createHash('sha256').update(caseJson).digest('hex'), sizeBytes: caseJson.length }
        : f,
    )
    const bad = zipSync({
      ...entries,
      'case.json': caseJson,
      'manifest.json': Buffer.from(JSON.stringify(manifest)),
    })
    const res = await app.inject({
      method: 'POST',
      url: '/cases/import',
      ...multipart({}, { field: 'archive', name: 'bad.zip', bytes: bad }),
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('events, row 1, field occurredOn: must be a real date')
    expect(res.body).toContain('Nothing was imported')
    expect((await svc.cases.listCases(WHO, 'all')).length).toBe(cases)
    expect((await app.inject({ url: '/cases' })).statusCode).toBe(200)
  })
})

describe('a failure', () => {
  it('is logged with route, error class and stack, and no message or personal data; the page shows no SQL', async () => {
    logs.length = 0
    const res = await app.inject({ url: '/boom?phone=07700900456' })
    expect(res.statusCode).toBe(500)
    expect(res.body).not.toContain('duplicate key')
    const line = JSON.parse(logs.find((l) => l.includes('request failed'))!) as Record<string, string>
    expect(line).toMatchObject({ route: '/boom', method: 'GET', status: 500, errorClass: 'Error' })
    expect(line['stack']).toMatch(/^\s+at /)
    expect(logs.join('\n')).not.toContain('07700')
    expect(logs.join('\n')).not.toContain('duplicate key')
  })
})
