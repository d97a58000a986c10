/**
 * The web layer's copy: the catalogue and `translate` live in `src/copy/` so the CLI and the
 * documents use the same locale files; this module re-exports them for the pages.
 */
export {
  DEFAULT_LOCALE,
  hasCopy,
  MissingCopy,
  text,
  translate,
  type Locale,
  type Params,
} from '../copy/translate.ts'
