import { wordsOf } from '../../src/copy/worded-error.ts'

/**
 * The words a person reads for the error `fn` throws (bad input's field and problem, a date outside a
 * rule's periods, translated as the CLI and the pages do; any other error's message). Domain errors
 * carry a Message, not English, so tests assert what they say through this rather than `toThrow(text)`.
 */
export function refusal(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    return error instanceof Error ? wordsOf(error) : String(error)
  }
  throw new Error('expected a refusal, but nothing was thrown')
}

/** `refusal` for a promise: the words of the error it rejects with. */
export async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return error instanceof Error ? wordsOf(error) : String(error)
  }
  throw new Error('expected a refusal, but the promise resolved')
}
