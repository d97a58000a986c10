import { tr } from '../copy.ts'
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

const TITLE = (): string => tr('changeOfCircumstances.noticeOfAChange')

export const changeOfCircumstancesSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('changeOfCircumstances.tellTheCmsAbout')
  },
  get required() {
    return [
      particular('changeDate', tr('changeOfCircumstances.theDateOfThe')),
      particular('change', tr('changeOfCircumstances.whatChanged')),
      particular('whatFollows', tr('changeOfCircumstances.whatYouThinkShould')),
    ]
  },
}

export function changeOfCircumstances(input: ChangeOfCircumstancesInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('changeOfCircumstances.theChildMaintenanceService'))
  const changeDate = need.date(
    input.changeDate,
    particular('changeDate', tr('changeOfCircumstances.theDateTheChange')),
  )
  const change = need.text(input.change, particular('change', tr('changeOfCircumstances.whatHasChanged')))
  const follows = need.text(
    input.whatFollows,
    particular('whatFollows', tr('changeOfCircumstances.whatYouThinkShould2')),
  )
  need.check()

  const when = input.expected
    ? tr('changeOfCircumstances.isExpectedToHappen', { changeDate: formatDate(changeDate) })
    : tr('changeOfCircumstances.happenedOn', { changeDate: formatDate(changeDate) })
  return compose(base, input, {
    kind: 'change-of-circumstances',
    title: TITLE(),
    subject: tr('changeOfCircumstances.changeOfCircumstancesFrom', { changeDate: formatDate(changeDate) }),
    paragraphs: [
      tr('changeOfCircumstances.iAmWritingTo', { when }),
      heading(tr('changeOfCircumstances.whatHasChanged2')),
      own(change),
      heading(tr('changeOfCircumstances.whatIThinkShould')),
      own(follows),
      tr('changeOfCircumstances.pleaseLookAtThe'),
      tr('changeOfCircumstances.pleaseAlsoConfirmThat', { date: formatDate(base.date) }),
    ],
    notes: [tr('changeOfCircumstances.reportAChangeAs'), tr('changeOfCircumstances.someChangesMustBe')],
  })
}
