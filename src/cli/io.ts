import { say, sayMessage } from './copy.ts'
import { fstatSync, readSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { z } from 'zod'
import { InvalidInput, OutsideRuleCoverage } from '../domain/shared/errors.ts'
import { wordsOf } from '../copy/worded-error.ts'

/**
 * Refuses a file to write whose folder does not exist or is not a folder, or that is itself a
 * folder, in words naming what was given (before any work, so nothing is done for nothing).
 */
export function checkOutFile(flag: string, path: string): void {
  const full = resolve(path)
  if (statSync(full, { throwIfNoEntry: false })?.isDirectory())
    throw new BadInput(flag, say('io.isAFolder', { path }))
  const folder = dirname(full)
  const st = statSync(folder, { throwIfNoEntry: false })
  if (!st) throw new BadInput(flag, say('io.noSuchFolder', { folder }))
  if (!st.isDirectory()) throw new BadInput(flag, say('io.notAFolder', { folder }))
}

/** Exit codes every command uses: 0 success, 1 failure while running, 2 bad input. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const

/** Bad input: the message names the field and what is wrong. Exits 2. */
export class BadInput extends Error {
  override name = 'BadInput'
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`)
  }
}

/** The most standard input a command reads: more is refused as bad input, not held in memory. */
export const MAX_STDIN_BYTES = 64 * 1024 * 1024
/** How deeply JSON input may nest (a real request nests four or five levels). */
export const MAX_JSON_DEPTH = 64
/** Dates a command accepts: anything outside these years is a typing slip, not a case. */
export const DATE_YEARS = { from: 1990, to: 2100 } as const

const tooMuch = (limit: number): BadInput =>
  new BadInput('stdin', say('io.moreThanMbOf', { value: limit / (1024 * 1024) }))

/**
 * Reads standard input with plain blocking reads, which costs a short command less than setting
 * up process.stdin's stream (networking, streams and readline modules). Undefined when it cannot
 * (a terminal, or input not ready to be read that way), and the stream is used instead.
 */
function readStdinSync(limit: number): string | undefined {
  if (fstatSync(0).isCharacterDevice()) return undefined // a terminal: the stream path says what to do
  const chunks: Buffer[] = []
  let size = 0
  for (;;) {
    const buf = Buffer.allocUnsafe(65536)
    let n: number
    try {
      n = readSync(0, buf, 0, buf.length, null)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'EOF') break
      if (size === 0 && (code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINVAL')) return undefined
      throw e
    }
    if (n === 0) break
    size += n
    if (size > limit) throw tooMuch(limit)
    chunks.push(buf.subarray(0, n))
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Set while the CLI runs inside another process (the tests' in-process runner), which puts its own
 * stream in place of process.stdin: standard input is then read from that stream, not from file
 * descriptor 0. Never set by `redress` itself.
 */
let stdinReplaced = false
export function setStdinReplaced(replaced: boolean): void {
  stdinReplaced = replaced
}

/** Reads all of standard input as text, refusing more than `limit` bytes. */
export async function readStdin(limit = MAX_STDIN_BYTES): Promise<string> {
  const direct = stdinReplaced ? undefined : readStdinSync(limit)
  if (direct !== undefined) return direct
  if (process.stdin.isTTY) throw new BadInput('stdin', say('io.expectedJsonOnStandard'))
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length
    if (size > limit) throw tooMuch(limit)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Refuses JSON text that nests deeper than `limit` (checked before parsing, without recursion). */
export function checkJsonDepth(text: string, limit = MAX_JSON_DEPTH): void {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) throw new BadInput('stdin', say('io.theJsonNestsMore', { limit }))
    } else if (c === 0x5d || c === 0x7d) depth--
  }
}

const ISO_DATE = /^(\d{4})-\d{2}-\d{2}$/

/** Whether a string is a "YYYY-MM-DD" date outside DATE_YEARS (anything else is not a date here). */
export function outsideDateRange(v: string): boolean {
  const year = Number(ISO_DATE.exec(v)?.[1] ?? NaN)
  return year < DATE_YEARS.from || year > DATE_YEARS.to
}

/** Refuses any date in the input (a "YYYY-MM-DD" string) outside DATE_YEARS, naming where it is. */
export function checkDateRange(value: unknown, path = ''): void {
  const stack: Array<[unknown, string]> = [[value, path]]
  while (stack.length) {
    const [v, p] = stack.pop()!
    if (typeof v === 'string') {
      if (outsideDateRange(v))
        throw new BadInput(
          p || '(input)',
          say('io.isOutsideTheDates', { v, from: DATE_YEARS.from, to: DATE_YEARS.to }),
        )
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${p}[${i}]`]))
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) stack.push([x, p ? `${p}.${k}` : k])
  }
}

/** Reads standard input as JSON, refusing with a clear message if it is not, or is hostile. */
export async function readStdinJson(): Promise<unknown> {
  return parseJsonInput(await readStdin())
}

/** JSON text from standard input as a value, refusing it with a clear message if it is not JSON, or is hostile. */
export function parseJsonInput(text: string): unknown {
  checkJsonDepth(text)
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch (e) {
    throw new BadInput('stdin', say('io.notValidJson', { message: (e as Error).message }))
  }
  checkDateRange(value)
  return value
}

/** Validates with zod, turning the first issue into a BadInput that names the field. */
export function parseOrBadInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(input)'
  throw new BadInput(path, issue.message)
}

/** Prints a value as JSON (with --json) or as text. */
export function output(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`)
}

/** Turns any error into a message on stderr and the right exit code. */
export function handleError(error: unknown): number {
  if (error instanceof BadInput || error instanceof InvalidInput) {
    const problem = error instanceof InvalidInput ? sayMessage(error.problem) : error.problem
    process.stderr.write(`redress: bad input: ${error.field}: ${problem}\n`)
    return EXIT.badInput
  }
  if (error instanceof OutsideRuleCoverage) {
    // A date the rules do not cover is the input's problem, not a failure of Redress.
    process.stderr.write(`redress: bad input: ${sayMessage(error.detail)}\n`)
    return EXIT.badInput
  }
  process.stderr.write(`redress: ${failureMessage(error)}\n`)
  return EXIT.failure
}

/**
 * What to say about an unexpected failure. A database error quotes its SQL and the values it was
 * given (a case's own words), so only its kind and SQLSTATE code are shown.
 */
export function failureMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = (error as { cause?: unknown }).cause
  const sqlState = [error, cause]
    .map((e) => (e as { code?: unknown } | undefined)?.code)
    .find((c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c))
  if (error.message.startsWith('Failed query') || sqlState)
    return say('io.theDatabaseCouldNot', { value: sqlState ? say('io.postgresqlError', { sqlState }) : '' })
  return wordsOf(error, sayMessage)
}

/** Wraps a command action so errors become messages and exit codes. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      // Arguments and options (commander passes the options object, then the command, last).
      for (const arg of args.slice(0, -1)) {
        if (arg && typeof arg === 'object' && !Array.isArray(arg))
          for (const [k, v] of Object.entries(arg))
            checkDateRange(v, `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)
        else checkDateRange(arg, 'argument')
      }
      await fn(...args)
    } catch (error) {
      process.exitCode = handleError(error)
    }
  }
}
