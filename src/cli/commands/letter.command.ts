import { say } from '../copy.ts'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { LETTER_METHODS } from '../../domain/case/index.ts'
import { parseDate, formatDate } from '../../domain/shared/plain-date.ts'
import { isLetterKind, listLetterKinds, type Letter, type LetterKind } from '../../documents/index.ts'
import {
  LetterNeedsMore,
  parseMethod,
  type AddWhere,
  type LetterChoices,
} from '../../services/letter.service.ts'
import { wordFieldsFor } from '../../services/letter-fields.ts'
import { BadInput, action, checkOutFile, output } from '../io.ts'
import { CLI_ACTOR, withServices } from '../services.ts'
import { saveWhole } from '../../documents/whole-file.ts'

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

const HOW: Record<AddWhere, string> = {
  get case() {
    return say('letter.addItToThe')
  },
  get decisions() {
    return say('letter.recordTheCmsDecision')
  },
  get calls() {
    return say('letter.logTheCallRedress')
  },
  get timeline() {
    return say('letter.recordItOnThe')
  },
  get letter() {
    return say('letter.giveItWithSet')
  },
}

/**
 * How to give a missing particular on the command line: the exact `--set` name when the letter
 * takes one for it ("sender.phone" is `--set senderPhone=…`), the recipient options for the
 * recipient, otherwise where in the case file it belongs.
 */
function howToGive(kind: LetterKind, field: string, where: keyof typeof HOW): string {
  if (where !== 'letter') return HOW[where]
  const name = field.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase())
  if (wordNames(kind).includes(name)) return say('letter.giveItWithSetName', { name })
  if (field.startsWith('recipient.')) return say('letter.giveItWithRecipient')
  return HOW.letter
}

/** Missing particulars as a bad-input message naming what to add and how. */
export function needsMoreMessage(e: LetterNeedsMore): string {
  return [
    e.message,
    ...e.problems.map((p) => `  - ${p.whatToAdd} (${p.field}): ${howToGive(e.kind, p.field, p.where)}`),
  ].join('\n')
}

interface LetterOptions {
  case?: string
  list?: boolean
  json?: boolean
  format?: string
  out?: string
  decision?: string
  call?: string
  date?: string
  set?: string[]
  input?: string
  recipientOrganisation?: string
  recipientAddress?: string
  myIncome?: string
  myNights?: string
  myOtherChildren?: string
  myAdditionalIncome?: string
  keepAddressPrivate?: boolean
  sent?: boolean
  method?: string
  sentOn?: string
  certificate?: string
  tracking?: string
  proof?: string
  enclose?: string[]
  notesOut?: string
}

const paragraphsOf = (l: Letter): string[] => l.paragraphs.filter((b): b is string => typeof b === 'string')

export function choicesFrom(o: LetterOptions): LetterChoices {
  const words: Record<string, string> = {}
  for (const s of o.set ?? []) {
    const i = s.indexOf('=')
    if (i < 1) throw new BadInput('--set', `expected NAME=VALUE, got "${s}"`)
    const name = s.slice(0, i)
    words[name] = words[name] ? `${words[name]}\n${s.slice(i + 1)}` : s.slice(i + 1)
  }
  let input: unknown = null
  if (o.input) {
    try {
      input = JSON.parse(readFileSync(o.input, 'utf8'))
    } catch (e) {
      throw new BadInput(
        '--input',
        say('letter.couldNotReadJson', { input: o.input, message: (e as Error).message }),
      )
    }
  }
  const figures = {
    weeklyIncome: o.myIncome ?? null,
    nights: o.myNights ?? null,
    otherChildren: o.myOtherChildren ?? null,
    additionalIncomeWeekly: o.myAdditionalIncome ?? null,
  }
  return {
    ...(o.decision ? { decisionId: o.decision } : {}),
    ...(o.call ? { callId: o.call } : {}),
    ...(o.date ? { date: parseDate(o.date, '--date') } : {}),
    ...(o.recipientOrganisation || o.recipientAddress
      ? {
          recipient: {
            ...(o.recipientOrganisation ? { organisation: o.recipientOrganisation } : {}),
            ...(o.recipientAddress
              ? {
                  addressLines: o.recipientAddress
                    .split(/\\n|\n|\|/)
                    .map((l) => l.trim())
                    .filter(Boolean),
                }
              : {}),
          },
        }
      : {}),
    words,
    ...(input !== null ? { input } : {}),
    ...(Object.values(figures).some((v) => v !== null) ? { figures } : {}),
    ...(o.keepAddressPrivate ? { keepAddressPrivate: true } : {}),
    ...(o.enclose?.length ? { enclose: o.enclose } : {}),
  }
}

