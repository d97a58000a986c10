import { say } from '../copy.ts'
import {
  BUNDLE_SECTIONS,
  BUNDLE_STAGES,
  isBundleSection,
  possessive,
  stageInWords,
} from '../../documents/index.ts'
import type { Command } from 'commander'
import cliProgress from 'cli-progress'
import { BadInput, action, checkOutFile, output } from '../io.ts'
import { CLI_ACTOR, withServices } from '../services.ts'
import { saveWhole } from '../../documents/whole-file.ts'

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
      throw new BadInput('--section', say('bundle.giveADocumentId', { sectionIds: SECTION_IDS }))
    out[m[1]!.trim()] = m[2]!.trim()
  }
  return out
}

/** `redress bundle --case <id> --out FILE`: the tribunal bundle from the case file. */
export function registerBundle(program: Command): void {
  program
    .command('bundle')
    .description(say('bundle.buildATribunalBundle'))
    .option('--case <id>', say('bundle.theCaseToBuild'))
    .option('--out <file>', say('bundle.whereToSaveThe'))
    .option('--documents <ids>', say('bundle.evidenceOrDecisionIds'))
    .option('--keep-my-details-private', say('bundle.alsoRemoveYourOwn'))
    .option('--my-phone <number>', say('bundle.yourPhoneNumberTo'))
    .option('--my-email <address>', say('bundle.yourEmailAddressTo'))
    .option('--decision <id>', say('bundle.theDecisionAppealedFor'))
    .option('--my-income <pounds>', say('bundle.yourFigureForGross'))
    .option('--my-nights <n>', say('bundle.yourFigureForNights'))
    .option('--my-other-children <n>', say('bundle.yourFigureForRelevant'))
    .option('--title <text>', say('bundle.theTitleOnThe'))
    .option('--complaint', say('bundle.aBundleForA'))
    .option('--redact <text>', say('bundle.otherTextToHide'), collect)
    .option('--section <id=section>', say('bundle.moveADocumentTo', { sectionIds: SECTION_IDS }), collect)
    .option('--arrears <ids>', say('bundle.arrearsChecksWhoseLedger'))
    .option('--no-arrears', say('bundle.leaveTheArrearsLedgers'))
    .option('--redaction-log <file>', say('bundle.saveTheRedactionLog'))
    .option('--json', say('bundle.machineReadableReportOn'))
    .action(
      action(async (o: BundleOptions) => {
        if (!o.case) throw new BadInput('--case', say('bundle.giveTheCaseTo'))
        if (!o.out) throw new BadInput('--out', say('bundle.giveTheFileTo'))
        checkOutFile('--out', o.out)
        if (o.redactionLog) checkOutFile('--redaction-log', o.redactionLog)
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
                  format: `${say('bundle.progressLabel')} [{bar}] {percentage}% {stage}`,
                  stream: process.stderr,
                  hideCursor: true,
                  noTTYOutput: !process.stderr.isTTY,
                  notTTYSchedule: 500,
                },
                cliProgress.Presets.shades_classic,
              )
            : null
          bar?.start(100, 0, { stage: stageInWords(BUNDLE_STAGES[0]) })
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
                const i = BUNDLE_STAGES.indexOf(p.stage)
                const within = p.total > 0 ? p.done / p.total : 0
                bar?.update(Math.round(((i + within) / BUNDLE_STAGES.length) * 100), {
                  stage: stageInWords(p.stage),
                })
              },
            )
          } finally {
            bar?.stop()
          }
          const log = redactionLogText(r.redaction.log)
          if (o.redactionLog) saveWhole(o.redactionLog, log)
          output(!!o.json, { out: o.out, ...r }, () =>
            [
              say('bundle.pagesSavedTo', { title: r.title, pageCount: r.pageCount, out: o.out }),
              ...r.entries.map((e) =>
                e.firstPage === e.lastPage
                  ? say('bundle.entryOnePage', { number: e.number, title: e.title, page: e.firstPage })
                  : say('bundle.entryPages', {
                      number: e.number,
                      title: e.title,
                      first: e.firstPage,
                      last: e.lastPage,
                    }),
              ),
              ...r.messages,
              ...(o.redactionLog
                ? [say('bundle.redactionLogForYou', { redactionLog: o.redactionLog })]
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
  get address() {
    return say('bundle.kindAddress')
  },
  get postcode() {
    return say('bundle.kindPostcode')
  },
  get phone() {
    return say('bundle.kindPhone')
  },
  get email() {
    return say('bundle.kindEmail')
  },
  get text() {
    return say('bundle.textYouAskedTo')
  },
}

const words = (x: { kind: string; whose: string }): string =>
  x.kind === 'text' ? say('bundle.textYouAskedTo') : `${possessive(x.whose)} ${KIND_WORDS[x.kind] ?? x.kind}`

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
  if (log.length === 0) return say('bundle.redactionLogNoPage')
  const lines = [say('bundle.redactionLogForYou2')]
  for (const e of log) {
    const what = [
      ...e.removed.map((x) =>
        say(x.count === 1 ? 'bundle.removedOne' : 'bundle.removedMany', { what: words(x), count: x.count }),
      ),
      ...e.left.map((x) => say('bundle.stillShowsCheckBy', { x: words(x) })),
      ...(e.notSearchable ? [say('bundle.noTextToSearch')] : []),
    ]
    lines.push(
      say('bundle.bundlePagePage', {
        bundlePage: e.bundlePage,
        title: e.title,
        fileName: e.fileName,
        filePage: e.filePage,
        value: what.join('; '),
      }),
    )
  }
  return `${lines.join('\n')}\n`
}
