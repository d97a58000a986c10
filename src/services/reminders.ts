import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { z } from 'zod'
import type { CaseNation, ReminderRules } from '../domain/case/index.ts'
import { deadlineNation } from '../domain/case/index.ts'
import { addWorkingDays, isWorkingDay } from '../domain/deadlines/calendar.ts'
import type { PlainDate } from '../domain/shared/plain-date.ts'
import { fromRoot } from '../root.ts'
import { calendarsCovering } from './calendars.ts'

/**
 * Loads rules/reminders.yaml: Redress's own defaults for the reminders it adds to a case file (not law),
 * with working days counted on the case's nation's bank-holiday calendar.
 */

export const REMINDERS_FILE = fromRoot('rules', 'reminders.yaml')

const workingDays = z
  .string()
  // copy: not user-facing (a maintainer's error in rules/reminders.yaml, refused at start-up)
  .regex(/^\d{1,2} working days?$/, 'must be written "N working days"')
  .transform((s) => Number(s.split(' ')[0]))

const entry = z.strictObject({
  label: z.string().min(3),
  value: workingDays,
  basis: z.string().min(10),
  'checked-on': z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
})

const file = z.strictObject({
  'call-promise-follow-up': entry,
  'check-arrived-after-posting': entry,
  'check-arrived-before-deadline': entry,
})

export class RemindersFileError extends Error {
  override name = 'RemindersFileError'
}

/** Counts working days forwards (n > 0) or backwards (n < 0) in the nation's calendar. */
export function countWorkingDays(from: PlainDate, n: number, nation: CaseNation): PlainDate {
  const calendar = calendarsCovering(from)[deadlineNation(nation)]
  if (n >= 0) return addWorkingDays(from, n, calendar).date
  let d = from
  for (let counted = 0; counted < -n;) {
    d = d.subtract({ days: 1 })
    if (isWorkingDay(d, calendar)) counted++
  }
  return d
}

export function parseReminders(text: string, path = 'reminders.yaml'): ReminderRules {
  const doc = parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0)
    throw new RemindersFileError(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`)
  const parsed = file.safeParse(doc.toJS())
  if (!parsed.success)
    throw new RemindersFileError(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`,
    )
  const r = parsed.data
  return {
    callPromiseFollowUp: r['call-promise-follow-up'].value,
    checkArrivedAfterPosting: r['check-arrived-after-posting'].value,
    checkArrivedBeforeDeadline: r['check-arrived-before-deadline'].value,
    addWorkingDays: countWorkingDays,
  }
}

let cached: ReminderRules | undefined
/** The project's reminder defaults, loaded once per process. */
export function reminders(): ReminderRules {
  return (cached ??= parseReminders(readFileSync(REMINDERS_FILE, 'utf8'), REMINDERS_FILE))
}
