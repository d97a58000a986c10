import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureTemplate } from '../helpers/pglite.ts'
import { createEncryptedDatabase, openEncryptedPglite } from '../../src/store/safe/encrypted-pglite.ts'
import {
  WrongKey,
  openChunkedBuffer,
  sealChunked,
  normaliseRecoveryCode,
  seal,
  subkey,
} from '../../src/store/safe/crypto.ts'
import { createKeys, rewrapKeys, unlockKeys } from '../../src/store/safe/keyring.ts'
import { PGLITE_START_PARAMS } from '../../src/store/db.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/**
 * A private copy of the template database to open: PGlite writes to the folder it opens (its lock
 * file, the log), and other test files copy the template at the same moment, so it is never opened
 * in place.
 */
async function templateCopy(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'redress-safe-plain-'))
  dirs.push(dir)
  cpSync(join(await ensureTemplate(), 'pglite'), join(dir, 'pglite'), { recursive: true })
  return join(dir, 'pglite')
}

async function encryptedFolder(): Promise<{ dataDir: string; key: Buffer }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-safe-'))
  dirs.push(dataDir)
  const plain = await PGlite.create(await templateCopy())
  const tar = new Uint8Array(await (await plain.dumpDataDir('none')).arrayBuffer())
  await plain.close()
  const key = randomBytes(32)
  await createEncryptedDatabase(dataDir, key, tar)
  return { dataDir, key }
}

function everyByte(dir: string): Buffer {
  const parts: Buffer[] = []
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const p = join(dir, name)
    if (statSync(p).isFile()) parts.push(readFileSync(p))
  }
  return Buffer.concat(parts)
}

