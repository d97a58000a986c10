import { describe, expect, it } from 'vitest'
import { reportingDuties as reportingDutiesOf } from '../../src/domain/remedies/duties.ts'
import { dutiesInWords } from '../../src/services/route.service.ts'
import { parseDate } from '../../src/domain/shared/plain-date.ts'
import { book, deadline } from './support.ts'

/** Duties to report changes (rules/remedies/reporting-duties.yaml), as a person reads them. */
const reportingDuties = (...args: Parameters<typeof reportingDutiesOf>) =>
  dutiesInWords(reportingDutiesOf(...args))

describe('reporting duties checklist', () => {
  const on = parseDate('2025-03-02')

  it('gives the paying parent the address rule (7 days, an offence) and the job-change rule', () => {
    const list = reportingDuties(book, { role: 'paying', nation: 'england', on })
    const address = list.items.find((i) => i.id === 'address')!
    expect(address.within).toBe('7 days')
    expect(address.offence).toBe(true)
    expect(address.text).toMatch(/within 7 days/)
    expect(address.cite.provision).toMatch(/reg 9/)
    expect(list.items.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        'income-change',
        'job-change-with-earnings-order',
        'work-or-benefits',
        'child-turns-20',
      ]),
    )
  })

  it('gives the receiving parent the shared duties but not the paying parent’s', () => {
    const list = reportingDuties(book, { role: 'receiving', nation: 'scotland', on })
    const idList = list.items.map((i) => i.id)
    expect(idList).toEqual(
      expect.arrayContaining([
        'child-leaves-education',
        'leaves-uk',
        'child-adopted-or-in-care',
        'main-carer',
        'death',
      ]),
    )
    expect(idList).not.toContain('job-change-with-earnings-order')
    expect(list.items.find((i) => i.id === 'address')!.offence).toBe(false)
  })

  it('states the fine of up to £1,000 with its citation', () => {
    const list = reportingDuties(book, { role: 'paying', nation: 'wales', on })
    expect(list.fine.maximum).toBe('£1,000')
    expect(list.fine.text).toMatch(/up to £1,000/)
    expect(list.fine.text).toMatch(/12 months/)
    expect(list.fine.cite.ruleId).toBe('remedies.reporting-offence')
    for (const i of list.items) expect(i.cite.url).toMatch(/^https:\/\//)
  })

  it('works out the 7-day address date when a move date is given (§11 case 33)', () => {
    const list = reportingDuties(
      book,
      { role: 'paying', nation: 'england', on, movedOn: parseDate('2025-03-01') },
      deadline,
    )
    expect(list.address?.result?.deadline.toString()).toBe('2025-03-08')
  })

  it('leaves the date open when the move date is not known', () => {
    const list = reportingDuties(
      book,
      { role: 'receiving', nation: 'england', on, movedOn: 'unknown' },
      deadline,
    )
    expect(list.address?.status).toBe('unknown')
    expect(list.address?.note).toMatch(/7 days/)
  })
})
