import { readFileSync } from 'node:fs'
import { fromRoot } from '../root.ts'

type Copy = { readonly [key: string]: Copy | string | readonly unknown[] }

export type Locale = 'en'

const load = (locale: Locale): Copy =>
  JSON.parse(readFileSync(fromRoot('src/web/locales', `${locale}.json`), 'utf8')) as Copy

const catalogues: Record<Locale, Copy> = { en: load('en') }

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
  let node: unknown = catalogues[locale]
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node))
      throw new MissingCopy(`No copy for "${key}"`)
    node = (node as Record<string, unknown>)[part]
  }
  if (typeof node !== 'string') return node
  return node.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  )
}
