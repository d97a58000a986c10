import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RuleBook } from '../../src/domain/shared/rule-book.ts'
import { RULES_DIR, parseRule } from '../../src/rules/load.ts'
import { buildCalendars } from '../../src/services/calendars.ts'
import { parseDate } from '../../src/domain/shared/plain-date.ts'

export const DEADLINES_DIR = join(RULES_DIR, 'deadlines')

/** The deadline rules only, parsed by the project's loader (other areas' rules cannot break these tests). */
export function deadlineRuleBook(): RuleBook {
  const files = readdirSync(DEADLINES_DIR).filter((f) => f.endsWith('.yaml') && !f.endsWith('.cases.yaml'))
  return new RuleBook(
    files.map((f) => parseRule(readFileSync(join(DEADLINES_DIR, f), 'utf8'), join('deadlines', f))),
  )
}

export const book = deadlineRuleBook()
export const calendars = buildCalendars()
export const d = (text: string) => parseDate(text)
