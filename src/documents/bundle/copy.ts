import { DEFAULT_LOCALE, text, type Locale } from '../../copy/translate.ts'

/**
 * The words of the bundle (its cover, index, bookmarks, page numbers, and the messages about it)
 * live in `src/web/locales/<locale>/bundle-text.json` under `bundleText`.
 */
export const bundleText = (
  key: string,
  params: Readonly<Record<string, string | number>> = {},
  locale: Locale = DEFAULT_LOCALE,
): string => text(`bundleText.${key}`, params, locale)
