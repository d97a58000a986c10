import { say, sayMessage } from '../copy.ts'
import type { Command } from 'commander'
import { OutsideRuleCoverage } from '../../domain/shared/errors.ts'
import { formatPounds, parsePounds } from '../../domain/shared/pence.ts'
import { rules } from '../../rules/load.ts'
// Not ../../services/calculation.service.ts: that module builds the request's zod schema, which is
// loaded only to explain a refused request (see `request` below).
import { quickCalcRequest, runCalculation, type CalcResponse } from '../../services/calculation-run.ts'
import type { CalcRequest } from '../../services/calculation.service.ts'
import { parseItem, reportRefusals, runBatch } from '../batch.ts'
import {
  action,
  BadInput,
  output,
  outsideDateRange,
  parseJsonInput,
  parseOrBadInput,
  readStdin,
} from '../io.ts'

interface CalcOptions {
  json?: boolean
  batch?: boolean
  ndjson?: boolean
  steps?: boolean
  explain?: boolean
}

const RATE_NAMES: Record<CalcResponse['rate'], string> = {
  get nil() {
    return say('calc.rateNil')
  },
  get flat() {
    return say('calc.rateFlat')
  },
  get reduced() {
    return say('calc.rateReduced')
  },
  get basic() {
    return say('calc.rateBasic')
  },
  get basicPlus() {
    return say('calc.basicRateWithThe')
  },
}

const pounds = (decimal: string): string => formatPounds(parsePounds(decimal))

/** Readable workings; with `explain`, each step's source and the exact figure before rounding. */
export function calcText(r: CalcResponse, explain: boolean): string {
  const lines = [
    say('calc.weeklyChildMaintenance', {
      totalWeekly: pounds(r.totalWeekly),
      rateNames: RATE_NAMES[r.rate],
    }),
    say('calc.grossWeeklyIncomeUsed', { grossWeeklyIncome: pounds(r.grossWeeklyIncome) }),
    '',
  ]
  for (const p of r.perReceivingParent) {
    const fees =
      p.payerPaysWithFees === p.weekly && p.receiverGetsAfterFees === p.weekly
        ? ''
        : say('calc.withCollectAndPay', {
            payerPaysWithFees: pounds(p.payerPaysWithFees),
            receiverGetsAfterFees: pounds(p.receiverGetsAfterFees),
          })
    lines.push(say('calc.receivingParentAWeek', { id: p.id, weekly: pounds(p.weekly), fees }))
  }
  lines.push('', say('calc.howItWasWorked'))
  r.steps.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${s.text}`)
    if (!explain) return
    if (s.unrounded !== undefined) lines.push(`     ${say('calc.beforeRounding', { amount: s.unrounded })}`)
    lines.push(
      `     ${say('calc.sourceLine', { instrument: s.cite.instrument, provision: s.cite.provision, confidence: s.cite.confidence })}`,
      `     ${s.cite.url}`,
    )
  })
  if (r.assumptions.length > 0) {
    lines.push('', say('calc.whatWeCouldNot'))
    for (const a of r.assumptions) lines.push(`  - ${a}`)
  }
  lines.push('', say('calc.thisIsACheck'))
  return lines.join('\n')
}

/** Runs one request; a date outside a rule's periods is bad input naming `effectiveDate`. */
function run(request: CalcRequest): CalcResponse {
  try {
    return runCalculation(rules(), request)
  } catch (error) {
    if (error instanceof OutsideRuleCoverage) throw new BadInput('effectiveDate', sayMessage(error.detail))
    throw error
  }
}

/** Every date-like string in a request (its date, and ids) within the dates a command takes. */
const datesInRange = (r: CalcRequest): boolean =>
  !outsideDateRange(r.effectiveDate) && !r.receivingParents.some((p) => outsideDateRange(p.id))

/**
 * The request in `text` (one item of a batch, or all of standard input). A well-formed request is
 * read straight away; anything else goes through every check in order (JSON nesting, JSON syntax,
 * dates in range, `validate`, then the request's schema), which says what is wrong, exactly as if
 * every request went that way.
 */
function request(text: string, read: (text: string) => unknown): CalcRequest | Promise<CalcRequest> {
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch {
    value = undefined
  }
  const quick = quickCalcRequest(value)
  if (quick !== undefined && datesInRange(quick)) return quick
  const checked = read(text)
  return import('../../services/calculation.service.ts').then(({ calcRequest }) =>
    parseOrBadInput(calcRequest, checked),
  )
}

/** Standard input as a whole: one request, not a list. */
function oneRequest(text: string): unknown {
  const input = parseJsonInput(text)
  if (Array.isArray(input)) throw new BadInput('stdin', say('calc.expectedOneJsonObject'))
  return input
}

/** Runs the request in `text`, without waiting when it was well formed. */
function answerText(text: string, read: (text: string) => unknown): CalcResponse | Promise<CalcResponse> {
  const r = request(text, read)
  return r instanceof Promise ? r.then(run) : run(r)
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
    .description(say('calc.workOutWeeklyChild'))
    .option('--json', say('program.machineReadableOutput'))
    .option('--batch', say('calc.readAJsonArray'))
    .option('--ndjson', say('calc.withBatchReadOne'))
    .option('--no-steps', say('calc.leaveTheWorkingsSteps'))
    .option('--explain', say('calc.showEveryStepWith'))
    .action(
      action(async (opts: CalcOptions) => {
        const explain = Boolean(opts.explain)
        const steps = opts.steps !== false
        if (opts.ndjson && !opts.batch) throw new BadInput('--ndjson', say('calc.isOnlyUsedWith'))
        if (opts.batch) {
          const outcome = await runBatch(
            process.stdin,
            process.stdout,
            {
              answerText: (text) => answerText(text, parseItem),
              toJson: (r) => answerJson(r, steps),
              toText: (r) => calcText(r, explain),
              dateField: 'effectiveDate',
            },
            { json: Boolean(opts.json) || Boolean(opts.ndjson), ndjson: Boolean(opts.ndjson) },
          )
          reportRefusals(outcome)
          return
        }
        const result = await answerText(await readStdin(), oneRequest)
        output(Boolean(opts.json), answerJson(result, steps), () => calcText(result, explain))
      }),
    )
}
