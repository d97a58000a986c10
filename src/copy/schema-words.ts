import { text } from './translate.ts'

/**
 * A zod check's complaint as copy: `z.string().regex(re, complaint('platform.rules.isoDate'))`.
 * The words are looked up when the complaint is made, not when the schema is built.
 */
export const complaint = (key: string) => ({ error: (): string => text(key) })
