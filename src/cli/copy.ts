import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'
import type { Message } from '../domain/shared/message.ts'

/**
 * The CLI's words live in `src/web/locales/<locale>/cli.json` under `cli`, one group a command
 * module. Everything the CLI prints for a person (help, messages, readable output) is looked up
 * here at the moment it is printed; `--json` output carries data, not copy.
 */

/** The language the CLI writes in. English is the only one so far. */
export const cliLocale = (): Locale => DEFAULT_LOCALE

/** A sentence the CLI prints, its `{placeholders}` filled from `params` (put in exactly as given). */
export const say = (key: string, params: Readonly<Record<string, unknown>> = {}): string =>
  text(`cli.${key}`, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), cliLocale())

/** A message from the domain or a service (an error's problem, say) in the CLI's language. */
export const sayMessage = (m: Message): string => text(m, {}, cliLocale())

/** Words the web pages use too (a kind of event, a stage of a challenge), from the shared catalogue. */
export const sayShared = (key: string, params: Readonly<Record<string, string>> = {}): string =>
  text(key, params, cliLocale())
