import type { Message } from '../domain/shared/message.ts'
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

/** The words of an error for a person, in `locale`: its Message when it has one, else its message. */
export const wordsOf = (error: Error, say: (m: Message) => string = (m) => text(m)): string =>
  error instanceof WordedError ? say(error.copy) : error.message
