import { say as cliSay, sayMessage } from '../copy.ts'
import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { unzipSync } from 'fflate'
import { detectType } from '../../domain/case/index.ts'
import { suggestFacts } from '../../domain/reading/suggest.ts'
import { parseLanguages } from '../../documents/read/ocr.ts'
import { MAX_PIXELS } from '../../documents/read/image.ts'
import { ReadFailure } from '../../documents/read/types.ts'
import type { CaseServices } from '../../services/case-services.ts'
import { SEARCH_KINDS, type SearchKind } from '../../domain/reading/search.ts'
import { BadInput, action, output } from '../io.ts'
import { CLI_ACTOR, withServices } from '../services.ts'

/** Progress on stderr (never on stdout, which carries the answer). */
const say = (line: string): void => {
  if (process.stderr.isTTY || process.env.REDRESS_PROGRESS === '1') process.stderr.write(`${line}\n`)
}

function zipNames(bytes: Uint8Array): string[] | null {
  try {
    const names: string[] = []
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name)
        return false
      },
    })
    return names
  } catch {
    return null
  }
}

/** The case-file services for one command (built by the one composition root, createServices). */
const withCaseServices = <T>(fn: (s: CaseServices) => Promise<T>): Promise<T> =>
  withServices((s) => fn(s.caseFile))

/** `redress read FILE`: the text of a document page by page and the facts suggested from it. */
export function registerRead(program: Command): void {
  program
    .command('read <file>')
    .description(cliSay('read.readTheTextOf'))
    .option('--lang <languages>', cliSay('read.ocrLanguagesEngCym'), 'eng')
    .option('--json', cliSay('program.machineReadableOutput'))
    .action(
      action(async (file: string, o: { lang: string; json?: boolean }) => {
        let bytes: Uint8Array
        try {
          if (!statSync(file).isFile()) throw new Error('not a file')
          bytes = new Uint8Array(readFileSync(file))
        } catch {
          throw new BadInput('file', cliSay('read.thereIsNoFile', { file }))
        }
        let languages
        try {
          languages = parseLanguages(o.lang)
        } catch (e) {
          throw new BadInput('--lang', (e as Error).message)
        }
        const head = bytes.subarray(0, 4096)
        const detected = detectType(head, head[0] === 0x50 && head[1] === 0x4b ? zipNames(bytes) : null)
        if (!detected.known)
          throw new BadInput(
            'file',
            cliSay('read.redressCannotReadThis', {
              value: detected.what ? cliSay('read.itLooksLike', { what: sayMessage(detected.what) }) : '',
            }),
          )
        let result
        try {
          // Loaded here, not with the command: the PDF reader (pdf.js) takes a fifth of a second to
          // load, and every other `case` command would pay for it.
          const { readDocument } = await import('../../documents/read/read.ts')
          result = await readDocument(bytes, detected.mediaType, {
            languages,
            maxPixels: MAX_PIXELS,
            onProgress: (done, total, step) =>
              say(
                cliSay('read.of', {
                  value: cliSay(step === 'ocr' ? 'read.stepReadingOcr' : 'read.stepReading'),
                  done,
                  total,
                }),
              ),
          })
        } catch (e) {
          if (e instanceof ReadFailure) throw new BadInput('file', e.message)
          throw e
        }
        if (result.pages.every((p) => !p.text.trim()))
          throw new BadInput('file', cliSay('read.noTextWasFound'))
        const suggestions = suggestFacts(result.pages).map((s) => ({
          field: s.field,
          value: s.value,
          page: s.page,
          text: s.text,
          confidence: s.confidence,
        }))
        const answer = {
          file: basename(file),
          mediaType: detected.mediaType,
          pages: result.pages.map((p) => ({
            page: p.page,
            method: p.method,
            confidence: p.confidence,
            text: p.text,
          })),
          suggestions,
        }
        output(Boolean(o.json), answer, () =>
          [
            ...answer.pages.map(
              (p) =>
                `— Page ${p.page} (${p.method === 'ocr' ? `OCR, confidence ${p.confidence}` : p.method}) —\n${p.text}`,
            ),
            '',
            suggestions.length ? cliSay('read.suggestedFactsCheckEach') : cliSay('read.noFactsSuggested'),
            ...suggestions.map(
              (s) =>
                `  ${s.field}: ${s.value}  (page ${s.page}, "${s.text}", confidence ${Math.round(s.confidence * 100)}%)`,
            ),
          ].join('\n'),
        )
      }),
    )
}

const STEPS: Record<string, string> = {
  get 'text-layer'() {
    return cliSay('read.textInTheFile')
  },
  get ocr() {
    return cliSay('read.stepOcr')
  },
  get rendering() {
    return cliSay('read.preparingPages')
  },
}

/**
 * A progress bar (cli-progress) on stderr for `case read`, one per file as its job runs: pages done of
 * the pages to read, and the step. Only when stderr is a terminal, or REDRESS_PROGRESS=1 (then one
 * line at each change, for logs and tests). stdout keeps only the answer.
 */
