import { say } from '../copy.ts'
import { message } from '../../domain/shared/message.ts'
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

const FILE_HELP = (): string => say('safeMode.readThePassphraseFrom')

/** The passphrase from the file (option or environment), else asked at the terminal; BadInput when neither. */
async function secret(field: string, question: string, file?: string): Promise<string> {
  const path = file ?? process.env.REDRESS_PASSPHRASE_FILE
  if (path) return passphraseFromFile(path)
  const typed = await askSecret(question)
  if (typed === null) throw new BadInput(field, say('safeMode.noTerminalToAsk'))
  return typed
}

/** A new passphrase: from a file as is, or typed twice at the terminal. */
async function newSecret(field: string, file?: string): Promise<string> {
  if (file) return passphraseFromFile(file)
  const first = await secret(field, say('safeMode.newPassphraseAtLeast', { minPassphrase: MIN_PASSPHRASE }))
  if (process.env.REDRESS_PASSPHRASE_FILE) return first
  const again = await secret(field, say('safeMode.theSamePassphraseAgain'))
  if (again !== first) throw new BadInput(field, say('safeMode.theTwoPassphrasesAre'))
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
  const s = await secret('passphrase', say('safeMode.passphraseOrRecoveryCode'), file)
  try {
    await vault.unlock(s)
  } catch (error) {
    if (!(error instanceof WrongKey)) throw error
    await new Promise((r) => setTimeout(r, 1000))
    throw new SafeModeLocked(message('cli.safeMode.redressIsLockedThat'))
  }
}

const WARNING = (): string => say('safeMode.safeModeEncryptsYour')

export function registerSafeMode(program: Command): void {
  const cmd = program
    .command('safe-mode')
    .description(say('safeMode.safeModeKeepYour', { warning: WARNING() }))

  cmd
    .command('status')
    .description(say('safeMode.sayWhetherSafeMode'))
    .option('--json', say('program.machineReadableOutput'))
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
              ? say('safeMode.safeModeIsOn', {
                  dataDir: config.dataDir,
                  value: config.databaseUrl ? say('safeMode.withDatabaseUrlEvidence') : '',
                })
              : say('safeMode.safeModeIsOff', { dataDir: config.dataDir }),
        )
      }),
    )

  cmd
    .command('enable')
    .description(say('safeMode.turnSafeModeOn'))
    .option('--passphrase-file <file>', FILE_HELP())
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (o: { passphraseFile?: string; json?: boolean }) => {
        if (!o.passphraseFile && !process.env.REDRESS_PASSPHRASE_FILE) process.stderr.write(`${WARNING()}\n`)
        const passphrase = await newSecret('passphrase', o.passphraseFile)
        if ([...passphrase].length < MIN_PASSPHRASE)
          throw new BadInput('passphrase', say('safeMode.mustBeAtLeast', { minPassphrase: MIN_PASSPHRASE }))
        const code = await withVault((v) => {
          if (v.status !== 'off') throw new Error('Safe mode is already on.')
          return v.enable(passphrase)
        })
        output(Boolean(o.json), { safeMode: 'on', recoveryCode: code }, () =>
          [
            say('safeMode.safeModeIsOn2'),
            '',
            say('safeMode.yourRecoveryCodeIt'),
            '',
            `    ${code}`,
            '',
            say('safeMode.itOpensYourCase'),
          ].join('\n'),
        )
      }),
    )

  cmd
    .command('disable')
    .description(say('safeMode.turnSafeModeOff'))
    .option('--passphrase-file <file>', FILE_HELP())
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (o: { passphraseFile?: string; json?: boolean }) => {
        await withVault(async (v) => {
          if (v.status === 'off') throw new Error('Safe mode is already off.')
          await unlock(v, o.passphraseFile)
          await v.disable()
        })
        output(Boolean(o.json), { safeMode: 'off' }, () => say('safeMode.safeModeIsOff2'))
      }),
    )

  cmd
    .command('change-passphrase')
    .description(say('safeMode.chooseANewPassphrase'))
    .option('--passphrase-file <file>', say('safeMode.theCurrentPassphrase', { fileHelp: FILE_HELP() }))
    .option('--new-passphrase-file <file>', say('safeMode.readTheNewPassphrase'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (o: { passphraseFile?: string; newPassphraseFile?: string; json?: boolean }) => {
        const config = loadConfig()
        if (!readKeyFile(config.dataDir)) throw new Error('Safe mode is off.')
        const current = await secret(
          'passphrase',
          say('safeMode.currentPassphraseOrRecovery'),
          o.passphraseFile,
        )
        const next = o.newPassphraseFile
          ? passphraseFromFile(o.newPassphraseFile)
          : await (async () => {
              const first = await askSecret(
                say('safeMode.newPassphraseAtLeast', { minPassphrase: MIN_PASSPHRASE }),
              )
              const again = first === null ? null : await askSecret(say('safeMode.theSamePassphraseAgain'))
              if (first === null) throw new BadInput('new-passphrase-file', 'give --new-passphrase-file FILE')
              if (first !== again) throw new BadInput('new passphrase', say('safeMode.theTwoPassphrasesAre'))
              return first
            })()
        if ([...next].length < MIN_PASSPHRASE)
          throw new BadInput(
            'new passphrase',
            say('safeMode.mustBeAtLeast', { minPassphrase: MIN_PASSPHRASE }),
          )
        await withVault(async (v) => {
          try {
            await v.changePassphrase(current, next)
          } catch (error) {
            if (!(error instanceof WrongKey)) throw error
            await new Promise((r) => setTimeout(r, 1000))
            throw new SafeModeLocked(message('cli.safeMode.redressIsLockedThat'))
          }
        })
        output(Boolean(o.json), { changed: true }, () => say('safeMode.yourPassphraseIsChanged'))
      }),
    )
}
