import type { Command } from 'commander'
import { OutsideRuleCoverage } from '../../domain/shared/errors.ts'
import { formatPounds, parsePounds } from '../../domain/shared/pence.ts'
import { rules } from '../../rules/load.ts'
import {
  calcRequest,
  runCalculation,
  type CalcRequest,
  type CalcResponse,
} from '../../services/calculation.service.ts'
import { reportRefusals, runBatch } from '../batch.ts'
import { action, BadInput, output, parseOrBadInput, readStdinJson } from '../io.ts'

interface CalcOptions {
  json?: boolean
  batch?: boolean
  ndjson?: boolean
  steps?: boolean
  explain?: boolean
}

const RATE_NAMES: Record<CalcResponse['rate'], string> = {
  nil: 'nil rate',
  flat: 'flat rate',
  reduced: 'reduced rate',
  basic: 'basic rate',
  basicPlus: 'basic rate, with the lower percentage on income above £800',
}

const pounds = (decimal: string): string => formatPounds(parsePounds(decimal))

/** Readable workings; with `explain`, each step's source and the exact figure before rounding. */
export function calcText(r: CalcResponse, explain: boolean): string {
  const lines = [
    `Weekly child maintenance: ${pounds(r.totalWeekly)} (${RATE_NAMES[r.rate]})`,
    `Gross weekly income used: ${pounds(r.grossWeeklyIncome)}`,
    '',
  ]
  for (const p of r.perReceivingParent) {
    const fees =
      p.payerPaysWithFees === p.weekly && p.receiverGetsAfterFees === p.weekly
        ? ''
        : ` (with Collect and Pay fees the paying parent pays ${pounds(p.payerPaysWithFees)} and the receiving parent gets ${pounds(p.receiverGetsAfterFees)})`
    lines.push(`Receiving parent ${p.id}: ${pounds(p.weekly)} a week${fees}`)
  }
  lines.push('', 'How it was worked out:')
  r.steps.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${s.text}`)
    if (!explain) return
    if (s.unrounded !== undefined) lines.push(`     Before rounding: £${s.unrounded}`)
    lines.push(
      `     Source: ${s.cite.instrument}, ${s.cite.provision} (${s.cite.confidence})`,
      `     ${s.cite.url}`,
    )
  })
  if (r.assumptions.length > 0) {
    lines.push('', 'What we could not confirm:')
    for (const a of r.assumptions) lines.push(`  - ${a}`)
  }
  lines.push('', 'This is a check of the figures, not legal advice.')
  return lines.join('\n')
}

/** Runs one request; a date outside a rule's periods is bad input naming `effectiveDate`. */
function run(request: CalcRequest): CalcResponse {
  try {
    return runCalculation(rules(), request)
  } catch (error) {
    if (error instanceof OutsideRuleCoverage) throw new BadInput('effectiveDate', error.message)
    throw error
  }
}

/** The answer as JSON, without the steps when asked. */
function answerJson(r: CalcResponse, steps: boolean): unknown {
  if (steps) return r
  const { steps: _left, ...rest } = r
  return rest
}

/** `redress calc`: the 2012-scheme calculation from JSON on standard input. */
export function registerCalc(program: Command): void {
  program
    .command('calc')
    .description('work out weekly child maintenance (2012 scheme) from a JSON request on standard input')
    .option('--json', 'machine-readable output')
    .option(
      '--batch',
      'read a JSON array of requests and answer each in its place, as it streams (a refused one as {"error": {"field", "message"}}; exit 2 if any was refused)',
    )
    .option('--ndjson', 'with --batch: read one JSON request a line and answer one JSON line each')
    .option('--no-steps', 'leave the workings steps out of the JSON answer')
    .option('--explain', 'show every step with its source and the figure before rounding')
    .action(
      action(async (opts: CalcOptions) => {
        const explain = Boolean(opts.explain)
        const steps = opts.steps !== false
        if (opts.ndjson && !opts.batch) throw new BadInput('--ndjson', 'is only used with --batch')
        if (opts.batch) {
          const outcome = await runBatch(
            process.stdin,
            process.stdout,
            {
              answer: (item) => run(parseOrBadInput(calcRequest, item)),
              toJson: (r) => answerJson(r, steps),
              toText: (r) => calcText(r, explain),
              dateField: 'effectiveDate',
            },
            { json: Boolean(opts.json) || Boolean(opts.ndjson), ndjson: Boolean(opts.ndjson) },
          )
          reportRefusals(outcome)
          return
        }
        const input = await readStdinJson()
        if (Array.isArray(input))
          throw new BadInput('stdin', 'expected one JSON object (use --batch for an array)')
        const result = run(parseOrBadInput(calcRequest, input))
        output(Boolean(opts.json), answerJson(result, steps), () => calcText(result, explain))
      }),
    )
}
