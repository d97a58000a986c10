/**
 * `redress arrears` and `redress arrears import-bank`: the contract in the README, exactly. Most
 * cases run in process (stdin and stdout stubbed); a few run the real command as a child process.
 */
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { run } from '../../src/cli/program.ts'
import { runCli } from '../helpers/cli.ts'

const FIXTURES = 'test/fixtures/bank'

async function inProcess(
  args: string[],
  stdin = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true))
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true))
  const input = Object.assign(Readable.from([Buffer.from(stdin)]), { isTTY: false })
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!
  Object.defineProperty(process, 'stdin', { value: input, configurable: true })
  try {
    process.exitCode = undefined
    const code = await run(args)
    return { code, stdout, stderr }
  } finally {
    Object.defineProperty(process, 'stdin', original)
    out.mockRestore()
    err.mockRestore()
    process.exitCode = undefined
  }
}

afterEach(() => {
  process.exitCode = undefined
})

const example = {
  asOf: '2025-06-30',
  liability: [
    { from: '2025-01-06', weekly: '49.16' },
    { from: '2025-04-07', weekly: '40.96' },
  ],
  schedule: [{ due: '2025-01-31', amount: '213.03' }],
  payments: [{ date: '2025-01-30', amount: '213.03', reference: 'CMS 121...' }],
  cmsReceived: [{ date: '2025-02-03', amount: '213.03' }],
  cmsArrears: '612.00',
  matchWindowDays: 7,
}

/** Persona Jordan: six monthly payments and a one-off £612.00 the CMS never recorded. */
const jordan = {
  asOf: '2025-06-30',
  schedule: [
    ...['01-31', '02-28', '03-31', '04-30', '05-30', '06-30'].map((m) => ({
      due: `2025-${m}`,
      amount: '213.03',
    })),
    { due: '2025-03-31', amount: '612.00' },
  ],
  payments: [
    ...['01-30', '02-27', '03-28', '04-29', '05-29', '06-27'].map((m) => ({
      date: `2025-${m}`,
      amount: '213.03',
    })),
    { date: '2025-03-28', amount: '612.00', reference: 'CMS 121000000001 ARREARS' },
  ],
  cmsReceived: ['02-03', '03-03', '04-01', '05-01', '06-02', '06-30'].map((m) => ({
    date: `2025-${m}`,
    amount: '213.03',
  })),
  cmsArrears: '612.00',
}

const json = (v: unknown): string => JSON.stringify(v)

