/**
 * Copy the domain hands to a person, as data: a key into the locale files (`src/web/locales/`) and
 * the facts to fill its `{placeholders}`. The domain never holds English; the layer that shows the
 * message (web page, CLI output, document) translates it into the reader's language with
 * `translate` from `src/copy/`.
 */
export interface Message {
  readonly key: string
  readonly params?: MessageParams
}

/**
 * A placeholder's value: a fact (a formatted date, an amount, a name, the parent's own words), or
 * words that are themselves a message (translated in the same language before they are put in), or
 * a list of such messages (put in one after another, separated by commas).
 */
export type MessageParam = string | number | Message | readonly Message[]
export type MessageParams = Readonly<Record<string, MessageParam>>

/** `message('calculation.step.gross', { amount: '£575.00' })` */
export const message = (key: string, params?: MessageParams): Message =>
  params === undefined ? { key } : { key, params }

/**
 * Puts a message into words in the reader's language: the caller's `text` (from `src/copy/`), passed
 * to domain code that must hand back words (a record saved as the parent will read it, a calendar file).
 */
export type Say = (m: Message) => string

/** A value is a Message when it is an object with a string `key` (and nothing but `key` and `params`). */
export const isMessage = (value: unknown): value is Message =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as { key?: unknown }).key === 'string' &&
  Object.keys(value).every((k) => k === 'key' || k === 'params')
