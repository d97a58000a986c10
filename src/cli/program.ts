import { Command, CommanderError } from 'commander'
import { readFileSync } from 'node:fs'
import { commands } from './commands/index.ts'
import { EXIT } from './io.ts'
import { fromRoot } from '../root.ts'

const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as {
  version: string
}

/** Builds the `redress` program with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('redress')
    .description(
      'Redress: check a child maintenance calculation, find the right way to challenge a CMS decision, and keep your case file.\nNot legal advice: for free help, contact Citizens Advice, Gingerbread, One Parent Families Scotland or a law centre.',
    )
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for the options)')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`redress: ${str.replace(/^error: /, '')}`) })
  for (const register of commands) register(program)
  for (const sub of program.commands) sub.exitOverride()
  return program
}

/** Runs the CLI; resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync(argv, { from: 'user' })
    return Number(process.exitCode ?? EXIT.ok)
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok // --help, --version
      return EXIT.badInput
    }
    throw error
  }
}
