import type { Command } from 'commander'
import { writeFileSync } from 'node:fs'
import type { DeadlineResult } from '../../domain/deadlines/types.ts'
import type { UncertainDeadlineResult } from '../../domain/deadlines/uncertain-start.ts'
import { InvalidInput } from '../../domain/shared/errors.ts'
import { Temporal, formatLongDate } from '../../domain/shared/plain-date.ts'
import {
  computeDeadlineFromInput,
  deadlineBatchSchema,
  deadlineRequestSchema,
  deadlineToJson,
  deadlinesToIcs,
  type DeadlineRequestInput,
} from '../../services/deadline.service.ts'
import { BadInput, action, output, parseOrBadInput, readStdinJson } from '../io.ts'

interface DeadlineOptions {
  json?: boolean
  batch?: boolean
  ics?: boolean
  out?: string
  dtstamp?: string
}

const EXAMPLE = '{"kind": "mandatoryReconsideration", "from": "2025-02-03", "nation": "england-and-wales"}'

/** `redress deadline`: works out a time limit from a JSON request on stdin. */
export function registerDeadline(program: Command): void {
  program
    .command('deadline')
    .description(
      `work out a time limit (mandatory reconsideration, tribunal appeal, complaint targets…) from JSON on stdin, e.g.\n${EXAMPLE}`,
    )
    .option('--json', 'machine-readable output')
    .option('--batch', 'read an array of requests and answer each in order')
    .option('--ics', 'write an iCalendar (.ics) file with the dates instead')
    .option('--out <file>', 'with --ics: write the calendar to this file (default: standard output)')
    .option(
      '--dtstamp <instant>',
      "with --ics: the file's timestamp, e.g. 2025-03-01T09:00:00Z (default: now)",
    )
    .action(
      action(async (opts: DeadlineOptions) => {
        if (opts.out !== undefined && !opts.ics) throw new BadInput('--out', 'is only used with --ics')
        if (opts.dtstamp !== undefined && !opts.ics)
          throw new BadInput('--dtstamp', 'is only used with --ics')
        const dtstamp = opts.ics ? parseInstant(opts.dtstamp) : undefined
        const input = await readStdinJson()
        const requests: DeadlineRequestInput[] = opts.batch
          ? parseOrBadInput(deadlineBatchSchema, input)
          : [parseOrBadInput(deadlineRequestSchema, input)]
        const results = requests.map((request, i) =>
          withIndex(opts.batch ? i : null, () => computeDeadlineFromInput(request)),
        )

        if (dtstamp) {
          const ics = deadlinesToIcs(results, dtstamp)
          if (opts.out) writeFileSync(opts.out, ics)
          else process.stdout.write(ics)
          return
        }
        const json = results.map(deadlineToJson)
        output(Boolean(opts.json), opts.batch ? json : json[0], () => results.map(formatText).join('\n\n'))
      }),
    )
}

/** In a batch, names the failing request's position in the field ("2.nation"). */
function withIndex<T>(index: number | null, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (index !== null && (error instanceof InvalidInput || error instanceof BadInput)) {
      throw new BadInput(`${index}.${error.field}`, error.problem)
    }
    throw error
  }
}

function parseInstant(text: string | undefined): Temporal.Instant {
  if (text === undefined) return Temporal.Now.instant()
  try {
    return Temporal.Instant.from(text)
  } catch {
    throw new BadInput('--dtstamp', `"${text}" is not an instant like 2025-03-01T09:00:00Z`)
  }
}

const isUncertain = (r: DeadlineResult): r is UncertainDeadlineResult => 'startRange' in r

const LABEL: Readonly<Record<DeadlineResult['nature'], string>> = {
  deadline: 'Deadline',
  'outer-limit': 'Last possible day',
  target: 'Target date',
  'review-date': 'Review date',
  tracking: 'Expected by',
}

/** Readable text: the dates, the steps with their sources, other readings and assumptions. */
function formatText(r: DeadlineResult): string {
  const time = r.timeOfDay ? `, by ${r.timeOfDay}` : ''
  const lines = [
    r.title,
    `  ${LABEL[r.nature]}: ${formatLongDate(r.deadline)}${time}`,
    `  Act by: ${formatLongDate(r.actBy)}`,
  ]
  if (r.outerLimit) lines.push(`  Outer limit for a late application: ${formatLongDate(r.outerLimit)}`)
  lines.push(
    `  Source: ${r.source.instrument}, ${r.source.provision}`,
    `          ${r.source.url}`,
    `  Confidence: ${r.confidence}`,
    `  Rule: ${r.rule}`,
  )
  if (isUncertain(r)) {
    const { earliest, latest, description } = r.startRange
    lines.push(`  Start date: ${description} (${formatLongDate(earliest)} to ${formatLongDate(latest)})`)
  }
  lines.push('', 'How it was worked out:')
  r.steps.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${s.text}`)
    if (s.cite) lines.push(`     [${s.cite.instrument}, ${s.cite.provision}; ${s.cite.confidence}]`)
  })
  if (r.assumptions.length > 0) {
    lines.push('', 'Assumptions:')
    for (const a of r.assumptions) lines.push(`  - ${a}`)
  }
  lines.push('', 'Not legal advice: check the dates on your letters, and get free advice if you can.')
  return lines.join('\n')
}
