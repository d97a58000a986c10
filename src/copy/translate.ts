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

/**
 * A key's copy as found, and for a sentence with placeholders, the sentence split once into its
 * parts: text, then a placeholder's name, then text, and so on (so `parts.length` is odd).
 */
interface Found {
  readonly node: unknown
  readonly parts?: readonly string[]
}
const PLACEHOLDER = /\{(\w+)\}/g

function compile(node: unknown): Found {
  if (typeof node !== 'string' || !node.includes('{')) return { node }
  const parts: string[] = []
  let last = 0
  for (const m of node.matchAll(PLACEHOLDER)) {
    parts.push(node.slice(last, m.index), m[1]!)
    last = m.index + m[0].length
  }
  if (parts.length === 0) return { node }
  parts.push(node.slice(last))
  return { node, parts }
}

// A page asks for hundreds of keys, and a batch of calculations for thousands of sentences: each key
// is looked up and its sentence split into parts once per locale (the catalogues never change).
const found: Partial<Record<Locale, Map<string, Found>>> = {}

function lookUp(key: string, locale: Locale): Found {
  const cache = (found[locale] ??= new Map<string, Found>())
  let hit = cache.get(key)
  if (hit === undefined) {
    let node: unknown = catalogue(locale)
    for (const part of key.split('.')) {
      if (node === null || typeof node !== 'object' || !(part in node))
        throw new MissingCopy(`No copy for "${key}"`) // copy: not user-facing (a programming error)
      node = (node as Record<string, unknown>)[part]
    }
    hit = compile(node)
    cache.set(key, hit)
  }
  return hit
}

/** Missing copy is a programming error: fail loudly in tests rather than show a key to a parent. */
export class MissingCopy extends Error {
  override name = 'MissingCopy'
}

const NO_PARAMS: Params = Object.freeze({})

/** Whether `params` has no own keys (without making a list of them). */
function none(params: Params): boolean {
  if (params === NO_PARAMS) return true
  for (const _ in params) return false
  return true
}

/**
 * Looks up copy by dotted key ("start.title") or by a `Message` (its key and parameters; `params`
 * given here are added to the message's own). Strings may hold {name} placeholders, filled from the
 * parameters; a filled-in value is never read again for placeholders, so a parent's own words go in
 * exactly as written. Arrays and objects are returned as they are, for lists in templates.
 */
export function translate(
  key: string | Message,
  params: Params = NO_PARAMS,
  locale: Locale = DEFAULT_LOCALE,
): unknown {
  if (isMessage(key))
    return translate(
      key.key,
      key.params ? (none(params) ? key.params : { ...key.params, ...params }) : params,
      locale,
    )
  const { node, parts } = lookUp(key, locale)
  if (parts === undefined) return node
  let out = parts[0]!
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!
    out += (name in params ? fill(params[name]!, locale) : `{${name}}`) + parts[i + 1]!
  }
  return out
}

function fill(value: MessageParam, locale: Locale): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (isMessage(value)) return text(value, NO_PARAMS, locale)
  return value.map((m) => text(m, NO_PARAMS, locale)).join(', ')
}

/** `translate` for copy that must be a sentence (not a list or a group): throws MissingCopy otherwise. */
export function text(
  key: string | Message,
  params: Params = NO_PARAMS,
  locale: Locale = DEFAULT_LOCALE,
): string {
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