async function readingProgress(): Promise<{
  show(jobId: string, title: string, p: { done: number; total: number | null; note: string | null }): void
  stop(): void
}> {
  const tty = Boolean(process.stderr.isTTY)
  if (!tty && process.env.REDRESS_PROGRESS !== '1') return { show: () => {}, stop: () => {} }
  const { default: cliProgress } = await import('cli-progress')
  let current: { jobId: string; bar: InstanceType<typeof cliProgress.SingleBar> } | null = null
  return {
    show(jobId, title, p) {
      if (current?.jobId !== jobId) {
        current?.bar.stop()
        const bar = new cliProgress.SingleBar(
          {
            format: `${cliSay('read.progressReading', { title: title.replace(/[{}]/g, '') })} [{bar}] {value}/{total} {step}`,
            stream: process.stderr,
            hideCursor: tty,
            noTTYOutput: !tty,
            notTTYSchedule: 2000,
          },
          cliProgress.Presets.shades_classic,
        )
        bar.start(Math.max(1, p.total ?? 1), p.done, {
          step: STEPS[p.note ?? ''] ?? cliSay('read.stepStarting'),
        })
        current = { jobId, bar }
        return
      }
      if (p.total) current.bar.setTotal(p.total)
      current.bar.update(p.done, { step: STEPS[p.note ?? ''] ?? cliSay('read.stepStarting') })
    },
    stop() {
      current?.bar.stop()
      current = null
    },
  }
}

/** `redress case search` and `redress case read`, added to the `case` command (call after registerCase). */
export function registerCaseReading(program: Command): void {
  const caseCmd = program.commands.find((c) => c.name() === 'case')
  if (!caseCmd) return

  caseCmd
    .command('search <caseId> <query>')
    .description(cliSay('read.searchACaseEvidence'))
    .option(
      '--kind <kind>',
      cliSay('read.kindHelp', { kinds: SEARCH_KINDS.join(', ') }),
      (v: string, p: string[] = []) => [...p, v],
    )
    .option('--from <YYYY-MM-DD>', cliSay('read.onOrAfterThis'))
    .option('--to <YYYY-MM-DD>', cliSay('read.onOrBeforeThis'))
    .option('--all-cases', cliSay('read.searchEveryCaseThe'))
    .option('--json', cliSay('program.machineReadableOutput'))
    .action(
      action(
        async (
          caseId: string,
          query: string,
          o: { kind?: string[]; from?: string; to?: string; allCases?: boolean; json?: boolean },
        ) => {
          for (const k of o.kind ?? [])
            if (!(SEARCH_KINDS as readonly string[]).includes(k))
              throw new BadInput('--kind', cliSay('read.isNotOneOf', { k, value: SEARCH_KINDS.join(', ') }))
          for (const [f, v] of [
            ['--from', o.from],
            ['--to', o.to],
          ] as const)
            if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new BadInput(f, cliSay('read.mustBeADate'))
          if (!query.trim()) throw new BadInput('query', cliSay('read.typeSomethingToSearch'))
          await withCaseServices(async (s) => {
            if (!o.allCases)
              await s.cases.getCase(CLI_ACTOR, caseId).catch(() => {
                throw new BadInput('caseId', cliSay('read.thereIsNoSuch'))
              })
            const hits = await s.reading.search(CLI_ACTOR, {
              caseId: o.allCases ? null : caseId,
              text: query,
              kinds: (o.kind ?? []) as SearchKind[],
              from: o.from ?? null,
              to: o.to ?? null,
              limit: 50,
            })
            const json = hits.map((h) => ({
              kind: h.kind,
              caseId: h.caseId,
              id: h.id,
              page: h.page,
              title: h.title,
              date: h.date,
              match: h.match,
              snippet: h.snippet.map((p) => (p.hit ? `[${p.text}]` : p.text)).join(''),
            }))
            output(Boolean(o.json), { query, hits: json }, () =>
              json.length
                ? json
                    .map(
                      (h) =>
                        `${h.kind}${h.page ? ` p.${h.page}` : ''}  ${h.date ?? ''}  ${h.title}  (${h.id})\n    ${h.snippet}`,
                    )
                    .join('\n')
                : cliSay('read.nothingFound'),
            )
          })
        },
      ),
    )

  caseCmd
    .command('read <caseId>')
    .description(cliSay('read.readTheTextOf2'))
    .option('--evidence <id>', cliSay('read.readThisPieceOf'))
    .option('--lang <languages>', cliSay('read.ocrLanguagesWhenReading'), 'eng')
    .option('--json', cliSay('program.machineReadableOutput'))
    .action(
      action(async (caseId: string, o: { evidence?: string; lang: string; json?: boolean }) => {
        await withCaseServices(async (s) => {
          await s.cases.getCase(CLI_ACTOR, caseId).catch(() => {
            throw new BadInput('caseId', cliSay('read.thereIsNoSuch'))
          })
          const evidence = await s.evidence.choices(CLI_ACTOR, caseId)
          for (const e of evidence) {
            if (o.evidence && e.id !== o.evidence) continue
            try {
              await s.reading.queue(CLI_ACTOR, e, { languages: o.lang, again: Boolean(o.evidence) })
            } catch (err) {
              throw new BadInput('--lang', (err as Error).message)
            }
          }
          if (o.evidence && !evidence.some((e) => e.id === o.evidence))
            throw new BadInput('--evidence', cliSay('read.thereIsNoSuch2'))
          const titles = new Map(evidence.map((e) => [e.id, e.title]))
          const progress = await readingProgress()
          let ran: number
          try {
            ran = await s.reading.drain((job) =>
              progress.show(job.id, titles.get(String(job.payload.evidenceId)) ?? 'evidence', job.progress),
            )
          } finally {
            progress.stop()
          }
          const states = await s.reading.states(evidence.map((e) => e.id))
          const list = evidence.map((e) => ({ id: e.id, title: e.title, reading: states.get(e.id) }))
          output(Boolean(o.json), { ran, evidence: list }, () =>
            list
              .map((e) => {
                const r = e.reading!
                const what =
                  r.state === 'done'
                    ? cliSay('read.pagesRead', { pages: r.pages })
                    : r.state === 'failed'
                      ? cliSay('read.couldNotBeRead', { value: r.message ?? r.reason })
                      : r.state
                return `${e.title}: ${what}`
              })
              .join('\n'),
          )
        })
      }),
    )
}
