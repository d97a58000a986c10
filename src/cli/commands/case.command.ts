import { createReadStream, statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { Transform } from 'node:stream'
import type { Command } from 'commander'
import cliProgress from 'cli-progress'
import { describeDataDir, loadConfig } from '../../config.ts'
import type { CaseServices } from '../../services/case-services.ts'
import {
  CASE_NATIONS,
  DECISION_KINDS,
  EVENT_TYPES,
  LETTER_METHODS,
  LETTER_SUBJECTS,
  LOCAL_OWNER,
  formatCmsReference,
  type Actor,
  type EventType,
} from '../../domain/case/index.ts'
import { formatPounds, pence } from '../../domain/shared/pence.ts'
import { BadInput, action, output, readStdinJson } from '../io.ts'
import { withServices } from '../services.ts'
import { ARCHIVE_MAGIC, passphraseFromEnvironment, passphraseFromFile } from '../../services/safe-mode.ts'
import { seedDemoCases } from '../../services/demo.service.ts'

/** The person using this install, at the command line. */
const CLI_ACTOR: Actor = { ownerId: LOCAL_OWNER, name: 'you (command line)' }

/**
 * The case-file services for one command (built by the one composition root, createServices),
 * after tidying evidence files a crash left behind.
 */
const withCases = <T>(fn: (s: CaseServices) => Promise<T>): Promise<T> =>
  withServices((s) => fn(s.caseFile), { sweep: true })

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** True when `file` is an encrypted case archive (a safe-mode export). */
async function isEncryptedArchive(file: string): Promise<boolean> {
  const { open } = await import('node:fs/promises')
  const handle = await open(file, 'r')
  try {
    const head = Buffer.alloc(ARCHIVE_MAGIC.length)
    await handle.read(head, 0, head.length, 0)
    return head.equals(ARCHIVE_MAGIC)
  } finally {
    await handle.close()
  }
}

/** An address typed on one line ("14 Ash Grove, Leeds, LS6 2AB") kept as one line each. */
const addressLines = (text: string | undefined): string | undefined =>
  text === undefined
    ? undefined
    : text
        .split(/\r?\n|\\n|,/)
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n')

/** A progress bar on stderr for long work, only when stderr is a terminal (or REDRESS_PROGRESS=1). */
function progressBar(total: number, what: string): { update(n: number): void; stop(): void } {
  const show = process.stderr.isTTY || process.env.REDRESS_PROGRESS === '1'
  if (!show) return { update: () => {}, stop: () => {} }
  const bar = new cliProgress.SingleBar(
    {
      format: `${what} [{bar}] {percentage}% {value}/{total} KB`,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 500,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(Math.max(1, Math.ceil(total / 1024)), 0)
  return { update: (n) => bar.update(Math.ceil(n / 1024)), stop: () => bar.stop() }
}

interface JsonOpt {
  json?: boolean
}

const days = (n: number): string => (n === 0 ? 'today' : n > 0 ? `${n} days left` : `${-n} days ago`)

/** `redress case …`: the case file from the command line. */
export function registerCase(program: Command): void {
  const cmd = program
    .command('case')
    .description(
      'keep your case file: cases, CMS decisions, calls, letters, evidence, deadlines; export and import',
    )

  cmd
    .command('create')
    .description('create a case (options, or JSON on stdin with --stdin)')
    .option('--title <text>', 'a name for the case')
    .option('--nation <nation>', `where you live: ${CASE_NATIONS.join(', ')}`)
    .option('--role <role>', 'which parent you are: receiving or paying')
    .option('--cms-reference <digits>', '12 digits beginning 121')
    .option('--child <name@YYYY-MM-DD>', 'a child and date of birth (repeat for each)', collect)
    .option('--other-parent <name>', "the other parent's name")
    .option('--your-name <name>', 'your own name, for the letters Redress writes')
    .option('--your-address <address>', 'your own postal address, lines separated by commas or new lines')
    .option('--stdin', 'read the whole case as JSON on standard input')
    .option('--json', 'machine-readable output')
    .action(
      action(
        async (
          o: {
            title?: string
            nation?: string
            role?: string
            cmsReference?: string
            child?: string[]
            otherParent?: string
            yourName?: string
            yourAddress?: string
            stdin?: boolean
          } & JsonOpt,
        ) => {
          const input = o.stdin
            ? ((await readStdinJson()) as Record<string, unknown>)
            : {
                title: o.title,
                nation: o.nation,
                role: o.role,
                cmsReference: o.cmsReference,
                yourName: o.yourName,
                yourAddress: addressLines(o.yourAddress),
                otherParent: { name: o.otherParent },
                children: (o.child ?? []).map((c) => {
                  const [name, dateOfBirth] = c.split('@')
                  return { name, dateOfBirth }
                }),
              }
          await withCases(async (s) => {
            const c = await s.cases.createCase(CLI_ACTOR, input)
            output(Boolean(o.json), c, () => `Created case "${c.title}" (${c.id}).`)
          })
        },
      ),
    )

  cmd
    .command('edit <caseId>')
    .description('change a case: your name and address for letters, its title, reference and more')
    .option('--title <text>', 'a name for the case')
    .option('--nation <nation>', `where you live: ${CASE_NATIONS.join(', ')}`)
    .option('--role <role>', 'which parent you are: receiving or paying')
    .option('--cms-reference <digits>', '12 digits beginning 121')
    .option('--other-parent <name>', "the other parent's name")
    .option('--your-name <name>', 'your own name, for the letters Redress writes')
    .option('--your-address <address>', 'your own postal address, lines separated by commas or new lines')
    .option('--json', 'machine-readable output')
    .action(
      action(
        async (
          caseId: string,
          o: {
            title?: string
            nation?: string
            role?: string
            cmsReference?: string
            otherParent?: string
            yourName?: string
            yourAddress?: string
          } & JsonOpt,
        ) => {
          await withCases(async (s) => {
            const cur = await s.cases.getCase(CLI_ACTOR, caseId)
            // Only what is given changes; everything else is kept as it is.
            const c = await s.cases.amendCase(
              CLI_ACTOR,
              caseId,
              {
                title: o.title ?? cur.title,
                nation: o.nation ?? cur.nation,
                role: o.role ?? cur.role,
                cmsReference: o.cmsReference ?? cur.cmsReference,
                yourName: o.yourName ?? cur.yourName,
                yourAddress: o.yourAddress !== undefined ? addressLines(o.yourAddress) : cur.yourAddress,
                otherParent: {
                  ...cur.otherParent,
                  ...(o.otherParent !== undefined ? { name: o.otherParent } : {}),
                },
                children: cur.children,
                notes: cur.notes,
              },
              cur.version,
            )
            output(Boolean(o.json), c, () => `Changed case "${c.title}" (${c.id}).`)
          })
        },
      ),
    )

  cmd
    .command('demo')
    .description(
      "add four example cases (the parents in Redress's personas), dated so their deadlines are live; running it again adds nothing",
    )
    .option('--json', 'machine-readable output')
    .action(
      action(async (o: JsonOpt) => {
        await withCases(async (s) => {
          const made = await seedDemoCases(s.cases, CLI_ACTOR, s.cases.today())
          output(Boolean(o.json), made, () =>
            [
              ...made.map((m) =>
                m.created
                  ? `Created the example case "${m.title}" (${m.id}).`
                  : `The example case "${m.title}" (${m.id}) is already there.`,
              ),
              describeDataDir(loadConfig()),
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('where')
    .description('say where your case file is kept (set REDRESS_DATA_DIR to use another folder)')
    .option('--json', 'machine-readable output')
    .action(
      action((o: JsonOpt) => {
        const config = loadConfig()
        output(
          Boolean(o.json),
          {
            dataDir: config.dataDir,
            source: config.dataDirSource,
            database: config.databaseUrl ? 'postgresql' : 'embedded',
          },
          () => describeDataDir(config),
        )
      }),
    )

  cmd
    .command('list')
    .description('list your cases')
    .option('--binned', 'list the cases in the bin instead')
    .option('--json', 'machine-readable output')
    .action(
      action(async (o: { binned?: boolean } & JsonOpt) => {
        await withCases(async (s) => {
          const list = await s.cases.listCases(CLI_ACTOR, o.binned ? 'binned' : 'live')
          output(Boolean(o.json), list, () =>
            list.length === 0
              ? `No cases. ${describeDataDir(loadConfig())}`
              : list
                  .map(
                    (c) =>
                      `${c.id}  ${c.title}${c.cmsReference ? `  (CMS ${formatCmsReference(c.cmsReference)})` : ''}`,
                  )
                  .join('\n'),
          )
        })
      }),
    )

  cmd
    .command('show <caseId>')
    .description('show a case: next deadlines, open challenges, recent timeline')
    .option('--json', 'machine-readable output')
    .action(
      action(async (caseId: string, o: JsonOpt) => {
        await withCases(async (s) => {
          const d = await s.cases.dashboard(CLI_ACTOR, caseId)
          output(Boolean(o.json), d, () =>
            [
              `${d.case.title}${d.case.cmsReference ? ` (CMS ${formatCmsReference(d.case.cmsReference)})` : ''}`,
              '',
              'Next deadlines:',
              ...(d.next.length
                ? d.next.map((n) => `  ${n.task.dueOn}  ${n.task.title} (${days(n.daysLeft)})`)
                : ['  none']),
              '',
              'Open challenges:',
              ...(d.challenges.length
                ? d.challenges.map(
                    (c) =>
                      `  ${c.kind}: ${c.stage} since ${c.since}${c.next ? `; ${c.next.title} by ${c.next.dueOn}` : ''}`,
                  )
                : ['  none']),
              '',
              'Recent timeline:',
              ...(d.recent.length
                ? d.recent.map(
                    (e) =>
                      `  ${e.occurredOn}${e.occurredTime ? ` ${e.occurredTime}` : ''}  ${e.type}: ${e.title}`,
                  )
                : ['  nothing yet']),
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('add-decision <caseId>')
    .description('record a CMS decision; prints the deadlines it creates')
    .requiredOption('--kind <kind>', DECISION_KINDS.join(', '))
    .requiredOption('--letter-date <YYYY-MM-DD>', 'the date on the letter')
    .option('--received-date <YYYY-MM-DD>', 'the date you received it')
    .option('--effective-date <YYYY-MM-DD>', 'the date it takes effect')
    .option('--summary <text>', 'what it is about')
    .option('--weekly-amount <pounds>', 'weekly amount, e.g. 82.06')
    .option('--weekly-income <pounds>', "paying parent's gross weekly income")
    .option('--nights <n>', 'nights a year counted')
    .option('--other-children <n>', 'relevant other children counted')
    .option(
      '--enforcement <action>',
      'for an enforcement decision: deduction-from-earnings-order, deduction-order, liability-order, other',
    )
    .option('--tag <tag>', 'a tag (repeat for more)', collect)
    .option('--json', 'machine-readable output')
    .action(
      action(async (caseId: string, o: Record<string, string | string[] | boolean | undefined>) => {
        await withCases(async (s) => {
          const r = await s.cases.addDecision(CLI_ACTOR, caseId, {
            kind: o.kind as string,
            letterDate: o.letterDate as string,
            receivedDate: o.receivedDate as string | undefined,
            effectiveDate: o.effectiveDate as string | undefined,
            summary: o.summary as string | undefined,
            weeklyAmount: o.weeklyAmount as string | undefined,
            weeklyIncome: o.weeklyIncome as string | undefined,
            nights: o.nights as string | undefined,
            otherChildren: o.otherChildren as string | undefined,
            enforcementAction: o.enforcement as string | undefined,
            tags: [
              ...((o.tag as string[] | undefined) ?? []),
              ...(o.askedForReconsideration ? ['asked-for-reconsideration'] : []),
            ],
          })
          output(Boolean(o.json), r, () =>
            [
              `Recorded the ${r.record.kind} decision of ${r.record.letterDate} (${r.record.id}).`,
              ...(r.tasks.length
                ? ['Deadlines:', ...r.tasks.map((t) => `  ${t.dueOn}  ${t.title}`)]
                : ['It creates no deadline Redress can work out.']),
              ...r.gaps.map((g) => `Could not work out ${g.kind}: ${g.reason}`),
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('add-event <caseId>')
    .description('add to the timeline (a letter, email, payment, note…); or JSON on stdin with --stdin')
    .option('--type <type>', EVENT_TYPES.join(', '))
    .option('--date <YYYY-MM-DD>', 'when it happened (sent or received, for a letter)')
    .option('--time <HH:MM>', 'UK time it happened')
    .option('--title <text>', 'a short description')
    .option('--details <text>', 'more detail')
    .option('--amount <pounds>', 'for a payment')
    .option('--subject <subject>', `for a letter: ${LETTER_SUBJECTS.join(', ')}`)
    .option('--method <method>', `for a letter: ${LETTER_METHODS.join(', ')}`)
    .option('--letter-date <YYYY-MM-DD>', 'for a letter: the date on it')
    .option('--to <who>', 'for a letter: who it went to or came from')
    .option('--certificate <number>', 'for a letter sent: certificate of posting number')
    .option('--tracking <number>', 'for a letter sent: tracking number')
    .option('--delivered <YYYY-MM-DD>', 'for a letter sent: when it was delivered')
    .option('--about-decision <id>', 'for a letter: the decision it is about')
    .option('--confirms-call <id>', 'for a letter sent: the call it confirms')
    .option('--tag <tag>', 'a tag (repeat for more)', collect)
    .option('--stdin', 'read the event as JSON on standard input')
    .option('--json', 'machine-readable output')
    .action(
      action(async (caseId: string, o: Record<string, string | string[] | boolean | undefined>) => {
        const str = (k: string) => o[k] as string | undefined
        const input = o.stdin
          ? ((await readStdinJson()) as Record<string, unknown>)
          : {
              type: str('type'),
              occurredOn: str('date'),
              occurredTime: str('time'),
              title: str('title'),
              details: str('details'),
              amount: str('amount'),
              letter: {
                subject: str('subject'),
                method: str('method'),
                letterDate: str('letterDate'),
                counterparty: str('to'),
                certificateNumber: str('certificate'),
                trackingNumber: str('tracking'),
                deliveredOn: str('delivered'),
              },
              aboutDecisionId: str('aboutDecision'),
              confirmsCallId: str('confirmsCall'),
              tags: (o.tag as string[] | undefined) ?? [],
            }
        if (!o.stdin && !(EVENT_TYPES as readonly string[]).includes(str('type') ?? ''))
          throw new BadInput('--type', `must be one of: ${EVENT_TYPES.join(', ')}`)
        if (!o.stdin && str('type') === 'call')
          throw new BadInput('--type', 'use `redress case log-call` for a phone call')
        await withCases(async (s) => {
          const r = await s.cases.addEvent(CLI_ACTOR, caseId, input as Parameters<typeof s.cases.addEvent>[2])
          output(Boolean(o.json), r, () =>
            [
              `Added "${r.record.title}" on ${r.record.occurredOn} (${r.record.id}).`,
              ...r.tasks.map((t) => `  ${t.dueOn}  ${t.title}`),
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('log-call <caseId>')
    .description('log a phone call; then confirm it in writing and record that letter with add-event')
    .requiredOption('--date <YYYY-MM-DD>', 'date of the call')
    .option('--time <HH:MM>', 'time it started (UK time)')
    .option('--duration <minutes>', 'length in minutes')
    .option('--number <digits>', 'the number dialled')
    .option('--name <name>', 'who you spoke to')
    .option('--role <role>', 'their role')
    .option('--office <office>', 'their office or team')
    .option('--title <text>', 'a short description', 'Phone call with the CMS')
    .option('--i-said <text>', 'what you said')
    .option('--they-said <text>', 'what they said')
    .option(
      '--promised <text@YYYY-MM-DD>',
      'something they promised, with the date (repeat for more)',
      collect,
    )
    .option('--follow-up <YYYY-MM-DD>', 'when to chase')
    .option(
      '--asked-for-reconsideration',
      'on this call you asked for a mandatory reconsideration (a letter asking for it will say so)',
    )
    .option('--tag <tag>', 'a tag (repeat for more)', collect)
    .option('--json', 'machine-readable output')
    .action(
      action(async (caseId: string, o: Record<string, string | string[] | boolean | undefined>) => {
        const str = (k: string) => o[k] as string | undefined
        await withCases(async (s) => {
          const r = await s.cases.addEvent(CLI_ACTOR, caseId, {
            type: 'call' as EventType,
            occurredOn: str('date'),
            occurredTime: str('time'),
            title: str('title'),
            call: {
              numberDialled: str('number'),
              durationMinutes: str('duration'),
              personName: str('name'),
              personRole: str('role'),
              personOffice: str('office'),
              iSaid: str('iSaid'),
              theySaid: str('theySaid'),
              actions: ((o.promised as string[] | undefined) ?? []).map((p) => {
                const at = p.lastIndexOf('@')
                return at > 0 ? { text: p.slice(0, at), due: p.slice(at + 1) } : { text: p, due: '' }
              }),
              followUpOn: str('followUp'),
            },
            tags: (o.tag as string[] | undefined) ?? [],
          })
          output(Boolean(o.json), r, () =>
            [
              `Logged the call of ${r.record.occurredOn} (${r.record.id}).`,
              ...r.tasks.map((t) => `  ${t.dueOn}  ${t.title}`),
              'Now confirm it in writing, and record the letter:',
              `  redress case add-event ${caseId} --type letter-sent --subject call-confirmation --confirms-call ${r.record.id} --date YYYY-MM-DD --method first-class --title "Letter confirming the call"`,
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('add-evidence <caseId> <file>')
    .description('add an evidence file (PDF, JPEG, PNG, HEIC, .eml, .docx), checked from its content')
    .option('--title <text>', 'a title (default: the file name)')
    .option('--description <text>', 'what it shows')
    .option('--date <YYYY-MM-DD>', 'the date of the document')
    .option('--link <decision:ID|event:ID>', 'link it to a decision or timeline entry')
    .option('--tag <tag>', 'a tag (repeat for more)', collect)
    .option('--json', 'machine-readable output')
    .action(
      action(
        async (caseId: string, file: string, o: Record<string, string | string[] | boolean | undefined>) => {
          let size: number
          try {
            size = statSync(file).size
          } catch {
            throw new BadInput('file', `there is no file at ${file}`)
          }
          const link = o.link as string | undefined
          const m = link ? /^(decision|event):(.+)$/.exec(link) : null
          if (link && !m) throw new BadInput('--link', 'must be decision:<id> or event:<id>')
          await withCases(async (s) => {
            const bar = progressBar(size, 'Adding')
            let done = 0
            const counter = new Transform({
              transform(chunk: Buffer, _enc, cb) {
                done += chunk.length
                bar.update(done)
                cb(null, chunk)
              },
            })
            try {
              const e = await s.evidence.add(CLI_ACTOR, caseId, {
                fileName: basename(file),
                content: createReadStream(file).pipe(counter),
                title: o.title as string | undefined,
                description: o.description as string | undefined,
                documentDate: o.date as string | undefined,
                tags: (o.tag as string[] | undefined) ?? [],
                linkTo: m ? { type: m[1] as 'decision' | 'event', id: m[2]! } : null,
              })
              bar.stop()
              output(
                Boolean(o.json),
                e,
                () =>
                  `Added "${e.title}" (${e.mediaType}, ${e.sizeBytes} bytes, SHA-256 ${e.sha256}) as ${e.id}.`,
              )
            } finally {
              bar.stop()
            }
          })
        },
      ),
    )

  cmd
    .command('timeline <caseId>')
    .description('list the timeline, newest first, with filters')
    .option('--type <type>', 'only this kind (repeat for more)', collect)
    .option('--from <YYYY-MM-DD>', 'on or after this date')
    .option('--to <YYYY-MM-DD>', 'on or before this date')
    .option('--tag <tag>', 'only with this tag')
    .option('--text <words>', 'only entries containing these words')
    .option('--json', 'machine-readable output')
    .action(
      action(
        async (
          caseId: string,
          o: { type?: string[]; from?: string; to?: string; tag?: string; text?: string } & JsonOpt,
        ) => {
          for (const t of o.type ?? [])
            if (!(EVENT_TYPES as readonly string[]).includes(t))
              throw new BadInput('--type', `"${t}" is not one of: ${EVENT_TYPES.join(', ')}`)
          for (const [k, v] of [
            ['--from', o.from],
            ['--to', o.to],
          ] as const)
            if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v))
              throw new BadInput(k, 'must be a date written YYYY-MM-DD')
          await withCases(async (s) => {
            const events = await s.cases.timeline(CLI_ACTOR, caseId, {
              types: (o.type ?? []) as EventType[],
              ...(o.from ? { from: o.from } : {}),
              ...(o.to ? { to: o.to } : {}),
              ...(o.tag ? { tag: o.tag.toLowerCase() } : {}),
              ...(o.text ? { text: o.text } : {}),
            })
            output(Boolean(o.json), events, () =>
              events.length === 0
                ? 'Nothing on the timeline matches.'
                : events
                    .map(
                      (e) =>
                        `${e.occurredOn}${e.occurredTime ? ` ${e.occurredTime}` : '      '}  ${e.type.padEnd(23)} ${e.title}${e.amountPence !== null ? ` (${formatPounds(pence(e.amountPence))})` : ''}`,
                    )
                    .join('\n'),
            )
          })
        },
      ),
    )

  cmd
    .command('deadlines <caseId>')
    .description('list open deadlines and tasks by date, with days left')
    .option('--json', 'machine-readable output')
    .action(
      action(async (caseId: string, o: JsonOpt) => {
        await withCases(async (s) => {
          const list = await s.cases.deadlines(CLI_ACTOR, caseId)
          output(
            Boolean(o.json),
            list.map((n) => ({ ...n.task, daysLeft: n.daysLeft, overdue: n.overdue })),
            () =>
              list.length === 0
                ? 'No open deadlines or tasks.'
                : list
                    .map((n) => `${n.task.dueOn}  ${days(n.daysLeft).padEnd(14)} ${n.task.title}`)
                    .join('\n'),
          )
        })
      }),
    )

  cmd
    .command('export <caseId> <file>')
    .description(
      'export the whole case to one archive (zip: JSON, files, manifest of SHA-256 hashes); in safe mode the archive is encrypted with your passphrase',
    )
    .option(
      '--unencrypted',
      'in safe mode, write a plain zip anyway (for example to send to an adviser): anyone who gets the file can read it',
    )
    .option('--json', 'machine-readable output')
    .action(
      action(async (caseId: string, file: string, o: JsonOpt & { unencrypted?: boolean }) => {
        await withCases(async (s) => {
          let bar: ReturnType<typeof progressBar> | null = null
          const manifest = await s.caseArchive.export(
            CLI_ACTOR,
            caseId,
            file,
            (done, total) => {
              bar ??= progressBar(total, 'Exporting')
              bar.update(done)
            },
            { unencrypted: Boolean(o.unencrypted) },
          )
          ;(bar as ReturnType<typeof progressBar> | null)?.stop()
          output(
            Boolean(o.json),
            manifest,
            () =>
              `Exported the case to ${file} (${manifest.files.length} files, each with its SHA-256 in manifest.json).`,
          )
        })
      }),
    )

  cmd
    .command('import <file>')
    .description(
      'import a case archive; refuses (naming the file) if any hash does not match. An encrypted archive (a safe-mode export) needs the passphrase it was made with',
    )
    .option(
      '--archive-passphrase-file <file>',
      "for an encrypted archive: read its passphrase from FILE (otherwise this install's passphrase file, or asked)",
    )
    .option('--json', 'machine-readable output')
    .action(
      action(async (file: string, o: JsonOpt & { archivePassphraseFile?: string }) => {
        let size = 0
        try {
          size = statSync(file).size
        } catch {
          throw new BadInput('file', `there is no file at ${file}`)
        }
        await withCases(async (s) => {
          const bar = progressBar(size, 'Importing')
          try {
            const passphrase = (await isEncryptedArchive(file))
              ? o.archivePassphraseFile
                ? passphraseFromFile(o.archivePassphraseFile)
                : ((await passphraseFromEnvironment('Passphrase of the archive: ')) ?? undefined)
              : undefined
            const c = await s.caseArchive.import(CLI_ACTOR, file, (n) => bar.update(n), {
              ...(passphrase ? { passphrase } : {}),
            })
            bar.stop()
            output(Boolean(o.json), c, () =>
              c.importedAsCopy
                ? `That case was already here, so it was imported as a separate copy: "${c.title}" (${c.id}). The case that was here is unchanged.`
                : `Imported the case "${c.title}" (${c.id}).`,
            )
          } finally {
            bar.stop()
          }
        })
      }),
    )

  cmd
    .command('chronology <caseId> <file>')
    .description(
      'write a printable chronology (PDF); the other parent’s contact details are left out unless asked',
    )
    .option('--include-sensitive', "include the other parent's contact details")
    .action(
      action(async (caseId: string, file: string, o: { includeSensitive?: boolean }) => {
        await withCases(async (s) => {
          const pdf = await s.chronology.pdf(CLI_ACTOR, caseId, {
            includeSensitive: Boolean(o.includeSensitive),
          })
          writeFileSync(file, pdf)
          process.stdout.write(`Wrote the chronology to ${file}.\n`)
        })
      }),
    )
}
