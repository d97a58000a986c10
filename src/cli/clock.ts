import { loadConfig } from '../config.ts'
import { clockFor, type Clock } from '../services/clock.ts'

/**
 * The command line's clock: the real date in the UK, or the day REDRESS_TODAY fixes (tests and
 * demonstrations). Every command asks this (or gets it from createServices), so one setting moves
 * "today" everywhere. Kept apart from ./services.ts so commands without a database load little.
 */
export function cliClock(): Clock {
  return clockFor(loadConfig().today)
}
