import { describe, expect, it } from 'vitest'
import type { RouteId } from '../../src/domain/remedies/route.ts'
import { advise, ids, route } from './support.ts'

/**
 * Every case where no appeal lies (rules/remedies/no-right-of-appeal.yaml; "Some things cannot be
 * appealed"): the route says so plainly, says what to do instead, and that alternative is offered.
 */

interface NoAppealCase {
  readonly name: string
  readonly source: string
  readonly input: Record<string, unknown>
  /** The route that carries the statement. */
  readonly on: RouteId
  /** What the plain statement must say. */
  readonly says: RegExp
  /** What it must point to instead. */
  readonly instead: RegExp
  /** The alternative routes that must be offered. */
  readonly alternatives: readonly RouteId[]
}

const P = (nation: string, problem: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  role: 'paying',
  nation,
  problems: [problem],
  ...extra,
})
const R = (nation: string, problem: Record<string, unknown>) => ({
  role: 'receiving',
  nation,
  problems: [problem],
})

const cases: NoAppealCase[] = [
  {
    name: 'an arrears figure (payment not recorded)',
    source: '§2.1, §7 routing 3',
    input: P('scotland', { kind: 'arrearsWrong', cause: 'paymentNotRecorded', amount: '612.00' }),
    on: 'statement-of-account',
    says: /cannot appeal an arrears figure to a tribunal/,
    instead: /statement of account.*complain/,
    alternatives: ['statement-of-account', 'complaint'],
  },
  {
    name: 'an arrears figure (cause unknown), on the complaint too',
    source: '§7 routing 1, 3',
    input: R('england', { kind: 'arrearsWrong', cause: 'unknown' }),
    on: 'complaint',
    says: /cannot appeal an arrears figure/,
    instead: /statement of account/,
    alternatives: ['statement-of-account', 'complaint', 'escalation'],
  },
  {
    name: 'arrears carried over from the CSA',
    source: '§7 CSA case closure',
    input: P('england', { kind: 'legacyArrears', amount: '4200.00', writeOffNoticeReceived: 'yes' }),
    on: 'statement-of-account',
    says: /cannot be appealed to a tribunal/,
    instead: /statement of account.*records.*complain/,
    alternatives: ['statement-of-account', 'subject-access-request', 'complaint'],
  },
  {
    name: 'poor service',
    source: '§2.1, §6.1, seed 000 (appeal not for poor service)',
    input: R('wales', { kind: 'poorService', complaints: ['longDelay'], stage: 'notYetComplained' }),
    on: 'complaint',
    says: /no appeal to a tribunal about poor service/,
    instead: /Complain instead.*Independent Case Examiner.*Ombudsman/,
    alternatives: ['complaint', 'escalation', 'mp-and-ombudsman'],
  },
  {
    name: 'poor service after a final response',
    source: '§6.2',
    input: R('england', {
      kind: 'poorService',
      complaints: ['lostDocuments'],
      stage: 'finalResponse',
      finalResponseReceivedOn: '2025-09-02',
    }),
    on: 'ice-referral',
    says: /no appeal to a tribunal about poor service/,
    instead: /Independent Case Examiner/,
    alternatives: ['ice-referral'],
  },
  {
    name: 'compensation',
    source: '§6.5 (special payments are discretionary)',
    input: R('england', {
      kind: 'poorService',
      complaints: ['lostDocuments'],
      stage: 'notYetComplained',
      costs: [{ description: 'Calls', amount: '10.00' }],
    }),
    on: 'compensation-claim',
    says: /no legal right to compensation and no appeal/,
    instead: /complaint steps.*Independent Case Examiner.*Ombudsman/,
    alternatives: ['complaint', 'mp-and-ombudsman'],
  },
  {
    name: 'an earnings order when the calculation is what is wrong',
    source: '§7 DEO reg 22(3), s.29(5)',
    input: P('england', {
      kind: 'enforcement',
      action: 'deductionFromEarningsOrder',
      actionDate: '2025-03-03',
      grounds: ['calculationWrong'],
    }),
    on: 'earnings-order-appeal',
    says: /court cannot look again at the maintenance calculation/,
    instead: /mandatory reconsideration.*statement of account/,
    alternatives: ['statement-of-account'],
  },
  {
    name: 'an earnings order the parent cannot afford',
    source: '§7 DEO grounds; seed 001 (MP and hardship)',
    input: P('england', {
      kind: 'enforcement',
      action: 'deductionFromEarningsOrder',
      actionDate: '2025-03-03',
      grounds: ['cannotAfford'],
    }),
    on: 'deduction-hardship',
    says: /not a ground for appealing the order/,
    instead: /review the deductions.*MP/,
    alternatives: ['deduction-hardship'],
  },
  {
    name: 'a liability order',
    source: '§7 s.33(4)',
    input: P('scotland', { kind: 'enforcement', action: 'liabilityOrder', hearingDate: '2025-05-01' }),
    on: 'liability-order-hearing',
    says: /must not question it/,
    instead: /mandatory reconsideration.*statement of account/,
    alternatives: ['statement-of-account'],
  },
  {
    name: 'a bank-account deduction order',
    source: '§7 deduction orders (ss.32A, 32E)',
    input: P('england', { kind: 'enforcement', action: 'lumpSumDeductionOrder', actionDate: '2025-03-03' }),
    on: 'deduction-order-appeal',
    says: /not .*look again at the maintenance calculation|Do not expect the court to look again/,
    instead: /reconsideration and appeal through the CMS/,
    alternatives: ['deduction-order-appeal'],
  },
  {
    name: 'the CMS not enforcing (receiving parent)',
    source: '§6.4 Kehoe, §7',
    input: R('england', { kind: 'enforcement', action: 'notEnforcing', actionDate: '2025-01-10' }),
    on: 'judicial-review',
    says: /no tribunal appeal about enforcement/,
    instead: /Complain first; judicial review is the last resort/,
    alternatives: ['complaint', 'judicial-review'],
  },
  {
    name: 'parentage',
    source: '§2.1, §8',
    input: P('northern-ireland', { kind: 'parentage', calculationMade: 'yes' }),
    on: 'parentage-dispute',
    says: /tribunal cannot decide who a child’s parent is/,
    instead: /DNA test.*court/,
    alternatives: ['parentage-dispute'],
  },
  {
    name: 'an overpayment',
    source: '§7 overpayments (s.41B)',
    input: P('england', { kind: 'overpayment', cause: 'calculationReduced', amount: '250.00' }),
    on: 'overpayment-adjustment',
    says: /no tribunal appeal about how an overpayment is dealt with/,
    instead: /adjust future payments or refund.*complain/,
    alternatives: ['overpayment-adjustment', 'complaint'],
  },
]

describe('no right of appeal: said plainly, with the alternative', () => {
  it.each(cases.map((c) => [`${c.name} (${c.source})`, c] as const))('%s', (_, c) => {
    const a = advise('2025-03-18', c.input)
    const r = route(a, c.on)
    expect(r.noAppeal).not.toBeNull()
    expect(r.noAppeal).toMatch(c.says)
    expect(r.noAppeal).toMatch(c.instead)
    for (const alt of c.alternatives) expect(ids(a)).toContain(alt)
    expect(ids(a)).not.toContain('tribunal-appeal')
    expect(a.noAppeal.map((n) => n.text)).toContain(r.noAppeal)
  })
})
