import { tr } from '../copy.ts'
import { compareDates, formatDate, type PlainDate } from '../../../domain/shared/plain-date.ts'
import { heading, type Letter } from '../model.ts'
import { Needs, particular, type Maybe } from '../particulars.ts'
import { compose, own, dated, readBase, type DatedEvent, type LetterBaseInput } from '../common.ts'

export interface MpLetterInput extends LetterBaseInput {
  /** The MP's name, e.g. "Jane Smith MP". */
  readonly mpName?: Maybe<string>
  /** A short account of the problem. */
  readonly summary?: Maybe<string>
  readonly events?: Maybe<readonly DatedEvent[]>
  /** What help the parent wants, e.g. "ask the CMS to act on the missed payments". */
  readonly helpWanted?: Maybe<string>
  /** Ask the MP to refer the complaint to the Parliamentary and Health Service Ombudsman. */
  readonly askForOmbudsmanReferral?: Maybe<boolean>
  /** The date of the Independent Case Examiner's final report, if there is one. */
  readonly iceReportDate?: Maybe<PlainDate>
}

const TITLE = (): string => tr('mpLetter.letterToMyMp')

export const mpLetterSpec = {
  get title() {
    return TITLE()
  },
  get summary() {
    return tr('mpLetter.askYourMpFor')
  },
  get required() {
    return [
      particular('mpName', tr('mpLetter.yourMpSName')),
      particular('summary', tr('mpLetter.whatTheProblemIs')),
      particular('helpWanted', tr('mpLetter.whatHelpYouWant')),
    ]
  },
}

export function mpLetter(input: MpLetterInput): Letter {
  const need = new Needs(TITLE())
  const base = readBase(need, input, tr('mpLetter.yourMpTheHouse'))
  const mp = need.text(input.mpName, particular('mpName', tr('mpLetter.yourMpSName')))
  const summary = need.text(input.summary, particular('summary', tr('mpLetter.aShortAccountOf')))
  const help = need.text(input.helpWanted, particular('helpWanted', tr('mpLetter.whatYouWouldLike')))
  need.check()

  const events = [...(input.events ?? [])].sort((a, b) => compareDates(a.date, b.date))
  const greetingName = mp.replace(/\s+MP$/, '')
  return compose(base, input, {
    kind: 'mp-letter',
    title: TITLE(),
    subject: tr('mpLetter.requestForHelpWith'),
    salutation: tr('mpLetter.dear', { greetingName }),
    closing: tr('mpLetter.yoursSincerely'),
    paragraphs: [
      tr('mpLetter.iLiveInYour'),
      own(summary),
      ...(events.length > 0 ? [heading(tr('mpLetter.whatHasHappened')), ...events.map(dated)] : []),
      heading(tr('mpLetter.whatIAmAsking')),
      own(help),
      ...(input.askForOmbudsmanReferral
        ? [
            tr('mpLetter.iAlsoAskYou', {
              value: input.iceReportDate
                ? tr('mpLetter.theIndependentCaseExaminer', {
                    iceReportDate: formatDate(input.iceReportDate),
                  })
                : '',
            }),
          ]
        : []),
      tr('mpLetter.pleaseLetMeKnow'),
    ],
    notes: [tr('mpLetter.anyMpCanHelp'), tr('mpLetter.theOmbudsmanHasA')],
  })
}