describe('redress arrears --json (in process)', () => {
  it('answers the README example exactly, field by field and in order', async () => {
    const r = await inProcess(['arrears', '--json'], json(example))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as Record<string, unknown>
    expect(Object.keys(out)).toEqual([
      'asOf',
      'scheduledDue',
      'liabilityDue',
      'paid',
      'cmsRecorded',
      'arrearsOnEvidence',
      'cmsArrears',
      'difference',
      'unrecordedPayments',
      'months',
      'steps',
      'assumptions',
    ])
    expect(out).toMatchObject({
      asOf: '2025-06-30',
      scheduledDue: '213.03',
      liabilityDue: '1171.56',
      paid: '213.03',
      cmsRecorded: '213.03',
      arrearsOnEvidence: '0.00',
      cmsArrears: '612.00',
      difference: '612.00',
      unrecordedPayments: [],
    })
    expect(out.months).toEqual([
      { month: '2025-01', scheduledDue: '213.03', paid: '213.03', cmsRecorded: '0.00' },
      { month: '2025-02', scheduledDue: '0.00', paid: '0.00', cmsRecorded: '213.03' },
      { month: '2025-03', scheduledDue: '0.00', paid: '0.00', cmsRecorded: '0.00' },
      { month: '2025-04', scheduledDue: '0.00', paid: '0.00', cmsRecorded: '0.00' },
      { month: '2025-05', scheduledDue: '0.00', paid: '0.00', cmsRecorded: '0.00' },
      { month: '2025-06', scheduledDue: '0.00', paid: '0.00', cmsRecorded: '0.00' },
    ])
    expect((out.steps as { text: string }[]).length).toBeGreaterThan(3)
    expect(Array.isArray(out.assumptions)).toBe(true)
  })

  it('persona Jordan: the £612.00 payment the CMS did not record is found', async () => {
    const r = await inProcess(['arrears', '--json'], json(jordan))
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({
      scheduledDue: '1890.18',
      paid: '1890.18',
      cmsRecorded: '1278.18',
      arrearsOnEvidence: '0.00',
      cmsArrears: '612.00',
      difference: '612.00',
      unrecordedPayments: [{ date: '2025-03-28', amount: '612.00' }],
    })
  })

  it('without cmsReceived: cmsRecorded, difference and unrecordedPayments are null; without liability, liabilityDue is null', async () => {
    const { cmsReceived: _c, liability: _l, ...rest } = example
    const out = JSON.parse((await inProcess(['arrears', '--json'], json(rest))).stdout) as Record<
      string,
      unknown
    >
    expect(out).toMatchObject({
      liabilityDue: null,
      cmsRecorded: null,
      difference: null,
      unrecordedPayments: null,
      cmsArrears: '612.00',
    })
    expect((out.months as { cmsRecorded: unknown }[])[0]!.cmsRecorded).toBeNull()
  })

  it('sums only what falls on or before asOf; overpaid is negative; a CMS credit is a negative cmsArrears', async () => {
    const out = JSON.parse(
      (
        await inProcess(
          ['arrears', '--json'],
          json({
            asOf: '2025-02-28',
            schedule: [
              { due: '2025-01-31', amount: '100.00' },
              { due: '2025-03-31', amount: '100.00' },
            ],
            payments: [
              { date: '2025-01-30', amount: '150.00' },
              { date: '2025-03-01', amount: '100.00' },
            ],
            cmsReceived: [{ date: '2025-01-31', amount: '150.00' }],
            cmsArrears: '-20.00',
          }),
        )
      ).stdout,
    ) as Record<string, unknown>
    expect(out).toMatchObject({
      scheduledDue: '100.00',
      paid: '150.00',
      arrearsOnEvidence: '-50.00',
      cmsArrears: '-20.00',
      difference: '30.00',
      unrecordedPayments: [],
    })
    expect((out.months as unknown[]).length).toBe(2)
  })

  it('the match window decides what counts as recorded', async () => {
    const input = { ...jordan, matchWindowDays: 0 }
    const out = JSON.parse((await inProcess(['arrears', '--json'], json(input))).stdout) as {
      unrecordedPayments: unknown[]
    }
    expect(out.unrecordedPayments).toHaveLength(7) // the CMS recorded none on the day it was paid
  })

  it.each([
    ['a missing schedule', { asOf: '2025-06-30', payments: [] }, 'schedule: is required'],
    [
      'a negative schedule amount',
      { ...example, schedule: [{ due: '2025-01-31', amount: '-213.03' }] },
      'schedule.0.amount: must not be negative',
    ],
    [
      'three decimals',
      { ...example, payments: [{ date: '2025-01-30', amount: '213.031' }] },
      'payments.0.amount: "213.031" has more than two decimal places',
    ],
    [
      'an impossible date',
      { ...example, asOf: '2025-02-30' },
      'asOf: "2025-02-30" is not a real calendar date',
    ],
    ['an unknown field', { ...example, colour: 'red' }, '(input): unknown field "colour"'],
    [
      'a bad window',
      { ...example, matchWindowDays: 1.5 },
      'matchWindowDays: must be a whole number of days from 0 to 366',
    ],
  ])('refuses %s with exit 2, naming the field', async (_, input, message) => {
    const r = await inProcess(['arrears', '--json'], json(input))
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`redress: bad input: ${message}`)
  })

  it('--batch answers each item in its place; a refused item is {"error": {field, message}} and the exit is 2', async () => {
    const r = await inProcess(
      ['arrears', '--batch', '--json'],
      json([example, { ...example, schedule: [{ due: '2025-01-31', amount: '-1.00' }] }, jordan]),
    )
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout) as Record<string, unknown>[]
    expect(out).toHaveLength(3)
    expect(out[0]).toMatchObject({ difference: '612.00' })
    expect(out[1]).toEqual({ error: { field: 'schedule.0.amount', message: 'must not be negative' } })
    expect(out[2]).toMatchObject({ unrecordedPayments: [{ date: '2025-03-28', amount: '612.00' }] })
    expect(r.stderr).toContain('redress: bad input: [1].schedule.0.amount: must not be negative')
  })

  it('--batch with every item good exits 0', async () => {
    const r = await inProcess(['arrears', '--batch', '--json'], json([example, jordan]))
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toHaveLength(2)
  })

  it('--batch streams through the shared batch: an unreadable item is refused in its place, --ndjson answers a line each', async () => {
    const r = await inProcess(
      ['arrears', '--batch', '--json'],
      `[${json(example)}, {"asOf": 2025-06-30}, ${json(jordan)}]`,
    )
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout) as Record<string, unknown>[]
    expect(out).toHaveLength(3)
    expect(out[0]).toEqual(JSON.parse((await inProcess(['arrears', '--json'], json(example))).stdout))
    expect((out[1] as { error: { field: string } }).error.field).toBe('(request)')
    expect(out[2]).toMatchObject({ unrecordedPayments: [{ date: '2025-03-28', amount: '612.00' }] })
    const nd = await inProcess(['arrears', '--batch', '--ndjson'], `${json(example)}\n${json(jordan)}\n`)
    expect(nd.code).toBe(0)
    const lines = nd.stdout.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(JSON.parse(lines[1]!)).toMatchObject({ difference: '612.00' })
    expect((await inProcess(['arrears', '--ndjson'], json(example))).code).toBe(2)
  })

  it('--batch needs an array; without --batch an array is refused', async () => {
    expect((await inProcess(['arrears', '--batch'], json(example))).code).toBe(2)
    expect((await inProcess(['arrears', '--json'], json([example]))).stderr).toContain('use --batch')
  })

  it('without --json the answer is readable text and says there is no tribunal appeal', async () => {
    const r = await inProcess(['arrears'], json(jordan))
    expect(r.stdout).toContain('Payments the CMS did not record:\n  2025-03-28  £612.00')
    expect(r.stdout).toContain('cannot be appealed to a tribunal')
  })
})

