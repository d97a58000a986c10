import { describe, expect, it } from 'vitest'
import { runInProcess } from '../helpers/cli.ts'

/**
 * The `redress route` contract: JSON in and out, exit codes. Run in this process
 * (test/helpers/cli.ts); test/cli/hostile-input.test.ts pipes input into the real command.
 */

const run = (args: string[], input: string) => runInProcess(args, input)

const jordan = {
  today: '2025-03-18',
  role: 'paying',
  nation: 'scotland',
  problems: [
    { kind: 'wrongCalculation', errors: ['nights'], reconsideration: 'refused', mrNoticeDate: '2025-03-14' },
    { kind: 'arrearsWrong', cause: 'paymentNotRecorded', amount: '612.00', complainedOn: '2025-03-17' },
    { kind: 'enforcement', action: 'deductionFromEarningsOrder', actionDate: '2025-03-03' },
  ],
}

interface JsonRoute {
  id: string
  rank: number
  letterKind: string | null
  noAppeal: string | null
  deadlines: { kind: string; result: { deadline: string; actBy: string } | null }[]
}

describe('redress route --json', () => {
  it('answers ranked routes with dates as ISO strings', async () => {
    const r = await run(['route', '--json'], JSON.stringify(jordan))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const body = JSON.parse(r.stdout) as {
      today: string
      routes: JsonRoute[]
      noAppeal: { text: string }[]
      help: { organisations: string[]; notLegalAdvice: string }
      contact: { phone: string; paidNumberWarning: string }
    }
    expect(body.today).toBe('2025-03-18')
    expect(body.routes.map((x) => x.rank)).toEqual(body.routes.map((_, i) => i + 1))
    const appeal = body.routes.find((x) => x.id === 'tribunal-appeal')!
    expect(appeal.letterKind).toBe('appealPack')
    expect(appeal.deadlines[0]!.result!.deadline).toBe('2025-04-14')
    const deo = body.routes.find((x) => x.id === 'earnings-order-appeal')!
    expect(deo.deadlines[0]!.result!.deadline).toBe('2025-03-31')
    expect(body.noAppeal.some((n) => /arrears figure/.test(n.text))).toBe(true)
    expect(body.help.organisations).toContain('One Parent Families Scotland')
    expect(body.help.notLegalAdvice).toMatch(/not legal advice/)
    expect(body.contact.phone).toBe('0800 171 2345')
  })

  it('prints readable text without --json', async () => {
    const r = await run(['route'], JSON.stringify(jordan))
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/1\. Appeal against the earnings order to the sheriff/)
    expect(r.stdout).toMatch(/Monday 14 April 2025/)
    expect(r.stdout).toMatch(/No appeal:/)
    expect(r.stdout).toMatch(/not legal advice/)
    // Each letter in words, with the command that writes it; no machine ids.
    expect(r.stdout).toMatch(/Letter: A complaint letter \(write it with: redress letter complaint\)/)
    expect(r.stdout).toMatch(
      /Letter: The appeal form \(SSCS2\) with a statement of what is wrong \(write it with: redress letter appeal-/,
    )
    expect(r.stdout).not.toMatch(/Letter: [a-z]+[A-Z]/)
  })

  it.each([
    ['an unknown nation', { ...jordan, nation: 'mars' }, /^redress: bad input: nation: /],
    [
      'an impossible date',
      {
        ...jordan,
        problems: [{ kind: 'wrongCalculation', errors: ['nights'], decisionLetterDate: '2025-02-30' }],
      },
      /problems\.0\.decisionLetterDate: .*not a real calendar date/,
    ],
    [
      'an unknown field',
      { ...jordan, favouriteColour: 'blue' },
      /bad input: .*favouriteColour|Unrecognized key/,
    ],
    [
      'an unknown problem kind',
      { ...jordan, problems: [{ kind: 'weather' }] },
      /bad input: problems\.0\.kind/,
    ],
    ['no problems', { ...jordan, problems: [] }, /bad input: problems: /],
    [
      'bad money',
      { ...jordan, problems: [{ kind: 'arrearsWrong', cause: 'unknown', amount: 'lots' }] },
      /problems\.0\.amount: /,
    ],
  ])('exits 2 naming the field for %s', async (_, input, message) => {
    const r = await run(['route', '--json'], JSON.stringify(input))
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })

  it('exits 2 when stdin is not JSON', async () => {
    const r = await run(['route', '--json'], 'not json')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/bad input: stdin/)
  })

  it('documents the input in --help', async () => {
    const r = await run(['route', '--help'], '')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/wrongCalculation/)
    expect(r.stdout).toMatch(/"unknown"/)
    expect(r.stdout).toMatch(/Exit codes/)
  })
})
