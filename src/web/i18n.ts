import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fromRoot } from '../root.ts'

type Copy = { readonly [key: string]: Copy | string | readonly unknown[] }

export type Locale = 'en'

const readCopy = (file: string): Copy => JSON.parse(readFileSync(file, 'utf8')) as Copy

/**
 * A locale is `locales/<locale>.json` plus one file a feature in `locales/<locale>/`, each holding
 * its own top-level keys (so features can add copy without touching one shared file). A key
 * defined in two files is a programming error.
 */
function load(locale: Locale): Copy {
  const copy: Record<string, Copy[string]> = { ...readCopy(fromRoot('src/web/locales', `${locale}.json`)) }
  const folder = fromRoot('src/web/locales', locale)
  if (!existsSync(folder)) return copy
  for (const name of readdirSync(folder)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    for (const [key, value] of Object.entries(readCopy(fromRoot('src/web/locales', locale, name)))) {
      if (key in copy) throw new Error(`Copy key "${key}" is defined twice (locales/${locale}/${name})`)
      copy[key] = value
    }
  }
  return copy
}

const catalogues: Record<Locale, Copy> = { en: load('en') }
const found = new Map<string, unknown>()

/** Missing copy is a programming error: fail loudly in tests rather than show a key to a parent. */
export class MissingCopy extends Error {
  override name = 'MissingCopy'
}

/**
 * Looks up copy by dotted key ("start.title"). Strings may hold {name} placeholders, filled from
 * `params`. Arrays and objects are returned as they are, for lists in templates.
 */
export function translate(
  key: string,
  params: Record<string, string | number> = {},
  locale: Locale = 'en',
): unknown {
  // A page asks for hundreds of keys; each is looked up once (the catalogues never change).
  const id = `${locale}\u0000${key}`
  let node: unknown = found.get(id)
  if (node === undefined) {
    node = catalogues[locale]
    for (const part of key.split('.')) {
      if (node === null || typeof node !== 'object' || !(part in node))
        throw new MissingCopy(`No copy for "${key}"`)
      node = (node as Record<string, unknown>)[part]
    }
    found.set(id, node)
  }
  if (typeof node !== 'string') return node
  if (!node.includes('{')) return node
  return node.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  )
}
