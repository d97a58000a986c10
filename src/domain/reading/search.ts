/** What a search looks in: evidence text, timeline entries, calls, letters, decisions. */
export const SEARCH_KINDS = ['evidence', 'timeline', 'call', 'letter', 'decision'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]
