import type { Command } from 'commander'
import { registerRules } from './rules.command.ts'

/** Every subcommand, registered in one place. Each module exports one register function. */
export const commands: ReadonlyArray<(program: Command) => void> = [registerRules]
