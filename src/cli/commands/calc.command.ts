import type { Command } from 'commander'
import { InvalidInput } from '../../domain/shared/errors.ts'
import { formatPounds, parsePounds } from '../../domain/shared/pence.ts'
import { rules } from '../../rules/load.ts'
import { calcRequest, runCalculation, type CalcResponse } from '../../services/calculation.service.ts'
import { action, BadInput, output, parseOrBadInput, readStdinJson } from '../io.ts'

interface CalcOptions {
  json?: boolean
  batch?: boolean
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

/** Runs one request; a domain refusal names the field, prefixed with the batch position. */
function run(request: Parameters<typeof runCalculation>[1], prefix: string): CalcResponse {
  try {
    return runCalculation(rules(), request)
  } catch (error) {
    if (error instanceof InvalidInput && prefix) throw new BadInput(`${prefix}.${error.field}`, error.problem)
    throw error
  }
}

/** `redress calc`: the 2012-scheme calculation from JSON on standard input. */
export function registerCalc(program: Command): void {
  program
    .command('calc')
    .description('work out weekly child maintenance (2012 scheme) from a JSON request on standard input')
    .option('--json', 'machine-readable output')
    .option('--batch', 'read a JSON array of requests and answer an array in the same order')
    .option('--explain', 'show every step with its source and the figure before rounding')
    .action(
      action(async (opts: CalcOptions) => {
        const input = await readStdinJson()
        const json = Boolean(opts.json)
        const explain = Boolean(opts.explain)
        if (opts.batch) {
          if (!Array.isArray(input))
            throw new BadInput('stdin', 'with --batch, expected a JSON array of requests')
          const requests = input.map((item, i) => parseOrBadInput(calcRequest, item, `[${i}]`))
          const results = requests.map((request, i) => run(request, `[${i}]`))
          output(json, results, () =>
            results.map((r, i) => `Request ${i + 1}\n${calcText(r, explain)}`).join('\n\n'),
          )
          return
        }
        if (Array.isArray(input))
          throw new BadInput('stdin', 'expected one JSON object (use --batch for an array)')
        const result = run(parseOrBadInput(calcRequest, input), '')
        output(json, result, () => calcText(result, explain))
      }),
    )
}
