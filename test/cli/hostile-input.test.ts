import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import {
  BadInput,
  checkDateRange,
  checkJsonDepth,
  DATE_YEARS,
  failureMessage,
  MAX_JSON_DEPTH,
} from '../../src/cli/io.ts'
import { BIN, runCli, runInProcess } from '../helpers/cli.ts'

/* Input from a pipe can be anything: too big, too deep, or dated in another century. */

describe('checks on JSON input', () => {
  it('refuses nesting deeper than the limit, without recursion, and ignores brackets in strings', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)
    expect(() => checkJsonDepth(deep)).toThrow(BadInput)
    expect(() => checkJsonDepth('['.repeat(1_000_000))).toThrow(/nests more than 64 levels/)
    expect(() => checkJsonDepth(JSON.stringify({ a: '[[[[[['.repeat(100), b: ['"\\\\'] }))).not.toThrow()
    expect(() => checkJsonDepth('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).not.toThrow()
  })

  it('refuses a date outside 1990 to 2100, naming where it is', () => {
    expect(() => checkDateRange({ problems: [{ complainedOn: '1899-12-31' }] })).toThrow(
      'problems[0].complainedOn: "1899-12-31" is outside the dates Redress works with (1990 to 2100)',
    )
    expect(() => checkDateRange(['2101-01-01'])).toThrow(/\[0\]/)
    expect(() =>
      checkDateRange({ from: `${DATE_YEARS.from}-01-01`, to: `${DATE_YEARS.to}-12-31`, note: '1066' }),
    ).not.toThrow()
  })
})

// Piped into the real command: input nested a million deep and more input than it reads. The
// other refusals run in this process (test/helpers/cli.ts).
describe('the redress command', () => {
  const route = (problem: Record<string, unknown>) =>
    JSON.stringify({ today: '2025-06-01', role: 'receiving', nation: 'england', problems: [problem] })

  it('exits 2, with no stack overflow, on input nested a million deep', async () => {
    const r = await runCli(['route', '--json'], '['.repeat(1_000_000))
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('redress: bad input: stdin: the JSON nests more than 64 levels deep\n')
  })

  it('exits 2 on a date outside the sane range, in input or in an argument', async () => {
    const r = await runInProcess(
      ['route', '--json'],
      route({
        kind: 'poorService',
        complaints: ['longDelay'],
        stage: 'complained',
        complainedOn: '1066-10-14',
      }),
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'problems[0].complainedOn: "1066-10-14" is outside the dates Redress works with',
    )
    const deadline = await runInProcess(
      ['deadline', '--json'],
      JSON.stringify({ kind: 'mandatoryReconsideration', from: '2999-01-01', nation: 'england' }),
    )
    expect(deadline.code).toBe(2)
    expect(deadline.stderr).toBe(
      'redress: bad input: from: "2999-01-01" is outside the dates Redress works with (1990 to 2100)\n',
    )
  })

  it('stops quietly, with the status of a closed pipe, when its reader stops reading', async () => {
    // `redress calc --batch --ndjson < big | head -c 1000`: the reader takes a little and closes.
    const request = JSON.stringify({
      effectiveDate: '2025-04-01',
      income: { grossWeekly: '575.34' },
      benefit: 'none',
      nilRateCategory: false,
      relevantOtherChildren: 0,
      receivingParents: [{ id: 'A', children: [{ nightsPerYear: 0 }] }],
    })
    const child = spawn(process.execPath, [BIN, 'calc', '--batch', '--ndjson'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.once('data', () => child.stdout.destroy())
    child.stdin.on('error', () => undefined) // it may stop before reading all of this
    child.stdin.end(`${request}\n`.repeat(50_000))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(141)
  })

  it('exits 2 on more input than it will read', async () => {
    const r = await runCli(['route', '--json'], ' '.repeat(65 * 1024 * 1024))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('stdin: more than 64 MB of input')
  })

  it('refuses a complaint made, or a problem noticed, after today', async () => {
    for (const field of ['complainedOn', 'becameAwareOn']) {
      const r = await runInProcess(
        ['route', '--json'],
        route({ kind: 'poorService', complaints: ['longDelay'], stage: 'complained', [field]: '2025-06-02' }),
      )
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(`problems[0].${field}: 2025-06-02 is after today (2025-06-01)`)
    }
  })
})

describe('an unexpected failure', () => {
  it('never shows raw SQL or the values it was given', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
    })
    const error = Object.assign(new Error('Failed query: insert into "cases" ... params: 07700 900456'), {
      cause,
    })
    expect(failureMessage(error)).toBe(
      'the database could not do this (PostgreSQL error 23505). Nothing was changed.',
    )
    expect(failureMessage(new Error('ENOSPC: no space left on device'))).toBe(
      'ENOSPC: no space left on device',
    )
  })
})
