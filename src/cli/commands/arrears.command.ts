import { cliLocale, say } from '../copy.ts'
import { text } from '../../copy/translate.ts'
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { BUILT_IN_PROFILES, importStatement } from '../../domain/arrears/import/index.ts'
import { formatPounds, parsePounds, pence, toDecimal } from '../../domain/shared/pence.ts'
import { rules } from '../../rules/load.ts'
import { arrearsRequest, runArrears, type ArrearsResponse } from '../../services/arrears.service.ts'
import { reportRefusals, runBatch } from '../batch.ts'
import { action, BadInput, output, parseOrBadInput, readStdinJson } from '../io.ts'

interface ArrearsOptions {
  json?: boolean
  batch?: boolean
  ndjson?: boolean
}

interface ImportOptions {
  json?: boolean
  profile?: string
  listProfiles?: boolean
}

const INPUT_HELP = (): string => say('arrears.inputJsonOnStandard')

/** "£1,234.56" from a decimal string, keeping a leading minus. */
const pounds = (d: string | null): string => {
  if (d === null) return say('arrears.notGiven')
  const neg = d.startsWith('-')
  const p = parsePounds(neg ? d.slice(1) : d)
  return formatPounds(neg ? pence(-p) : p)
}

/** Readable answer for one request. */
export function arrearsText(r: ArrearsResponse): string {
  const lines = [
    say('arrears.asOf', { asOf: r.asOf }),
    say('arrears.dueUnderTheSchedule', { scheduledDue: pounds(r.scheduledDue) }),
    ...(r.liabilityDue === null
      ? []
      : [say('arrears.dueUnderTheDecisions', { liabilityDue: pounds(r.liabilityDue) })]),
    say('arrears.paidYourEvidence', { paid: pounds(r.paid) }),
    ...(r.cmsRecorded === null
      ? []
      : [say('arrears.recordedByTheCms', { cmsRecorded: pounds(r.cmsRecorded) })]),
    say('arrears.arrearsOnYourEvidence', { arrearsOnEvidence: pounds(r.arrearsOnEvidence) }),
    ...(r.cmsArrears === null ? [] : [say('arrears.theCmsSays', { cmsArrears: pounds(r.cmsArrears) })]),
    ...(r.difference === null ? [] : [say('arrears.difference', { difference: pounds(r.difference) })]),
  ]
  if (r.unrecordedPayments && r.unrecordedPayments.length > 0) {
    lines.push('', say('arrears.paymentsTheCmsDid'))
    for (const p of r.unrecordedPayments) lines.push(`  ${p.date}  ${pounds(p.amount)}`)
  }
  lines.push('', say('arrears.monthByMonthDue'))
  for (const m of r.months)
    lines.push(
      `  ${m.month}  ${pounds(m.scheduledDue)}  ${pounds(m.paid)}  ${m.cmsRecorded === null ? '-' : pounds(m.cmsRecorded)}`,
    )
  lines.push('', say('arrears.howItWasWorked'))
  r.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s.text}`))
  if (r.assumptions.length > 0) {
    lines.push('', say('arrears.whatWeCouldNot'))
    for (const a of r.assumptions) lines.push(`  - ${a}`)
  }
  lines.push('', say('arrears.anArrearsFigureCannot'))
  return lines.join('\n')
}

/** `redress arrears`: check the money (and `import-bank` to read a statement). */
export function registerArrears(program: Command): void {
  const arrears = program
    .command('arrears')
    .description(say('arrears.checkAnArrearsFigure'))
    .option('--json', say('program.machineReadableOutput'))
    .option('--batch', say('arrears.readAJsonArray'))
    .option('--ndjson', say('arrears.withBatchReadOne'))
    .addHelpText('after', INPUT_HELP())
    .action(
      action(async (opts: ArrearsOptions) => {
        const json = Boolean(opts.json)
        if (opts.ndjson && !opts.batch) throw new BadInput('--ndjson', say('arrears.isOnlyUsedWith'))
        if (opts.batch) {
          // The shared streaming batch (as calc and deadline): each item answered in its place as it arrives.
          const outcome = await runBatch(
            process.stdin,
            process.stdout,
            {
              answer: (item) => runArrears(rules(), parseOrBadInput(arrearsRequest, item)),
              toJson: (r) => r,
              toText: arrearsText,
              dateField: 'asOf',
              onRefused: (i, r) =>
                process.stderr.write(`redress: bad input: [${i}].${r.error.field}: ${r.error.message}\n`),
            },
            { json: json || Boolean(opts.ndjson), ndjson: Boolean(opts.ndjson) },
          )
          reportRefusals(outcome)
          return
        }
        const input = await readStdinJson()
        if (Array.isArray(input)) throw new BadInput('stdin', say('arrears.expectedOneJsonObject'))
        const result = runArrears(rules(), parseOrBadInput(arrearsRequest, input))
        output(json, result, () => arrearsText(result))
      }),
    )

  arrears
    .command('import-bank')
    .description(say('arrears.readABankStatement'))
    .argument('[FILE]', say('arrears.theStatementFile'))
    .option('--profile <NAME>', say('arrears.aBuiltInBank'))
    .option('--list-profiles', say('arrears.nameTheBuiltIn'))
    .option('--json', say('program.machineReadableOutput'))
    .exitOverride()
    .action(
      action((file: string | undefined, opts: ImportOptions, cmd: Command) => {
        // --json may be taken by `arrears` itself when it follows the file name.
        const json = Boolean(opts.json ?? cmd.optsWithGlobals<ImportOptions>().json)
        if (opts.listProfiles) {
          output(
            json,
            BUILT_IN_PROFILES.map((p) => ({ name: p.name, bank: text(p.bank, {}, cliLocale()) })),
            () =>
              BUILT_IN_PROFILES.map((p) => `${p.name.padEnd(12)} ${text(p.bank, {}, cliLocale())}`).join(
                '\n',
              ),
          )
          return
        }
        if (!file) throw new BadInput('FILE', say('arrears.nameTheStatementFile'))
        let bytes: Uint8Array
        try {
          bytes = readFileSync(file)
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code
          throw new BadInput(
            'FILE',
            code === 'ENOENT'
              ? say('arrears.thereIsNoSuch')
              : code === 'EISDIR'
                ? say('arrears.thatIsAFolder')
                : say('arrears.theFileCannotBe'),
          )
        }
        const r = importStatement(bytes, opts.profile === undefined ? {} : { profile: opts.profile })
        const value = {
          profile: r.profile,
          transactions: r.transactions.map((t) => ({
            date: t.date.toString(),
            description: t.description,
            amount: toDecimal(t.amount),
            balance: t.balance === null ? null : toDecimal(t.balance),
          })),
        }
        output(json, value, () =>
          [
            say(r.transactions.length === 1 ? 'arrears.layoutOne' : 'arrears.layoutMany', {
              profile: r.profile,
              count: r.transactions.length,
            }),
            ...value.transactions.map((t) => `  ${t.date}  ${t.amount.padStart(10)}  ${t.description}`),
          ].join('\n'),
        )
      }),
    )
}
