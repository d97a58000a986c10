import { DEFAULT_LOCALE, text, type Locale } from '../../copy/translate.ts'

/**
 * The letters' words live in `src/web/locales/<locale>/letter-text.json` under `letterText`, one
 * group a template. A letter is written in one language from start to finish: `buildLetter(kind,
 * input, locale)` sets it for the (synchronous) build with `inLocale`, and every sentence the
 * template writes is looked up with `tr` in that language. The parent's own words never go through
 * here as copy: they are either a paragraph of their own, or a parameter put in exactly as written.
 */

let active: Locale = DEFAULT_LOCALE

/** Runs a synchronous build with the letter's language set, restoring the previous one afterwards. */
export function inLocale<T>(locale: Locale, build: () => T): T {
  const was = active
  active = locale
  try {
    return build()
  } finally {
    active = was
  }
}

/** The language a build is writing in. */
export const currentLocale = (): Locale => active

const asParams = (params: Readonly<Record<string, unknown>>): Record<string, string> =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))

/** A sentence of a letter, in the language being written, its `{placeholders}` filled from `params`. */
export const tr = (key: string, params: Readonly<Record<string, unknown>> = {}): string =>
  text(`letterText.${key}`, asParams(params), active)

/**
 * Names mapped to sentences, each looked up in the language being written when it is read (lists of
 * choices such as reasons and cost categories): `trMap({ calls: 'compensationClaim.phoneCalls' })`.
 */
export function trMap<K extends string>(keys: Readonly<Record<K, string>>): Readonly<Record<K, string>> {
  const words = {} as Record<K, string>
  for (const name of Object.keys(keys) as K[])
    Object.defineProperty(words, name, { get: () => tr(keys[name]), enumerable: true })
  return words
}

/** `tr` for a given language, for code that runs outside a build (the renderers). */
export const trIn =
  (locale: Locale) =>
  (key: string, params: Readonly<Record<string, unknown>> = {}): string =>
    text(`letterText.${key}`, asParams(params), locale)

/** The locale a finished letter was written in (from its `language`). */
export const localeOfLetter = (language: 'en-GB'): Locale => (language === 'en-GB' ? 'en' : DEFAULT_LOCALE)
