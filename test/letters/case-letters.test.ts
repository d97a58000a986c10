import { describe, expect, it } from 'vitest'
import type { DecisionRecord, EventRecord } from '../../src/domain/case/index.ts'
import { parseDate } from '../../src/domain/shared/plain-date.ts'
import { rules } from '../../src/rules/load.ts'
import { caseProblemFacts, lettersFromAdvisor } from '../../src/services/case-letters.ts'

/** "Letters you may need" follows the route advisor, in all three jurisdictions (issue #12 point 5). */

const book = rules()
const today = parseDate('2025-03-10')
const base = { caseId: 'c', version: 1, createdAt: '', updatedAt: '', binnedAt: null } as const

const decision = (kind: DecisionRecord['kind'], letterDate: string): DecisionRecord =>
  ({
    ...base,
    id: `${kind}-${letterDate}`,
    kind,
    letterDate,
    receivedDate: null,
    effectiveDate: null,
    summary: null,
    weeklyAmountPence: null,
    weeklyIncomePence: null,
    nights: null,
    otherChildren: null,
    enforcementAction: kind === 'enforcement' ? 'deduction-from-earnings-order' : null,
    tags: [],
  }) as unknown as DecisionRecord

const received = (subject: string, on: string): EventRecord =>
  ({
    ...base,
    id: `${subject}-${on}`,
    type: 'letter-received',
    occurredOn: on,
    occurredTime: null,
    title: subject,
    details: null,
    amountPence: null,
    call: null,
    letter: { subject, method: 'post', letterDate: on },
    tags: [],
  }) as unknown as EventRecord

const kinds = (
  nation: 'england' | 'scotland' | 'northern-ireland',
  d: DecisionRecord[],
  e: EventRecord[] = [],
) => lettersFromAdvisor(book, today, caseProblemFacts({ role: 'receiving', nation }, d, e)).map((x) => x.kind)

describe.each(['england', 'scotland', 'northern-ireland'] as const)('case file letters in %s', (nation) => {
  const ni = nation === 'northern-ireland'

  it('a decision in time: the reconsideration letter, never a variation', () => {
    const k = kinds(nation, [decision('calculation', '2025-03-03')])
    expect(k[0]).toBe('mandatory-reconsideration')
    expect(k.some((x) => x.startsWith('variation-'))).toBe(false)
  })

  it('a reconsideration notice: the appeal letter for the nation', () => {
    const k = kinds(nation, [
      decision('calculation', '2025-01-06'),
      decision('mandatory-reconsideration-notice', '2025-03-03'),
    ])
    expect(k[0]).toBe(ni ? 'ni-appeal' : 'appeal-covering-letter')
  })

  it('a final response to a complaint: the ICE referral and a compensation claim', () => {
    const k = kinds(nation, [], [received('complaint-final-response', '2025-03-03')])
    expect(k).toEqual(expect.arrayContaining(['ice-referral', 'compensation-claim']))
    // In Northern Ireland the last step is the Ombudsman directly, so no letter to an MP.
    if (ni) expect(k).not.toContain('mp-letter')
  })

  it('nothing recorded: no letters from the advisor', () => {
    expect(caseProblemFacts({ role: 'paying', nation }, [], [])).toBeNull()
  })
})
