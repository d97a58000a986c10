import { z } from 'zod'
import { computeDeadline } from '../../../domain/deadlines/compute-deadline.ts'
import type { Nation as DeadlineNation } from '../../../domain/deadlines/types.ts'
import { deadlineNation, type Nation } from '../../../domain/remedies/facts.ts'
import { InvalidInput, OutsideRuleCoverage } from '../../../domain/shared/errors.ts'
import { formatLongDate, parseDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import type { RuleBook } from '../../../domain/shared/rule-book.ts'
import { calendarsCovering } from '../../../services/calendars.ts'
import { translate } from '../../i18n.ts'
import {
  dateField,
  dateItems,
  dateParts,
  issuesToErrors,
  one,
  type FieldError,
  type Posted,
} from '../deadlines/form.ts'
import { actBySentence, presentDeadline, type DeadlineView } from '../deadlines/present.ts'
import { UK_NATIONS } from '../../../domain/shared/nations.ts'

/**
 * The result page's plain answer to "by when must I ask the CMS to look again?": from the date printed on
 * the decision letter, the legal deadline and the day to act by, worked out by the deadline engine.
 */

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(`law.reconsideration.${key}`, params))

export const LETTER_NATIONS: readonly Nation[] = UK_NATIONS

/** What the parent told us, kept in the calculation's session answers (never in the URL). */
export interface ReconsiderationAnswer {
  /** ISO date printed on the decision letter. */
  readonly letterDate: string
  readonly nation: Nation
}

export type LetterFormResult =
  | { readonly ok: true; readonly value: ReconsiderationAnswer }
  | { readonly ok: false; readonly errors: readonly FieldError[] }

/** Checks the letter-date form: a real date, not in the future, and where the parent lives. */
export function readLetterForm(posted: Posted, today: PlainDate): LetterFormResult {
  const date = dateField('letterDate', { what: copy('what'), today }).safeParse(
    dateParts(posted, 'letterDate'),
  )
  const nation = z
    .enum(LETTER_NATIONS as [Nation, ...Nation[]], { error: () => copy('nationError') })
    .safeParse(one(posted, 'nation') || undefined)
  const errors = [
    ...(date.success ? [] : issuesToErrors(date.error.issues)),
    ...(nation.success ? [] : [{ text: copy('nationError'), href: '#nation' }]),
  ]
  if (!date.success || !nation.success) return { ok: false, errors }
  return { ok: true, value: { letterDate: date.data, nation: nation.data } }
}

export interface ReconsiderationView {
  readonly letterDate: string
  readonly nationName: string
  readonly deadline: DeadlineView | null
  /** The act-by explanation: one sentence (from the engine). */
  readonly actBySentence: string | null
  /** Why no date could be worked out, in words. */
  readonly problem: string | null
}

/** The mandatory reconsideration deadline for a decision letter, presented; or why it cannot be given. */
export function reconsiderationView(book: RuleBook, answer: ReconsiderationAnswer): ReconsiderationView {
  const from = parseDate(answer.letterDate, 'letterDate')
  const nation: DeadlineNation = deadlineNation(answer.nation)
  const base = {
    letterDate: formatLongDate(from),
    nationName: copy(`nations.${answer.nation}`),
  }
  try {
    const result = computeDeadline(book, calendarsCovering(from), {
      kind: 'mandatoryReconsideration',
      from,
      nation,
    })
    return {
      ...base,
      deadline: presentDeadline(result),
      actBySentence: actBySentence(result),
      problem: null,
    }
  } catch (e) {
    if (!(e instanceof OutsideRuleCoverage || e instanceof InvalidInput)) throw e
    return { ...base, deadline: null, actBySentence: null, problem: copy('outside') }
  }
}

/** The date input's items, with any errors marked. */
export const letterDateItems = (values: Posted, errors: readonly FieldError[]) =>
  dateItems('letterDate', dateParts(values, 'letterDate'), errors)
