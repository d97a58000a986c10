import { say } from '../copy.ts'
import type { Command } from 'commander'

/**
 * One subcommand, loaded only when it runs. `summary` is the line `redress --help` lists (the
 * command's own description shows in `redress <name> --help`); `load` imports the command's
 * module and returns its register function, so `redress --help` and `redress calc` never load the
 * case file, the PDF libraries or the other commands.
 */
export interface LazyCommand {
  readonly name: string
  readonly summary: string
  readonly load: () => Promise<(program: Command) => void>
}

/** Every subcommand, registered in one place, in the order `--help` lists them. */
export const commands: ReadonlyArray<LazyCommand> = [
  {
    name: 'rules',
    get summary() {
      return say('commands.listTheRulesRates')
    },
    load: async () => (await import('./rules.command.ts')).registerRules,
  },
  {
    name: 'calc',
    get summary() {
      return say('commands.workOutWeeklyChild')
    },
    load: async () => (await import('./calc.command.ts')).registerCalc,
  },
  {
    name: 'deadline',
    get summary() {
      return say('commands.workOutATime')
    },
    load: async () => (await import('./deadline.command.ts')).registerDeadline,
  },
  {
    name: 'route',
    get summary() {
      return say('commands.findTheWaysTo')
    },
    load: async () => (await import('./route.command.ts')).registerRoute,
  },
  {
    name: 'case',
    get summary() {
      return say('commands.keepYourCaseFile')
    },
    load: async () => {
      const [{ registerCase }, { registerCaseReading }] = await Promise.all([
        import('./case.command.ts'),
        import('./read.command.ts'),
      ])
      return (program) => {
        registerCase(program)
        registerCaseReading(program) // case search, case read
      }
    },
  },
  {
    name: 'read',
    get summary() {
      return say('commands.readTheTextOf')
    },
    load: async () => (await import('./read.command.ts')).registerRead,
  },
  {
    name: 'letter',
    get summary() {
      return say('commands.writeALetterFrom')
    },
    load: async () => (await import('./letter.command.ts')).registerLetter,
  },
  {
    name: 'bundle',
    get summary() {
      return say('commands.buildATribunalBundle')
    },
    load: async () => (await import('./bundle.command.ts')).registerBundle,
  },
  {
    name: 'safe-mode',
    get summary() {
      return say('commands.keepYourCaseFile2')
    },
    load: async () => (await import('./safe-mode.command.ts')).registerSafeMode,
  },
  {
    name: 'arrears',
    get summary() {
      return say('commands.checkAnArrearsFigure')
    },
    load: async () => (await import('./arrears.command.ts')).registerArrears,
  },
]

/**
 * Whether a command line opens the case file and then does little heavy WebAssembly work of its
 * own, so it is better run on V8's baseline compiler only (see main.ts). `case read` and `read`
 * run OCR, whose hot loops need the optimising compiler. `bundle` does heavy MuPDF work, but was
 * measured both ways (300 mixed pages, 2026-12-06): the optimising tier saved no CPU beyond the
 * noise of a shared machine (build 2.9–3.7 s either way) and raised the peak from about 470 MB
 * to 910 MB, so it stays on the baseline compiler.
 */
export function prefersBaselineCompiler(args: readonly string[]): boolean {
  const [name, sub] = args
  if (name === 'case') return sub !== 'read'
  return name === 'letter' || name === 'bundle' || name === 'safe-mode'
}
