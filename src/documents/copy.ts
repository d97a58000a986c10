import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'

/**
 * The words of the documents other than letters (reading files, arrears ledgers) live in
 * `src/web/locales/<locale>/document-text.json` under `documentText`, one group a module.
 * (The letters and the workings PDF have their own, `letterText`, read through ./letters/copy.ts.)
 */
export const docText = (
  key: string,
  params: Readonly<Record<string, unknown>> = {},
  locale: Locale = DEFAULT_LOCALE,
): string =>
  text(
    `documentText.${key}`,
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    locale,
  )
