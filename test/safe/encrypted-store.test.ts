import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
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
} from '../../src/store/safe/crypto.ts'
import { createKeys, rewrapKeys, unlockKeys } from '../../src/store/safe/keyring.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function encryptedFolder(): Promise<{ dataDir: string; key: Buffer }> {
  const template = await ensureTemplate()
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-safe-'))
  dirs.push(dataDir)
  const plain = await PGlite.create(join(template, 'pglite'))
  const tar = new Uint8Array(await (await plain.dumpDataDir('none')).arrayBuffer())
  await plain.close()
  const key = randomBytes(32)
  createEncryptedDatabase(dataDir, key, tar)
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
