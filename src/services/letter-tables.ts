import { z } from 'zod'
import type { LetterInputs, LetterKind } from '../documents/index.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { message } from '../domain/shared/message.ts'
import { parsePounds, type Pence } from '../domain/shared/pence.ts'
import { parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import { text } from '../copy/translate.ts'

/**
 * The itemised tables of the variation letters (costs, debts, payments, assets), which no form field
 * holds: the command line takes them as JSON (`redress letter <kind> --input file.json`). Each kind's
 * JSON is read by its own schema into that kind's typed input, so a misspelt field, a stray one or a
 * value of the wrong kind is refused naming it, and nothing untyped reaches a letter.
 */

/** An amount in pounds as JSON gives it ("180.00", "£1,200" or 180), as integer pence: never a float sum. */
const money = z.union([z.string(), z.number()]).transform((v, ctx): Pence => {
  try {
    return parsePounds(String(v))
  } catch {
    ctx.addIssue({ code: 'custom', message: text('letterTables.money', { value: String(v) }) })
    return z.NEVER
  }
})

const date = z.string().transform((v, ctx): PlainDate => {
  try {
    return parseDate(v)
  } catch {
    ctx.addIssue({ code: 'custom', message: text('letterTables.date', { value: v }) })
    return z.NEVER
  }
})

const words = z.string().trim().min(1)

const costLine = z.strictObject({
  description: words,
  amount: money,
  per: z.enum(['journey', 'week', 'month', 'term', 'year']),
})

export const TABLES = {
  'variation-contact-costs': z.strictObject({ costs: z.array(costLine) }).partial(),
  'variation-relevant-other-child-illness': z
    .strictObject({ childName: words, condition: words, costs: z.array(costLine) })
    .partial(),
  'variation-prior-debts': z
    .strictObject({
      debts: z.array(
        z.strictObject({ lender: words, purpose: words, takenOut: date.optional(), monthlyPayment: money }),
      ),
    })
    .partial(),
  'variation-boarding-school-fees': z
    .strictObject({ childName: words, school: words, boardingFees: costLine })
    .partial(),
  'variation-former-home-payments': z
    .strictObject({
      homeDescription: words,
      payments: z.array(
        z.strictObject({
          kind: z.enum(['mortgage', 'loan', 'insurance']),
          lender: words,
          monthlyAmount: money,
        }),
      ),
    })
    .partial(),
  'variation-assets': z
    .strictObject({
      assets: z.array(z.strictObject({ description: words, estimatedValue: money.optional() })),
    })
    .partial(),
} satisfies { readonly [K in LetterKind]?: z.ZodType<Partial<LetterInputs[K]>> }

type TableKind = keyof typeof TABLES

/** The kinds of letter that take tables as JSON. */
export const TABLE_KINDS = Object.keys(TABLES) as readonly TableKind[]

const takesTables = (kind: LetterKind): kind is TableKind => Object.hasOwn(TABLES, kind)

/**
 * The tables given as JSON, read by one kind's schema (`TABLES[kind]`); nothing when none were
 * given. JSON that does not fit is refused as bad input naming the field.
 */
export function readTables<T extends object>(schema: z.ZodType<T>, json: unknown): Partial<T> {
  if (json === undefined || json === null) return {}
  const read = schema.safeParse(json)
  if (read.success) return read.data
  const issue = read.error.issues[0]
  const at = ['input', ...(issue?.path ?? []).map(String)].join('.')
  throw new InvalidInput(
    at,
    issue?.code === 'custom'
      ? message('domainErrors.worded', { words: issue.message })
      : issue?.code === 'unrecognized_keys'
        ? message('letterTables.unknownField', { fields: issue.keys.join(', ') })
        : message('letterTables.badValue'),
  )
}

/** Refuses JSON given for a kind of letter that has no tables, saying which kinds do. */
export function checkTablesWanted(kind: LetterKind, json: unknown): void {
  if (json === undefined || json === null || takesTables(kind)) return
  throw new InvalidInput('input', message('letterTables.none', { kinds: TABLE_KINDS.join(', ') }))
}
