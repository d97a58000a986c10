import { say, sayShared as shared } from '../copy.ts'
import type { Command } from 'commander'
import { describeDataDir, loadConfig } from '../../config.ts'
import { CASE_NATIONS, formatCmsReference } from '../../domain/case/index.ts'
import { action, output, readStdinJson } from '../io.ts'
import { CLI_ACTOR } from '../services.ts'
import { seedDemoCases } from '../../services/demo.service.ts'
import { registerCaseArchive } from './case-archive.command.ts'
import { registerCaseRecords } from './case-records.command.ts'
import { collect, dateInWords, days, withCases, type JsonOpt } from './case-shared.ts'

/** An address typed on one line ("14 Ash Grove, Leeds, LS6 2AB") kept as one line each. */
const addressLines = (text: string | undefined): string | undefined =>
  text === undefined
    ? undefined
    : text
        .split(/\r?\n|\\n|,/)
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n')

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

  registerCaseRecords(cmd) // decisions, events, calls, evidence, the timeline and deadlines
  registerCaseArchive(cmd) // export, import and the printable chronology
}
