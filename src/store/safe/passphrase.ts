import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { WrongKey } from './crypto.ts'
import { SafeModeLocked } from './errors.ts'
import { message } from '../../domain/shared/message.ts'
import { text as translated } from '../../copy/translate.ts'
import { readKeyFile, unlockKeys } from './keyring.ts'

/**
 * The passphrase for the command line: from the file named by `--passphrase-file` or
 * REDRESS_PASSPHRASE_FILE (its first line), or typed at a terminal (not shown). Never from an
 * argument: arguments are visible to other programs and kept in shell history.
 */
export function passphraseFromFile(path: string): string {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new SafeModeLocked(message('platform.safe.passphraseFileUnreadable', { path }))
  }
  const line = text.split(/\r?\n/)[0] ?? ''
  if (!line) throw new SafeModeLocked(message('platform.safe.passphraseFileEmpty', { path }))
  return line
}

/** Asks for a secret at the terminal without showing it; null when there is no terminal. */
export async function askSecret(question: string): Promise<string | null> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null
  let muted = false
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!muted) process.stderr.write(chunk)
      cb()
    },
  })
  const rl = createInterface({ input: process.stdin, output: out, terminal: true })
  try {
    const answer = new Promise<string>((resolve) => rl.question(question, resolve))
    muted = true
    const value = await answer
    process.stderr.write('\n')
    return value
  } finally {
    rl.close()
  }
}

/** The passphrase from the environment's file or a prompt, or null when neither is available. */
export async function passphraseFromEnvironment(
  question = translated('platform.safe.passphrasePrompt'),
): Promise<string | null> {
  const file = process.env.REDRESS_PASSPHRASE_FILE
  if (file) return passphraseFromFile(file)
  return askSecret(question)
}

/** Unlocks the data folder's key with the passphrase from the environment; throws SafeModeLocked otherwise. */
export async function dataKeyFromEnvironment(dataDir: string): Promise<Buffer> {
  const file = readKeyFile(dataDir)
  if (!file) throw new Error('Safe mode is off.')
  const secret = await passphraseFromEnvironment()
  if (secret === null) throw new SafeModeLocked()
  try {
    return await unlockKeys(file, secret)
  } catch (error) {
    if (!(error instanceof WrongKey)) throw error
    await new Promise((r) => setTimeout(r, 1000)) // guessing stays slow
    throw new SafeModeLocked(message('platform.safe.wrongPassphrase'))
  }
}
