import { writeFileSync } from 'node:fs'
import { isBundleSection, BUNDLE_SECTIONS, possessive } from '../../documents/index.ts'
import type { Command } from 'commander'
import cliProgress from 'cli-progress'
import { BadInput, action, output } from '../io.ts'
import { withServices } from '../services.ts'
import { CLI_ACTOR } from './letter.command.ts'

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
  redact?: string[]
  section?: string[]
  redactionLog?: string
  arrears?: string | false
  complaint?: boolean
  json?: boolean
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]
const SECTION_IDS = BUNDLE_SECTIONS.map((s) => s.id).join(', ')

/** `--section ID=SECTION` pairs, checked. */
function sectionsFrom(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of pairs) {
    const m = /^([^=]+)=(.+)$/.exec(p.trim())
    if (!m || !isBundleSection(m[2]!.trim()))
      throw new BadInput(
        '--section',
        `give a document id and one of ${SECTION_IDS}, e.g. --section ev_123=evidence`,
      )
    out[m[1]!.trim()] = m[2]!.trim()
  }
  return out
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
      'evidence or decision ids, comma-separated, in order within their sections (default: every PDF, JPEG and PNG in the case)',
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
    .option(
      '--title <text>',
      'the title on the cover (default "Appeal bundle", or "Complaint bundle" with --complaint)',
    )
    .option(
      '--complaint',
      'a bundle for a complaint (for example about arrears, which cannot be appealed): names you as the complainant and does not look for the decision and reconsideration notice',
    )
    .option('--redact <text>', 'other text to hide wherever it appears (repeat for more)', collect)
    .option(
      '--section <id=section>',
      `move a document to another section (${SECTION_IDS}); repeat for more`,
      collect,
    )
    .option(
      '--arrears <ids>',
      'arrears checks whose ledger goes in section F, comma-separated (default: every check in the case with an "as of" date)',
    )
    .option('--no-arrears', 'leave the arrears ledgers out of the bundle')
    .option(
      '--redaction-log <file>',
      'save the redaction log (every page changed or not searchable) as text, for you only',
    )
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
        await withServices(async ({ bundles }) => {
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
          const stages = ['making pages', 'reading and redacting', 'assembling', 'saving']
          let r
          try {
            r = await bundles.buildToFile(
              CLI_ACTOR,
              o.case!,
              o.out!,
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
                redact: o.redact ?? [],
                sections: sectionsFrom(o.section ?? []),
                ...(o.complaint ? { purpose: 'complaint' as const } : {}),
                ...(o.arrears === false
                  ? { arrearsChecks: [] }
                  : o.arrears
                    ? {
                        arrearsChecks: o.arrears
                          .split(',')
                          .map((x) => x.trim())
                          .filter(Boolean),
                      }
                    : {}),
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
          const log = redactionLogText(r.redaction.log)
          if (o.redactionLog) writeFileSync(o.redactionLog, log, { mode: 0o600 })
          output(!!o.json, { out: o.out, ...r }, () =>
            [
              `${r.title}: ${r.pageCount} pages saved to ${o.out}`,
              ...r.entries.map((e) => `  ${e.number}  ${e.title}  pages ${e.firstPage}–${e.lastPage}`),
              ...r.messages,
              ...(o.redactionLog
                ? [`Redaction log (for you, not part of the bundle) saved to ${o.redactionLog}`]
                : r.redaction.log.length
                  ? ['', log]
                  : []),
            ].join('\n'),
          )
        })
      }),
    )
}

const KIND_WORDS: Record<string, string> = {
  address: 'address',
  postcode: 'postcode',
  phone: 'phone number',
  email: 'email address',
  text: 'text you asked to hide',
}

const words = (x: { kind: string; whose: string }): string =>
  x.kind === 'text' ? 'text you asked to hide' : `${possessive(x.whose)} ${KIND_WORDS[x.kind] ?? x.kind}`

/** The redaction log as plain text: one line a page touched. */
function redactionLogText(
  log: readonly {
    title: string
    fileName: string
    filePage: number
    bundlePage: number
    removed: readonly { kind: string; whose: string; count: number }[]
    left: readonly { kind: string; whose: string }[]
    notSearchable: boolean
  }[],
): string {
  if (log.length === 0) return 'Redaction log: no page of your files was changed.\n'
  const lines = ['Redaction log (for you only: it is not part of the bundle)']
  for (const e of log) {
    const what = [
      ...e.removed.map((x) => `removed ${words(x)} (${x.count} place${x.count === 1 ? '' : 's'})`),
      ...e.left.map((x) => `STILL SHOWS ${words(x)}: check by hand`),
      ...(e.notSearchable ? ['no text to search (a picture): check it yourself'] : []),
    ]
    lines.push(
      `  Bundle page ${e.bundlePage} (${e.title}, ${e.fileName}, page ${e.filePage}): ${what.join('; ')}`,
    )
  }
  return `${lines.join('\n')}\n`
}
