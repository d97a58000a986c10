import type { Command } from 'commander'
import { registerCalc } from './calc.command.ts'
import { registerCase } from './case.command.ts'
import { registerLetter } from './letter.command.ts'
import { registerBundle } from './bundle.command.ts'
import { registerDeadline } from './deadline.command.ts'
import { registerRoute } from './route.command.ts'
import { registerRules } from './rules.command.ts'
import { registerSafeMode } from './safe-mode.command.ts'
import { registerArrears } from './arrears.command.ts'

/** Every subcommand, registered in one place. Each module exports one register function. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerRules,
  registerCalc,
  registerDeadline,
  registerRoute,
  registerCase,
  registerLetter,
  registerBundle,
  registerSafeMode,
  registerArrears,
]
