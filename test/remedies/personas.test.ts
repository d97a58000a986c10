import { describe, expect, it } from 'vitest'
import { advise, dates, expectRanked, ids, route } from './support.ts'

/** The four parents of Redress's personas (src/services/demo.service.ts) must come out exactly as their stories say. */

describe('Jordan (paying parent, Glasgow)', () => {
  const a = advise('2025-03-18', {
    role: 'paying',
    nation: 'scotland',
    problems: [
      {
        kind: 'wrongCalculation',
        errors: ['nights'],
        decisionLetterDate: 'unknown',
        reconsideration: 'refused',
        mrNoticeDate: '2025-03-14',
      },
      { kind: 'arrearsWrong', cause: 'paymentNotRecorded', amount: '612.00', complainedOn: '2025-03-17' },
      { kind: 'enforcement', action: 'deductionFromEarningsOrder', actionDate: '2025-03-03' },
    ],
  })

  it('routes the nights dispute to an SSCS2 appeal received by Monday 14 April 2025', () => {
    expectRanked(a)
    const ap = route(a, 'tribunal-appeal')
    expect(dates(ap).deadline).toBe('2025-04-14')
    expect(ap.title).toMatch(/SSCS2/)
    expect(ap.letterKind).toBe('appealPack')
    expect(ap.gather.join(' ')).toMatch(/schedule of the disputed nights/)
  })

  it('says the £612 arrears cannot be appealed: statement of account, complaint, escalation', () => {
    const soa = route(a, 'statement-of-account')
    expect(soa.noAppeal).toMatch(/cannot appeal an arrears figure/)
    expect(soa.whyItFits).toMatch(/£612\.00/)
    expect(ids(a)).toEqual(expect.arrayContaining(['complaint', 'escalation']))
  })

  it('says the earnings order can go to the sheriff only on narrow grounds, by Monday 31 March 2025', () => {
    const deo = route(a, 'earnings-order-appeal')
    expect(deo.title).toMatch(/the sheriff/)
    expect(deo.whyItFits).toMatch(/defective/)
    expect(deo.whyItFits).toMatch(/not earnings/)
    expect(dates(deo).deadline).toBe('2025-03-31')
    expect(deo.noAppeal).toMatch(/cannot look again at the maintenance calculation/)
  })

  it('tracks the complaint targets in Scottish working days: Wed 19 March and Mon 7 April 2025', () => {
    const c = route(a, 'complaint')
    expect(dates(c, 'complaintAcknowledgementTarget').deadline).toBe('2025-03-19')
    expect(dates(c, 'complaintResponseTarget').deadline).toBe('2025-04-07')
  })

  it('puts the earliest real deadline first', () => {
    expect(ids(a).slice(0, 2)).toEqual(['earnings-order-appeal', 'tribunal-appeal'])
  })
})

describe('Chris (paying parent, Belfast)', () => {
  const a = advise('2025-06-03', {
    role: 'paying',
    nation: 'northern-ireland',
    problems: [
      { kind: 'parentage', calculationMade: 'yes', assumedBecause: 'birthCertificate' },
      { kind: 'changeOfCircumstances', change: 'childLeftEducation', changeDate: 'unknown' },
      { kind: 'wrongCalculation', errors: ['other'], reconsideration: 'refused', mrNoticeDate: '2025-05-08' },
    ],
  })

  it('sends parentage to a court or DNA test, keeps him paying, says what he gets back', () => {
    const p = route(a, 'parentage-dispute')
    expect(p.noAppeal).toMatch(/court/)
    expect(p.whyItFits).toMatch(/DNA test/)
    expect(p.whyItFits).toMatch(/keep paying/)
    expect(p.whyItFits).toMatch(/refund what you paid since the date parentage was first denied/)
  })

  it('routes the older child leaving education to a supersession backdated to when she stopped qualifying', () => {
    const s = route(a, 'supersession')
    expect(s.effect).toMatchObject({ rule: 'dateOfChange', backdated: true, date: null })
    expect(s.effect?.text).toMatch(/backdated/)
  })

  it('routes the appeal to The Appeals Service: about Friday 6 June 2025, with the uncertainty shown', () => {
    const ni = route(a, 'ni-appeal')
    expect(dates(ni)).toMatchObject({ deadline: '2025-06-08', actBy: '2025-06-06' })
    expect(ni.deadlines[0]!.result!.readings.some((r) => r.status === 'may-not-be-accepted')).toBe(true)
    expect(ni.cautions.join(' ')).toMatch(/could not confirm/)
    expect(a.help.organisations).toContain('Advice NI')
  })
})

describe('Amira (receiving parent, Leeds)', () => {
  const a = advise('2025-02-12', {
    role: 'receiving',
    nation: 'england',
    problems: [
      { kind: 'wrongCalculation', errors: ['income'], decisionLetterDate: '2025-02-03' },
      {
        kind: 'undeclaredIncome',
        incomeKinds: ['unearnedIncome'],
        yearlyAmount: '6000.00',
        decisionLetterDate: '2025-02-03',
      },
    ],
    calls: [{ on: '2025-02-10', spokeTo: 'Kelly', summary: 'They would look into it' }],
  })

  it('routes the 3 February decision to a reconsideration: arrive by Wed 5 March, act by Mon 3 March', () => {
    const mr = route(a, 'mandatory-reconsideration')
    expect(mr.rank).toBe(1)
    expect(dates(mr)).toMatchObject({ deadline: '2025-03-05', actBy: '2025-03-03' })
    expect(mr.letterKind).toBe('mandatoryReconsideration')
  })

  it('adds a variation for the rental income', () => {
    expect(route(a, 'variation').letterKind).toBe('variation:unearnedIncome')
  })

  it('confirms the 10 February call in writing', () => {
    const c = route(a, 'call-confirmation')
    expect(c.letterKind).toBe('callConfirmation')
    expect(c.whyItFits).toMatch(/Kelly/)
  })

  it('never routes anyone to a paid call-connection number', () => {
    expect(JSON.stringify(a)).not.toMatch(/\b08(4|7)\d/)
  })
})

describe('Priya (receiving parent, Cardiff)', () => {
  const a = advise('2025-09-10', {
    role: 'receiving',
    nation: 'wales',
    keepContactDetailsPrivate: true,
    problems: [
      {
        kind: 'poorService',
        complaints: ['lostDocuments', 'longDelay', 'enforcementDelay'],
        stage: 'finalResponse',
        finalResponseReceivedOn: '2025-09-02',
        costs: [
          { description: 'Calls to the CMS', amount: '38.40' },
          { description: 'Bank charge after a late payment', amount: '12.00' },
        ],
        lostMaintenance: true,
      },
    ],
  })

  it('takes the complaint to the ICE by Monday 2 March 2026 with the final response', () => {
    const ice = route(a, 'ice-referral')
    expect(ice.rank).toBe(1)
    expect(dates(ice).deadline).toBe('2026-03-02')
    expect(ice.gather.join(' ')).toMatch(/final response/)
  })

  it('claims compensation itemising £50.40', () => {
    const c = route(a, 'compensation-claim')
    expect(c.letterKind).toBe('compensationClaim')
    expect(c.whyItFits).toMatch(/£50\.40/)
  })

  it('offers a subject access request and keeps her details private', () => {
    expect(route(a, 'subject-access-request').letterKind).toBe('subjectAccessRequest')
    expect(a.assumptions.join(' ')).toMatch(/must not learn your address/)
  })
})
