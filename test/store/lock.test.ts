import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DataDirectoryInUse, lockDataDirectory } from '../../src/store/lock.ts'

const dirs: string[] = []
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'redress-lock-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('data directory lock', () => {
  it('refuses a second opener while the first holds it, and frees it on release', () => {
    const dir = tempDir()
    const release = lockDataDirectory(dir)
    expect(readFileSync(join(dir, 'redress.lock'), 'utf8')).toBe(String(process.pid))
    expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryInUse)
    release()
    const again = lockDataDirectory(dir)
    again()
  })

  it('takes over a lock left by a process that has gone', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'redress.lock'), '999999999')
    const release = lockDataDirectory(dir)
    expect(readFileSync(join(dir, 'redress.lock'), 'utf8')).toBe(String(process.pid))
    release()
  })

  it('refuses when another live process holds it', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'redress.lock'), String(process.ppid))
    expect(() => lockDataDirectory(dir)).toThrow(/already using the data folder/)
  })
})
