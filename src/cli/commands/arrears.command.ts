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

const INPUT_HELP = `
Input (JSON on standard input; unknown fields are refused):
  { "asOf": "2025-06-30",
    "liability": [{ "from": "2025-01-06", "weekly": "49.16" }],            optional
    "schedule": [{ "due": "2025-01-31", "amount": "213.03" }],
    "payments": [{ "date": "2025-01-30", "amount": "213.03", "reference": "CMS 121..." }],
    "cmsReceived": [{ "date": "2025-02-03", "amount": "213.03" }],          optional
    "cmsArrears": "612.00",                   optional; a CMS credit is negative
    "matchWindowDays": 7 }                    optional; default 7
  Money is pounds as a string with at most two decimals. See the README for the answer's fields.`

/** "£1,234.56" from a decimal string, keeping a leading minus. */
const pounds = (d: string | null): string => {
  if (d === null) return 'not given'
  const neg = d.startsWith('-')
  const p = parsePounds(neg ? d.slice(1) : d)
  return formatPounds(neg ? pence(-p) : p)
}

/** Readable answer for one request. */
export function arrearsText(r: ArrearsResponse): string {
  const lines = [
    `As of ${r.asOf}:`,
    `  Due under the schedule:   ${pounds(r.scheduledDue)}`,
    ...(r.liabilityDue === null ? [] : [`  Due under the decisions:  ${pounds(r.liabilityDue)}`]),
    `  Paid (your evidence):     ${pounds(r.paid)}`,
    ...(r.cmsRecorded === null ? [] : [`  Recorded by the CMS:      ${pounds(r.cmsRecorded)}`]),
    `  Arrears on your evidence: ${pounds(r.arrearsOnEvidence)}`,
    ...(r.cmsArrears === null ? [] : [`  The CMS says:             ${pounds(r.cmsArrears)}`]),
    ...(r.difference === null ? [] : [`  Difference:               ${pounds(r.difference)}`]),
  ]
  if (r.unrecordedPayments && r.unrecordedPayments.length > 0) {
    lines.push('', 'Payments the CMS did not record:')
    for (const p of r.unrecordedPayments) lines.push(`  ${p.date}  ${pounds(p.amount)}`)
  }
  lines.push('', 'Month by month (due, paid, recorded by the CMS):')
  for (const m of r.months)
    lines.push(
      `  ${m.month}  ${pounds(m.scheduledDue)}  ${pounds(m.paid)}  ${m.cmsRecorded === null ? '-' : pounds(m.cmsRecorded)}`,
    )
  lines.push('', 'How it was worked out:')
  r.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s.text}`))
  if (r.assumptions.length > 0) {
    lines.push('', 'What we could not confirm:')
    for (const a of r.assumptions) lines.push(`  - ${a}`)
  }
  lines.push(
    '',
    'An arrears figure cannot be appealed to a tribunal: ask the CMS for a statement of account, then complain. This is a check of the figures, not legal advice.',
  )
  return lines.join('\n')
}

/** `redress arrears`: check the money (and `import-bank` to read a statement). */
export function registerArrears(program: Command): void {
  const arrears = program
    .command('arrears')
    .description(
      'check an arrears figure: what was due, what you paid and what the CMS recorded (JSON on standard input)',
    )
    .option('--json', 'machine-readable output')
    .option(
      '--batch',
      'read a JSON array of requests and answer each in its place, as it streams (a refused one as {"error": {"field", "message"}}; exit 2 if any was refused)',
    )
    .option('--ndjson', 'with --batch: read one JSON request a line and answer one JSON line each')
    .addHelpText('after', INPUT_HELP)
    .action(
      action(async (opts: ArrearsOptions) => {
        const json = Boolean(opts.json)
        if (opts.ndjson && !opts.batch) throw new BadInput('--ndjson', 'is only used with --batch')
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
        if (Array.isArray(input))
          throw new BadInput('stdin', 'expected one JSON object (use --batch for an array)')
        const result = runArrears(rules(), parseOrBadInput(arrearsRequest, input))
        output(json, result, () => arrearsText(result))
      }),
    )

  arrears
    .command('import-bank')
    .description(
      'read a bank statement (CSV or OFX/QFX) into transactions: money received positive, paid out negative',
    )
    .argument('[FILE]', 'the statement file')
    .option(
      '--profile <NAME>',
      'a built-in bank layout (see --list-profiles); without it the layout is recognised',
    )
    .option('--list-profiles', 'name the built-in bank layouts')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .action(
      action((file: string | undefined, opts: ImportOptions, cmd: Command) => {
        // --json may be taken by `arrears` itself when it follows the file name.
        const json = Boolean(opts.json ?? cmd.optsWithGlobals<ImportOptions>().json)
        if (opts.listProfiles) {
          output(
            json,
            BUILT_IN_PROFILES.map((p) => ({ name: p.name, bank: p.bank })),
            () => BUILT_IN_PROFILES.map((p) => `${p.name.padEnd(12)} ${p.bank}`).join('\n'),
          )
          return
        }
        if (!file) throw new BadInput('FILE', 'name the statement file to read (or use --list-profiles)')
        let bytes: Uint8Array
        try {
          bytes = readFileSync(file)
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code
          throw new BadInput(
            'FILE',
            code === 'ENOENT'
              ? 'there is no such file'
              : code === 'EISDIR'
                ? 'that is a folder, not a file'
                : 'the file cannot be read',
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
            `Layout: ${r.profile} (${r.transactions.length} transaction${r.transactions.length === 1 ? '' : 's'})`,
            ...value.transactions.map((t) => `  ${t.date}  ${t.amount.padStart(10)}  ${t.description}`),
          ].join('\n'),
        )
      }),
    )
}
