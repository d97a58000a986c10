import { DEFAULT_LOCALE, translate, type Locale } from '../../copy/translate.ts'

/**
 * The words of the bundle (its cover, index, bookmarks, page numbers, and the messages about it)
 * live in `src/web/locales/<locale>/bundle-text.json` under `bundleText`.
 */
export const bundleText = (
  key: string,
  params: Readonly<Record<string, string | number>> = {},
  locale: Locale = DEFAULT_LOCALE,
): string =>
  translate(
    `bundleText.${key}`,
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    locale,
  ) as string
