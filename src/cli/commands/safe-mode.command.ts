import type { Command } from 'commander'
import { loadConfig } from '../../config.ts'
import {
  askSecret,
  MIN_PASSPHRASE,
  passphraseFromFile,
  readKeyFile,
  SafeModeLocked,
  Vault,
  WrongKey,
} from '../../services/safe-mode.ts'
import { BadInput, action, output } from '../io.ts'

const FILE_HELP =
  'read the passphrase from the first line of FILE (or set REDRESS_PASSPHRASE_FILE); never typed as an argument'

/** The passphrase from the file (option or environment), else asked at the terminal; BadInput when neither. */
async function secret(field: string, question: string, file?: string): Promise<string> {
  const path = file ?? process.env.REDRESS_PASSPHRASE_FILE
  if (path) return passphraseFromFile(path)
  const typed = await askSecret(question)
  if (typed === null)
    throw new BadInput(
      field,
      'no terminal to ask at: give --passphrase-file FILE or set REDRESS_PASSPHRASE_FILE',
    )
  return typed
}

/** A new passphrase: from a file as is, or typed twice at the terminal. */
async function newSecret(field: string, file?: string): Promise<string> {
  if (file) return passphraseFromFile(file)
  const first = await secret(field, `New passphrase (at least ${MIN_PASSPHRASE} characters): `)
  if (process.env.REDRESS_PASSPHRASE_FILE) return first
  const again = await secret(field, 'The same passphrase again: ')
  if (again !== first) throw new BadInput(field, 'the two passphrases are different; nothing was changed')
  return first
}

async function withVault<T>(fn: (vault: Vault) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const vault = await Vault.open({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onNotice: (m) => process.stderr.write(`${m}\n`),
  })
  try {
    return await fn(vault)
  } finally {
    await vault.close()
  }
}

async function unlock(vault: Vault, file?: string): Promise<void> {
  const s = await secret('passphrase', 'Passphrase (or recovery code): ', file)
  try {
    await vault.unlock(s)
  } catch (error) {
    if (!(error instanceof WrongKey)) throw error
    await new Promise((r) => setTimeout(r, 1000))
    throw new SafeModeLocked('Redress is locked: that passphrase is not right.')
  }
}

const WARNING =
  'Safe mode encrypts your case file. Without the passphrase or the recovery code, nobody can open it: not you, not us. Keep the recovery code somewhere safe, away from this device.'

export function registerSafeMode(program: Command): void {
  const cmd = program
    .command('safe-mode')
    .description(
      'Safe mode: keep your case file encrypted on this device, opened only with your passphrase.\n' +
        WARNING,
    )

  cmd
    .command('status')
    .description('say whether safe mode is on (asks for nothing)')
    .option('--json', 'machine-readable output')
    .action(
      action((o: { json?: boolean }) => {
        const config = loadConfig()
        const file = readKeyFile(config.dataDir)
        const status = file ? 'on' : 'off'
        output(
          Boolean(o.json),
          {
            safeMode: status,
            engine: config.databaseUrl ? 'postgresql' : 'pglite',
            ...(file ? { kdf: file.kdf } : {}),
          },
          () =>
            file
              ? `Safe mode is on: the case file in ${config.dataDir} is encrypted.${config.databaseUrl ? ' (With DATABASE_URL, evidence files are encrypted here; encrypting the database itself is the PostgreSQL server’s job.)' : ''}`
              : `Safe mode is off: the case file in ${config.dataDir} is not encrypted.`,
        )
      }),
    )

  cmd
    .command('enable')
    .description('turn safe mode on: encrypt the case file and print a recovery code once')
    .option('--passphrase-file <file>', FILE_HELP)
    .option('--json', 'machine-readable output')
    .action(
      action(async (o: { passphraseFile?: string; json?: boolean }) => {
        if (!o.passphraseFile && !process.env.REDRESS_PASSPHRASE_FILE) process.stderr.write(`${WARNING}\n`)
        const passphrase = await newSecret('passphrase', o.passphraseFile)
        if ([...passphrase].length < MIN_PASSPHRASE)
          throw new BadInput('passphrase', `must be at least ${MIN_PASSPHRASE} characters long`)
        const code = await withVault((v) => {
          if (v.status !== 'off') throw new Error('Safe mode is already on.')
          return v.enable(passphrase)
        })
        output(Boolean(o.json), { safeMode: 'on', recoveryCode: code }, () =>
          [
            'Safe mode is on. Your case file is encrypted.',
            '',
            'Your recovery code (it is shown only this once; write it down or print it and keep it away from this device):',
            '',
            `    ${code}`,
            '',
            'It opens your case file if you forget your passphrase.',
          ].join('\n'),
        )
      }),
    )

  cmd
    .command('disable')
    .description('turn safe mode off: decrypt the case file (needs the passphrase)')
    .option('--passphrase-file <file>', FILE_HELP)
    .option('--json', 'machine-readable output')
    .action(
      action(async (o: { passphraseFile?: string; json?: boolean }) => {
        await withVault(async (v) => {
          if (v.status === 'off') throw new Error('Safe mode is already off.')
          await unlock(v, o.passphraseFile)
          await v.disable()
        })
        output(
          Boolean(o.json),
          { safeMode: 'off' },
          () => 'Safe mode is off. Your case file is no longer encrypted.',
        )
      }),
    )

  cmd
    .command('change-passphrase')
    .description('choose a new passphrase (the recovery code stays the same)')
    .option('--passphrase-file <file>', `the current passphrase: ${FILE_HELP}`)
    .option('--new-passphrase-file <file>', 'read the new passphrase from the first line of FILE')
    .option('--json', 'machine-readable output')
    .action(
      action(async (o: { passphraseFile?: string; newPassphraseFile?: string; json?: boolean }) => {
        const config = loadConfig()
        if (!readKeyFile(config.dataDir)) throw new Error('Safe mode is off.')
        const current = await secret(
          'passphrase',
          'Current passphrase (or recovery code): ',
          o.passphraseFile,
        )
        const next = o.newPassphraseFile
          ? passphraseFromFile(o.newPassphraseFile)
          : await (async () => {
              const first = await askSecret(`New passphrase (at least ${MIN_PASSPHRASE} characters): `)
              const again = first === null ? null : await askSecret('The same passphrase again: ')
              if (first === null) throw new BadInput('new-passphrase-file', 'give --new-passphrase-file FILE')
              if (first !== again)
                throw new BadInput('new passphrase', 'the two passphrases are different; nothing was changed')
              return first
            })()
        if ([...next].length < MIN_PASSPHRASE)
          throw new BadInput('new passphrase', `must be at least ${MIN_PASSPHRASE} characters long`)
        await withVault(async (v) => {
          try {
            await v.changePassphrase(current, next)
          } catch (error) {
            if (!(error instanceof WrongKey)) throw error
            await new Promise((r) => setTimeout(r, 1000))
            throw new SafeModeLocked('Redress is locked: that passphrase is not right.')
          }
        })
        output(
          Boolean(o.json),
          { changed: true },
          () => 'Your passphrase is changed. Your recovery code still works.',
        )
      }),
    )
}
