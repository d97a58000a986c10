import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'

/**
 * The services' words (form labels and hints they describe, notes and messages they return) live in
 * `src/web/locales/<locale>/services.json` under `services`, one group a service.
 */
export const serviceText = (
  key: string,
  params: Readonly<Record<string, unknown>> = {},
  locale: Locale = DEFAULT_LOCALE,
): string =>
  text(`services.${key}`, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), locale)
