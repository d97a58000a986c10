import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { currentOwner, DataDirectoryInUse, lockDataDirectory } from '../../src/store/lock.ts'

const dirs: string[] = []
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'redress-lock-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'redress.lock'), 'utf8')) as unknown
const parent = () => {
  const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8')
  return {
    pid: process.ppid,
    bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    startTime: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!,
  }
}

describe('data directory lock', () => {
  it('records pid, boot id and start time; refuses a second opener; frees it on release', () => {
    const dir = tempDir()
    const release = lockDataDirectory(dir)
    expect(lockOf(dir)).toEqual(currentOwner())
    expect(currentOwner().bootId).toMatch(/^[0-9a-f-]{36}$/)
    expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryInUse)
    release()
    expect(existsSync(join(dir, 'redress.lock'))).toBe(false)
    lockDataDirectory(dir)()
  })

  it('takes over a lock left by a process that has gone (old plain-pid format too)', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'redress.lock'), '999999999')
    const release = lockDataDirectory(dir)
    expect(lockOf(dir)).toEqual(currentOwner())
    release()
  })

  it('refuses when another live process holds it, naming the lock file and how to clear it', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'redress.lock'), JSON.stringify(parent()))
    expect(() => lockDataDirectory(dir)).toThrow(/already using the data folder/)
    expect(() => lockDataDirectory(dir)).toThrow(
      `delete the lock file ${join(dir, 'redress.lock')} and start again`,
    )
  })

  it('takes over at once when the pid now belongs to a process that started at another time', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'redress.lock'), JSON.stringify({ ...parent(), startTime: '1' }))
    lockDataDirectory(dir)()
  })

  it('takes over a lock written before the machine last started', () => {
    const dir = tempDir()
    const bootId = '00000000-0000-0000-0000-000000000000'
    writeFileSync(join(dir, 'redress.lock'), JSON.stringify({ ...parent(), bootId }))
    lockDataDirectory(dir)()
  })

  it('takes over a lock whose holder is a zombie (killed, not yet reaped)', async () => {
    const dir = tempDir()
    // `sleep 0` exits at once; its parent then becomes `sleep 3`, which never reaps it.
    const shell = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 3'])
    const pid = Number(
      await new Promise<string>((r) => shell.stdout.once('data', (d: Buffer) => r(String(d)))),
    )
    for (let i = 0; i < 50; i++) {
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')) break
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(readFileSync(`/proc/${pid}/stat`, 'utf8')).toContain(') Z ')
    writeFileSync(join(dir, 'redress.lock'), JSON.stringify({ ...currentOwner(), pid, startTime: null }))
    lockDataDirectory(dir)()
    shell.kill()
  })
})
