import { say } from '../copy.ts'
import { statSync } from 'node:fs'
import type { Command } from 'commander'
import { BadInput, action, checkOutFile, output } from '../io.ts'
import { CLI_ACTOR } from '../services.ts'
import { ARCHIVE_MAGIC, passphraseFromEnvironment, passphraseFromFile } from '../../services/safe-mode.ts'
import { progressBar, withCases, type JsonOpt } from './case-shared.ts'
import { saveWhole } from '../../documents/whole-file.ts'

/** True when `file` is an encrypted case archive (a safe-mode export). */
async function isEncryptedArchive(file: string): Promise<boolean> {
  const { open } = await import('node:fs/promises')
  const handle = await open(file, 'r')
  try {
    const head = Buffer.alloc(ARCHIVE_MAGIC.length)
    await handle.read(head, 0, head.length, 0)
    return head.equals(ARCHIVE_MAGIC)
  } finally {
    await handle.close()
  }
}

/** `redress case export|import|chronology`: a case as one file to keep or move, and on paper. */
export function registerCaseArchive(cmd: Command): void {
  cmd
    .command('export <caseId> <file>')
    .description(say('case.exportTheWholeCase'))
    .option('--unencrypted', say('case.inSafeModeWrite'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (caseId: string, file: string, o: JsonOpt & { unencrypted?: boolean }) => {
        checkOutFile('file', file)
        await withCases(async (s) => {
          let bar: ReturnType<typeof progressBar> | null = null
          const manifest = await s.caseArchive.export(
            CLI_ACTOR,
            caseId,
            file,
            (done, total) => {
              bar ??= progressBar(total, say('case.progressExporting'))
              bar.update(done)
            },
            { unencrypted: Boolean(o.unencrypted) },
          )
          ;(bar as ReturnType<typeof progressBar> | null)?.stop()
          output(Boolean(o.json), manifest, () =>
            say('case.exportedTheCaseTo', { file, length: manifest.files.length }),
          )
        })
      }),
    )

  cmd
    .command('import <file>')
    .description(say('case.importACaseArchive'))
    .option('--archive-passphrase-file <file>', say('case.forAnEncryptedArchive'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (file: string, o: JsonOpt & { archivePassphraseFile?: string }) => {
        let size = 0
        try {
          size = statSync(file).size
        } catch {
          throw new BadInput('file', say('case.thereIsNoFile', { file }))
        }
        await withCases(async (s) => {
          const bar = progressBar(size, say('case.progressImporting'))
          try {
            const passphrase = (await isEncryptedArchive(file))
              ? o.archivePassphraseFile
                ? passphraseFromFile(o.archivePassphraseFile)
                : ((await passphraseFromEnvironment(say('case.passphraseOfTheArchive'))) ?? undefined)
              : undefined
            const c = await s.caseArchive.import(CLI_ACTOR, file, (n) => bar.update(n), {
              ...(passphrase ? { passphrase } : {}),
            })
            bar.stop()
            output(Boolean(o.json), c, () =>
              c.importedAsCopy
                ? say('case.thatCaseWasAlready', { title: c.title, id: c.id })
                : say('case.importedTheCase', { title: c.title, id: c.id }),
            )
          } finally {
            bar.stop()
          }
        })
      }),
    )

  cmd
    .command('chronology <caseId> <file>')
    .description(say('case.writeAPrintableChronology'))
    .option('--include-sensitive', say('case.includeTheOtherParent'))
    .action(
      action(async (caseId: string, file: string, o: { includeSensitive?: boolean }) => {
        checkOutFile('file', file)
        await withCases(async (s) => {
          const pdf = await s.chronology.pdf(CLI_ACTOR, caseId, {
            includeSensitive: Boolean(o.includeSensitive),
          })
          saveWhole(file, pdf)
          process.stdout.write(say('case.wroteTheChronologyTo', { file }))
        })
      }),
    )
}
