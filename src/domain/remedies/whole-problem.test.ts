import { describe, expect, it } from 'vitest'
import { rules } from '../../rules/load.ts'
import { loadContacts } from '../../services/contacts.ts'
import {
  adviceInWords,
  realDeadlineFn,
  type AdviceInWords,
  type RouteInWords,
} from '../../services/route.service.ts'
import { pence } from '../shared/pence.ts'
import { parseDate } from '../shared/plain-date.ts'
import { adviseRoutes } from './advisor.ts'
import type { AdvisorContext } from './context.ts'
import type { Nation, Problem, ProblemFacts, Role } from './facts.ts'
import type { RouteId } from './route.ts'

/**
 * Issue #12 point 5 ("routes answer the whole problem") and the Northern Ireland routes of point 1, each
 * scenario in England (or Wales), Scotland and Northern Ireland, with the real deadline engine.
 */

const book = rules()
const contacts = loadContacts()
const deadline = realDeadlineFn(book)
const ctx = (today: string): AdvisorContext => ({ book, deadline, today: parseDate(today), contacts })
const d = parseDate

const advise = (today: string, role: Role, nation: Nation, ...problems: Problem[]): AdviceInWords =>
  adviceInWords(adviseRoutes({ role, nation, problems } satisfies ProblemFacts, ctx(today)))

const ids = (a: AdviceInWords): RouteId[] => a.routes.map((r) => r.id)
const find = (a: AdviceInWords, id: RouteId): RouteInWords => {
  const r = a.routes.find((x) => x.id === id)
  if (!r) throw new Error(`no ${id} in ${ids(a).join(', ')}`)
  return r
}
const text = (r: RouteInWords): string =>
  [
    r.title,
    r.whyItFits,
    ...r.gather,
    ...r.howToSend,
    r.whatHappensNext,
    ...r.cautions,
    r.noAppeal ?? '',
  ].join('\n')
const allText = (a: AdviceInWords): string => a.routes.map(text).join('\n')
const date = (r: RouteInWords, i = 0) => r.deadlines[i]?.result?.deadline.toString()

const NATIONS: readonly Nation[] = ['england', 'scotland', 'northern-ireland']

