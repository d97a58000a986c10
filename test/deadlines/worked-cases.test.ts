import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { z } from 'zod'
import { addWorkingDays } from '../../src/domain/deadlines/calendar.ts'
import { computeDeadline } from '../../src/domain/deadlines/compute-deadline.ts'
import { addCalendarMonths, addDays } from '../../src/domain/deadlines/date-arithmetic.ts'
import { DEADLINE_KINDS, NATIONS } from '../../src/domain/deadlines/kinds.ts'
import { dateOfNotification, deemedPostalDelivery } from '../../src/domain/deadlines/notification.ts'
import { anyTimeRevisionGrounds } from '../../src/domain/deadlines/revision-grounds.ts'
import type { DeadlineKind, Nation } from '../../src/domain/deadlines/types.ts'
import { DEADLINES_DIR, book, calendars, d } from './fixtures.ts'

/**
 * Runs every worked case in rules/deadlines/*.cases.yaml: the 35 deadline test cases of the procedure
 * research (§11, named "§11 #n"), the persona dates, and derived cases. Each file is named after its rule.
 */

const nation = z.enum(NATIONS as [Nation, ...Nation[]])
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

const input = z.union([
  z.strictObject({
    kind: z.enum(DEADLINE_KINDS as [DeadlineKind, ...DeadlineKind[]]),
    from: date,
    nation,
    residentAbroad: z.boolean().optional(),
  }),
  z.strictObject({ operation: z.literal('add-calendar-months'), date, months: z.number().int() }),
  z.strictObject({ operation: z.literal('add-days'), date, days: z.number().int() }),
  z.strictObject({ operation: z.literal('add-working-days'), date, days: z.number().int(), nation }),
  z.strictObject({
    operation: z.literal('deemed-postal-delivery'),
    posted: date,
    class: z.enum(['first', 'second']),
    nation,
  }),
  z.strictObject({
    operation: z.literal('date-of-notification'),
    letterDated: date.optional(),
    postedOn: date.optional(),
    receivedOn: date.optional(),
  }),
  z.strictObject({ operation: z.literal('any-time-revision-grounds'), on: date, nation }),
])

const expected = z.strictObject({
  date: date.optional(),
  deadline: date.optional(),
  actBy: date.optional(),
  outerLimit: date.nullable().optional(),
  timeOfDay: z.string().nullable().optional(),
  confidence: z.enum(['verified', 'secondary', 'unverified']).optional(),
  readings: z.array(z.strictObject({ key: z.string(), date, status: z.string() })).optional(),
  grounds: z.array(z.string()).optional(),
})

const caseSchema = z.strictObject({ name: z.string(), input, expected, source: z.string() })
type WorkedCase = z.infer<typeof caseSchema>

const files = readdirSync(DEADLINES_DIR).filter((f) => f.endsWith('.cases.yaml'))
const cases = files.flatMap((file) =>
  z
    .array(caseSchema)
    .parse(parse(readFileSync(join(DEADLINES_DIR, file), 'utf8')))
    .map((c) => ({ file, ...c })),
)

function run(c: WorkedCase): Record<string, unknown> {
  const i = c.input
  if ('kind' in i) {
    const r = computeDeadline(book, calendars, {
      kind: i.kind,
      from: d(i.from),
      nation: i.nation,
      residentAbroad: i.residentAbroad ?? false,
    })
    return {
      deadline: r.deadline.toString(),
      actBy: r.actBy.toString(),
      outerLimit: r.outerLimit?.toString() ?? null,
      timeOfDay: r.timeOfDay,
      confidence: r.confidence,
      readings: r.readings
        .filter((x) => x.status !== 'legal')
        .map((x) => ({ key: x.key, date: x.date.toString(), status: x.status })),
    }
  }
  switch (i.operation) {
    case 'add-calendar-months':
      return { date: addCalendarMonths(d(i.date), i.months).date.toString() }
    case 'add-days':
      return { date: addDays(d(i.date), i.days).toString() }
    case 'add-working-days':
      return { date: addWorkingDays(d(i.date), i.days, calendars[i.nation]).date.toString() }
    case 'deemed-postal-delivery':
      return {
        date: deemedPostalDelivery(book, calendars, {
          posted: d(i.posted),
          postClass: i.class,
          nation: i.nation,
        }).value.toString(),
      }
    case 'date-of-notification': {
      const facts = {
        ...(i.letterDated ? { letterDated: d(i.letterDated) } : {}),
        ...(i.postedOn ? { postedOn: d(i.postedOn) } : {}),
        ...(i.receivedOn ? { receivedOn: d(i.receivedOn) } : {}),
      }
      return { date: dateOfNotification(book, facts).value.toString() }
    }
    case 'any-time-revision-grounds':
      return { grounds: anyTimeRevisionGrounds(book, d(i.on), i.nation).value.map((g) => g.key) }
  }
}

describe('worked cases in rules/deadlines/*.cases.yaml', () => {
  it.each(cases.map((c) => [`${c.name} (${c.file})`, c] as const))('%s', (_name, c) => {
    const actual = run(c)
    const wanted = Object.fromEntries(Object.entries(c.expected).filter(([, v]) => v !== undefined))
    const got = Object.fromEntries(Object.keys(wanted).map((k) => [k, actual[k]]))
    expect(got).toEqual(wanted)
  })

  it('covers all 35 deadline test cases of procedure research §11', () => {
    const numbers = new Set(
      cases.flatMap((c) => [...c.name.matchAll(/§11 #(\d+)/g)].map((m) => Number(m[1]))),
    )
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1))
  })

  it('has a cases file for every deadline rule', () => {
    const rules = readdirSync(DEADLINES_DIR).filter((f) => f.endsWith('.yaml') && !f.endsWith('.cases.yaml'))
    for (const rule of rules) expect(files).toContain(rule.replace(/\.yaml$/, '.cases.yaml'))
  })
})
