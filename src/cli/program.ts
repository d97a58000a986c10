import { say } from './copy.ts'
import { Command, CommanderError } from 'commander'
import { readFileSync } from 'node:fs'
import { commands } from './commands/index.ts'
import { EXIT } from './io.ts'
import { fromRoot } from '../root.ts'

const DESCRIPTION = (): string => say('program.redressCheckAChild')

/**
 * The subcommand `argv` asks for, if any: the first word that is not an option (the program's own
 * options, -h and -V, take no value), or the word after `help`.
 */
export function requestedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'))
  return words[0] === 'help' ? (words[1] ?? 'help') : words[0]
}

/**
 * Builds the `redress` program. Only the subcommand that `argv` names is loaded and registered in
 * full; the others are listed by name and summary (enough for `--help` and for commander to refuse
 * an unknown command), so a run never loads code it does not use. With no `argv`, every command is
 * loaded (for tests that inspect the whole program).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const version = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version
  const program = new Command('redress')
    .description(DESCRIPTION())
    .version(version, '-V, --version', say('program.printTheVersion'))
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError(say('program.runWithHelpFor'))
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`redress: ${str.replace(/^error: /, '')}`) })
  const wanted = argv === undefined ? undefined : requestedCommand(argv)
  for (const entry of commands) {
    if (argv === undefined || entry.name === wanted) (await entry.load())(program)
    else program.command(entry.name).summary(entry.summary)
  }
  for (const sub of program.commands) sub.exitOverride()
  return program
}

/** Runs the CLI; resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = await buildProgram(argv)
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
