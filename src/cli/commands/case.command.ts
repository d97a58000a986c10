import { say, sayShared as shared } from '../copy.ts'
import { formatDate, parseDate } from '../../domain/shared/plain-date.ts'
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
  formatCmsReference,
  type EventType,
} from '../../domain/case/index.ts'
import { formatPounds, pence } from '../../domain/shared/pence.ts'
import { BadInput, action, output, readStdinJson } from '../io.ts'
import { CLI_ACTOR, withServices } from '../services.ts'
import { ARCHIVE_MAGIC, passphraseFromEnvironment, passphraseFromFile } from '../../services/safe-mode.ts'
import { seedDemoCases } from '../../services/demo.service.ts'

/** "2026-12-03" as "3 December 2026". */
const dateInWords = (iso: string): string => formatDate(parseDate(iso))

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

const days = (n: number): string =>
  n === 0 ? say('case.dueToday') : n > 0 ? say('case.daysLeft', { n }) : say('case.daysAgo', { value: -n })

/** `redress case …`: the case file from the command line. */
export function registerCase(program: Command): void {
  const cmd = program.command('case').description(say('case.keepYourCaseFile'))

  cmd
    .command('create')
    .description(say('case.createACaseOptions'))
    .option('--title <text>', say('case.aNameForThe'))
    .option('--nation <nation>', say('case.whereYouLive', { value: CASE_NATIONS.join(', ') }))
    .option('--role <role>', say('case.whichParentYouAre'))
    .option('--cms-reference <digits>', '12 digits beginning 121')
    .option('--child <name@YYYY-MM-DD>', say('case.aChildAndDate'), collect)
    .option('--other-parent <name>', say('case.theOtherParentS'))
    .option('--your-name <name>', say('case.yourOwnNameFor'))
    .option('--your-address <address>', say('case.yourOwnPostalAddress'))
    .option('--stdin', say('case.readTheWholeCase'))
    .option('--json', say('program.machineReadableOutput'))
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
            output(Boolean(o.json), c, () => say('case.createdCase', { title: c.title, id: c.id }))
          })
        },
      ),
    )

  cmd
    .command('edit <caseId>')
    .description(say('case.changeACaseYour'))
    .option('--title <text>', say('case.aNameForThe'))
    .option('--nation <nation>', say('case.whereYouLive', { value: CASE_NATIONS.join(', ') }))
    .option('--role <role>', say('case.whichParentYouAre'))
    .option('--cms-reference <digits>', '12 digits beginning 121')
    .option('--other-parent <name>', say('case.theOtherParentS'))
    .option('--your-name <name>', say('case.yourOwnNameFor'))
    .option('--your-address <address>', say('case.yourOwnPostalAddress'))
    .option('--json', say('program.machineReadableOutput'))
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
            output(Boolean(o.json), c, () => say('case.changedCase', { title: c.title, id: c.id }))
          })
        },
      ),
    )

  cmd
    .command('demo')
    .description(say('case.addFourExampleCases'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (o: JsonOpt) => {
        await withCases(async (s) => {
          const made = await seedDemoCases(s.cases, CLI_ACTOR, s.cases.today())
          output(Boolean(o.json), made, () =>
            [
              ...made.map((m) =>
                m.created
                  ? say('case.createdTheExampleCase', { title: m.title, id: m.id })
                  : say('case.theExampleCaseIs', { title: m.title, id: m.id }),
              ),
              describeDataDir(loadConfig()),
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('where')
    .description(say('case.sayWhereYourCase'))
    .option('--json', say('program.machineReadableOutput'))
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
    .description(say('case.listYourCases'))
    .option('--binned', say('case.listTheCasesIn'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (o: { binned?: boolean } & JsonOpt) => {
        await withCases(async (s) => {
          const list = await s.cases.listCases(CLI_ACTOR, o.binned ? 'binned' : 'live')
          output(Boolean(o.json), list, () =>
            list.length === 0
              ? say('case.noCases', { where: describeDataDir(loadConfig()) })
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
    .description(say('case.showACaseNext'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (caseId: string, o: JsonOpt) => {
        await withCases(async (s) => {
          const d = await s.cases.dashboard(CLI_ACTOR, caseId)
          output(Boolean(o.json), d, () =>
            [
              `${d.case.title}${d.case.cmsReference ? ` (CMS ${formatCmsReference(d.case.cmsReference)})` : ''}`,
              '',
              say('case.showNextDeadlines'),
              ...(d.next.length
                ? d.next.map((n) => `  ${n.task.dueOn}  ${n.task.title} (${days(n.daysLeft)})`)
                : [`  ${say('case.showNone')}`]),
              '',
              say('case.showOpenChallenges'),
              ...(d.challenges.length
                ? d.challenges.map((c) =>
                    say('case.since', {
                      kind: shared(`case.challenges.kinds.${c.kind}`),
                      stage: shared(`case.challenges.stages.${c.stage}`),
                      since: shared('case.challenges.since', { date: dateInWords(c.since) }),
                      value: c.next
                        ? say('case.by', { title: c.next.title, dueOn: dateInWords(c.next.dueOn) })
                        : '',
                    }),
                  )
                : [`  ${say('case.showNone')}`]),
              '',
              say('case.showRecentTimeline'),
              ...(d.recent.length
                ? d.recent.map(
                    (e) =>
                      `  ${e.occurredOn}${e.occurredTime ? ` ${e.occurredTime}` : ''}  ${shared(`case.labels.eventType.${e.type}`)}: ${e.title}`,
                  )
                : [`  ${say('case.showNothingYet')}`]),
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('add-decision <caseId>')
    .description(say('case.recordACmsDecision'))
    .requiredOption('--kind <kind>', DECISION_KINDS.join(', '))
    .requiredOption('--letter-date <YYYY-MM-DD>', say('case.theDateOnThe'))
    .option('--received-date <YYYY-MM-DD>', say('case.theDateYouReceived'))
    .option('--effective-date <YYYY-MM-DD>', say('case.theDateItTakes'))
    .option('--summary <text>', say('case.whatItIsAbout'))
    .option('--weekly-amount <pounds>', say('case.weeklyAmountHelp'))
    .option('--weekly-income <pounds>', say('case.payingParentSGross'))
    .option('--nights <n>', say('case.nightsAYearCounted'))
    .option('--other-children <n>', say('case.relevantOtherChildrenCounted'))
    .option('--enforcement <action>', say('case.forAnEnforcementDecision'))
    .option('--tag <tag>', say('case.aTagRepeatFor'), collect)
    .option('--json', say('program.machineReadableOutput'))
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
              say('case.recordedTheDecisionOf', {
                kind: shared(`case.labels.decisionKind.${r.record.kind}`),
                letterDate: dateInWords(r.record.letterDate),
                id: r.record.id,
              }),
              ...(r.tasks.length
                ? [say('case.deadlinesHeading'), ...r.tasks.map((t) => `  ${t.dueOn}  ${t.title}`)]
                : [say('case.itCreatesNoDeadline')]),
              ...r.gaps.map((g) => say('case.couldNotWorkOut', { kind: g.kind, reason: g.reason })),
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('add-event <caseId>')
    .description(say('case.addToTheTimeline'))
    .option('--type <type>', EVENT_TYPES.join(', '))
    .option('--date <YYYY-MM-DD>', say('case.whenItHappenedSent'))
    .option('--time <HH:MM>', say('case.ukTimeItHappened'))
    .option('--title <text>', say('case.aShortDescription'))
    .option('--details <text>', say('case.detailsHelp'))
    .option('--amount <pounds>', say('case.forAPayment'))
    .option('--subject <subject>', say('case.forALetter', { value: LETTER_SUBJECTS.join(', ') }))
    .option('--method <method>', say('case.forALetter', { value: LETTER_METHODS.join(', ') }))
    .option('--letter-date <YYYY-MM-DD>', say('case.forALetterThe'))
    .option('--to <who>', say('case.forALetterWho'))
    .option('--certificate <number>', say('case.forALetterSent'))
    .option('--tracking <number>', say('case.forALetterSent2'))
    .option('--delivered <YYYY-MM-DD>', say('case.forALetterSent3'))
    .option('--about-decision <id>', say('case.forALetterThe2'))
    .option('--confirms-call <id>', say('case.forALetterSent4'))
    .option('--tag <tag>', say('case.aTagRepeatFor'), collect)
    .option('--stdin', say('case.readTheEventAs'))
    .option('--json', say('program.machineReadableOutput'))
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
          throw new BadInput('--type', say('case.mustBeOneOf', { value: EVENT_TYPES.join(', ') }))
        if (!o.stdin && str('type') === 'call') throw new BadInput('--type', say('case.useRedressCaseLog'))
        await withCases(async (s) => {
          const r = await s.cases.addEvent(CLI_ACTOR, caseId, input as Parameters<typeof s.cases.addEvent>[2])
          output(Boolean(o.json), r, () =>
            [
              say('case.addedEvent', {
                title: r.record.title,
                date: dateInWords(r.record.occurredOn),
                id: r.record.id,
              }),
              ...r.tasks.map((t) => `  ${t.dueOn}  ${t.title}`),
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('log-call <caseId>')
    .description(say('case.logAPhoneCall'))
    .requiredOption('--date <YYYY-MM-DD>', say('case.dateOfTheCall'))
    .option('--time <HH:MM>', say('case.timeItStartedUk'))
    .option('--duration <minutes>', say('case.lengthInMinutes'))
    .option('--number <digits>', say('case.theNumberDialled'))
    .option('--name <name>', say('case.whoYouSpokeTo'))
    .option('--role <role>', say('case.theirRole'))
    .option('--office <office>', say('case.theirOfficeOrTeam'))
    .option('--title <text>', say('case.aShortDescription'), say('case.phoneCallWithThe'))
    .option('--i-said <text>', say('case.whatYouSaid'))
    .option('--they-said <text>', say('case.whatTheySaid'))
    .option('--promised <text@YYYY-MM-DD>', say('case.somethingTheyPromisedWith'), collect)
    .option('--follow-up <YYYY-MM-DD>', say('case.whenToChase'))
    .option('--asked-for-reconsideration', say('case.onThisCallYou'))
    .option('--tag <tag>', say('case.aTagRepeatFor'), collect)
    .option('--json', say('program.machineReadableOutput'))
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
              say('case.loggedTheCallOf', { occurredOn: r.record.occurredOn, id: r.record.id }),
              ...r.tasks.map((t) => `  ${t.dueOn}  ${t.title}`),
              say('case.nowConfirmItIn'),
              say('case.redressCaseAddEvent', { caseId, id: r.record.id }),
            ].join('\n'),
          )
        })
      }),
    )

  cmd
    .command('add-evidence <caseId> <file>')
    .description(say('case.addAnEvidenceFile'))
    .option('--title <text>', say('case.aTitleDefaultThe'))
    .option('--description <text>', say('case.whatItShows'))
    .option('--date <YYYY-MM-DD>', say('case.theDateOfThe'))
    .option('--link <decision:ID|event:ID>', say('case.linkItToA'))
    .option('--tag <tag>', say('case.aTagRepeatFor'), collect)
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(
        async (caseId: string, file: string, o: Record<string, string | string[] | boolean | undefined>) => {
          let size: number
          try {
            size = statSync(file).size
          } catch {
            throw new BadInput('file', say('case.thereIsNoFile', { file }))
          }
          const link = o.link as string | undefined
          const m = link ? /^(decision|event):(.+)$/.exec(link) : null
          if (link && !m) throw new BadInput('--link', say('case.mustBeDecisionId'))
          await withCases(async (s) => {
            const bar = progressBar(size, say('case.progressAdding'))
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
              output(Boolean(o.json), e, () =>
                say('case.addedEvidence', {
                  title: e.title,
                  mediaType: e.mediaType,
                  size: e.sizeBytes,
                  sha256: e.sha256,
                  id: e.id,
                }),
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
    .description(say('case.listTheTimelineNewest'))
    .option('--type <type>', say('case.onlyThisKindRepeat'), collect)
    .option('--from <YYYY-MM-DD>', say('case.onOrAfterThis'))
    .option('--to <YYYY-MM-DD>', say('case.onOrBeforeThis'))
    .option('--tag <tag>', say('case.onlyWithThisTag'))
    .option('--text <words>', say('case.onlyEntriesContainingThese'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(
        async (
          caseId: string,
          o: { type?: string[]; from?: string; to?: string; tag?: string; text?: string } & JsonOpt,
        ) => {
          for (const t of o.type ?? [])
            if (!(EVENT_TYPES as readonly string[]).includes(t))
              throw new BadInput('--type', say('case.isNotOneOf', { t, value: EVENT_TYPES.join(', ') }))
          for (const [k, v] of [
            ['--from', o.from],
            ['--to', o.to],
          ] as const)
            if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v))
              throw new BadInput(k, say('case.mustBeADate'))
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
                ? say('case.nothingOnTheTimeline')
                : events
                    .map(
                      (e) =>
                        `${e.occurredOn}${e.occurredTime ? ` ${e.occurredTime}` : '      '}  ${shared(`case.labels.eventType.${e.type}`).padEnd(23)} ${e.title}${e.amountPence !== null ? ` (${formatPounds(pence(e.amountPence))})` : ''}`,
                    )
                    .join('\n'),
            )
          })
        },
      ),
    )

  cmd
    .command('deadlines <caseId>')
    .description(say('case.listOpenDeadlinesAnd'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (caseId: string, o: JsonOpt) => {
        await withCases(async (s) => {
          const list = await s.cases.deadlines(CLI_ACTOR, caseId)
          output(
            Boolean(o.json),
            list.map((n) => ({ ...n.task, daysLeft: n.daysLeft, overdue: n.overdue })),
            () =>
              list.length === 0
                ? say('case.noOpenDeadlinesOr')
                : list
                    .map((n) => `${n.task.dueOn}  ${days(n.daysLeft).padEnd(14)} ${n.task.title}`)
                    .join('\n'),
          )
        })
      }),
    )

  cmd
    .command('export <caseId> <file>')
    .description(say('case.exportTheWholeCase'))
    .option('--unencrypted', say('case.inSafeModeWrite'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (caseId: string, file: string, o: JsonOpt & { unencrypted?: boolean }) => {
        await withCases(async (s) => {
          let bar: ReturnType<typeof progressBar> | null = null
          const manifest = await s.caseArchive.export(
            CLI_ACTOR,
            caseId,
            file,
            (done, total) => {
              bar ??= progressBar(total, say('case.progressExporting'))
              bar.update(done)
            },
            { unencrypted: Boolean(o.unencrypted) },
          )
          ;(bar as ReturnType<typeof progressBar> | null)?.stop()
          output(Boolean(o.json), manifest, () =>
            say('case.exportedTheCaseTo', { file, length: manifest.files.length }),
          )
        })
      }),
    )

  cmd
    .command('import <file>')
    .description(say('case.importACaseArchive'))
    .option('--archive-passphrase-file <file>', say('case.forAnEncryptedArchive'))
    .option('--json', say('program.machineReadableOutput'))
    .action(
      action(async (file: string, o: JsonOpt & { archivePassphraseFile?: string }) => {
        let size = 0
        try {
          size = statSync(file).size
        } catch {
          throw new BadInput('file', say('case.thereIsNoFile', { file }))
        }
        await withCases(async (s) => {
          const bar = progressBar(size, say('case.progressImporting'))
          try {
            const passphrase = (await isEncryptedArchive(file))
              ? o.archivePassphraseFile
                ? passphraseFromFile(o.archivePassphraseFile)
                : ((await passphraseFromEnvironment(say('case.passphraseOfTheArchive'))) ?? undefined)
              : undefined
            const c = await s.caseArchive.import(CLI_ACTOR, file, (n) => bar.update(n), {
              ...(passphrase ? { passphrase } : {}),
            })
            bar.stop()
            output(Boolean(o.json), c, () =>
              c.importedAsCopy
                ? say('case.thatCaseWasAlready', { title: c.title, id: c.id })
                : say('case.importedTheCase', { title: c.title, id: c.id }),
            )
          } finally {
            bar.stop()
          }
        })
      }),
    )

  cmd
    .command('chronology <caseId> <file>')
    .description(say('case.writeAPrintableChronology'))
    .option('--include-sensitive', say('case.includeTheOtherParent'))
    .action(
      action(async (caseId: string, file: string, o: { includeSensitive?: boolean }) => {
        await withCases(async (s) => {
          const pdf = await s.chronology.pdf(CLI_ACTOR, caseId, {
            includeSensitive: Boolean(o.includeSensitive),
          })
          writeFileSync(file, pdf)
          process.stdout.write(say('case.wroteTheChronologyTo', { file }))
        })
      }),
    )
}
