/**
 * The four UK nations, in the order screens list them. One list for every layer: the case file,
 * the route advisor, the deadline and duties pages, the letters and the data files' own checks.
 * (The deadline engine works by legal jurisdiction instead: England and Wales together.)
 */
export const UK_NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const
export type UkNation = (typeof UK_NATIONS)[number]