describe('redress arrears import-bank (in process)', () => {
  it('prints the transactions with the profile it recognised; money received positive, paid out negative', async () => {
    const r = await inProcess(['arrears', 'import-bank', `${FIXTURES}/lloyds.csv`, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({
      profile: 'lloyds',
      transactions: [
        { date: '2025-01-30', description: 'CMS 121000000001', amount: '-213.03', balance: '1036.97' },
        { date: '2025-01-31', description: 'EXAMPLE EMPLOYER LTD', amount: '1850.00', balance: '2886.97' },
        { date: '2025-02-27', description: 'CMS 121000000001', amount: '-213.03', balance: '2673.94' },
      ],
    })
  })

  it('--profile names the layout; OFX needs none', async () => {
    const a = JSON.parse(
      (await inProcess(['arrears', 'import-bank', `${FIXTURES}/hsbc.csv`, '--profile', 'hsbc', '--json']))
        .stdout,
    ) as { profile: string }
    expect(a.profile).toBe('hsbc')
    const b = JSON.parse(
      (await inProcess(['arrears', 'import-bank', `${FIXTURES}/statement-sgml.ofx`, '--json'])).stdout,
    ) as { profile: string; transactions: unknown[] }
    expect(b.profile).toBe('ofx')
    expect(b.transactions).toHaveLength(3)
  })

  it('--list-profiles names the built-in profiles', async () => {
    const r = await inProcess(['arrears', 'import-bank', '--list-profiles', '--json'])
    const names = (JSON.parse(r.stdout) as { name: string }[]).map((p) => p.name)
    expect(names).toEqual([
      'barclays',
      'hsbc',
      'lloyds',
      'natwest',
      'nationwide',
      'santander',
      'monzo',
      'starling',
    ])
  })

  it.each([
    ['bad-date.csv', [], 'line 3, column "Transaction Date": "31/02/2025" is not a real calendar date'],
    [
      'bad-decimals.csv',
      ['--profile', 'barclays'],
      'columns: the file has no column named "Memo", "Subcategory"',
    ],
    [
      'unknown-layout.csv',
      [],
      'columns: the layout was not recognised (columns found: "When", "What", "How much")',
    ],
    ['lloyds.csv', ['--profile', 'nosuchbank'], 'profile: no built-in profile "nosuchbank"'],
    ['no-such-file.csv', [], 'FILE: there is no such file'],
  ])('%s %j: exit 2 naming the line and column or field', async (file, extra, message) => {
    const r = await inProcess(['arrears', 'import-bank', `${FIXTURES}/${file}`, ...extra, '--json'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`redress: bad input: ${message}`)
  })
})

describe('redress arrears as a real child process', { timeout: 120_000 }, () => {
  it('--json from stdin, exit 0', async () => {
    const r = await runCli(['arrears', '--json'], json(jordan))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({
      difference: '612.00',
      unrecordedPayments: [{ date: '2025-03-28', amount: '612.00' }],
    })
  })

  it('--batch with a refused item exits 2', async () => {
    const r = await runCli(['arrears', '--batch', '--json'], json([jordan, { asOf: 'x' }]))
    expect(r.code).toBe(2)
    expect((JSON.parse(r.stdout) as unknown[])[1]).toEqual({
      error: { field: 'asOf', message: '"x" is not a date in the form YYYY-MM-DD' },
    })
  })

  it('import-bank FILE --json, and exit 2 on a bad row', async () => {
    const ok = await runCli(['arrears', 'import-bank', `${FIXTURES}/nationwide.csv`, '--json'])
    expect(ok.code).toBe(0)
    expect((JSON.parse(ok.stdout) as { profile: string }).profile).toBe('nationwide')
    const bad = await runCli(['arrears', 'import-bank', `${FIXTURES}/bad-date.csv`])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('line 3')
  })
})
