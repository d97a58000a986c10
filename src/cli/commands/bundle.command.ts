import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import cliProgress from 'cli-progress'
import { rules } from '../../rules/load.ts'
import { BundleService } from '../../services/bundle.service.ts'
import { LetterService } from '../../services/letter.service.ts'
import { BadInput, action, output } from '../io.ts'
import { CLI_ACTOR, withCaseFile } from './letter.command.ts'

interface BundleOptions {
  case?: string
  out?: string
  documents?: string
  keepMyDetailsPrivate?: boolean
  myPhone?: string
  myEmail?: string
  decision?: string
  myIncome?: string
  myNights?: string
  myOtherChildren?: string
  title?: string
  json?: boolean
}

/** `redress bundle --case <id> --out FILE`: the tribunal bundle from the case file. */
export function registerBundle(program: Command): void {
  program
    .command('bundle')
    .description(
      'build a tribunal bundle (one PDF with index, page numbers and chronology) from your case file',
    )
    .option('--case <id>', 'the case to build from')
    .option('--out <file>', 'where to save the PDF')
    .option(
      '--documents <ids>',
      'evidence or decision ids, comma-separated, in order (default: every PDF in the case)',
    )
    .option(
      '--keep-my-details-private',
      'also remove your own address (and --my-phone, --my-email) from the bundle',
    )
    .option('--my-phone <number>', 'your phone number, to remove')
    .option('--my-email <address>', 'your email address, to remove')
    .option('--decision <id>', 'the decision appealed, for the schedule of disputed figures')
    .option('--my-income <pounds>', 'your figure for gross weekly income (schedule of disputed figures)')
    .option('--my-nights <n>', 'your figure for nights a year (schedule of disputed figures)')
    .option('--my-other-children <n>', 'your figure for relevant other children')
    .option('--title <text>', 'the title on the cover', 'Appeal bundle')
    .option('--json', 'machine-readable report on stdout')
    .action(
      action(async (o: BundleOptions) => {
        if (!o.case) throw new BadInput('--case', 'give the case to build from (see `redress case list`)')
        if (!o.out) throw new BadInput('--out', 'give the file to save the bundle to, e.g. --out bundle.pdf')
        const figures =
          o.myIncome || o.myNights || o.myOtherChildren
            ? {
                weeklyIncome: o.myIncome ?? null,
                nights: o.myNights ?? null,
                otherChildren: o.myOtherChildren ?? null,
              }
            : null
        await withCaseFile(async (svc) => {
          const bundles = new BundleService({
            caseFile: svc,
            letters: new LetterService({ caseFile: svc, rules: rules() }),
          })
          const show = process.stderr.isTTY || process.env.REDRESS_PROGRESS === '1'
          const bar = show
            ? new cliProgress.SingleBar(
                {
                  format: 'Bundle [{bar}] {percentage}% {stage}',
                  stream: process.stderr,
                  hideCursor: true,
                  noTTYOutput: !process.stderr.isTTY,
                  notTTYSchedule: 500,
                },
                cliProgress.Presets.shades_classic,
              )
            : null
          bar?.start(100, 0, { stage: 'starting' })
          const stages = [
            'checking files',
            'reading text',
            'assembling',
            'numbering pages',
            'checking redaction',
            'saving',
          ]
          let result
          try {
            result = await bundles.build(
              CLI_ACTOR,
              o.case!,
              {
                ...(o.documents
                  ? {
                      documents: o.documents
                        .split(',')
                        .map((s) => s.trim())
                        .filter(Boolean),
                    }
                  : {}),
                ...(o.keepMyDetailsPrivate ? { keepMyDetailsPrivate: true } : {}),
                myPhone: o.myPhone ?? null,
                myEmail: o.myEmail ?? null,
                decisionId: o.decision ?? null,
                figures,
                title: o.title ?? null,
              },
              (p) => {
                const i = Math.max(0, stages.indexOf(p.stage))
                const within = p.total > 0 ? p.done / p.total : 0
                bar?.update(Math.round(((i + within) / stages.length) * 100), { stage: p.stage })
              },
            )
          } finally {
            bar?.stop()
          }
          writeFileSync(o.out!, result.pdf)
          const r = result.report
          output(!!o.json, { out: o.out, ...r }, () =>
            [
              `${r.title}: ${r.pageCount} pages saved to ${o.out}`,
              ...r.entries.map((e) => `  ${e.number}  ${e.title}  pages ${e.firstPage}–${e.lastPage}`),
              ...r.problems.map((p) => `Left out: ${p.fileName}: ${p.message}`),
              ...r.messages,
            ].join('\n'),
          )
        })
      }),
    )
}
