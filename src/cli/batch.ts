import { say, sayMessage } from './copy.ts'
import { StringDecoder } from 'node:string_decoder'
import { InvalidInput, OutsideRuleCoverage } from '../domain/shared/errors.ts'
import { BadInput, checkDateRange, checkJsonDepth, EXIT } from './io.ts'

/** The largest one request in a batch may be (a real one is well under a kilobyte). */
export const MAX_ITEM_CHARS = 1024 * 1024

/** What a refused item is answered with, in its place: the field and what is wrong with it. */
export interface ItemError {
  readonly error: { readonly field: string; readonly message: string }
}

/**
 * Turns a refusal into an item error: bad input names its field; a date outside a rule's periods
 * names `dateField` (the request's date). Anything else is a failure and is thrown on.
 */
export function itemError(error: unknown, dateField: string): ItemError {
  // Only a refused item is put into words, so a batch of good requests translates nothing.
  if (error instanceof InvalidInput)
    return { error: { field: error.field, message: sayMessage(error.problem) } }
  if (error instanceof BadInput) return { error: { field: error.field, message: error.problem } }
  if (error instanceof OutsideRuleCoverage)
    return { error: { field: dateField, message: sayMessage(error.detail) } }
  throw error
}

const NOT_AN_ARRAY = (): string => say('batch.withBatchExpectedA')

/**
 * Splits a JSON array arriving in chunks into the text of each element, without holding more than
 * one element at a time, so a batch of any size runs in flat memory. Only the array's own structure
 * is checked here; each element is parsed on its own, so a bad element is refused in its place.
 */
export class JsonArraySplitter {
  private state: 'before' | 'in' | 'after' = 'before'
  private depth = 0
  private inString = false
  private escaped = false
  private current = ''

  /** Feeds a chunk; returns the elements it completed. */
  push(chunk: string): string[] {
    const out: string[] = []
    let start = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (this.state === 'in') {
        if (this.inString) {
          if (this.escaped) this.escaped = false
          else if (c === 0x5c) this.escaped = true
          else if (c === 0x22) this.inString = false
          continue
        }
        if (c === 0x22) this.inString = true
        else if (c === 0x7b || c === 0x5b) this.depth++
        else if (c === 0x7d || c === 0x5d) {
          this.depth--
          if (this.depth === 0) {
            this.finish(chunk.slice(start, i), out, true)
            this.state = 'after'
          }
        } else if (c === 0x2c && this.depth === 1) {
          this.finish(chunk.slice(start, i), out, false)
          start = i + 1
        }
      } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        continue
      } else if (this.state === 'before' && c === 0x5b) {
        this.state = 'in'
        this.depth = 1
        start = i + 1
      } else {
        throw new BadInput(
          'stdin',
          this.state === 'before' ? NOT_AN_ARRAY() : say('batch.unexpectedTextAfterThe'),
        )
      }
    }
    if (this.state === 'in') {
      this.current += chunk.slice(start)
      if (this.current.length > MAX_ITEM_CHARS)
        throw new BadInput('stdin', say('batch.aRequestInThe', { value: MAX_ITEM_CHARS / 1024 }))
    }
    return out
  }

  /** The input has ended: it must have been one whole array. */
  end(): void {
    if (this.state === 'before') throw new BadInput('stdin', NOT_AN_ARRAY())
    if (this.state === 'in') throw new BadInput('stdin', say('batch.theJsonArrayEnds'))
  }

  private finish(tail: string, out: string[], closing: boolean): void {
    const text = (this.current + tail).trim()
    this.current = ''
    if (text === '' && closing && out.length === 0 && !this.seenAny) return // "[]"
    this.seenAny = true
    out.push(text)
  }

  private seenAny = false
}

/** Parses one element's text; bad or hostile JSON (too deep, dates out of range) is refused in its place. */
export function parseItem(text: string): unknown {
  checkJsonDepth(text)
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch (e) {
    throw new BadInput('(request)', say('batch.notValidJson', { message: (e as Error).message }))
  }
  checkDateRange(value)
  return value
}

/**
 * Reads a batch from a stream: a JSON array, or with `ndjson` one JSON request a line. Yields the
 * text of the items each chunk of input completes (often many at once, so a large batch is not
 * read one awaited item at a time).
 */
export async function* batchItemGroups(
  input: AsyncIterable<Buffer | string>,
  ndjson: boolean,
): AsyncGenerator<readonly string[]> {
  const decoder = new StringDecoder('utf8')
  if (ndjson) {
    let rest = ''
    for await (const chunk of input) {
      const lines = (rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk))).split('\n')
      rest = lines.pop()!
      if (rest.length > MAX_ITEM_CHARS)
        throw new BadInput('stdin', say('batch.aLineOfThe', { value: MAX_ITEM_CHARS / 1024 }))
      const items = lines.filter((line) => line.trim() !== '')
      if (items.length > 0) yield items
    }
    rest += decoder.end()
    if (rest.trim() !== '') yield [rest]
    return
  }
  const splitter = new JsonArraySplitter()
  for await (const chunk of input) {
    const items = splitter.push(typeof chunk === 'string' ? chunk : decoder.write(chunk))
    if (items.length > 0) yield items
  }
  const last = decoder.end()
  if (last) {
    const items = splitter.push(last)
    if (items.length > 0) yield items
  }
  splitter.end()
}

