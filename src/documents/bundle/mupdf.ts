/** MuPDF (WebAssembly build, AGPL like Redress), loaded on first use: it takes a moment to start. */
import type * as MupdfModule from 'mupdf'

export type Mupdf = typeof MupdfModule

let loading: Promise<Mupdf> | undefined

/**
 * Loads MuPDF once. Its own warnings (about repairing a damaged file, say) are silenced: they can
 * quote a file's content, and Redress reports each problem to the parent in plain words instead.
 */
export function loadMupdf(): Promise<Mupdf> {
  loading ??= import('mupdf').then((m) => {
    m.setLog({})
    return m
  })
  return loading
}
