import { existsSync, readdirSync, readFileSync } from 'node:fs'
import type { Message, MessageParam } from '../domain/shared/message.ts'
import { isMessage } from '../domain/shared/message.ts'
import { fromRoot } from '../root.ts'

/**
 * The copy catalogue: every sentence a person reads, by key, in each language. The web pages, the
 * CLI and the documents (letters, bundles) translate here; the domain returns a `Message` (key and
 * parameters) and leaves the words to them.
 */

type Copy = { readonly [key: string]: Copy | string | readonly unknown[] }

export type Locale = 'en'
export const DEFAULT_LOCALE: Locale = 'en'

/**
 * Parameters for a sentence's `{placeholders}`: facts, or messages (and lists of messages, joined
 * with commas) that are translated in the same language before they are put in.
 */
export type Params = Readonly<Record<string, MessageParam>>

const LOCALES = 'src/web/locales'

const readCopy = (file: string): Copy => JSON.parse(readFileSync(file, 'utf8')) as Copy

/**
 * A locale is `src/web/locales/<locale>.json` plus one file a feature in `src/web/locales/<locale>/`,
 * each holding its own top-level keys (so features can add copy without touching one shared file).
 * A key defined in two files is a programming error.
 */
function load(locale: Locale): Copy {
  const copy: Record<string, Copy[string]> = { ...readCopy(fromRoot(LOCALES, `${locale}.json`)) }
  const folder = fromRoot(LOCALES, locale)
  if (!existsSync(folder)) return copy
  for (const name of readdirSync(folder)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    for (const [key, value] of Object.entries(readCopy(fromRoot(LOCALES, locale, name)))) {
      if (key in copy) throw new Error(`Copy key "${key}" is defined twice (locales/${locale}/${name})`)
      copy[key] = value
    }
  }
  return copy
}

const catalogues: Partial<Record<Locale, Copy>> = {}
const catalogue = (locale: Locale): Copy => (catalogues[locale] ??= load(locale))
const found = new Map<string, unknown>()

/** Missing copy is a programming error: fail loudly in tests rather than show a key to a parent. */
export class MissingCopy extends Error {
  override name = 'MissingCopy'
}

/**
 * Looks up copy by dotted key ("start.title") or by a `Message` (its key and parameters; `params`
 * given here are added to the message's own). Strings may hold {name} placeholders, filled from the
 * parameters; a filled-in value is never read again for placeholders, so a parent's own words go in
 * exactly as written. Arrays and objects are returned as they are, for lists in templates.
 */
export function translate(
  key: string | Message,
  params: Params = {},
  locale: Locale = DEFAULT_LOCALE,
): unknown {
  if (isMessage(key)) return translate(key.key, key.params ? { ...key.params, ...params } : params, locale)
  // A page asks for hundreds of keys; each is looked up once (the catalogues never change).
  const id = `${locale}\u0000${key}`
  let node: unknown = found.get(id)
  if (node === undefined) {
    node = catalogue(locale)
    for (const part of key.split('.')) {
      if (node === null || typeof node !== 'object' || !(part in node))
        throw new MissingCopy(`No copy for "${key}"`) // copy: not user-facing (a programming error)
      node = (node as Record<string, unknown>)[part]
    }
    found.set(id, node)
  }
  if (typeof node !== 'string') return node
  if (!node.includes('{')) return node
  return node.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? fill(params[name]!, locale) : `{${name}}`,
  )
}

function fill(value: MessageParam, locale: Locale): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (isMessage(value)) return text(value, {}, locale)
  return value.map((m) => text(m, {}, locale)).join(', ')
}

/** `translate` for copy that must be a sentence (not a list or a group): throws MissingCopy otherwise. */
export function text(key: string | Message, params: Params = {}, locale: Locale = DEFAULT_LOCALE): string {
  const out = translate(key, params, locale)
  if (typeof out !== 'string')
    throw new MissingCopy(`Copy "${isMessage(key) ? key.key : key}" is not a sentence`) // copy: not user-facing (a programming error)
  return out
}

/** Whether there is copy under this key (for optional wording, e.g. a hint that only some fields have). */
export function hasCopy(key: string, locale: Locale = DEFAULT_LOCALE): boolean {
  try {
    translate(key, {}, locale)
    return true
  } catch (e) {
    if (e instanceof MissingCopy) return false
    throw e
  }
}