/** Reads a batch from a stream: a JSON array, or with `ndjson` one JSON request a line. Yields each item's text. */
export async function* batchItems(
  input: AsyncIterable<Buffer | string>,
  ndjson: boolean,
): AsyncGenerator<string> {
  for await (const items of batchItemGroups(input, ndjson)) yield* items
}

/**
 * Collects output and writes it in large pieces, waiting when the reader is slower than us. Text
 * is encoded into a buffer as it comes (a long string built by joining pieces costs more to encode
 * at once); `write` returns a promise only when it had to wait.
 */
export class BufferedOutput {
  private buffer: Buffer
  private used = 0
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly limit = 1 << 16,
  ) {
    this.buffer = Buffer.allocUnsafe(limit)
  }

  write(text: string): Promise<void> | undefined {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.used + text.length * 3 <= this.limit) {
      this.used += this.buffer.write(text, this.used)
      return undefined
    }
    const flushed = this.flush()
    if (text.length * 3 > this.limit) {
      const direct = (): Promise<void> | undefined => this.send(text)
      return flushed ? flushed.then(direct) : direct()
    }
    this.used += this.buffer.write(text, this.used)
    return flushed
  }

  flush(): Promise<void> | undefined {
    if (this.used === 0) return undefined
    const full = this.buffer.subarray(0, this.used)
    this.used = 0
    const sent = this.send(full)
    // A file or pipe on Linux takes the bytes at once; a buffer still queued in the stream is
    // left to it and a new one taken.
    if ((this.stream as { writableLength?: number }).writableLength !== 0)
      this.buffer = Buffer.allocUnsafe(this.limit)
    return sent
  }

  private send(data: Buffer | string): Promise<void> | undefined {
    if (this.stream.write(data)) return undefined
    return new Promise<void>((resolve) => this.stream.once('drain', resolve))
  }
}

export interface BatchSpec<R> {
  /** Answers one parsed item; throws BadInput, InvalidInput or OutsideRuleCoverage to refuse it. */
  readonly answer?: (item: unknown) => R
  /**
   * Answers one item from its text, in place of `parseItem` and `answer` (a command with a quicker
   * way to read a well-formed item; give one of the two); it must refuse what `parseItem` refuses,
   * in the same words. A promise
   * only when it had to load something to explain a refusal.
   */
  readonly answerText?: (text: string) => R | Promise<R>
  /** The item's answer as JSON. */
  readonly toJson: (result: R) => unknown
  /** The item's answer as readable text. */
  readonly toText: (result: R) => string
  /** The field named when a date falls outside a rule's periods. */
  readonly dateField: string
  /** Called for each refused item with its place in the batch (0-based), e.g. to name it on stderr. */
  readonly onRefused?: (index: number, refusal: ItemError) => void
}

export interface BatchOutcome {
  readonly answered: number
  readonly refused: number
}

/**
 * Answers a batch item by item as it streams in: with `json`, a JSON array (one compact answer a
 * line) or, with `ndjson`, one answer a line; otherwise readable text. A refused item is answered in
 * its place with {"error": {"field", "message"}}. If the input itself is not a batch, nothing more is
 * read and the error is thrown (after closing the array, if one was started).
 */
export async function runBatch<R>(
  input: AsyncIterable<Buffer | string>,
  stream: NodeJS.WritableStream,
  spec: BatchSpec<R>,
  options: { readonly json: boolean; readonly ndjson: boolean },
): Promise<BatchOutcome> {
  const out = new BufferedOutput(stream)
  const asArray = options.json && !options.ndjson
  let answered = 0
  let refused = 0
  let index = 0
  try {
    for await (const items of batchItemGroups(input, options.ndjson)) {
      for (const text of items) {
        let piece: string
        try {
          let result = spec.answerText ? spec.answerText(text) : spec.answer!(parseItem(text))
          if (result instanceof Promise) result = await result
          piece = options.json ? JSON.stringify(spec.toJson(result)) : spec.toText(result)
          answered++
        } catch (error) {
          const refusal = itemError(error, spec.dateField)
          refused++
          spec.onRefused?.(index, refusal)
          piece = options.json
            ? JSON.stringify(refusal)
            : say('batch.refusedItem', { field: refusal.error.field, message: refusal.error.message })
        }
        // The separator and the answer are written one after the other (joining them first
        // would copy every answer once more).
        const before = asArray
          ? out.write(index === 0 ? '[\n' : ',\n')
          : options.json
            ? undefined
            : out.write(`${index === 0 ? '' : '\n\n'}${say('batch.requestHeading', { n: index + 1 })}\n`)
        if (before) await before
        const wrote = out.write(piece)
        if (wrote) await wrote
        if (options.json && !asArray) {
          const after = out.write('\n')
          if (after) await after
        }
        index++
      }
    }
  } finally {
    if (asArray && index > 0) await out.write('\n]\n')
    else if (!options.json && index > 0) await out.write('\n')
    await out.flush()
  }
  if (asArray && index === 0) {
    await out.write('[]\n')
    await out.flush()
  }
  return { answered, refused }
}

/** After a batch: if any item was refused, say how many on stderr and exit 2. */
export function reportRefusals(outcome: BatchOutcome): void {
  if (outcome.refused === 0) return
  const total = outcome.answered + outcome.refused
  process.stderr.write(
    say('batch.redressBadInputOf', { refused: outcome.refused, total, value: total === 1 ? '' : 's' }),
  )
  process.exitCode = EXIT.badInput
}
