import { DEFAULT_LOCALE, text, type Locale } from '../../copy/translate.ts'
import type { Message } from '../../domain/shared/message.ts'
import { tr } from './copy.ts'
import { formatPounds, type Pence } from '../../domain/shared/pence.ts'
import type { Step } from '../../domain/shared/traced.ts'
import { formatDate } from '../../domain/shared/plain-date.ts'
import { type Appendix, table } from './model.ts'

/** One line of the workings enclosure. Fed from the calculation engine's `Traced` steps or typed in. */
export interface WorkingStep {
  readonly text: string
  readonly amount?: Pence
  /** Where the rule comes from, in words, e.g. "Child Support Act 1991, Schedule 1, paragraph 2". */
  readonly citation?: string
}

/** Turns the calculation engine's steps into workings lines, a step told as a message put into words in `locale`. */
export function workingsFromSteps(
  steps: readonly Step<string | Message>[],
  locale: Locale = DEFAULT_LOCALE,
): WorkingStep[] {
  return steps.map((s) => {
    const words = typeof s.text === 'string' ? s.text : text(s.text, {}, locale)
    const line = s.date ? `${words} (${formatDate(s.date)})` : words
    const cite = s.cite
      ? `${s.cite.instrument}, ${s.cite.provision}${s.cite.confidence === 'verified' ? '' : ` (${s.cite.confidence})`}`
      : undefined
    return {
      text: line,
      ...(s.amount !== undefined ? { amount: s.amount } : {}),
      ...(cite ? { citation: cite } : {}),
    }
  })
}

export const WORKINGS_TITLE = (): string => tr('workings.workingsFromTheCalculation')

export function workingsAppendix(steps: readonly WorkingStep[], intro?: string): Appendix {
  return {
    title: WORKINGS_TITLE(),
    paragraphs: [
      ...(intro ? [intro] : []),
      table(
        [
          { header: tr('workings.no'), weight: 0.5 },
          { header: tr('workings.step'), weight: 5 },
          { header: tr('workings.amount'), align: 'right', weight: 1.5 },
          { header: tr('workings.source'), weight: 3 },
        ],
        steps.map((s, i) => [
          String(i + 1),
          s.text,
          s.amount !== undefined ? formatPounds(s.amount) : '',
          s.citation ?? '',
        ]),
      ),
    ],
  }
}
