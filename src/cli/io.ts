import type { z } from 'zod'
import { InvalidInput } from '../domain/shared/errors.ts'

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

/** Reads all of standard input as text. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new BadInput('stdin', 'expected JSON on standard input (pipe a file in)')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Reads standard input as JSON, refusing with a clear message if it is not. */
export async function readStdinJson(): Promise<unknown> {
  const text = await readStdin()
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw new BadInput('stdin', `not valid JSON (${(e as Error).message})`)
  }
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
    process.stderr.write(`redress: bad input: ${error.field}: ${error.problem}\n`)
    return EXIT.badInput
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`redress: ${message}\n`)
  return EXIT.failure
}

/** Wraps a command action so errors become messages and exit codes. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      await fn(...args)
    } catch (error) {
      process.exitCode = handleError(error)
    }
  }
}
