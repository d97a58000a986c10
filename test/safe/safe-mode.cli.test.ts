import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureTemplate } from '../helpers/pglite.ts'
import { runCli, runInProcess } from '../helpers/cli.ts'

/**
 * `redress safe-mode …` and a locked command line, as a person runs them: in this process
 * (test/helpers/cli.ts), except the locked `case list`, which runs the real command for its exit
 * code and its one line on stderr.
 */

let dataDir: string
let passFile: string
let newPassFile: string
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'redress-safe-cli-'))
  cpSync(join(await ensureTemplate(), 'pglite'), join(dataDir, 'pglite'), { recursive: true })
  passFile = join(dataDir, '..', `pass-${process.pid}`)
  newPassFile = join(dataDir, '..', `newpass-${process.pid}`)
  writeFileSync(passFile, 'a long enough passphrase\n')
  writeFileSync(newPassFile, 'another long passphrase\n')
  env = { REDRESS_DATA_DIR: dataDir, REDRESS_PASSPHRASE_FILE: '' }
}, 120_000)
afterAll(() => {
  for (const p of [dataDir, passFile, newPassFile]) rmSync(p, { recursive: true, force: true })
})

describe('redress safe-mode', () => {
  it(
    'turns on with a passphrase file, prints the recovery code once, and locks every case command',
    { timeout: 300_000 },
    async () => {
      expect((await runInProcess(['safe-mode', 'status', '--json'], undefined, env)).stdout).toContain(
        '"safeMode": "off"',
      )
      const on = await runInProcess(
        ['safe-mode', 'enable', '--passphrase-file', passFile, '--json'],
        undefined,
        env,
      )
      expect(on.code, on.stderr).toBe(0)
      const { recoveryCode } = JSON.parse(on.stdout) as { recoveryCode: string }
      expect(recoveryCode).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/)
      expect((await runInProcess(['safe-mode', 'status'], undefined, env)).stdout).toContain(
        'Safe mode is on',
      )

      // Locked: one line on stderr, nothing on stdout, non-zero.
      const locked = await runCli(['case', 'list'], undefined, env)
      expect(locked.code).not.toBe(0)
      expect(locked.stdout).toBe('')
      expect(locked.stderr.trim().split('\n')).toHaveLength(1)
      expect(locked.stderr).toContain('locked')

      // With the passphrase file (option or environment) it opens.
      expect((await runInProcess(['case', 'list', '--passphrase-file', passFile], undefined, env)).code).toBe(
        0,
      )
      expect(
        (await runInProcess(['case', 'list'], undefined, { ...env, REDRESS_PASSPHRASE_FILE: passFile })).code,
      ).toBe(0)

      // A new passphrase: the old one no longer opens it, the recovery code still does.
      const change = await runInProcess(
        [
          'safe-mode',
          'change-passphrase',
          '--passphrase-file',
          passFile,
          '--new-passphrase-file',
          newPassFile,
        ],
        undefined,
        env,
      )
      expect(change.code, change.stderr).toBe(0)
      const old = await runInProcess(['case', 'list', '--passphrase-file', passFile], undefined, env)
      expect(old.code).not.toBe(0)
      expect(old.stderr).toContain('not right')
      const codeFile = join(dataDir, '..', `code-${process.pid}`)
      writeFileSync(codeFile, `${recoveryCode}\n`)
      expect((await runInProcess(['case', 'list', '--passphrase-file', codeFile], undefined, env)).code).toBe(
        0,
      )
      rmSync(codeFile)

      const off = await runInProcess(
        ['safe-mode', 'disable', '--passphrase-file', newPassFile],
        undefined,
        env,
      )
      expect(off.code, off.stderr).toBe(0)
      expect((await runInProcess(['case', 'list'], undefined, env)).code).toBe(0)
    },
  )
})
