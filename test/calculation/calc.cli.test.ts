/** `redress calc` run as a real child process: exit codes, exact JSON, batch order, messages. */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { rules } from '../../src/rules/load.ts'
import { calcRequest, runCalculation } from '../../src/services/calculation.service.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function redress(args: string[], stdin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/redress.js', ...args], { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(stdin)
  })
}

const example = {
  effectiveDate: '2025-04-01',
  income: { grossWeekly: '575.34' },
  benefit: 'none',
  nilRateCategory: false,
  relevantOtherChildren: 1,
  receivingParents: [{ id: 'A', children: [{ nightsPerYear: 0 }, { nightsPerYear: 120 }] }],
  variations: { specialExpensesWeekly: '0.00', additionalIncomeWeekly: '0.00' },
  collection: 'direct',
}
const json = (v: unknown): string => JSON.stringify(v)

describe('redress calc', { timeout: 60_000 }, () => {
  it('--json answers the example exactly, as the service does, and exits 0', async () => {
    const r = await redress(['calc', '--json'], json(example))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as Record<string, unknown>
    expect(out).toEqual(runCalculation(rules(), calcRequest.parse(example)))
    expect(out).toMatchObject({
      rate: 'basic',
      grossWeeklyIncome: '575.34',
      totalWeekly: '70.23',
      perReceivingParent: [
        { id: 'A', weekly: '70.23', payerPaysWithFees: '70.23', receiverGetsAfterFees: '70.23' },
      ],
    })
    expect(Object.keys(out)).toEqual([
      'rate',
      'grossWeeklyIncome',
      'totalWeekly',
      'perReceivingParent',
      'steps',
      'assumptions',
    ])
  })

  it('--batch answers an array in the same order', async () => {
    const incomes = ['1000.00', '150.00', '6.50', '575.34']
    const batch = incomes.map((grossWeekly) => ({
      ...example,
      income: { grossWeekly },
      relevantOtherChildren: 0,
      receivingParents: [{ id: 'A', children: [{ nightsPerYear: 0 }] }],
    }))
    const r = await redress(['calc', '--json', '--batch'], json(batch))
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { totalWeekly: string; rate: string }[]
    expect(out.map((x) => [x.rate, x.totalWeekly])).toEqual([
      ['basicPlus', '114.00'],
      ['reduced', '15.50'],
      ['nil', '0.00'],
      ['basic', '69.04'],
    ])
  })

  it('prints readable workings, and sources with --explain', async () => {
    const [plain, explained] = await Promise.all([
      redress(['calc'], json(example)),
      redress(['calc', '--explain'], json(example)),
    ])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/^Weekly child maintenance: £70\.23 \(basic rate\)/)
    expect(plain.stdout).toMatch(/Income is reduced by 11% .*: £512\.05\./)
    expect(plain.stdout).not.toMatch(/Source:/)
    expect(explained.code).toBe(0)
    expect(explained.stdout).toMatch(/Before rounding: £512\.0526/)
    expect(explained.stdout).toMatch(
      /Source: Child Support Act 1991, Schedule 1, paragraph 2\(3\) \(verified\)/,
    )
    expect(explained.stdout).toMatch(/What we could not confirm:/)
  })

  it('exits 2 naming the field for bad input', async () => {
    const bad: [string[], unknown, string][] = [
      [
        ['calc', '--json'],
        { ...example, income: { grossWeekly: '-5.00' } },
        'income.grossWeekly: must be an amount',
      ],
      [
        ['calc', '--json'],
        { ...example, income: { grossWeekly: 'abc' } },
        'income.grossWeekly: must be an amount',
      ],
      [
        ['calc', '--json'],
        { ...example, receivingParents: [{ id: 'A', children: [{ nightsPerYear: 400 }] }] },
        'receivingParents.0.children.0.nightsPerYear: must be a whole number of nights',
      ],
      [
        ['calc', '--json'],
        { ...example, receivingParents: [{ id: 'A', children: [] }] },
        'receivingParents.0.children: at least one qualifying child',
      ],
      [['calc', '--json'], { ...example, pets: 2 }, '(input): unknown field "pets"'],
      [['calc', '--json'], { ...example, benefit: 'JSA' }, 'benefit: must be "none"'],
      [
        ['calc', '--json'],
        { ...example, effectiveDate: '2003-03-03' },
        'effectiveDate: 3 March 2003 is before 10 December 2012',
      ],
      [['calc', '--json'], '{ not json', 'stdin: not valid JSON'],
    ]
    // Three at a time: each run starts a Node process.
    for (let i = 0; i < bad.length; i += 3) {
      const chunk = bad.slice(i, i + 3)
      const runs = await Promise.all(
        chunk.map(([args, input]) => redress(args, typeof input === 'string' ? input : json(input))),
      )
      runs.forEach((r, j) => {
        const expected = chunk[j]![2]
        expect(r.code, expected).toBe(2)
        expect(r.stdout).toBe('')
        expect(r.stderr).toContain(`redress: bad input: ${expected}`)
      })
    }
  }, 120_000)

  it('--batch answers every item in its place: a refused one as {"error"}, exit 2', async () => {
    const batch = [
      example,
      { ...example, effectiveDate: '2012-01-01' },
      { ...example, income: { grossWeekly: 'abc' } },
      example,
    ]
    const r = await redress(['calc', '--json', '--batch'], json(batch))
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout) as Record<string, unknown>[]
    expect(out).toHaveLength(4)
    expect(out[0]).toMatchObject({ totalWeekly: '70.23' })
    expect(out[1]).toEqual({
      error: {
        field: 'effectiveDate',
        message: expect.stringContaining('1 January 2012 is before 10 December 2012'),
      },
    })
    expect(out[2]).toEqual({
      error: { field: 'income.grossWeekly', message: expect.stringContaining('must be an amount') },
    })
    expect(out[3]).toEqual(out[0])
    expect(r.stderr).toContain('redress: bad input: 2 of 4 requests refused')
  })

  it('--batch with every item good exits 0; --ndjson answers a line each; --no-steps leaves the steps out', async () => {
    const good = await redress(['calc', '--json', '--batch'], json([example, example]))
    expect(good.code).toBe(0)
    expect(good.stderr).toBe('')
    const lines = [json(example), '{ not json', json({ ...example, effectiveDate: '2003-03-03' })].join('\n')
    const r = await redress(['calc', '--batch', '--ndjson', '--no-steps'], `${lines}\n`)
    expect(r.code).toBe(2)
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(out).toHaveLength(3)
    expect(out[0]).toMatchObject({ rate: 'basic', totalWeekly: '70.23' })
    expect(out[0]).not.toHaveProperty('steps')
    expect(out[1]).toEqual({
      error: { field: '(request)', message: expect.stringContaining('not valid JSON') },
    })
    expect(out[2]).toMatchObject({ error: { field: 'effectiveDate' } })
  })

  it('--batch refuses input that is not an array, with nothing on stdout', async () => {
    const r = await redress(['calc', '--json', '--batch'], json(example))
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('redress: bad input: stdin: with --batch, expected a JSON array')
  })
})
