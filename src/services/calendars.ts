import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Temporal } from 'temporal-polyfill'
import { parseDocument } from 'yaml'
import { z } from 'zod'
import {
  makeCalendar,
  type Calendar,
  type Calendars,
  type Holiday,
  type HolidayYear,
} from '../domain/deadlines/calendar.ts'
import { NATIONS } from '../domain/deadlines/kinds.ts'
import type { Nation } from '../domain/deadlines/types.ts'
import type { PlainDate } from '../domain/shared/plain-date.ts'
import type { Confidence, Source } from '../domain/shared/traced.ts'
import { CONFIDENCES } from '../domain/shared/traced.ts'
import { fromRoot } from '../root.ts'

/**
 * Bank-holiday calendars for the deadline engine (not domain: it reads files and uses date-holidays, which
 * works with JS Dates). For each nation and year:
 *   - years in GOV.UK's list (rules/calendars/<nation>.yaml: 2012 and 2019–2027) use that list, whatever
 *     date-holidays says. The known differences are recorded in the YAML and checked by
 *     test/deadlines/bank-holidays.test.ts (2012: spring bank holiday moved to 4 June, which date-holidays
 *     puts on 28 May);
 *   - other years in COVERED_YEARS are computed by date-holidays (weekday public holidays only, so a holiday
 *     falling at a weekend counts through its substitute day), plus the YAML's `extra-days` (one-off
 *     proclamations date-holidays lacks, such as 29 April 2011), and are marked `computed`/unverified;
 *   - years outside COVERED_YEARS are absent, so the domain refuses them (OutsideRuleCoverage).
 */

export const CALENDARS_DIR = fromRoot('rules', 'calendars')

/** Years the calendars cover. date-holidays misses one-off days before 2011 (e.g. 2002, 1999), so we stop there. */
export const COVERED_YEARS = { from: 2008, to: 2040 } as const

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const confidence = z.enum(CONFIDENCES)
const holidayLine = z.string().regex(/^\d{4}-\d{2}-\d{2} \S.*$/, 'must be "YYYY-MM-DD Name"')

const calendarFileSchema = z.strictObject({
  division: z.enum(['england-and-wales', 'scotland', 'northern-ireland']),
  title: z.string(),
  source: z.strictObject({
    instrument: z.string(),
    provision: z.string(),
    url: z.url({ protocol: /^https$/ }),
  }),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.strictObject({ confidence, note: z.string().optional(), holidays: z.array(holidayLine).min(1) }),
  ),
  'date-holidays-differences': z
    .array(
      z.strictObject({ date: isoDate, 'only-in': z.enum(['gov-uk', 'date-holidays']), note: z.string() }),
    )
    .default([]),
  'extra-days': z.array(z.strictObject({ date: isoDate, name: z.string(), confidence })).default([]),
})

/** One nation's GOV.UK list as kept in rules/calendars/, checked. */
export interface GovUkCalendar {
  readonly nation: Nation
  readonly title: string
  readonly source: Source
  readonly years: ReadonlyMap<number, HolidayYear>
  readonly differences: readonly { date: PlainDate; onlyIn: 'gov-uk' | 'date-holidays'; note: string }[]
  readonly extraDays: readonly (Holiday & { confidence: Confidence })[]
}

const date = (text: string): PlainDate => Temporal.PlainDate.from(text, { overflow: 'reject' })

/** Reads and checks rules/calendars/<nation>.yaml. */
export function loadGovUkCalendar(nation: Nation, dir: string = CALENDARS_DIR): GovUkCalendar {
  const file = `${nation}.yaml`
  const doc = parseDocument(readFileSync(join(dir, file), 'utf8'), { uniqueKeys: true })
  if (doc.errors.length > 0)
    throw new Error(`calendars/${file}: ${doc.errors.map((e) => e.message).join('; ')}`)
  const parsed = calendarFileSchema.safeParse(doc.toJS())
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
    throw new Error(`calendars/${file}: ${issues.join('; ')}`)
  }
  const data = parsed.data
  if (data.division !== nation) throw new Error(`calendars/${file}: division is "${data.division}"`)
  const years = new Map<number, HolidayYear>()
  for (const [yearText, y] of Object.entries(data.years)) {
    const year = Number(yearText)
    const holidays = y.holidays.map((line) => ({
      date: date(line.slice(0, 10)),
      name: line.slice(11).trim(),
    }))
    for (const h of holidays) {
      if (h.date.year !== year)
        throw new Error(`calendars/${file}: ${h.date.toString()} is listed under ${year}`)
      if (h.date.dayOfWeek >= 6) throw new Error(`calendars/${file}: ${h.date.toString()} is a weekend day`)
    }
    years.set(year, { year, origin: 'gov.uk', confidence: y.confidence, holidays })
  }
  return {
    nation,
    title: data.title,
    source: data.source,
    years,
    differences: data['date-holidays-differences'].map((d) => ({
      date: date(d.date),
      onlyIn: d['only-in'],
      note: d.note,
    })),
    extraDays: data['extra-days'].map((d) => ({
      date: date(d.date),
      name: d.name,
      confidence: d.confidence,
    })),
  }
}