describe('the encrypted embedded database', () => {
  it('keeps committed writes across an unclean stop (journal replay) and never writes them in the clear', async () => {
    const { dataDir, key } = await encryptedFolder()
    const a = await openEncryptedPglite(dataDir, key)
    await a.client.query(`insert into app_meta (key, value) values ($1, $2)`, ['phone', '07700 900461'])
    await a.client.transaction(async (tx) => {
      await tx.query(`insert into app_meta (key, value) values ($1, $2)`, ['note', 'Zebra-crossing-note'])
    })
    // A rolled-back transaction leaves nothing.
    await expect(
      a.client.transaction(async (tx) => {
        await tx.query(`insert into app_meta (key, value) values ($1, $2)`, ['gone', 'x'])
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    // Not closed: as if killed. The memory copy is abandoned.
    const bytes = everyByte(dataDir)
    expect(bytes.includes(Buffer.from('07700 900461'))).toBe(false)
    expect(bytes.includes(Buffer.from('Zebra-crossing-note'))).toBe(false)
    await a.client.close()

    const b = await openEncryptedPglite(dataDir, key)
    expect(b.replayed).toBe(3)
    const rows = await b.client.query<{ key: string; value: string }>(
      `select key, value from app_meta order by key`,
    )
    expect(rows.rows).toEqual([
      { key: 'note', value: 'Zebra-crossing-note' },
      { key: 'phone', value: '07700 900461' },
    ])
    await b.close() // snapshots
    expect(readdirSync(join(dataDir, 'safe')).sort()).toEqual(['journal-2.rdx', 'snapshot-2.rdx'])
    const c = await openEncryptedPglite(dataDir, key)
    expect(c.replayed).toBe(0)
    expect((await c.client.query(`select count(*)::int as n from app_meta`)).rows).toEqual([{ n: 2 }])
    await c.close()
  })

  it('cuts off a torn last journal record and refuses the wrong key', async () => {
    const { dataDir, key } = await encryptedFolder()
    const a = await openEncryptedPglite(dataDir, key)
    await a.client.query(`insert into app_meta (key, value) values ('one', '1')`)
    await a.client.query(`insert into app_meta (key, value) values ('two', '2')`)
    await a.client.close()
    const journal = join(dataDir, 'safe', 'journal-1.rdx')
    const whole = readFileSync(journal)
    const { writeFileSync } = await import('node:fs')
    writeFileSync(journal, whole.subarray(0, whole.length - 7))
    await expect(openEncryptedPglite(dataDir, randomBytes(32))).rejects.toBeInstanceOf(WrongKey)
    const b = await openEncryptedPglite(dataDir, key)
    expect(b.replayed).toBe(1)
    expect((await b.client.query(`select key from app_meta`)).rows).toEqual([{ key: 'one' }])
    await b.client.query(`insert into app_meta (key, value) values ('three', '3')`)
    await b.client.close()
    const c = await openEncryptedPglite(dataDir, key)
    expect((await c.client.query(`select key from app_meta order by key`)).rows).toEqual([
      { key: 'one' },
      { key: 'three' },
    ])
    await c.close()
  })
})

describe('snapshots', () => {
  it('opens one in the first format; writes them in chunks, without WAL segments not yet written', async () => {
    const { dataDir, key } = await encryptedFolder()
    // The first format: the whole tarball sealed as one box.
    const plain = await PGlite.create(await templateCopy())
    const tar = new Uint8Array(await (await plain.dumpDataDir('none')).arrayBuffer())
    await plain.close()
    const box = seal(subkey(key, 'database'), tar, 'snapshot 1')
    writeFileSync(join(dataDir, 'safe', 'snapshot-1.rdx'), Buffer.concat([Buffer.from('RDXSNAP1'), box]))
    const params = { startParams: [...PGLITE_START_PARAMS, '-c', 'wal_recycle=off'] }
    const a = await openEncryptedPglite(dataDir, key, params)
    await a.client.query(`insert into app_meta (key, value) values ('kept', 'yes')`)
    await a.close() // a new snapshot, after a checkpoint
    const sealed = readFileSync(join(dataDir, 'safe', 'snapshot-2.rdx'))
    expect(sealed.subarray(0, 8).toString()).toBe('RDXSNAP2')
    // Bound to its generation: it does not open as another one.
    await expect(
      openChunkedBuffer(subkey(subkey(key, 'database'), 'snapshot 3'), sealed.subarray(8)),
    ).rejects.toBeInstanceOf(WrongKey)
    const inside = await openChunkedBuffer(subkey(subkey(key, 'database'), 'snapshot 2'), sealed.subarray(8))
    const segments = inside.toString('latin1').match(/pg_wal\/[0-9A-F]{24}/g) ?? []
    expect(segments).toHaveLength(1)
    // Written from the in-memory files by Redress, it is a standard tarball: PGlite's own loader
    // (which checks every header) opens it too.
    const loaded = await PGlite.create({ loadDataDir: new Blob([inside], { type: 'application/x-tar' }) })
    expect((await loaded.query(`select value from app_meta where key = 'kept'`)).rows).toEqual([
      { value: 'yes' },
    ])
    await loaded.close()
    // PostgreSQL starts without the segments left out, and everything is there.
    const b = await openEncryptedPglite(dataDir, key, params)
    expect((await b.client.query(`select value from app_meta where key = 'kept'`)).rows).toEqual([
      { value: 'yes' },
    ])
    await b.client.query(`insert into app_meta (key, value) values ('after', 'yes')`)
    await b.close()
    const c = await openEncryptedPglite(dataDir, key, params)
    expect(
      (await c.client.query(`select count(*)::int as n from app_meta where value = 'yes'`)).rows,
    ).toEqual([{ n: 2 }])
    await c.close()
  })
})

describe('keys', () => {
  it('unwraps with the passphrase or the recovery code; a new passphrase rewraps the same key', async () => {
    const { file, dataKey, recoveryCode } = await createKeys('correct horse battery', { N: 1024, r: 8, p: 1 })
    expect(await unlockKeys(file, 'correct horse battery')).toEqual(dataKey)
    expect(await unlockKeys(file, recoveryCode.toLowerCase().replace(/-/g, ' '))).toEqual(dataKey)
    await expect(unlockKeys(file, 'wrong horse battery')).rejects.toBeInstanceOf(WrongKey)
    const next = await rewrapKeys(file, dataKey, 'a brand new passphrase')
    expect(await unlockKeys(next, 'a brand new passphrase')).toEqual(dataKey)
    await expect(unlockKeys(next, 'correct horse battery')).rejects.toBeInstanceOf(WrongKey)
    expect(await unlockKeys(next, recoveryCode)).toEqual(dataKey)
    expect(normaliseRecoveryCode(recoveryCode.replace(/0/g, 'o'))).toBe(recoveryCode)
  })

  it('seals files in chunks that open whole, and refuses a changed byte', async () => {
    const key = randomBytes(32)
    for (const size of [0, 1, 65536, 65537, 200_000]) {
      const plain = randomBytes(size)
      const sealed = sealChunked(key, plain)
      expect(await openChunkedBuffer(key, sealed)).toEqual(plain)
      if (size) {
        sealed[sealed.length - 20]! ^= 1
        await expect(openChunkedBuffer(key, sealed)).rejects.toBeInstanceOf(WrongKey)
      }
    }
  })
})
