import { cliLocale, say, sayMessage } from '../copy.ts'
import { text } from '../../copy/translate.ts'
import type { Message } from '../../domain/shared/message.ts'
import type { Command } from 'commander'
import { z } from 'zod'
import type { DeadlineResult } from '../../domain/deadlines/types.ts'
import type { UncertainDeadlineResult } from '../../domain/deadlines/uncertain-start.ts'
import { OutsideRuleCoverage } from '../../domain/shared/errors.ts'
import { Temporal, formatLongDate } from '../../domain/shared/plain-date.ts'
import {
  computeDeadlineFromInput,
  deadlineRequestSchema,
  deadlineToJson,
  deadlinesToIcs,
} from '../../services/deadline.service.ts'
import { itemError, reportRefusals, runBatch } from '../batch.ts'
import { BadInput, EXIT, action, checkOutFile, output, parseOrBadInput, readStdinJson } from '../io.ts'
import { cliClock } from '../clock.ts'
import { saveWhole } from '../../documents/whole-file.ts'

interface DeadlineOptions {
  json?: boolean
  batch?: boolean
  ndjson?: boolean
  ics?: boolean
  out?: string
  dtstamp?: string
}

const EXAMPLE = '{"kind": "mandatoryReconsideration", "from": "2025-02-03", "nation": "england"}'

/** `redress deadline`: works out a time limit from a JSON request on stdin. */
export function registerDeadline(program: Command): void {
  program
    .command('deadline')
    .description(say('deadline.workOutATime', { example: EXAMPLE }))
    .option('--json', say('program.machineReadableOutput'))
    .option('--batch', say('deadline.readAJsonArray'))
    .option('--ndjson', say('deadline.withBatchReadOne'))
    .option('--ics', say('deadline.writeAnIcalendarIcs'))
    .option('--out <file>', say('deadline.withIcsWriteThe'))
    .option('--dtstamp <instant>', say('deadline.dtstampHelp'))
    .action(
      action(async (opts: DeadlineOptions) => {
        if (opts.out !== undefined && !opts.ics) throw new BadInput('--out', say('deadline.isOnlyUsedWith'))
        if (opts.out !== undefined) checkOutFile('--out', opts.out)
        if (opts.dtstamp !== undefined && !opts.ics)
          throw new BadInput('--dtstamp', say('deadline.isOnlyUsedWith'))
        if (opts.ndjson && !opts.batch) throw new BadInput('--ndjson', say('deadline.isOnlyUsedWith2'))
        const dtstamp = opts.ics ? parseInstant(opts.dtstamp) : undefined
        const answer = (item: unknown): DeadlineResult =>
          computeDeadlineFromInput(parseOrBadInput(deadlineRequestSchema, item))

        if (opts.batch && !dtstamp) {
          const outcome = await runBatch(
            process.stdin,
            process.stdout,
            { answer, toJson: (r) => deadlineToJson(r, cliLocale()), toText: formatText, dateField: 'from' },
            { json: Boolean(opts.json) || Boolean(opts.ndjson), ndjson: Boolean(opts.ndjson) },
          )
          reportRefusals(outcome)
          return
        }

        const input = await readStdinJson()
        if (dtstamp) {
          // A calendar holds every date that could be worked out; refused requests are named on stderr.
          const items: unknown[] = opts.batch ? parseOrBadInput(batchArray, input) : [input]
          const results: DeadlineResult[] = []
          let refused = 0
          items.forEach((item, i) => {
            try {
              results.push(answer(item))
            } catch (error) {
              const { field, message } = itemError(error, 'from').error
              refused++
              process.stderr.write(`redress: bad input: ${opts.batch ? `${i}.` : ''}${field}: ${message}\n`)
            }
          })
          if (!opts.batch && refused > 0) {
            process.exitCode = EXIT.badInput
            return
          }
          const ics = deadlinesToIcs(results, dtstamp, cliLocale())
          if (opts.out) saveWhole(opts.out, ics)
          else process.stdout.write(ics)
          if (refused > 0) reportRefusals({ answered: results.length, refused })
          return
        }
        let result: DeadlineResult
        try {
          result = answer(input)
        } catch (error) {
          if (error instanceof OutsideRuleCoverage) throw new BadInput('from', sayMessage(error.detail))
          throw error
        }
        output(Boolean(opts.json), deadlineToJson(result, cliLocale()), () => formatText(result))
      }),
    )
}

const batchArray = z.array(z.unknown(), {
  get error() {
    return say('deadline.withBatchExpectedA')
  },
})

function parseInstant(text: string | undefined): Temporal.Instant {
  if (text === undefined) return cliClock().now()
  try {
    return Temporal.Instant.from(text)
  } catch {
    throw new BadInput('--dtstamp', say('deadline.isNotAnInstant', { text }))
  }
}

const isUncertain = (r: DeadlineResult): r is UncertainDeadlineResult => 'startRange' in r

const LABEL: Readonly<Record<DeadlineResult['nature'], string>> = {
  get deadline() {
    return say('deadline.labelDeadline')
  },
  get 'outer-limit'() {
    return say('deadline.lastPossibleDay')
  },
  get target() {
    return say('deadline.labelTarget')
  },
  get 'review-date'() {
    return say('deadline.labelReviewDate')
  },
  get tracking() {
    return say('deadline.labelTracking')
  },
}

/** The engine's words, in the CLI's language. */
const words = (m: Message): string => text(m, {}, cliLocale())

/** Readable text: the dates, the steps with their sources, other readings and assumptions. */
function formatText(r: DeadlineResult): string {
  const time = r.timeOfDay ? `, by ${r.timeOfDay}` : ''
  const lines = [
    r.title,
    `  ${LABEL[r.nature]}: ${formatLongDate(r.deadline)}${time}`,
    `  ${say('deadline.actBy', { date: formatLongDate(r.actBy) })}`,
  ]
  if (r.outerLimit) lines.push(say('deadline.outerLimitForA', { outerLimit: formatLongDate(r.outerLimit) }))
  lines.push(
    `  Source: ${r.source.instrument}, ${r.source.provision}`,
    `          ${r.source.url}`,
    `  Confidence: ${r.confidence}`,
    `  Rule: ${r.rule}`,
  )
  if (isUncertain(r)) {
    const { earliest, latest, description } = r.startRange
    lines.push(
      say('deadline.startDateTo', {
        description: words(description),
        earliest: formatLongDate(earliest),
        latest: formatLongDate(latest),
      }),
    )
  }
  lines.push('', say('deadline.howItWasWorked'))
  r.steps.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${words(s.text)}`)
    if (s.cite) lines.push(`     [${s.cite.instrument}, ${s.cite.provision}; ${s.cite.confidence}]`)
  })
  if (r.assumptions.length > 0) {
    lines.push('', say('deadline.assumptionsHeading'))
    for (const a of r.assumptions) lines.push(`  - ${words(a)}`)
  }
  lines.push('', say('deadline.notLegalAdviceCheck'))
  return lines.join('\n')
}
