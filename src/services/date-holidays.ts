import Holidays from 'date-holidays'
import { Temporal } from 'temporal-polyfill'
import type { Holiday } from '../domain/deadlines/calendar.ts'
import type { Nation } from '../domain/deadlines/types.ts'

/**
 * The pinned date-holidays library, asked directly. Only the generator of
 * rules/calendars/computed.json (`npm run rules:holidays`) and the cross-check test use it: the
 * server and the CLI read that file instead, so they never load the library (it parses every time
 * zone in the world as it loads, which cost a fifth of the server's start-up).
 */

const REGION: Readonly<Record<Nation, string>> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
}

const libraries = new Map<Nation, Holidays>()

/** date-holidays' public holidays for a nation and year that fall on weekdays (the days people get off). */
export function dateHolidaysFor(nation: Nation, year: number): Holiday[] {
  let lib = libraries.get(nation)
  if (!lib) {
    lib = new Holidays('GB', REGION[nation])
    libraries.set(nation, lib)
  }
  const seen = new Set<string>()
  const out: Holiday[] = []
  for (const h of lib.getHolidays(year)) {
    if (h.type !== 'public') continue
    const d = Temporal.PlainDate.from(h.date.slice(0, 10), { overflow: 'reject' })
    if (d.dayOfWeek >= 6 || seen.has(d.toString())) continue
    seen.add(d.toString())
    out.push({ date: d, name: h.name })
  }
  return out.sort((a, b) => Temporal.PlainDate.compare(a.date, b.date))
}
