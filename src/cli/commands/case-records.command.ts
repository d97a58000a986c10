import { say, sayShared as shared } from '../copy.ts'
import { createReadStream, statSync } from 'node:fs'
import { basename } from 'node:path'
import { Transform } from 'node:stream'
import type { Command } from 'commander'
import {
  DECISION_KINDS,
  EVENT_TYPES,
  LETTER_METHODS,
  LETTER_SUBJECTS,
  type EventType,
} from '../../domain/case/index.ts'
import { formatPounds, pence } from '../../domain/shared/pence.ts'
import { BadInput, action, output, readStdinJson } from '../io.ts'
import { CLI_ACTOR } from '../services.ts'
import { collect, dateInWords, days, progressBar, withCases, type JsonOpt } from './case-shared.ts'

/** `redress case add-decision|add-event|log-call|add-evidence|timeline|deadlines`: what happens in a case. */
export function registerCaseRecords(cmd: Command): void {
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
}
