import { describe, expect, it } from 'vitest'
import { advise, allText, dates, expectRanked, ids, route, type Advice } from './support.ts'

/**
 * Route-advisor scenarios, each from a real kind of CMS problem. Each names, in `source`, the part of
 * the project's original research it came from (section numbers, case numbers and the source
 * documents' numbers); the rule files under rules/ carry the law itself. Dates from the worked
 * deadline table are asserted exactly; the rest follow the cited rules.
 */

interface Scenario {
  readonly name: string
  readonly source: string
  readonly today: string
  readonly input: Record<string, unknown>
  readonly check: (a: Advice) => void
}

const paying = (nation: string, ...problems: Record<string, unknown>[]) => ({
  role: 'paying',
  nation,
  problems,
})
const receiving = (nation: string, ...problems: Record<string, unknown>[]) => ({
  role: 'receiving',
  nation,
  problems,
})
const calc = (extra: Record<string, unknown>) => ({ kind: 'wrongCalculation', ...extra })
const change = (change: string, extra: Record<string, unknown> = {}) => ({
  kind: 'changeOfCircumstances',
  change,
  ...extra,
})

const scenarios: Scenario[] = [
  // §1 Mandatory reconsideration
  {
    name: 'wrong income, in time: reconsideration first, 30 days from the letter',
    source: '§1.1 (case 6), seed 000 revision',
    today: '2025-01-20',
    input: receiving('england', calc({ errors: ['income'], decisionLetterDate: '2025-01-06' })),
    check: (a) => {
      expect(ids(a)[0]).toBe('mandatory-reconsideration')
      const mr = route(a, 'mandatory-reconsideration')
      expect(dates(mr).deadline).toBe('2025-02-05')
      expect(mr.letterKind).toBe('mandatoryReconsideration')
      expect(mr.gather.join(' ')).toMatch(/121/)
      expect(mr.gather.join(' ')).toMatch(/payslips|P60/)
    },
  },
  {
    name: 'wrong number of children, letter on a Friday: no weekend roll-forward, act by the Friday',
    source: '§1.1 (case 7)',
    today: '2025-02-03',
    input: paying('wales', calc({ errors: ['numberOfChildren'], decisionLetterDate: '2025-01-31' })),
    check: (a) => {
      const d = dates(route(a, 'mandatory-reconsideration'))
      expect(d.deadline).toBe('2025-03-02')
      expect(d.actBy <= '2025-02-28').toBe(true)
    },
  },
  {
    name: 'wrong nights: 30 days against GOV.UK "one month", act by the earlier',
    source: '§1.1 (case 8)',
    today: '2025-02-10',
    input: paying('england', calc({ errors: ['nights'], decisionLetterDate: '2025-02-03' })),
    check: (a) => {
      const mr = route(a, 'mandatory-reconsideration')
      expect(dates(mr)).toMatchObject({ deadline: '2025-03-05', actBy: '2025-03-03' })
      expect(mr.gather.join(' ')).toMatch(/nights/)
    },
  },
  {
    name: 'other children missed, decision date not known: the route says to find the date, ranks as urgent',
    source: '§1.1, §1.2',
    today: '2025-05-01',
    input: paying('scotland', calc({ errors: ['otherChildren'], decisionLetterDate: 'unknown' })),
    check: (a) => {
      const mr = route(a, 'mandatory-reconsideration')
      expect(mr.deadlines[0]!.status).toBe('unknown')
      expect(mr.deadlines[0]!.note).toMatch(/30 days/)
      expect(mr.rank).toBe(1)
    },
  },
  {
    name: 'late reconsideration with a reason that can count; outer limit 13 months',
    source: '§1.3 (case 11)',
    today: '2024-06-01',
    input: paying(
      'england',
      calc({ errors: ['income'], decisionLetterDate: '2024-03-15', lateReason: 'seriousIllness' }),
    ),
    check: (a) => {
      const late = route(a, 'late-reconsideration')
      expect(late.fit).toBe('main')
      expect(late.letterKind).toBe('lateReconsideration')
      expect(dates(late, 'lateMandatoryReconsiderationLimit').deadline).toBe('2025-04-15')
      expect(late.cautions.join(' ')).toMatch(/can count/)
      expect(ids(a)).not.toContain('mandatory-reconsideration')
    },
  },
  {
    name: 'late reconsideration: not knowing the time limit never counts',
    source: '§1.3',
    today: '2024-06-01',
    input: paying(
      'england',
      calc({ errors: ['income'], decisionLetterDate: '2024-03-15', lateReason: 'didNotKnowTimeLimit' }),
    ),
    check: (a) => {
      const late = route(a, 'late-reconsideration')
      expect(late.cautions.join(' ')).toMatch(/Not knowing about the time limit does not count/)
      expect(allText(a)).not.toMatch(/(give|use|say) that you did not know the time limit/i)
    },
  },
  {
    name: 'more than 13 months late: late request is only a fallback, revision at any time offered',
    source: '§1.3',
    today: '2024-06-01',
    input: receiving('england', calc({ errors: ['income'], decisionLetterDate: '2023-01-10' })),
    check: (a) => {
      expect(route(a, 'late-reconsideration').fit).toBe('fallback')
      expect(route(a, 'any-time-revision').letterKind).toBe('anyTimeRevision')
    },
  },
  {
    name: 'CMS mistake (official error) after the 30 days: revision at any time is a main route',
    source: '§1.3 reg 14(1)(e)',
    today: '2024-06-01',
    input: paying(
      'scotland',
      calc({ errors: ['income'], decisionLetterDate: '2024-01-10', cmsHadTheRightInformation: 'yes' }),
    ),
    check: (a) => {
      const any = route(a, 'any-time-revision')
      expect(any.fit).toBe('main')
      expect(any.whyItFits).toMatch(/no time limit/)
      expect(any.citations[0]?.provision).toMatch(/14\(1\)\(e\)/)
    },
  },
  {
    name: 'CMS mistake in time: reconsideration first, revision at any time alongside',
    source: '§1.3',
    today: '2025-01-10',
    input: paying(
      'england',
      calc({ errors: ['otherChildren'], decisionLetterDate: '2025-01-06', cmsHadTheRightInformation: 'yes' }),
    ),
    check: (a) => {
      expect(ids(a)[0]).toBe('mandatory-reconsideration')
      expect(route(a, 'any-time-revision').fit).toBe('alongside')
    },
  },
  {
    name: 'reconsideration asked and waiting: no letter, watch for the notice',
    source: '§1.4',
    today: '2025-02-20',
    input: paying(
      'england',
      calc({
        errors: ['nights'],
        decisionLetterDate: '2025-02-03',
        reconsideration: 'waiting',
        reconsiderationAskedOn: '2025-02-10',
      }),
    ),
    check: (a) => {
      const mr = route(a, 'mandatory-reconsideration')
      expect(mr.letterKind).toBeNull()
      expect(mr.whyItFits).toMatch(/one-month time limit/)
      expect(mr.cautions).toEqual([])
    },
  },
  {
    name: 'reconsideration asked after the 30 days: flagged as possibly late',
    source: '§1.1, §1.3',
    today: '2025-03-20',
    input: paying(
      'england',
      calc({
        errors: ['nights'],
        decisionLetterDate: '2025-02-03',
        reconsideration: 'waiting',
        reconsiderationAskedOn: '2025-03-10',
      }),
    ),
    check: (a) =>
      expect(route(a, 'mandatory-reconsideration').cautions.join(' ')).toMatch(/after the 30 days/),
  },
  {
    name: 'GB decision from before 28 October 2013: reconsideration was not a condition of appeal',
    source: '§1.4',
    today: '2013-06-10',
    input: paying('england', calc({ errors: ['income'], decisionLetterDate: '2013-06-03' })),
    check: (a) =>
      expect(route(a, 'mandatory-reconsideration').cautions.join(' ')).toMatch(
        /not required before an appeal/,
      ),
  },
  // §2 Appeals
  {
    name: 'reconsideration refused (England): SSCS2 appeal one month from the notice, by 5pm',
    source: '§2.1, §2.2 (case 12)',
    today: '2024-03-20',
    input: receiving(
      'england',
      calc({ errors: ['income'], reconsideration: 'refused', mrNoticeDate: '2024-03-15' }),
    ),
    check: (a) => {
      const ap = route(a, 'tribunal-appeal')
      expect(dates(ap).deadline).toBe('2024-04-15')
      expect(ap.deadlines[0]!.result?.timeOfDay).toBe('17:00')
      expect(ap.letterKind).toBe('appealPack')
      expect(ap.howToSend.join(' ')).toMatch(/SSCS2/)
      expect(ap.howToSend.join(' ')).toMatch(/not to the CMS/)
    },
  },
  {
    name: 'appeal month-end in a leap year',
    source: '§2.2 (case 13)',
    today: '2024-02-01',
    input: paying(
      'wales',
      calc({ errors: ['nights'], reconsideration: 'refused', mrNoticeDate: '2024-01-31' }),
    ),
    check: (a) => expect(dates(route(a, 'tribunal-appeal')).deadline).toBe('2024-02-29'),
  },
  {
    name: 'appeal deadline rolls over Christmas to the next working day',
    source: '§2.2, §10.3 (case 15)',
    today: '2022-12-01',
    input: paying(
      'england',
      calc({ errors: ['income'], reconsideration: 'refused', mrNoticeDate: '2022-11-25' }),
    ),
    check: (a) => expect(dates(route(a, 'tribunal-appeal')).deadline).toBe('2022-12-28'),
  },
  {
    name: 'decision changed but still wrong: the appeal lies against the revised decision',
    source: '§1.4 s.16(5), §2.2',
    today: '2025-04-01',
    input: receiving(
      'scotland',
      calc({ errors: ['income'], reconsideration: 'revisedStillWrong', mrNoticeDate: '2025-03-14' }),
    ),
    check: (a) => expect(dates(route(a, 'tribunal-appeal')).deadline).toBe('2025-04-14'),
  },
  {
    name: 'appeal late but within the absolute limit: late appeal with reasons',
    source: '§2.4 (case 23)',
    today: '2024-06-01',
    input: paying(
      'england',
      calc({ errors: ['income'], reconsideration: 'refused', mrNoticeDate: '2024-03-15' }),
    ),
    check: (a) => {
      const late = route(a, 'late-appeal')
      expect(late.fit).toBe('main')
      expect(dates(late, 'tribunalAppealAbsoluteLimit').deadline).toBe('2025-04-15')
      expect(late.whyItFits).toMatch(/other parent may be asked/)
    },
  },
  {
    name: 'appeal beyond the absolute limit: only a fallback',
    source: '§2.4',
    today: '2024-06-01',
    input: paying(
      'england',
      calc({ errors: ['income'], reconsideration: 'refused', mrNoticeDate: '2022-01-10' }),
    ),
    check: (a) => expect(route(a, 'late-appeal').fit).toBe('fallback'),
  },
  {
    name: 'Northern Ireland refusal: appeal to The Appeals Service, uncertainty about roll-forward shown',
    source: '§2.2 NI, §11 case 35',
    today: '2025-06-20',
    input: paying(
      'northern-ireland',
      calc({ errors: ['income'], reconsideration: 'refused', mrNoticeDate: '2025-06-12' }),
    ),
    check: (a) => {
      const ni = route(a, 'ni-appeal')
      expect(ni.letterKind).toBe('niAppeal')
      expect(dates(ni)).toMatchObject({ deadline: '2025-07-12', actBy: '2025-07-11' })
      expect(ni.cautions.join(' ')).toMatch(/could not confirm whether a deadline/)
      expect(ids(a)).not.toContain('tribunal-appeal')
    },
  },
  // §3 Changes of circumstances (every change in the seeds)
  {
    name: 'child leaves approved education: backdated to the date of the change',
    source: '§3.2 reg 18(3)(a), seed 000 supersession',
    today: '2025-07-10',
    input: receiving('england', change('childLeftEducation', { changeDate: '2025-06-27' })),
    check: (a) => {
      const s = route(a, 'supersession')
      expect(s.letterKind).toBe('changeOfCircumstances')
      expect(s.effect).toMatchObject({ rule: 'dateOfChange', backdated: true })
      expect(s.effect?.date?.toString()).toBe('2025-06-27')
      expect(s.effect?.cite?.provision).toBe('reg 18(3)(a)')
    },
  },
  {
    name: 'paying parent moves abroad: backdated (stops being habitually resident)',
    source: '§3.2 reg 18(3)(c), seed 000',
    today: '2025-07-10',
    input: receiving('scotland', change('movedAbroad', { person: 'payingParent', changeDate: '2025-05-01' })),
    check: (a) => {
      const s = route(a, 'supersession')
      expect(s.effect).toMatchObject({ rule: 'dateOfChange', backdated: true })
      expect(s.whyItFits).toMatch(/The paying parent has gone to live outside the UK/)
    },
  },
  {
    name: 'child goes into foster care or is adopted: backdated',
    source: '§3.2 reg 18(3)(a)-(b), seed 000',
    today: '2025-07-10',
    input: paying('wales', change('childInCareOrAdopted', { changeDate: '2025-04-01' })),
    check: (a) =>
      expect(route(a, 'supersession').effect).toMatchObject({ rule: 'dateOfChange', backdated: true }),
  },
  {
    name: 'receiving parent stops day-to-day care: backdated',
    source: '§3.2 reg 18(3)(b), seed 000',
    today: '2025-07-10',
    input: receiving('england', change('dayToDayCareStopped', { changeDate: '2025-06-01' })),
    check: (a) => {
      const s = route(a, 'supersession')
      expect(s.effect?.cite?.provision).toBe('reg 18(3)(b)')
      expect(s.cautions.join(' ')).toMatch(/fine of up to £1,000/)
    },
  },
  {
    name: 'death of a child: backdated; death of the paying parent: the calculation ends',
    source: '§3.2, seed 000',
    today: '2025-07-10',
    input: receiving(
      'england',
      change('death', { person: 'child', changeDate: '2025-06-01' }),
      change('death', { person: 'payingParent', changeDate: '2025-06-02' }),
    ),
    check: (a) => {
      expect(route(a, 'supersession', 0).effect?.rule).toBe('dateOfChange')
      expect(route(a, 'supersession', 1).effect?.rule).toBe('calculationEnds')
    },
  },
  {
    name: 'income up 25% or more: backdated where the paying parent had to report it',
    source: '§3.2 reg 18(4), §3.3, seed 004',
    today: '2025-07-10',
    input: receiving(
      'england',
      change('incomeChange', {
        incomeDirection: 'increase',
        atLeast25Percent: 'yes',
        changeDate: '2025-01-01',
      }),
    ),
    check: (a) => {
      const s = route(a, 'supersession')
      expect(s.effect).toMatchObject({ rule: 'dateOfChange', backdated: true })
      expect(s.effect?.text).toMatch(/told the paying parent to report/)
    },
  },
  {
    name: 'income down 25% or more: counts only from when it is reported',
    source: '§3.2 (asymmetry), reg 18(6)',
    today: '2025-07-10',
    input: paying(
      'england',
      change('incomeChange', {
        incomeDirection: 'decrease',
        atLeast25Percent: 'yes',
        changeDate: '2025-05-01',
      }),
    ),
    check: (a) => {
      const s = route(a, 'supersession')
      expect(s.effect).toMatchObject({ rule: 'dateReported', backdated: false })
      expect(s.effect?.text).toMatch(/every week you wait is lost/)
    },
  },
  {
    name: 'income change under 25%: no new amount until the annual review',
    source: '§3.3 reg 23',
    today: '2025-07-10',
    input: paying('england', change('incomeChange', { incomeDirection: 'decrease', atLeast25Percent: 'no' })),
    check: (a) => {
      const r = route(a, 'report-change')
      expect(r.fit).toBe('fallback')
      expect(r.effect?.rule).toBe('noChangeToAmount')
    },
  },
  {
    name: 'moving house: new address within 7 days; paying parent warned of the fine',
    source: '§5 (case 33), seed 004',
    today: '2025-03-02',
    input: paying('england', change('movedHouse', { changeDate: '2025-03-01' })),
    check: (a) => {
      const r = route(a, 'report-change')
      expect(dates(r, 'changeOfAddressNotice').deadline).toBe('2025-03-08')
      expect(r.cautions.join(' ')).toMatch(/£1,000/)
    },
  },
  {
    name: 'more nights with the paying parent: counts from when reported',
    source: '§3.2 reg 18(6), seed 004',
    today: '2025-07-10',
    input: paying(
      'scotland',
      change('overnightCareChanged', { nightsDirection: 'more', changeDate: '2025-06-01' }),
    ),
    check: (a) => {
      const s = route(a, 'supersession')
      expect(s.effect).toMatchObject({ rule: 'dateReported', backdated: false })
      expect(s.whyItFits).toMatch(/more nights/)
    },
  },
  {
    name: 'new employer with an earnings order: 7 days to report, date worked out',
    source: '§5, seed 004',
    today: '2025-07-10',
    input: paying('england', change('newEmployer', { changeDate: '2025-07-01', earningsOrderInPlace: true })),
    check: (a) => {
      const r = route(a, 'supersession')
      expect(r.cautions.join(' ')).toMatch(/within 7 days \(by 8 July 2025/)
    },
  },
  {
    name: 'child turns 20: backdated',
    source: '§3.2 reg 18(3)(a), seed 004',
    today: '2025-07-10',
    input: receiving('wales', change('childTurned20', { changeDate: '2025-07-01' })),
    check: (a) => expect(route(a, 'supersession').effect?.backdated).toBe(true),
  },
  {
    name: 'a change reported in advance takes effect when expected',
    source: '§3.2 reg 18(2)',
    today: '2025-07-10',
    input: receiving('england', change('childLeftEducation', { changeDate: '2025-08-31', expected: true })),
    check: (a) =>
      expect(route(a, 'supersession').effect).toMatchObject({ rule: 'dateExpected', backdated: true }),
  },
  {
    name: 'new qualifying child: from that child’s initial effective date',
    source: '§3.2 reg 18(5)',
    today: '2025-07-10',
    input: receiving('england', change('newQualifyingChild')),
    check: (a) => expect(route(a, 'supersession').effect?.rule).toBe('newChildInitialDate'),
  },
  {
    name: 'paying parent starts a flat-rate benefit: backdated',
    source: '§3.2 reg 18(3)(d)',
    today: '2025-07-10',
    input: paying('england', change('benefitsChanged', { changeDate: '2025-06-15' })),
    check: (a) => expect(route(a, 'supersession').effect?.cite?.provision).toBe('reg 18(3)(d)'),
  },
  {
    name: 'new child in the paying parent’s household: counts from when reported',
    source: '§3.2 reg 18(6)',
    today: '2025-07-10',
    input: paying(
      'england',
      change('newChildInHousehold', { changeDate: '2025-06-15', reportedOn: '2025-07-01' }),
    ),
    check: (a) => {
      const s = route(a, 'supersession')
      expect(s.effect?.date?.toString()).toBe('2025-07-01')
      expect(s.whyItFits).toMatch(/You told the CMS on 1 July 2025/)
    },
  },
  // §4 Variations
  {
    name: 'undeclared rental income above the threshold, inside the 30 days: variation goes back to the decision',
    source: '§4, seed 000 variation',
    today: '2025-02-12',
    input: receiving('england', {
      kind: 'undeclaredIncome',
      incomeKinds: ['unearnedIncome'],
      yearlyAmount: '6000',
      decisionLetterDate: '2025-02-03',
    }),
    check: (a) => {
      const v = route(a, 'variation')
      expect(v.letterKind).toBe('variation:unearnedIncome')
      expect(v.whyItFits).toMatch(/£6,000\.00 a year, which is above the £2,500\.00/)
      expect(dates(v).deadline).toBe('2025-03-05')
    },
  },
  {
    name: 'unearned income below the threshold: only a fallback',
    source: '§4, Child Support Maintenance Calculation Regulations 2012, reg 69',
    today: '2025-06-01',
    input: receiving('england', {
      kind: 'undeclaredIncome',
      incomeKinds: ['unearnedIncome'],
      yearlyAmount: '1000',
    }),
    check: (a) => {
      expect(route(a, 'variation').fit).toBe('fallback')
      expect(route(a, 'variation').deadlines).toEqual([])
    },
  },
  {
    name: 'diversion of income and assets: one variation each, no time limit',
    source: '§4 grounds',
    today: '2025-06-01',
    input: receiving('scotland', {
      kind: 'undeclaredIncome',
      incomeKinds: ['diversionOfIncome', 'assets'],
      haveEvidence: 'no',
    }),
    check: (a) => {
      expect(a.routes.map((r) => r.letterKind)).toEqual(
        expect.arrayContaining(['variation:diversionOfIncome', 'variation:assets']),
      )
      expect(route(a, 'variation').whyItFits).toMatch(/no time limit/)
      expect(route(a, 'variation').cautions.join(' ')).toMatch(/needs some evidence/)
    },
  },
  {
    name: 'hidden earnings: reconsideration in time, and revision at any time for misrepresentation',
    source: '§1.3 reg 14(1)(b)',
    today: '2025-02-12',
    input: receiving('england', {
      kind: 'undeclaredIncome',
      incomeKinds: ['hiddenEarnings'],
      decisionLetterDate: '2025-02-03',
    }),
    check: (a) => {
      expect(ids(a)).toContain('mandatory-reconsideration')
      expect(route(a, 'any-time-revision').citations[0]?.provision).toMatch(/14\(1\)\(b\)/)
    },
  },
  {
    name: 'paying parent’s special expenses: one variation per expense',
    source: '§4 special expenses, seed 000',
    today: '2025-06-01',
    input: paying('england', {
      kind: 'specialExpenses',
      expenses: ['contactCosts', 'priorDebts', 'boardingSchool', 'relevantOtherChildDisability'],
    }),
    check: (a) => {
      expect(a.routes.map((r) => r.letterKind)).toEqual([
        'variation:contactCosts',
        'variation:priorDebts',
        'variation:boardingSchool',
        'variation:relevantOtherChildDisability',
      ])
    },
  },
  {
    name: 'receiving parent and special expenses: give your side',
    source: '§4, seed 000 (14 days, unverified)',
    today: '2025-06-01',
    input: receiving('england', { kind: 'specialExpenses', expenses: ['contactCosts'] }),
    check: (a) => expect(ids(a)).toEqual(['variation-response']),
  },
  {
    name: 'paying parent says the receiving parent has income: it does not count',
    source: '§4 (additional income is the paying parent’s)',
    today: '2025-06-01',
    input: paying('england', { kind: 'undeclaredIncome', incomeKinds: ['unearnedIncome'] }),
    check: (a) => expect(route(a, 'variation').title).toMatch(/does not count/),
  },
  // §6 Complaints, compensation
  {
    name: 'hard to contact, no complaint yet: complaint, compensation, MP; never an appeal',
    source: '§6.1, seed 001',
    today: '2025-06-01',
    input: receiving('england', {
      kind: 'poorService',
      complaints: ['hardToContact'],
      stage: 'notYetComplained',
    }),
    check: (a) => {
      expect(ids(a)).toEqual(expect.arrayContaining(['complaint', 'compensation-claim', 'mp-and-ombudsman']))
      expect(ids(a)).not.toContain('tribunal-appeal')
      expect(route(a, 'complaint').letterKind).toBe('complaint')
    },
  },
  {
    name: 'complaint response target: 15 working days (England and Wales)',
    source: '§6.1 (case 31)',
    today: '2022-12-20',
    input: receiving('england', {
      kind: 'poorService',
      complaints: ['longDelay'],
      stage: 'complained',
      complainedOn: '2022-12-19',
    }),
    check: (a) => {
      const c = route(a, 'complaint')
      expect(dates(c, 'complaintResponseTarget').deadline).toBe('2023-01-12')
      expect(c.deadlines.every((d) => d.target)).toBe(true)
    },
  },
  {
    name: 'complaint response target: Scottish working days differ',
    source: '§6.1 (case 31)',
    today: '2022-12-20',
    input: receiving('scotland', {
      kind: 'poorService',
      complaints: ['longDelay'],
      stage: 'complained',
      complainedOn: '2022-12-19',
    }),
    check: (a) => expect(dates(route(a, 'complaint'), 'complaintResponseTarget').deadline).toBe('2023-01-13'),
  },
  {
    name: 'complaint acknowledgement over Easter',
    source: '§6.1 (case 32)',
    today: '2022-04-15',
    input: paying('england', {
      kind: 'poorService',
      complaints: ['badAdvice'],
      stage: 'complained',
      complainedOn: '2022-04-14',
    }),
    check: (a) =>
      expect(dates(route(a, 'complaint'), 'complaintAcknowledgementTarget').deadline).toBe('2022-04-20'),
  },
  {
    name: 'escalated: follow up escalation; ICE next',
    source: '§6.1',
    today: '2025-06-01',
    input: receiving('england', {
      kind: 'poorService',
      complaints: ['enforcementDelay'],
      stage: 'escalated',
      complainedOn: '2025-05-20',
    }),
    check: (a) => {
      expect(route(a, 'escalation').fit).toBe('main')
      expect(route(a, 'ice-referral').fit).toBe('fallback')
    },
  },
  {
    name: 'final response received: ICE within 6 months (month-end clamp)',
    source: '§6.2 (case 28)',
    today: '2024-09-10',
    input: receiving('england', {
      kind: 'poorService',
      complaints: ['lostDocuments'],
      stage: 'finalResponse',
      finalResponseReceivedOn: '2024-08-31',
    }),
    check: (a) => {
      const ice = route(a, 'ice-referral')
      expect(dates(ice).deadline).toBe('2025-02-28')
      expect(ice.gather.join(' ')).toMatch(/National Insurance number/)
      expect(ids(a)).toContain('subject-access-request')
    },
  },
  {
    name: 'after the ICE: MP referral to the Ombudsman within a year',
    source: '§6.3 (case 29)',
    today: '2024-12-01',
    input: paying('england', {
      kind: 'poorService',
      complaints: ['otherMistake'],
      stage: 'iceDecided',
      becameAwareOn: '2024-06-15',
    }),
    check: (a) => {
      const mp = route(a, 'mp-and-ombudsman')
      expect(mp.fit).toBe('main')
      expect(dates(mp).deadline).toBe('2025-06-15')
    },
  },
  {
    name: 'every seed complaint kind is named back to the parent',
    source: 'seed 001 (kinds of complaint)',
    today: '2025-06-01',
    input: receiving('england', {
      kind: 'poorService',
      complaints: [
        'lostDocuments',
        'longDelay',
        'badAdvice',
        'arrearsNotExplained',
        'enforcementDelay',
        'hardToContact',
        'noTranslator',
        'discrimination',
      ],
      stage: 'notYetComplained',
    }),
    check: (a) => {
      const why = route(a, 'complaint').whyItFits
      for (const w of [
        'lost your documents',
        'too long',
        'wrong or poor advice',
        'arrears',
        'missed payments',
        'hard to get through',
        'translator',
        'discriminated',
      ])
        expect(why).toContain(w)
    },
  },
  {
    name: 'costs and lost maintenance: compensation itemised',
    source: '§6.5, seed 001 compensation',
    today: '2025-06-01',
    input: receiving('england', {
      kind: 'poorService',
      complaints: ['enforcementDelay'],
      stage: 'complained',
      complainedOn: '2025-05-01',
      costs: [
        { description: 'Calls', amount: '20.00' },
        { description: 'Postage', amount: '3.50' },
      ],
      lostMaintenance: true,
    }),
    check: (a) => {
      const c = route(a, 'compensation-claim')
      expect(c.fit).toBe('alongside')
      expect(c.whyItFits).toMatch(/£23\.50 of costs/)
      expect(c.whyItFits).toMatch(/Maintenance you lost/)
    },
  },
  // §7 Arrears, enforcement, overpayments, CSA legacy
  {
    name: 'arrears that come from a wrong decision: reconsideration alongside the statement of account',
    source: '§7 routing 2',
    today: '2025-02-12',
    input: paying('england', {
      kind: 'arrearsWrong',
      cause: 'wrongCalculation',
      decisionLetterDate: '2025-02-03',
    }),
    check: (a) => {
      expect(ids(a)).toEqual(
        expect.arrayContaining(['statement-of-account', 'complaint', 'mandatory-reconsideration']),
      )
      expect(ids(a)[0]).toBe('mandatory-reconsideration')
    },
  },
  {
    name: 'Direct Pay dispute: both parents’ records',
    source: '§7 routing 3',
    today: '2025-06-01',
    input: receiving('england', { kind: 'arrearsWrong', cause: 'directPayDispute' }),
    check: (a) => expect(route(a, 'statement-of-account').gather.join(' ')).toMatch(/Direct Pay/),
  },
  {
    name: 'earnings order, UK resident: 28 days to the magistrates’ court',
    source: '§7 DEO (case 27)',
    today: '2025-03-05',
    input: paying('england', {
      kind: 'enforcement',
      action: 'deductionFromEarningsOrder',
      actionDate: '2025-03-03',
      grounds: ['orderDefective'],
    }),
    check: (a) => {
      const d = route(a, 'earnings-order-appeal')
      expect(d.fit).toBe('main')
      expect(d.title).toMatch(/magistrates’ court|magistrates' court/)
      expect(dates(d).deadline).toBe('2025-03-31')
    },
  },
  {
    name: 'earnings order, living abroad: 56 days',
    source: '§7 DEO (case 27)',
    today: '2025-03-05',
    input: {
      ...paying('england', {
        kind: 'enforcement',
        action: 'deductionFromEarningsOrder',
        actionDate: '2025-03-03',
        grounds: ['notEarnings'],
      }),
      residentAbroad: true,
    },
    check: (a) => expect(dates(route(a, 'earnings-order-appeal')).deadline).toBe('2025-04-28'),
  },
  {
    name: 'parentage, calculation made: keep paying, refund if proved, revision at any time',
    source: '§8',
    today: '2025-06-01',
    input: paying('england', {
      kind: 'parentage',
      calculationMade: 'yes',
      assumedBecause: 'marriedOrCivilPartner',
    }),
    check: (a) => {
      const p = route(a, 'parentage-dispute')
      expect(p.whyItFits).toMatch(/keep paying/)
      expect(p.whyItFits).toMatch(/refund/)
      expect(p.whyItFits).toMatch(/DNA test/)
      expect(route(a, 'any-time-revision').citations[0]?.provision).toMatch(/14\(1\)\(g\)/)
    },
  },
  {
    name: 'parentage, no calculation yet: nothing to pay until settled, backdated if parent',
    source: '§8',
    today: '2025-06-01',
    input: paying('wales', { kind: 'parentage', calculationMade: 'no' }),
    check: (a) => {
      expect(route(a, 'parentage-dispute').whyItFits).toMatch(/backdated to when the case was opened/)
      expect(ids(a)).not.toContain('any-time-revision')
    },
  },
  {
    name: 'parentage resting on a DNA test: warned it is unlikely to change',
    source: '§8 assumed parentage',
    today: '2025-06-01',
    input: paying('england', { kind: 'parentage', calculationMade: 'yes', assumedBecause: 'dnaTest' }),
    check: (a) => expect(route(a, 'parentage-dispute').cautions.join(' ')).toMatch(/unlikely to change/),
  },
  {
    name: 'receiving parent whose ex denies parentage',
    source: '§8',
    today: '2025-06-01',
    input: receiving('england', { kind: 'parentage', calculationMade: 'yes' }),
    check: (a) => expect(route(a, 'parentage-dispute').title).toMatch(/denies being the parent/),
  },
  {
    name: 'receiving parent asked to repay an overpayment',
    source: '§7 overpayments',
    today: '2025-06-01',
    input: receiving('england', { kind: 'overpayment', cause: 'calculationReduced', amount: '300.00' }),
    check: (a) => expect(route(a, 'overpayment-adjustment').whyItFits).toMatch(/at its discretion/),
  },
  {
    name: 'Northern Ireland: no GB phone number, Advice NI offered',
    source: '§9 NI, personas (Chris)',
    today: '2025-06-01',
    input: paying('northern-ireland', change('childLeftEducation', { changeDate: '2025-05-30' })),
    check: (a) => {
      expect(allText(a)).not.toContain('0800 171 2345')
      expect(a.help.organisations).toContain('Advice NI')
    },
  },
  {
    name: 'an unconfirmed call gets a confirmation letter; a confirmed one does not',
    source: 'seed 000 (notes of calls, confirm in writing)',
    today: '2025-02-12',
    input: {
      ...receiving('england', {
        kind: 'poorService',
        complaints: ['hardToContact'],
        stage: 'notYetComplained',
      }),
      calls: [
        { on: '2025-02-10', spokeTo: 'Kelly' },
        { on: '2025-02-11', confirmedInWriting: true },
      ],
    },
    check: (a) => {
      const calls = a.routes.filter((r) => r.id === 'call-confirmation')
      expect(calls).toHaveLength(1)
      expect(calls[0]!.whyItFits).toMatch(/Monday 10 February 2025 and spoke to Kelly/)
      expect(calls[0]!.problem).toBeNull()
    },
  },
  {
    name: 'Wales: the unconfirmed Welsh-language line is marked as not confirmed',
    source: '§9 (Welsh line unverified)',
    today: '2025-06-01',
    input: receiving('wales', {
      kind: 'poorService',
      complaints: ['noTranslator'],
      stage: 'notYetComplained',
    }),
    check: (a) => expect(route(a, 'complaint').howToSend.join(' ')).toMatch(/not confirmed/),
  },
]

describe('route advisor scenarios', () => {
  it('has at least 40 scenarios, each naming its source', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(40)
    for (const s of scenarios) expect(s.source).toMatch(/§|seed|persona/)
  })

  it.each(scenarios.map((s) => [`${s.name} (${s.source})`, s] as const))('%s', (_, s) => {
    const a = advise(s.today, s.input)
    expectRanked(a)
    s.check(a)
  })
})
