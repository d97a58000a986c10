import { z } from 'zod'
import { toDecimal } from '../../../domain/shared/pence.ts'
import type { PlainDate } from '../../../domain/shared/plain-date.ts'
import { translate } from '../../i18n.ts'
import { readMoney } from '../../forms/index.ts'
import {
  dateField,
  dateParts,
  issuesToErrors,
  many,
  one,
  type FieldError,
  type Posted,
} from '../deadlines/form.ts'
import type { Answer, Question } from './questions.ts'

/** Form schemas for the journey's question pages: one schema per kind of question, built from its data. */

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

/** The fields' names and ids (the error summary links to the first radio or checkbox, the day, the amount). */
export const FIELD = { choice: 'answer', date: 'date', unknown: 'unknown', amount: 'amount' } as const

export type AnswerResult =
  { readonly ok: true; readonly answer: Answer } | { readonly ok: false; readonly errors: FieldError[] }

const required = (q: Question) => copy(`routes.q.${q.id}.error`)

/** A schema for one question's posted form, giving the answer to save. */
export function answerSchema(q: Question, today: PlainDate): z.ZodType<Answer, Posted> {
  switch (q.type) {
    case 'radios':
      return z
        .custom<Posted>()
        .transform((p) => one(p, 'answer'))
        .pipe(z.enum(q.options as [string, ...string[]], { error: () => required(q) }))
    case 'checkboxes':
      return z
        .custom<Posted>()
        .transform((p) => many(p, 'answer'))
        .pipe(
          z
            .array(z.enum(q.options as [string, ...string[]], { error: () => required(q) }))
            .min(1, { error: () => required(q) }),
        )
    case 'date': {
      const what = copy(`routes.q.${q.id}.what`)
      return z.custom<Posted>().transform((p, ctx): Answer => {
        const unknown = one(p, FIELD.unknown) === 'yes'
        const parts = dateParts(p, FIELD.date)
        const typed = parts.day !== '' || parts.month !== '' || parts.year !== ''
        const fail = (message: string) => {
          ctx.addIssue({ code: 'custom', message, path: [`${FIELD.date}-day`] })
          return z.NEVER
        }
        if (unknown && typed) return fail(copy('routes.dateBoth'))
        if (unknown) return 'unknown'
        if (!typed) return fail(required(q))
        const d = dateField(FIELD.date, { what, today, allowFuture: q.allowFuture }).safeParse(parts)
        if (d.success) return d.data
        for (const issue of d.error.issues)
          ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
        return z.NEVER
      })
    }
    case 'money':
      return z.custom<Posted>().transform((p, ctx): Answer => {
        const text = one(p, FIELD.amount).replace(/^£/, '').replace(/,/g, '').trim()
        if (text === '') return ''
        const read = readMoney(text) // the forms module's one money parser
        if (read.ok && read.pence > 0) return toDecimal(read.pence)
        ctx.addIssue({ code: 'custom', message: copy(`routes.q.${q.id}.invalid`), path: [FIELD.amount] })
        return z.NEVER
      })
  }
}

/** Checks one question's posted answer. */
export function parseAnswer(q: Question, posted: Posted, today: PlainDate): AnswerResult {
  const parsed = answerSchema(q, today).safeParse(posted)
  if (parsed.success) return { ok: true, answer: parsed.data }
  const errors = issuesToErrors(
    parsed.error.issues.map((i) =>
      i.path.length === 0 || typeof i.path[0] === 'number' ? { ...i, path: [FIELD.choice] } : i,
    ),
  )
  return { ok: false, errors }
}