const wordNames = (kind: LetterKind): string[] => wordFieldsFor(kind).map((f) => f.name)

/**
 * A `--set` name the letter does not use would be dropped without a word, and with it the parent's
 * own words: refuse it, naming the ones this kind takes.
 */
export function refuseUnknownWords(kind: LetterKind, words: Readonly<Record<string, string>>): void {
  const known = wordNames(kind)
  const unknown = Object.keys(words).find((name) => !known.includes(name))
  if (unknown !== undefined)
    throw new BadInput('--set', say('letter.noSuchWords', { name: unknown, kind, names: known.join(', ') }))
}

/** `redress letter <kind> --case <id>`: a letter written from the case file, as PDF or Word. */
export function registerLetter(program: Command): void {
  program
    .command('letter [kind]')
    .description(say('letter.writeALetterFrom'))
    .option('--list', say('letter.listTheKindsOf'))
    .option('--case <id>', say('letter.theCaseToWrite'))
    .option('--format <format>', say('letter.pdfOrDocx'), 'pdf')
    .option('--out <file>', say('letter.whereToSaveIt'))
    .option('--decision <id>', say('letter.theDecisionTheLetter'))
    .option('--call <id>', say('letter.theCallAConfirmation'))
    .option('--date <YYYY-MM-DD>', say('letter.theDateOnThe'))
    .option('--set <name=value>', say('letter.wordsOnlyYouCan'), collect)
    .option('--input <file.json>', say('letter.anyOtherInputFor'))
    .option('--recipient-organisation <name>', say('letter.whoItGoesTo'))
    .option('--recipient-address <lines>', say('letter.theirPostalAddressLines'))
    .option('--my-income <pounds>', say('letter.yourFigureForThe'))
    .option('--my-nights <n>', say('letter.yourFigureForNights'))
    .option('--my-other-children <n>', say('letter.yourFigureForRelevant'))
    .option('--my-additional-income <pounds>', say('letter.additionalWeeklyIncomeA'))
    .option('--keep-address-private', say('letter.askThatYourAddress'))
    .option('--sent', say('letter.alsoRecordItAs'))
    .option('--method <method>', say('letter.howYouSentIt', { value: LETTER_METHODS.join(', ') }))
    .option('--sent-on <YYYY-MM-DD>', say('letter.theDayYouSent'))
    .option('--certificate <number>', say('letter.theCertificateOfPosting'))
    .option('--tracking <number>', say('letter.theTrackingNumber'))
    .option('--proof <file>', say('letter.withSentAPhoto'))
    .option('--enclose <evidenceId>', say('letter.evidenceFromTheCase'), (v: string, prev: string[] = []) => [
      ...prev,
      v,
    ])
    .option('--notes-out <file>', say('letter.alsoSaveTheNotes'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (kind: string | undefined, o: LetterOptions) => {
        if (o.list) {
          const kinds = listLetterKinds().map((k) => ({ ...k, words: wordNames(k.kind) }))
          output(!!o.json, kinds, () =>
            kinds
              .map(
                (k) =>
                  `${k.kind}\n  ${k.title}\n  ${say('letter.listNeeds', { value: k.required.map((r) => r.whatToAdd).join('; ') })}\n  ${say('letter.listWords', { value: wordNames(k.kind).join(', ') })}`,
              )
              .join('\n'),
          )
          return
        }
        if (!kind) throw new BadInput('kind', say('letter.nameTheKindOf'))
        if (!isLetterKind(kind)) throw new BadInput('kind', say('letter.thereIsNoLetter', { kind }))
        if (!o.case) throw new BadInput('--case', say('letter.giveTheCaseTo'))
        const choices = choicesFrom(o)
        refuseUnknownWords(kind, choices.words ?? {})
        const format = o.format ?? 'pdf'
        if (format !== 'pdf' && format !== 'docx') throw new BadInput('--format', say('letter.mustBePdfOr'))
        const out = o.out ?? `${kind}.${format}`
        checkOutFile('--out', out)
        if (o.notesOut) checkOutFile('--notes-out', o.notesOut)
        const method = o.sent ? parseMethod(o.method) : null
        await withServices(async ({ clock, letters }) => {
          let drafted
          try {
            drafted = await letters.draft(CLI_ACTOR, o.case!, kind, choices)
          } catch (error) {
            if (error instanceof LetterNeedsMore) throw new BadInput('letter', needsMoreMessage(error))
            throw error
          }
          const bytes =
            format === 'pdf' ? await letters.pdf(drafted.letter) : await letters.docx(drafted.letter)
          saveWhole(out, bytes)
          if (o.notesOut)
            saveWhole(
              o.notesOut,
              await letters.notesPdf(
                drafted.letter,
                await letters.caseNotes(CLI_ACTOR, o.case!, kind, choices),
              ),
            )
          // Late is said out loud here too (on stderr, so --json output stays clean).
          const timing = await letters.timing(CLI_ACTOR, o.case!, kind, choices)
          if (timing && timing.state !== 'in-time')
            process.stderr.write(
              timing.state === 'late'
                ? say('letter.thisIsLateThe', {
                    deadline: formatDate(timing.deadline),
                    value: timing.lateKind
                      ? say('letter.writeRedressLetterInstead', { lateKind: timing.lateKind })
                      : '',
                  })
                : say('letter.theTimeLimitHas', {
                    value: formatDate(timing.outerLimit ?? timing.deadline),
                    value2: timing.remains.map((k) => say('letter.redressLetter', { k })).join(', '),
                  }),
            )
          let proofId: string | null = null
          if (method && o.proof) {
            const sentOn = o.sentOn ? parseDate(o.sentOn, '--sent-on') : clock.today()
            let content: Buffer
            try {
              content = readFileSync(o.proof)
            } catch (e) {
              throw new BadInput(
                '--proof',
                say('letter.couldNotRead', { proof: o.proof, message: (e as Error).message }),
              )
            }
            proofId = await letters.keepProof(CLI_ACTOR, o.case!, basename(o.proof), [content], sentOn)
          }
          const sent = method
            ? await letters.markSent(CLI_ACTOR, o.case!, drafted, {
                method,
                ...(o.sentOn ? { sentOn: parseDate(o.sentOn, '--sent-on') } : {}),
                certificateNumber: o.certificate ?? null,
                trackingNumber: o.tracking ?? null,
                proofEvidenceId: proofId,
                enclosed: o.enclose ?? [],
              })
            : null
          const l = drafted.letter
          output(
            !!o.json,
            {
              kind,
              title: l.title,
              subject: l.subject,
              date: l.date.toString(),
              reference: l.reference,
              recipient: l.recipient.organisation,
              paragraphs: paragraphsOf(l),
              enclosures: l.enclosures,
              format,
              out,
              ...(sent
                ? {
                    sent: {
                      eventId: sent.event.id,
                      evidenceId: sent.evidenceId,
                      tasks: sent.tasks.map((t) => ({ title: t.title, dueOn: t.dueOn, nature: t.nature })),
                    },
                  }
                : {}),
            },
            () =>
              [
                say('letter.savedTo', { title: l.title, out }),
                ...(sent
                  ? [
                      say('letter.recordedAsSentEvent', { id: sent.event.id }),
                      ...sent.tasks.map((t) => `  ${formatDate(parseDate(t.dueOn))}: ${t.title}`),
                    ]
                  : []),
              ].join('\n'),
          )
        })
      }),
    )
}
