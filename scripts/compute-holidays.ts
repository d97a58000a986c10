/**
 * Writes rules/calendars/computed.json: date-holidays' weekday public holidays for every nation and
 * every covered year, so the server and the CLI read a small file instead of loading the library.
 * Run `npm run rules:holidays` after changing the pinned date-holidays version or COVERED_YEARS;
 * test/deadlines/bank-holidays.test.ts fails while the file and the library disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { NATIONS } from '../src/domain/deadlines/kinds.ts'
import { COMPUTED_FILE, COVERED_YEARS, computedFileContents } from '../src/services/calendars.ts'
import { dateHolidaysFor } from '../src/services/date-holidays.ts'

const nations = Object.fromEntries(
  NATIONS.map((nation) => {
    const years: Record<string, string[]> = {}
    for (let y = COVERED_YEARS.from; y <= COVERED_YEARS.to; y++)
      years[String(y)] = dateHolidaysFor(nation, y).map((h) => `${h.date.toString()} ${h.name}`)
    return [nation, years]
  }),
)
const library = (
  JSON.parse(
    readFileSync(new URL('../node_modules/date-holidays/package.json', import.meta.url), 'utf8'),
  ) as {
    version: string
  }
).version
writeFileSync(COMPUTED_FILE, computedFileContents(nations, library))
process.stdout.write(`Wrote ${COMPUTED_FILE}\n`)