describe.each(NATIONS)('routes answer the whole problem: %s', (nation) => {
  const ni = nation === 'northern-ireland'

  it('“my ex has had a second job since before the decision” (undeclared earnings): reconsideration while in time AND revision at any time, never a variation', () => {
    const a = advise('2025-03-10', 'receiving', nation, {
      kind: 'undeclaredIncome',
      incomeKinds: ['hiddenEarnings'],
      decisionLetterDate: d('2025-03-03'),
      haveEvidence: 'yes',
    })
    expect(ids(a)).toEqual(expect.arrayContaining(['mandatory-reconsideration', 'any-time-revision']))
    expect(ids(a)).not.toContain('variation')
    const mr = find(a, 'mandatory-reconsideration')
    expect(date(mr)).toBe('2025-04-02')
    const anyTime = find(a, 'any-time-revision')
    expect(anyTime.fit).toBe('alongside')
    expect(anyTime.title).toMatch(/gave false information or hid facts/)
    expect(anyTime.whyItFits).toMatch(/If the job started after the decision, report it as a change/)
    for (const r of [mr, anyTime])
      expect(r.cautions.join(' ')).toMatch(/A variation is not the way to add earnings/)
  })

  it('the same problem ticked as “wrong income” gives both routes too', () => {
    const a = advise('2025-03-10', 'receiving', nation, {
      kind: 'wrongCalculation',
      errors: ['income'],
      decisionLetterDate: d('2025-03-03'),
    })
    expect(ids(a)).toEqual(expect.arrayContaining(['mandatory-reconsideration', 'any-time-revision']))
    expect(find(a, 'any-time-revision').title).toMatch(/hid facts/)
    expect(ids(a)).not.toContain('variation')
  })

  it('second job, reconsideration time passed: the any-time revision becomes the main route', () => {
    const a = advise('2025-06-10', 'receiving', nation, {
      kind: 'undeclaredIncome',
      incomeKinds: ['hiddenEarnings'],
      decisionLetterDate: d('2025-03-03'),
    })
    expect(ids(a)).toContain('late-reconsideration')
    expect(find(a, 'any-time-revision').fit).toBe('main')
  })

  it('arrears caused by a wrong decision: the official-error revision is offered as a route', () => {
    const inTime = advise('2025-03-10', 'paying', nation, {
      kind: 'arrearsWrong',
      cause: 'wrongCalculation',
      decisionLetterDate: d('2025-03-03'),
    })
    const revision = find(inTime, 'any-time-revision')
    expect(revision.title).toMatch(/because the CMS made the mistake/)
    expect(revision.fit).toBe('alongside')
    expect(ids(inTime)).toContain('mandatory-reconsideration')
    const late = advise('2025-09-10', 'paying', nation, {
      kind: 'arrearsWrong',
      cause: 'wrongEffectiveDate',
      decisionLetterDate: d('2025-03-03'),
    })
    expect(find(late, 'any-time-revision').fit).toBe('main')
  })

  it('the last step of a complaint: NIPSO directly in Northern Ireland, an MP and the PHSO elsewhere', () => {
    const a = advise('2025-09-10', 'receiving', nation, {
      kind: 'poorService',
      complaints: ['longDelay'],
      stage: 'iceDecided',
      finalResponseReceivedOn: d('2025-03-03'),
      becameAwareOn: d('2025-01-06'),
    })
    if (ni) {
      expect(ids(a)).not.toContain('mp-and-ombudsman')
      const nipso = find(a, 'nipso-complaint')
      expect(nipso.rank).toBe(1)
      expect(date(nipso)).toBe('2025-09-03')
      expect(nipso.deadlines[0]!.result!.confidence).toBe('verified')
      expect(nipso.whyItFits).toMatch(/you do not need an MP/)
      expect(allText(a)).not.toMatch(/through an MP/)
    } else {
      expect(ids(a)).not.toContain('nipso-complaint')
      expect(date(find(a, 'mp-and-ombudsman'))).toBe('2026-01-06')
    }
  })

  it('onward appeals: permission from the tribunal (NI: leave from a legally qualified panel member), then the next body', () => {
    const a = advise('2025-03-10', 'paying', nation, {
      kind: 'wrongCalculation',
      errors: ['income'],
      reconsideration: 'tribunalDecided',
      tribunalReasonsDate: d('2025-03-03'),
    })
    const first = find(a, 'permission-to-appeal')
    expect(date(first)).toBe('2025-04-03')
    expect(first.title).toMatch(ni ? /legally qualified panel member/ : /First-tier Tribunal/)
    expect(first.whatHappensNext).toMatch(ni ? /Court of Appeal in Northern Ireland/ : /Court of Appeal/)
    const refused = advise('2025-05-02', 'paying', nation, {
      kind: 'wrongCalculation',
      errors: ['income'],
      reconsideration: 'tribunalDecided',
      tribunalReasonsDate: d('2025-03-03'),
      permissionRefusedDate: d('2025-04-30'),
    })
    const next = find(refused, 'onward-appeal')
    expect(next.rank).toBe(1)
    expect(date(next)).toBe('2025-05-30')
    expect(next.title).toMatch(ni ? /Child Support Commissioner/ : /Upper Tribunal/)
  })

  it('earnings order: the appeal has a date everywhere (NI conservative and said to be unconfirmed)', () => {
    const a = advise('2025-03-10', 'paying', nation, {
      kind: 'enforcement',
      action: 'deductionFromEarningsOrder',
      actionDate: d('2025-03-03'),
      grounds: ['notEarnings'],
    })
    const r = find(a, 'earnings-order-appeal')
    expect(date(r)).toBe('2025-03-31')
    expect(r.deadlines[0]!.result!.confidence).toBe(ni ? 'unverified' : 'verified')
    if (ni) expect(r.title).toMatch(/court of summary jurisdiction/)
    if (ni) expect(r.cautions.join(' ')).toMatch(/was not found in our research/)
  })

  it('earnings order: appeal against the decision that the “good reason” exclusion does not apply (reg 22(2A))', () => {
    const a = advise('2025-03-10', 'paying', nation, {
      kind: 'enforcement',
      action: 'deductionFromEarningsOrder',
      actionDate: d('2025-03-03'),
      grounds: ['goodReasonRefused'],
      goodReasonDecisionDate: d('2025-02-24'),
    })
    const r = find(a, 'good-reason-appeal')
    expect(r.fit).toBe('main')
    expect(date(r)).toBe('2025-03-24')
    expect(r.citations.map((c) => c.provision)).toContain('reg 22(2A) and (3A)')
    expect(r.noAppeal).toMatch(/cannot look again at the maintenance calculation/)
    expect(find(a, 'earnings-order-appeal').cautions.join(' ')).not.toMatch(/not grounds for this appeal/)
  })

  it('parentage: an appeal to a court (NI: a court of summary jurisdiction) alongside the DNA route', () => {
    const a = advise('2025-03-10', 'paying', nation, {
      kind: 'parentage',
      calculationMade: 'yes',
      assumedBecause: 'birthCertificate',
      decisionLetterDate: d('2025-03-03'),
    })
    const r = find(a, 'parentage-appeal')
    expect(date(r)).toBe('2025-04-03')
    expect(r.title).toMatch(
      ni ? /court of summary jurisdiction/ : nation === 'scotland' ? /the sheriff/ : /the family court/,
    )
    expect(ids(a)).toEqual(expect.arrayContaining(['parentage-dispute', 'any-time-revision']))
  })

  it('special expenses while on the flat rate because of a benefit: turned down at the first stage (reg 57)', () => {
    const a = advise('2025-03-10', 'paying', nation, {
      kind: 'specialExpenses',
      expenses: ['contactCosts'],
      onBenefitRate: 'yes',
    })
    const r = find(a, 'variation')
    expect(r.fit).toBe('fallback')
    expect(r.whyItFits).toMatch(/turns down a special-expenses variation at the first stage/)
    expect(r.citations.map((c) => c.provision)).toContain('reg 57')
  })

  it('special expenses below the £10 threshold: unlikely, except for a child’s illness or disability', () => {
    const a = advise('2025-03-10', 'paying', nation, {
      kind: 'specialExpenses',
      expenses: ['contactCosts', 'relevantOtherChildDisability'],
      weeklyAmount: pence(800),
    })
    const variations = a.routes.filter((r) => r.id === 'variation')
    const contact = variations.find((r) => r.title.includes('contact costs'))
    const illness = variations.find((r) => r.title.includes('illness or disability'))
    expect(contact!.fit).toBe('fallback')
    expect(contact!.whyItFits).toMatch(/below the £10\.00 a week/)
    expect(illness!.fit).toBe('main')
  })

  it('records: a subject access request goes to the Department for Communities in Northern Ireland', () => {
    const a = advise('2025-03-10', 'paying', nation, {
      kind: 'poorService',
      complaints: ['lostDocuments'],
      stage: 'notYetComplained',
    })
    const r = find(a, 'subject-access-request')
    if (ni) expect(r.howToSend.join(' ')).toMatch(/Department for Communities/)
    else expect(r.howToSend.join(' ')).not.toMatch(/Department for Communities/)
  })
})
