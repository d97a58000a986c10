import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { LOCAL_OWNER, LETTER_METHODS, type Actor } from '../../domain/case/index.ts'
import { parseDate, formatDate } from '../../domain/shared/plain-date.ts'
import { isLetterKind, listLetterKinds, type Letter } from '../../documents/index.ts'
import {
  LetterNeedsMore,
  parseMethod,
  type AddWhere,
  type LetterChoices,
} from '../../services/letter.service.ts'
import { BadInput, action, output } from '../io.ts'
import { withServices } from '../services.ts'

/** The person using this install, at the command line. */
export const CLI_ACTOR: Actor = { ownerId: LOCAL_OWNER, name: 'you (command line)' }

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

const HOW: Record<AddWhere, string> = {
  case: 'add it to the case (in the web app: the case, then "Edit case details")',
  decisions: 'record the CMS decision (`redress case add-decision <caseId>`) or pick one with --decision',
  calls: 'log the call (`redress case log-call <caseId>`) or pick one with --call',
  timeline: 'record it on the timeline (`redress case add-event <caseId>`)',
  letter: 'give it with --set NAME=VALUE, --recipient-address or --input FILE.json',
}

/** Missing particulars as a bad-input message naming what to add and how. */
export function needsMoreMessage(e: LetterNeedsMore): string {
  return [e.message, ...e.problems.map((p) => `  - ${p.whatToAdd} (${p.field}): ${HOW[p.where]}`)].join('\n')
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
  let input: Record<string, unknown> | null = null
  if (o.input) {
    try {
      input = JSON.parse(readFileSync(o.input, 'utf8')) as Record<string, unknown>
    } catch (e) {
      throw new BadInput('--input', `could not read JSON from ${o.input} (${(e as Error).message})`)
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
    ...(input ? { input } : {}),
    ...(Object.values(figures).some((v) => v !== null) ? { figures } : {}),
    ...(o.keepAddressPrivate ? { keepAddressPrivate: true } : {}),
    ...(o.enclose?.length ? { enclose: o.enclose } : {}),
  }
}

/** `redress letter <kind> --case <id>`: a letter written from the case file, as PDF or Word. */
export function registerLetter(program: Command): void {
  program
    .command('letter [kind]')
    .description(
      'write a letter from your case file (PDF or Word); --list shows every kind and what it needs',
    )
    .option('--list', 'list the kinds of letter, with what each needs')
    .option('--case <id>', 'the case to write from')
    .option('--format <format>', 'pdf or docx', 'pdf')
    .option('--out <file>', 'where to save it (default: <kind>.<format>)')
    .option('--decision <id>', 'the decision the letter is about (default: the newest suitable one)')
    .option('--call <id>', 'the call a confirmation letter is about (default: the newest call)')
    .option('--date <YYYY-MM-DD>', 'the date on the letter (default: today)')
    .option(
      '--set <name=value>',
      'words only you can give, e.g. --set "grounds=He started a new job" (repeat; repeated names add lines)',
      collect,
    )
    .option('--input <file.json>', 'any other input for the letter as JSON (dates YYYY-MM-DD, money "12.34")')
    .option('--recipient-organisation <name>', 'who it goes to, when Redress has no confirmed address')
    .option('--recipient-address <lines>', 'their postal address, lines separated by | ')
    .option(
      '--my-income <pounds>',
      'your figure for the paying parent’s gross weekly income (compared with the decision)',
    )
    .option('--my-nights <n>', 'your figure for nights a year with the paying parent')
    .option('--my-other-children <n>', 'your figure for relevant other children')
    .option('--my-additional-income <pounds>', 'additional weekly income a variation should add')
    .option(
      '--keep-address-private',
      'ask that your address is not shown to the other parent (appeal papers)',
    )
    .option(
      '--sent',
      'also record it as sent: a timeline event, the PDF kept as evidence, and the deadlines it starts',
    )
    .option('--method <method>', `how you sent it: ${LETTER_METHODS.join(', ')}`)
    .option('--sent-on <YYYY-MM-DD>', 'the day you sent it (default: today)')
    .option('--certificate <number>', 'the certificate of posting number')
    .option('--tracking <number>', 'the tracking number')
    .option(
      '--proof <file>',
      'with --sent: a photo or scan of the certificate of posting, kept with the letter',
    )
    .option(
      '--enclose <evidenceId>',
      'evidence from the case you are sending with it (repeat; listed as enclosures)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--notes-out <file>', 'also save the notes for you (not to send) as a PDF here')
    .option('--json', 'machine-readable output')
    .action(
      action(async (kind: string | undefined, o: LetterOptions) => {
        if (o.list) {
          const kinds = listLetterKinds()
          output(!!o.json, kinds, () =>
            kinds
              .map(
                (k) => `${k.kind}\n  ${k.title}\n  needs: ${k.required.map((r) => r.whatToAdd).join('; ')}`,
              )
              .join('\n'),
          )
          return
        }
        if (!kind) throw new BadInput('kind', 'name the kind of letter (see `redress letter --list`)')
        if (!isLetterKind(kind))
          throw new BadInput('kind', `there is no letter "${kind}" (see \`redress letter --list\`)`)
        if (!o.case) throw new BadInput('--case', 'give the case to write from (see `redress case list`)')
        const format = o.format ?? 'pdf'
        if (format !== 'pdf' && format !== 'docx') throw new BadInput('--format', 'must be pdf or docx')
        const method = o.sent ? parseMethod(o.method) : null
        const choices = choicesFrom(o)
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
          const out = o.out ?? `${kind}.${format}`
          writeFileSync(out, bytes)
          if (o.notesOut)
            writeFileSync(
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
                ? `This is late: the time limit ended on ${formatDate(timing.deadline)}.` +
                    (timing.lateKind
                      ? ` Write \`redress letter ${timing.lateKind}\` instead, saying why.`
                      : '') +
                    '\n'
                : `The time limit has passed: the last date was ${formatDate(timing.outerLimit ?? timing.deadline)}. ` +
                    `What remains: ${timing.remains.map((k) => `\`redress letter ${k}\``).join(', ')}.\n`,
            )
          let proofId: string | null = null
          if (method && o.proof) {
            const sentOn = o.sentOn ? parseDate(o.sentOn, '--sent-on') : clock.today()
            let content: Buffer
            try {
              content = readFileSync(o.proof)
            } catch (e) {
              throw new BadInput('--proof', `could not read ${o.proof} (${(e as Error).message})`)
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
                `${l.title} saved to ${out}`,
                ...(sent
                  ? [
                      `Recorded as sent (event ${sent.event.id}).`,
                      ...sent.tasks.map((t) => `  ${formatDate(parseDate(t.dueOn))}: ${t.title}`),
                    ]
                  : []),
              ].join('\n'),
          )
        })
      }),
    )
}
