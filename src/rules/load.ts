import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { parseDocument } from 'yaml'
import { Temporal } from 'temporal-polyfill'
import { RuleBook, type PendingPeriod, type Rule, type RulePeriod } from '../domain/shared/rule-book.ts'
import { ruleFileSchema } from './schema.ts'
import { fromRoot } from '../root.ts'

export const RULES_DIR = fromRoot('rules') + '/'

export class RuleFileError extends Error {
  override name = 'RuleFileError'
}

/** Folders of rules/ that hold data with its own loader rather than dated rules. */
const NOT_RULES = new Set(['calendars'])

/**
 * Rule files are the YAML files inside rules/'s subfolders. Files at the top (contacts.yaml),
 * the calendars/ folder and worked-case tables (*.cases.yaml) are data with loaders of their own.
 */
function* yamlFiles(dir: string, depth = 0): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) {
      if (!(depth === 0 && NOT_RULES.has(name))) yield* yamlFiles(full, depth + 1)
    } else if (depth > 0 && name.endsWith('.yaml') && !name.endsWith('.cases.yaml')) yield full
  }
}

/** Parses and checks one rule file's text. `path` is relative to the rules folder, for messages and the id check. */
export function parseRule(text: string, path: string): Rule {
  const doc = parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0)
    throw new RuleFileError(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`)
  const parsed = ruleFileSchema.safeParse(doc.toJS())
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
    throw new RuleFileError(`${path}: ${issues.join('; ')}`)
  }
  const file = parsed.data
  const expectedId = path
    .replace(/\.yaml$/, '')
    .split(sep)
    .join('.')
  if (file.id !== expectedId) throw new RuleFileError(`${path}: id "${file.id}" should be "${expectedId}"`)

  const day = (text: string, what: string): Temporal.PlainDate => {
    try {
      return Temporal.PlainDate.from(text, { overflow: 'reject' })
    } catch {
      throw new RuleFileError(`${path}: ${what} "${text}" is not a real calendar date`)
    }
  }
  const checked = day(file.checked, 'checked')
  const toPeriod = (p: (typeof file.periods)[number], to: Temporal.PlainDate | null): RulePeriod => {
    if (p.from === 'unknown')
      throw new RuleFileError(`${path}: only an announced or enacted period may start on "unknown"`)
    return {
      from: day(p.from, 'from'),
      to,
      confidence: p.confidence,
      status: p.status,
      source: p.source ?? file.source,
      value: p.value,
      ...(p.note === undefined ? {} : { note: p.note }),
    }
  }
  const toPending = (p: (typeof file.periods)[number]): PendingPeriod => {
    if (p.status === 'in-force') throw new RuleFileError(`${path}: internal: not a pending period`)
    if (p.from === 'unknown' && p.to !== undefined)
      throw new RuleFileError(`${path}: a period starting on "unknown" cannot have "to"`)
    return {
      from: p.from === 'unknown' ? null : day(p.from, 'from'),
      to: p.to === undefined ? null : day(p.to, 'to'),
      confidence: p.confidence,
      status: p.status,
      source: p.source ?? file.source,
      value: p.value,
      ...(p.note === undefined ? {} : { note: p.note }),
    }
  }

  const inForce = file.periods.filter((p) => p.status === 'in-force')
  const announced = file.periods.filter((p) => p.status !== 'in-force')
  if (inForce.length === 0) throw new RuleFileError(`${path}: no period is in force`)
  const periods: RulePeriod[] = []
  for (let i = 0; i < inForce.length; i++) {
    const p = inForce[i]!
    const next = inForce[i + 1]
    if (p.from === 'unknown')
      throw new RuleFileError(`${path}: only an announced or enacted period may start on "unknown"`)
    const from = day(p.from, 'from')
    if (next) {
      if (p.to !== undefined)
        throw new RuleFileError(
          `${path}: period from ${p.from} has "to" but is not the last (periods run on)`,
        )
      if (next.from === 'unknown')
        throw new RuleFileError(`${path}: only an announced or enacted period may start on "unknown"`)
      const nextFrom = day(next.from, 'from')
      if (Temporal.PlainDate.compare(nextFrom, from) < 0)
        throw new RuleFileError(`${path}: periods are out of order at ${next.from}`)
      if (Temporal.PlainDate.compare(nextFrom, from) === 0)
        throw new RuleFileError(`${path}: two periods start on ${p.from} (overlap)`)
      periods.push(toPeriod(p, nextFrom.subtract({ days: 1 })))
    } else {
      const to = p.to === undefined ? null : day(p.to, 'to')
      if (to && Temporal.PlainDate.compare(to, from) < 0)
        throw new RuleFileError(`${path}: period from ${p.from} ends before it starts`)
      periods.push(toPeriod(p, to))
    }
  }
  return {
    id: file.id,
    title: file.title,
    source: file.source,
    checked,
    periods,
    announced: announced.map(toPending),
  }
}

/** Loads every rule under `dir`; fails on the first bad file, a duplicate id, a gap or an overlap. */
export function loadRuleBook(dir: string = RULES_DIR): RuleBook {
  const rules: Rule[] = []
  const seen = new Set<string>()
  for (const file of yamlFiles(dir)) {
    const rel = relative(dir, file)
    const rule = parseRule(readFileSync(file, 'utf8'), rel)
    if (seen.has(rule.id)) throw new RuleFileError(`${rel}: duplicate rule id ${rule.id}`)
    seen.add(rule.id)
    rules.push(rule)
  }
  return new RuleBook(rules)
}

let cached: RuleBook | undefined
/** The project's rules, loaded once per process. */
export function rules(): RuleBook {
  return (cached ??= loadRuleBook())
}
