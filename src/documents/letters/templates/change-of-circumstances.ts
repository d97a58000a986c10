import { formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { heading, type Letter } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import { compose, own, readBase, type LetterBaseInput } from '../common.ts'

export interface ChangeOfCircumstancesInput extends LetterBaseInput {
  /** The date the change happened (or is expected to happen). */
  readonly changeDate?: Maybe<PlainDate>
  /** What changed, e.g. "our older child, Sam, left full-time education". */
  readonly change?: Maybe<string>
  /** What the parent thinks follows, e.g. "Sam should no longer be counted in the calculation". */
  readonly whatFollows?: Maybe<string>
  /** True if the change is still to come. */
  readonly expected?: Maybe<boolean>
}

const TITLE = 'Notice of a change of circumstances'

export const changeOfCircumstancesSpec = {
  title: TITLE,
  summary: 'Tell the CMS about a change, the date it happened and what should follow.',
  required: [
    particular('changeDate', 'the date of the change'),
    particular('change', 'what changed'),
    particular('whatFollows', 'what you think should follow'),
  ],
}

export function changeOfCircumstances(input: ChangeOfCircumstancesInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'the Child Maintenance Service')
  const changeDate = need.date(
    input.changeDate,
    particular('changeDate', 'the date the change happened (or will happen)'),
  )
  const change = need.text(input.change, particular('change', 'what has changed'))
  const follows = need.text(
    input.whatFollows,
    particular('whatFollows', 'what you think should happen to the calculation because of it'),
  )
  need.check()

  const when = input.expected
    ? `is expected to happen on ${formatDate(changeDate)}`
    : `happened on ${formatDate(changeDate)}`
  return compose(base, input, {
    kind: 'change-of-circumstances',
    title: TITLE,
    subject: `Change of circumstances from ${formatDate(changeDate)}`,
    paragraphs: [
      `I am writing to tell you about a change of circumstances on my case. The change ${when}.`,
      heading('What has changed'),
      own(change),
      heading('What I think should follow'),
      own(follows),
      `Please look at the calculation again in the light of this change and tell me in writing the date from ` +
        'which any new decision takes effect and the amount that will be due.',
      `Please also confirm that you have received this notice, and record that I gave it on ${formatDate(base.date)}.`,
    ],
    notes: [
      'Report a change as soon as you can. Some changes only take effect from the date you report them, so a late report can cost you money.',
      'Some changes must be reported by law, and some within a set time (for example a change of address). If you are unsure, report it now.',
    ],
  })
}