/** date-holidays' answers for the years GOV.UK does not list, written by `npm run rules:holidays`. */
export const COMPUTED_FILE = join(CALENDARS_DIR, 'computed.json')

const computedFileSchema = z.strictObject({
  'generated-by': z.string(),
  nations: z.record(
    z.enum(['england-and-wales', 'scotland', 'northern-ireland']),
    z.record(z.string().regex(/^\d{4}$/), z.array(holidayLine)),
  ),
})

/** The file's text: one holiday a line, so a change in the library shows as a readable diff. */
export function computedFileContents(
  nations: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
  library: string,
): string {
  // copy: not user-facing (the command that wrote a rules file, recorded in the file)
  return `${JSON.stringify({ 'generated-by': `npm run rules:holidays (date-holidays ${library})`, nations }, null, 2)}\n`
}

let computedCache: z.infer<typeof computedFileSchema>['nations'] | null = null

/** date-holidays' weekday public holidays for a nation and year, as rules/calendars/computed.json records them. */
export function computedHolidays(nation: Nation, year: number): Holiday[] {
  if (!computedCache) {
    const parsed = computedFileSchema.safeParse(JSON.parse(readFileSync(COMPUTED_FILE, 'utf8')))
    if (!parsed.success)
      throw new Error(`calendars/computed.json: ${parsed.error.issues.map((i) => i.message).join('; ')}`)
    computedCache = parsed.data.nations
  }
  // A covered year missing from the file would silently lose its holidays: refuse instead.
  const lines = computedCache[nation]?.[String(year)]
  if (!lines)
    throw new Error(`calendars/computed.json has no ${year} for ${nation}: run npm run rules:holidays`)
  return lines.map((line) => ({ date: date(line.slice(0, 10)), name: line.slice(11) }))
}

const govUkCache = new Map<Nation, GovUkCalendar>()
const govUk = (nation: Nation): GovUkCalendar => {
  let c = govUkCache.get(nation)
  if (!c) {
    c = loadGovUkCalendar(nation)
    govUkCache.set(nation, c)
  }
  return c
}

const yearCache = new Map<string, HolidayYear>()

/** One nation's holidays for one year: GOV.UK's list where we have it, otherwise computed. */
export function holidayYear(nation: Nation, year: number): HolidayYear {
  const key = `${nation}:${year}`
  const cached = yearCache.get(key)
  if (cached) return cached
  const gov = govUk(nation)
  const listed = gov.years.get(year)
  let result: HolidayYear
  if (listed) result = listed
  else {
    const computed = computedHolidays(nation, year)
    const extras = gov.extraDays.filter((d) => d.date.year === year)
    const known = new Set(computed.map((h) => h.date.toString()))
    const holidays = [...computed, ...extras.filter((d) => !known.has(d.date.toString()))].sort((a, b) =>
      Temporal.PlainDate.compare(a.date, b.date),
    )
    result = { year, origin: 'computed', confidence: 'unverified', holidays }
  }
  yearCache.set(key, result)
  return result
}

/** One nation's calendar for the given years (clipped to COVERED_YEARS). */
export function buildCalendar(nation: Nation, fromYear: number, toYear: number): Calendar {
  const years: HolidayYear[] = []
  for (let y = Math.max(fromYear, COVERED_YEARS.from); y <= Math.min(toYear, COVERED_YEARS.to); y++) {
    years.push(holidayYear(nation, y))
  }
  return makeCalendar(nation, govUk(nation).source, years)
}

/** Calendars for all three nations over the given years (default: every covered year). */
export function buildCalendars(
  fromYear: number = COVERED_YEARS.from,
  toYear: number = COVERED_YEARS.to,
): Calendars {
  const entries = NATIONS.map((n) => [n, buildCalendar(n, fromYear, toYear)] as const)
  return Object.fromEntries(entries) as Record<Nation, Calendar>
}

/**
 * Calendars wide enough for deadlines triggered between `from` and `to`: the year before (an act-by date can
 * move back over New Year) to three years after (13 months, plus a roll-forward, plus the outer limit).
 */
export function calendarsCovering(from: PlainDate, to: PlainDate = from): Calendars {
  return buildCalendars(from.year - 1, to.year + 3)
}
