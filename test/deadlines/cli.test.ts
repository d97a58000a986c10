import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  computeDeadlineFromInput,
  deadlineRequestSchema,
  deadlineToJson,
} from '../../src/services/deadline.service.ts'
import { runInProcess } from '../helpers/cli.ts'

/**
 * Runs `redress deadline` with JSON on stdin, in this process (test/helpers/cli.ts: one run at a
 * time, the same exit code, stdout and stderr as the real command);
 * the contract tests that pipe input into the real command are test/cli/hostile-input.test.ts and
 * test/calculation/calc.cli.test.ts.
 */
const TIMEOUT = 120_000

const redress = (
  args: string[],
  stdin: unknown,
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  runInProcess(['deadline', ...args], typeof stdin === 'string' ? stdin : JSON.stringify(stdin))

const SECONDARY_OPFS = {
  instrument: 'One Parent Families Scotland, Child Maintenance Service complaints (updated 10 April 2025)',
  provision: '"You should get a letter saying the CMS has received your complaint within 2 working days"',
  url: 'https://opfs.org.uk/',
}
const citeOpfs = {
  rule: 'deadlines.complaint-acknowledgement-target',
  ...SECONDARY_OPFS,
  confidence: 'secondary',
}

describe.concurrent('redress deadline --json', { timeout: TIMEOUT }, () => {
  it('answers the exact JSON contract (Jordan’s complaint acknowledgement target)', async () => {
    const r = await redress(['--json'], {
      kind: 'complaintAcknowledgementTarget',
      from: '2025-03-17',
      nation: 'scotland',
      residentAbroad: false,
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({
      deadline: '2025-03-19',
      actBy: '2025-03-19',
      outerLimit: null,
      rule: 'deadlines.complaint-acknowledgement-target',
      source: SECONDARY_OPFS,
      confidence: 'secondary',
      steps: [
        {
          key: 'trigger',
          text: 'The date the CMS received the complaint: Monday 17 March 2025.',
          date: '2025-03-17',
          cite: citeOpfs,
        },
        { key: 'period', text: 'The target is 2 working days after that date.', date: null, cite: citeOpfs },
        {
          key: 'count',
          text: 'Counting 2 working days after Monday 17 March 2025 (not counting that day, and leaving out weekends and bank holidays in Scotland) gives Wednesday 19 March 2025.',
          date: '2025-03-19',
          cite: {
            rule: 'deadlines.counting-working-days',
            instrument: 'Redress convention (no official definition found)',
            provision: 'procedure research, section 10.3',
            url: 'https://www.gov.uk/bank-holidays',
            confidence: 'unverified',
          },
        },
        {
          key: 'deadline',
          text: 'The target date is Wednesday 19 March 2025.',
          date: '2025-03-19',
          cite: citeOpfs,
        },
        {
          key: 'act-by',
          text: 'This is a target for the Child Maintenance Service, not a deadline for you. If you have heard nothing by Wednesday 19 March 2025, chase it, and mention the missed target if you escalate.',
          date: '2025-03-19',
          cite: null,
        },
      ],
      kind: 'complaintAcknowledgementTarget',
      from: '2025-03-17',
      nation: 'scotland',
      title: 'CMS target to acknowledge a complaint',
      timeOfDay: null,
      nature: 'target',
      mustBe: 'none',
      by: 'the Child Maintenance Service',
      readings: [
        {
          key: 'legal',
          date: '2025-03-19',
          status: 'legal',
          text: 'CMS target to acknowledge a complaint: Wednesday 19 March 2025.',
          cite: citeOpfs,
        },
      ],
      assumptions: [
        'Working days are Monday to Friday except bank holidays where you live, and the day the complaint was received is not counted (no official definition found).',
      ],
    })
  })

  it('prints exactly what the service maps (Amira’s mandatory reconsideration)', async () => {
    const request = {
      kind: 'mandatoryReconsideration',
      from: '2025-02-03',
      nation: 'england-and-wales',
      residentAbroad: false,
    }
    const r = await redress(['--json'], request)
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout) as Record<string, unknown>
    expect(json).toEqual(deadlineToJson(computeDeadlineFromInput(deadlineRequestSchema.parse(request))))
    expect(Object.keys(json).slice(0, 7)).toEqual([
      'deadline',
      'actBy',
      'outerLimit',
      'rule',
      'source',
      'confidence',
      'steps',
    ])
    expect([json.deadline, json.actBy, json.outerLimit, json.rule, json.confidence]).toEqual([
      '2025-03-05',
      '2025-03-03',
      '2026-03-03',
      'deadlines.mandatory-reconsideration',
      'verified',
    ])
  })

  it('--batch answers an array in order', async () => {
    const r = await redress(
      ['--json', '--batch'],
      [
        { kind: 'tribunalAppeal', from: '2025-03-14', nation: 'scotland' },
        { kind: 'deoAppeal', from: '2025-03-03', nation: 'scotland' },
        { kind: 'iceReferral', from: '2025-09-02', nation: 'england-and-wales' },
        { kind: 'tribunalAppeal', from: '2025-05-08', nation: 'northern-ireland' },
      ],
    )
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { deadline: string; actBy: string; rule: string }[]
    expect(out.map((x) => [x.rule, x.deadline, x.actBy])).toEqual([
      ['deadlines.tribunal-appeal', '2025-04-14', '2025-04-14'],
      ['deadlines.deo-appeal', '2025-03-31', '2025-03-31'],
      ['deadlines.ice-referral', '2026-03-02', '2026-03-02'],
      ['deadlines.ni-appeal', '2025-06-08', '2025-06-06'],
    ])
  })

  it.each([
    [
      'unknown kind',
      { kind: 'appealToTheQueen', from: '2025-03-14', nation: 'scotland' },
      [],
      /bad input: kind: "appealToTheQueen" is not a kind/,
    ],
    [
      'bad date',
      { kind: 'tribunalAppeal', from: '2025-02-30', nation: 'scotland' },
      [],
      /bad input: from: "2025-02-30" is not a real calendar date/,
    ],
    [
      'date in the wrong form',
      { kind: 'tribunalAppeal', from: '14/03/2025', nation: 'scotland' },
      [],
      /bad input: from: /,
    ],
    [
      'unknown field',
      { kind: 'tribunalAppeal', from: '2025-03-14', nation: 'scotland', colour: 'red' },
      [],
      /bad input: colour: is not a field/,
    ],
    ['missing nation', { kind: 'tribunalAppeal', from: '2025-03-14' }, [], /bad input: nation: is required/],
    [
      'residentAbroad not a boolean',
      { kind: 'deoAppeal', from: '2025-03-14', nation: 'scotland', residentAbroad: 'no' },
      [],
      /bad input: residentAbroad: must be true or false/,
    ],
    ['not JSON', 'tribunal appeal please', [], /bad input: stdin: not valid JSON/],
    [
      '--out without --ics',
      { kind: 'tribunalAppeal', from: '2025-03-14', nation: 'scotland' },
      ['--out', 'x.ics'],
      /bad input: --out: is only used with --ics/,
    ],
  ])('exits 2 naming the field: %s', async (_name, input, args, message) => {
    const r = await redress(['--json', ...args], input)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })

  it('refuses a date before the rule applies as bad input (exit 2), naming "from"', async () => {
    const r = await redress(['--json'], { kind: 'tribunalAppeal', from: '2001-02-03', nation: 'scotland' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('redress: bad input: from:')
    expect(r.stderr).toContain('applies only from 2008-11-03')
  })

  it('--batch answers every item in its place: a refused one as {"error"}, exit 2', async () => {
    const r = await redress(
      ['--json', '--batch'],
      [
        { kind: 'tribunalAppeal', from: '2025-03-14', nation: 'scotland' },
        { kind: 'tribunalAppeal', from: '2025-03-14', nation: 'atlantis' },
        { kind: 'tribunalAppeal', from: '2001-02-03', nation: 'scotland' },
        { kind: 'deoAppeal', from: '2025-03-03', nation: 'scotland' },
      ],
    )
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout) as Record<string, unknown>[]
    expect(out).toHaveLength(4)
    expect(out[0]).toMatchObject({ rule: 'deadlines.tribunal-appeal', deadline: '2025-04-14' })
    expect(out[1]).toEqual({
      error: { field: 'nation', message: expect.stringContaining('"atlantis" is not a nation') },
    })
    expect(out[2]).toEqual({
      error: { field: 'from', message: expect.stringContaining('applies only from 2008-11-03') },
    })
    expect(out[3]).toMatchObject({ rule: 'deadlines.deo-appeal', deadline: '2025-03-31' })
    expect(r.stderr).toContain('2 of 4 requests refused')
  })

  it('takes nation as england, wales, scotland or northern-ireland (england-and-wales too)', async () => {
    const r = await redress(
      ['--json', '--batch'],
      ['england', 'wales', 'england-and-wales'].map((nation) => ({
        kind: 'tribunalAppeal',
        from: '2025-03-14',
        nation,
      })),
    )
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { deadline: string }[]
    expect(out.map((x) => x.deadline)).toEqual(['2025-04-14', '2025-04-14', '2025-04-14'])
  })

  it('--batch --ndjson answers one line a request', async () => {
    const lines = [
      { kind: 'tribunalAppeal', from: '2025-03-14', nation: 'scotland' },
      { kind: 'tribunalAppeal', from: '2025-03-14' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n')
    const r = await redress(['--batch', '--ndjson'], lines)
    expect(r.code).toBe(2)
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(out[0]).toMatchObject({ deadline: '2025-04-14' })
    expect(out[1]).toMatchObject({ error: { field: 'nation' } })
  })
})

describe.concurrent('redress deadline (text)', { timeout: TIMEOUT }, () => {
  it('prints the dates, the steps and the source', async () => {
    const r = await redress([], { kind: 'tribunalAppeal', from: '2025-05-08', nation: 'northern-ireland' })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      'Appeal to the Appeals Service (Northern Ireland)\n  Deadline: Sunday 8 June 2025\n  Act by: Friday 6 June 2025',
    )
    expect(r.stdout).toContain('How it was worked out:')
    expect(r.stdout).toContain('it would be Monday 9 June 2025')
    expect(r.stdout).toContain('Source: nidirect, Appealing a child maintenance decision')
  })
})

describe.concurrent('redress deadline --ics', { timeout: TIMEOUT }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'redress-ics-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const request = { kind: 'mandatoryReconsideration', from: '2025-02-03', nation: 'england-and-wales' }

  it('writes iCalendar to stdout with CRLF line endings and the given DTSTAMP', async () => {
    const r = await redress(['--ics', '--dtstamp', '2025-03-01T09:00:00Z'], request)
    expect(r.code).toBe(0)
    expect(r.stdout.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(r.stdout.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(r.stdout.match(/DTSTAMP:20250301T090000Z/g)).toHaveLength(3)
    expect(r.stdout).toContain('DTSTART;VALUE=DATE:20250303')
    expect(r.stdout.replace(/\r\n/g, '')).not.toMatch(/\n/)
  })

  it('writes the same calendar to --out FILE', async () => {
    const file = join(dir, 'deadlines.ics')
    const toStdout = await redress(['--ics', '--dtstamp', '2025-03-01T09:00:00Z'], request)
    const toFile = await redress(['--ics', '--out', file, '--dtstamp', '2025-03-01T09:00:00Z'], request)
    expect(toFile.code).toBe(0)
    expect(toFile.stdout).toBe('')
    expect(readFileSync(file, 'utf8')).toBe(toStdout.stdout)
  })

  it('refuses a bad --dtstamp', async () => {
    const r = await redress(['--ics', '--dtstamp', 'yesterday'], request)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--dtstamp/)
  })
})
