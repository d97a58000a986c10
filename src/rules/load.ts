import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { createRequire } from 'node:module'
import type * as YamlModule from 'yaml'
import { Temporal } from 'temporal-polyfill'
import { parseDate } from '../domain/shared/plain-date.ts'
import { RuleBook, type PendingPeriod, type Rule, type RulePeriod } from '../domain/shared/rule-book.ts'
import { ruleFileSchema, type RuleFile } from './schema.ts'
import { compiledRules, type CompiledRule } from './compiled.ts'
import { VALUE_CHECKS } from './values.ts'
import { fromRoot } from '../root.ts'
import { message, type Message, type MessageParams } from '../domain/shared/message.ts'
import { WordedError, wordsOf } from '../copy/worded-error.ts'

export const RULES_DIR = fromRoot('rules') + '/'

/** A problem with a rule file (`platform.rules.<key>` in platform.json). */
export const ruleProblem = (key: string, params?: MessageParams): Message =>
  message(`platform.rules.${key}`, params)

/**
 * A rule file that cannot be used, naming the file (`path`, inside rules/) and what is wrong. The
 * message is in English; `copy` is the same sentence as a Message for whoever shows it.
 */
export class RuleFileError extends WordedError {
  override name = 'RuleFileError'
  constructor(
    readonly path: string,
    problem: Message,
  ) {
    super(ruleProblem('inFile', { path, problem }))
  }
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

/**
 * The YAML parser, loaded on first use: a bundled run reads the rule book compiled at build time
 * and never needs it.
 */
const yaml = (): typeof YamlModule => createRequire(import.meta.url)('yaml') as typeof YamlModule

/** One rule file, checked: its path inside rules/ and its content as the schema returned it. */
export interface CheckedRuleFile {
  readonly path: string
  readonly file: RuleFile
}

/** Parses and checks one rule file's text against the file schema. `path` is relative to the rules folder. */
export function checkRuleFile(text: string, path: string): RuleFile {
  const doc = yaml().parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0)
    throw new RuleFileError(path, ruleProblem('as', { text: doc.errors.map((e) => e.message).join('; ') }))
  const parsed = ruleFileSchema.safeParse(doc.toJS())
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
    throw new RuleFileError(path, ruleProblem('as', { text: issues.join('; ') }))
  }
  return parsed.data
}

/** Parses and checks one rule file's text. `path` is relative to the rules folder, for messages and the id check. */
export function parseRule(text: string, path: string): Rule {
  return toRule(checkRuleFile(text, path), path)
}

/**
 * Builds a rule from a checked file: the id matches the path, periods run on in order, and every
 * value passes its rule's value schema. Cheap enough to run on every start from the compiled book.
 */
export function toRule(file: RuleFile, path: string): Rule {
  const expectedId = path
    .replace(/\.yaml$/, '')
    .split(sep)
    .join('.')
  if (file.id !== expectedId)
    throw new RuleFileError(path, ruleProblem('wrongId', { id: file.id, expectedId }))

  const day = (text: string, what: string): Temporal.PlainDate => {
    try {
      return parseDate(text, what)
    } catch {
      throw new RuleFileError(path, ruleProblem('notADate', { what, text }))
    }
  }
  const checked = day(file.checked, 'checked')
  const toPeriod = (p: (typeof file.periods)[number], to: Temporal.PlainDate | null): RulePeriod => {
    if (p.from === 'unknown') throw new RuleFileError(path, ruleProblem('unknownStart'))
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
    if (p.status === 'in-force') throw new RuleFileError(path, ruleProblem('notPending'))
    if (p.from === 'unknown' && p.to !== undefined)
      throw new RuleFileError(path, ruleProblem('unknownWithTo'))
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
  if (inForce.length === 0) throw new RuleFileError(path, ruleProblem('noneInForce'))
  const periods: RulePeriod[] = []
  for (let i = 0; i < inForce.length; i++) {
    const p = inForce[i]!
    const next = inForce[i + 1]
    if (p.from === 'unknown') throw new RuleFileError(path, ruleProblem('unknownStart'))
    const from = day(p.from, 'from')
    if (next) {
      if (p.to !== undefined) throw new RuleFileError(path, ruleProblem('toNotLast', { from: p.from }))
      if (next.from === 'unknown') throw new RuleFileError(path, ruleProblem('unknownStart'))
      const nextFrom = day(next.from, 'from')
      if (Temporal.PlainDate.compare(nextFrom, from) < 0)
        throw new RuleFileError(path, ruleProblem('outOfOrder', { from: next.from }))
      if (Temporal.PlainDate.compare(nextFrom, from) === 0)
        throw new RuleFileError(path, ruleProblem('overlap', { from: p.from }))
      periods.push(toPeriod(p, nextFrom.subtract({ days: 1 })))
    } else {
      const to = p.to === undefined ? null : day(p.to, 'to')
      if (to && Temporal.PlainDate.compare(to, from) < 0)
        throw new RuleFileError(path, ruleProblem('endsBeforeStart', { from: p.from }))
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

/** Reads and checks every rule file under `dir`, in a stable order; fails on the first bad file or a duplicate id. */
export function compileRuleFiles(dir: string = RULES_DIR): CheckedRuleFile[] {
  const files: CheckedRuleFile[] = []
  const seen = new Set<string>()
  for (const full of yamlFiles(dir)) {
    const path = relative(dir, full)
    const file = checkRuleFile(readFileSync(full, 'utf8'), path)
    checkValues(toRule(file, path), path) // every check, so a compiled book never holds a bad file
    if (seen.has(file.id)) throw new RuleFileError(path, ruleProblem('duplicateId', { id: file.id }))
    seen.add(file.id)
    files.push({ path: path.split(sep).join('/'), file })
  }
  return files
}

/**
 * Checks every in-force period's value with its rule's value schema (src/rules/values.ts), naming
 * the file and the period. Announced and enacted periods describe a change in words and are never
 * applied, so only the file schema checks them. A rule with no value schema registered is reported
 * by the rules health test (test/rules/values.test.ts) rather than here.
 */
export function checkValues(rule: Rule, path: string): void {
  const check = VALUE_CHECKS[rule.id]
  if (!check) return
  for (const p of rule.periods) {
    try {
      check(p.value)
    } catch (e) {
      throw new RuleFileError(
        path,
        ruleProblem('badValue', { from: p.from.toString(), problem: wordsOf(e as Error) }),
      )
    }
  }
}

/** Builds the book from checked files (compiled at build time, or just read). */
export function ruleBookFrom(files: readonly CheckedRuleFile[]): RuleBook {
  return new RuleBook(files.map(({ path, file }) => toRule(file, path.split('/').join(sep))))
}

/** Loads every rule under `dir`; fails on the first bad file, a duplicate id, a gap or an overlap. */
export function loadRuleBook(dir: string = RULES_DIR): RuleBook {
  return ruleBookFrom(compileRuleFiles(dir))
}

/** The compiled book: checked at build time, so each rule is parsed and built only when first read. */
function compiledBook(files: readonly CompiledRule[]): RuleBook {
  return RuleBook.lazy(
    files.map(
      ({ path, id, json }) =>
        [id, () => toRule(JSON.parse(json) as RuleFile, path.split('/').join(sep))] as const,
    ),
  )
}

let cached: RuleBook | undefined
/** The project's rules, loaded once per process: compiled into the bundle, or read from rules/ when run from the sources. */
export function rules(): RuleBook {
  return (cached ??= compiledRules ? compiledBook(compiledRules) : loadRuleBook())
}
