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

const TITLE = 'Letter to my MP'

export const mpLetterSpec = {
  title: TITLE,
  summary: 'Ask your MP for help and, if needed, to refer your complaint to the Parliamentary Ombudsman.',
  required: [
    particular('mpName', 'your MP’s name'),
    particular('summary', 'what the problem is'),
    particular('helpWanted', 'what help you want'),
  ],
}

export function mpLetter(input: MpLetterInput): Letter {
  const need = new Needs(TITLE)
  const base = readBase(need, input, 'your MP (the House of Commons address)')
  const mp = need.text(input.mpName, particular('mpName', 'your MP’s name'))
  const summary = need.text(input.summary, particular('summary', 'a short account of the problem'))
  const help = need.text(input.helpWanted, particular('helpWanted', 'what you would like your MP to do'))
  need.check()

  const events = [...(input.events ?? [])].sort((a, b) => compareDates(a.date, b.date))
  const greetingName = mp.replace(/\s+MP$/, '')
  return compose(base, input, {
    kind: 'mp-letter',
    title: TITLE,
    subject: 'Request for help with the Child Maintenance Service',
    salutation: `Dear ${greetingName}`,
    closing: 'Yours sincerely',
    paragraphs: [
      'I live in your constituency (my address is above) and I am writing to ask for your help with my child ' +
        'maintenance case.',
      own(summary),
      ...(events.length > 0 ? [heading('What has happened'), ...events.map(dated)] : []),
      heading('What I am asking you to do'),
      own(help),
      ...(input.askForOmbudsmanReferral
        ? [
            'I also ask you to refer my complaint to the Parliamentary and Health Service Ombudsman. I understand ' +
              'that the Ombudsman can only look at a complaint about a government department if an MP refers it.' +
              (input.iceReportDate
                ? ` The Independent Case Examiner sent me a final report on ${formatDate(input.iceReportDate)}.`
                : ''),
          ]
        : []),
      'Please let me know if you need my written consent to contact the Child Maintenance Service about my case.',
    ],
    notes: [
      'Any MP can help, but your own MP is the usual first step. You can find who your MP is on the UK Parliament website.',
      'The Ombudsman has a time limit, counted from when you first knew about the problem. Redress shows it with your other deadlines.',
    ],
  })
}
