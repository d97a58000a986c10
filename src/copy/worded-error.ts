import type { Message } from '../domain/shared/message.ts'
import { InvalidInput, OutsideRuleCoverage } from '../domain/shared/errors.ts'
import { CaseInputError, NotFound, StaleVersion } from '../domain/case/errors.ts'
import { text } from './translate.ts'

/**
 * An error a person reads (printed by the CLI or the server, shown on a page): its words are a
 * Message. `message` holds them in English, for logs and for callers that only print it; whoever
 * shows it to a person in their language translates `copy` (`text(error.copy, {}, locale)`).
 */
export class WordedError extends Error {
  override name = 'WordedError'
  constructor(readonly copy: Message) {
    super(text(copy))
  }
}

/**
 * The words of an error for a person, in `locale`: its Message when it has one (a WordedError's copy;
 * bad input's field and problem, every problem of a case form; a date outside a rule's periods; a
 * record not found or changed meanwhile), else
 * its message.
 */
export function wordsOf(error: Error, say: (m: Message) => string = (m) => text(m)): string {
  if (error instanceof WordedError) return say(error.copy)
  if (error instanceof CaseInputError)
    return error.problems.map((p) => `${p.field}: ${say(p.problem)}`).join('; ')
  if (
    error instanceof InvalidInput ||
    error instanceof OutsideRuleCoverage ||
    error instanceof NotFound ||
    error instanceof StaleVersion
  )
    return say(error.words)
  return error.message
}
