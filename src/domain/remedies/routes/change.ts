import type { Citation } from '../../shared/traced.ts'
import { formatDate } from '../../shared/plain-date.ts'
import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import { isKnown, type ChangeKind, type ChangeOfCircumstancesProblem, type ProblemFacts } from '../facts.ts'
import type { ChangeEffect, RouteDeadline } from '../route.ts'
import {
  effectiveDatesRule,
  parseDays,
  reportingDutiesRule,
  reportingOffenceRule,
  type BackdatedCategory,
} from '../rules.ts'
import { PROOF_OF_POSTAGE, PUT_IT_IN_WRITING, capital, contactCms, isNI, referenceNumber } from '../text.ts'
import { askDeadline } from '../timing.ts'

/** Changes of circumstances: report them, and know from when the new amount starts (SI 2012/2677 reg 18). */

type Category = BackdatedCategory | 'default' | 'new-child' | 'ends' | 'none'

interface ChangeInfo {
  readonly what: (p: ChangeOfCircumstancesProblem) => string
  readonly category: (p: ChangeOfCircumstancesProblem) => Category
  readonly proof: string
}

const PERSON = {
  child: 'the child',
  receivingParent: 'the receiving parent',
  payingParent: 'the paying parent',
} as const

const CHANGES: Record<ChangeKind, ChangeInfo> = {
  childLeftEducation: {
    what: () =>
      'A child has left approved (full-time, non-advanced) education or training, so may no longer count',
    category: () => 'child-stops-qualifying',
    proof:
      'The date the child left school, college or training, and anything that shows it (a letter from the school or college, or a letter saying Child Benefit has stopped).',
  },
  childTurned20: {
    what: () => 'A child has turned 20, and no one counts as a child for child maintenance after that',
    category: () => 'child-stops-qualifying',
    proof: 'The child’s date of birth.',
  },
  movedAbroad: {
    what: (p) => `${capital(PERSON[p.person ?? 'child'])} has gone to live outside the UK`,
    category: () => 'leaves-uk',
    proof:
      'The date of the move and anything that shows it (a tenancy, a job or school abroad, travel documents).',
  },
  childInCareOrAdopted: {
    what: () => 'A child has gone into local authority (foster) care or has been adopted',
    category: () => 'child-stops-qualifying',
    proof: 'Letters from the local authority or the court, with dates.',
  },
  dayToDayCareStopped: {
    what: () => 'The receiving parent no longer looks after the child day to day',
    category: () => 'person-with-care-stops',
    proof:
      'The date the child moved and where the child now lives (for example a Child Benefit letter or school records).',
  },
  death: {
    what: (p) => `${capital(PERSON[p.person ?? 'child'])} has died`,
    category: (p) =>
      p.person === 'payingParent'
        ? 'ends'
        : p.person === 'receivingParent'
          ? 'person-with-care-stops'
          : 'child-stops-qualifying',
    proof: 'The date of death (the death certificate, if you have it).',
  },
  incomeChange: {
    what: (p) =>
      `The paying parent’s income has ${p.incomeDirection === 'decrease' ? 'gone down' : p.incomeDirection === 'increase' ? 'gone up' : 'changed'}`,
    category: (p) =>
      p.atLeast25Percent === 'no'
        ? 'none'
        : p.incomeDirection === 'increase'
          ? 'reportable-income-increase'
          : 'default',
    proof: 'Proof of the new income: payslips, a contract or offer letter, or a letter ending a job.',
  },
  movedHouse: {
    what: () => 'You have moved house',
    category: () => 'none',
    proof: 'Your new address and the date you moved.',
  },
  overnightCareChanged: {
    what: (p) =>
      `The children now stay ${p.nightsDirection === 'fewer' ? 'fewer' : p.nightsDirection === 'more' ? 'more' : 'a different number of'} nights with the paying parent`,
    category: () => 'default',
    proof:
      'The new arrangement and when it started: a diary of the nights, messages agreeing it, a court order or a parenting plan.',
  },
  newEmployer: {
    what: () => 'The paying parent has a new employer',
    category: () => 'default',
    proof:
      'The new employer’s name and address, the start date, the expected pay and, if known, the payroll number.',
  },
  benefitsChanged: {
    what: () => 'The paying parent has started or stopped a benefit that changes which rate applies',
    category: () => 'flat-rate-benefit',
    proof: 'Letters about the benefit starting or stopping, with dates.',
  },
  newChildInHousehold: {
    what: () =>
      'Another child now lives in the paying parent’s household (a “relevant other child”), which can lower the amount',
    category: () => 'default',
    proof: 'Proof the child lives in the household, such as a Child Benefit letter.',
  },
  newQualifyingChild: {
    what: () => 'Another child of the paying parent now needs to be included in the calculation',
    category: () => 'new-child',
    proof: 'The other child’s details and the date the application for that child was made.',
  },
}

function effectFor(ctx: AdvisorContext, p: ChangeOfCircumstancesProblem): ChangeEffect {
  const rule = effectiveDatesRule(ctx.book, ctx.today)
  const category = CHANGES[p.change].category(p)
  const changeDate = isKnown(p.changeDate) ? p.changeDate : null
  const when = changeDate ? formatDate(changeDate) : null
  if (p.expected && category !== 'none' && category !== 'ends')
    return {
      rule: 'dateExpected',
      backdated: true,
      date: changeDate,
      text: `A change you tell the CMS about in advance takes effect from the date it is expected to happen${when ? ` (${when})` : ''}.`,
      cite: rule.cite(rule.value.expected.provision),
    }
  switch (category) {
    case 'none':
      return p.change === 'incomeChange'
        ? {
            rule: 'noChangeToAmount',
            backdated: false,
            date: null,
            text: 'A change of less than 25% in current income does not change the amount until the next annual review.',
            cite: rule.cite(rule.value.default.provision),
          }
        : {
            rule: 'noChangeToAmount',
            backdated: false,
            date: null,
            text: 'This does not change the amount, but the CMS must have it to keep your case running.',
            cite: null,
          }
    case 'ends':
      return {
        rule: 'calculationEnds',
        backdated: true,
        date: changeDate,
        text: `The calculation ends on the date of death${when ? ` (${when})` : ''}. Any arrears owed up to then may be claimed from the estate (not confirmed in our research).`,
        cite: null,
      }
    case 'new-child':
      return {
        rule: 'newChildInitialDate',
        backdated: false,
        date: null,
        text: 'The new child is added from the date the CMS sets as the start date for that child’s application.',
        cite: rule.cite(rule.value['new-qualifying-child'].provision),
      }
    case 'default': {
      const reported = isKnown(p.reportedOn) ? p.reportedOn : null
      return {
        rule: 'dateReported',
        backdated: false,
        date: reported,
        text: reported
          ? `This kind of change counts from when it was reported (${formatDate(reported)}), not from when it happened.`
          : 'This kind of change counts from when you tell the CMS, not from when it happened, so every week you wait is lost.',
        cite: rule.cite(rule.value.default.provision),
      }
    }
    default: {
      const b = rule.value.backdated.find((x) => x.id === category)
      const condition =
        category === 'reportable-income-increase'
          ? ' This applies where the CMS had told the paying parent to report increases in income; otherwise the increase counts from when it is reported.'
          : ''
      return {
        rule: 'dateOfChange',
        backdated: true,
        date: changeDate,
        text: `This change is backdated: the new amount starts from the date it happened${when ? ` (${when})` : ''}, even if the CMS is told later.${condition}`,
        cite: rule.cite(b?.provision),
      }
    }
  }
}

const DUTY_FOR: Partial<Record<ChangeKind, string>> = {
  movedHouse: 'address',
  overnightCareChanged: 'overnight-care',
  dayToDayCareStopped: 'main-carer',
  childLeftEducation: 'child-leaves-education',
  childTurned20: 'child-turns-20',
  childInCareOrAdopted: 'child-adopted-or-in-care',
  movedAbroad: 'leaves-uk',
  death: 'death',
  newQualifyingChild: 'child-added',
  incomeChange: 'income-change',
  newEmployer: 'work-or-benefits',
  benefitsChanged: 'work-or-benefits',
}

export function changeRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: ChangeOfCircumstancesProblem,
): RouteDraft[] {
  const n = facts.nation
  const info = CHANGES[p.change]
  const effect = effectFor(ctx, p)
  const duties = reportingDutiesRule(ctx.book, ctx.today)
  const offence = reportingOffenceRule(ctx.book, ctx.today)
  const dutyId = DUTY_FOR[p.change]
  const duty = dutyId ? duties.value.find((d) => d.id === dutyId) : undefined
  const citations: Citation[] = []
  if (effect.cite) citations.push(effect.cite)
  if (duty) citations.push(duties.cite(duty.provision))

  const cautions: string[] = []
  const deadlines: RouteDeadline[] = []
  if (p.change === 'movedHouse')
    deadlines.push(
      askDeadline(ctx, n, {
        kind: 'changeOfAddressNotice',
        from: p.changeDate,
        label: 'Tell the CMS your new address by',
        ifUnknown: 'Tell the CMS your new address within 7 days of moving.',
      }),
    )
  if (p.change === 'newEmployer' && p.earningsOrderInPlace) {
    const dated = duties.value.find((d) => d.id === 'job-change-with-earnings-order')
    if (dated?.within) {
      const days = parseDays(dated.within, 'remedies.reporting-duties')
      const by = isKnown(p.changeDate)
        ? ` (by ${formatDate(p.changeDate.add({ days }))} if the job started on ${formatDate(p.changeDate)})`
        : ''
      cautions.push(
        `Because an earnings order is in place, the paying parent must tell the CMS about leaving or starting a job within ${dated.within}${by}, with the new employer’s details, expected pay and payroll number.`,
      )
      citations.push(duties.cite(dated.provision))
    }
  }
  if (p.change === 'movedHouse' && facts.keepContactDetailsPrivate)
    cautions.push('Tell the CMS that your new address must not be shared with the other parent.')
  if (p.change === 'childLeftEducation')
    cautions.push(
      'The CMS decides the exact date the child stopped counting; it may not be the last day at school or college (our research could not confirm how it is fixed).',
    )
  if (p.change === 'incomeChange' && p.atLeast25Percent !== 'no')
    cautions.push(
      'Between annual reviews, a change in current income only changes the amount if it is 25% or more. If you are not sure it is, report it anyway and let the CMS check.',
    )
  if (effect.rule === 'dateReported')
    cautions.push(
      'We understand these changes count from the day they are reported; the exact wording of the rule (s.17(4) and reg 18(6)) was not confirmed and it may be the start of the payment period in which you report.',
    )
  if (effect.backdated && effect.rule === 'dateOfChange')
    cautions.push(
      'Because the change is backdated, reporting it late can leave money to be paid back or made up.',
    )
  const must = duty && (duty.who === 'either' || duty.who === facts.role)
  if (must)
    cautions.push(
      `This is a change you must report. Not giving the CMS information it asks for, or giving false information, can lead to a fine of up to ${offence.value['maximum-fine']}.`,
    )
  if (must) citations.push(offence.cite())

  const amountChanges = effect.rule !== 'noChangeToAmount'
  const why = `${info.what(p)}. ${effect.text}`
  return [
    draft({
      id: amountChanges ? 'supersession' : 'report-change',
      fit: p.change === 'incomeChange' && p.atLeast25Percent === 'no' ? 'fallback' : 'main',
      title: amountChanges
        ? 'Report the change and ask for a new calculation (supersession)'
        : p.change === 'movedHouse'
          ? 'Tell the CMS your new address'
          : 'Tell the CMS about the change',
      whyItFits: isKnown(p.reportedOn)
        ? `${why} You told the CMS on ${formatDate(p.reportedOn)}; make sure it acts on it.`
        : why,
      deadlines,
      gather: [referenceNumber(ctx, n), info.proof],
      howToSend: [
        ...contactCms(ctx, n),
        ...(isNI(n) ? [] : ['You can also report most changes through your online account.']),
        'Say what changed and the date it happened.',
        PUT_IT_IN_WRITING,
        PROOF_OF_POSTAGE,
      ],
      whatHappensNext: amountChanges
        ? 'The CMS checks the change, may ask the other parent about it, and sends a new decision saying when it takes effect. If that decision is wrong, you can ask for a mandatory reconsideration within 30 days of its date.'
        : 'The CMS updates your case. Keep proof that you told it, and when.',
      letterKind: 'changeOfCircumstances',
      cautions,
      citations,
      effect,
    }),
  ]
}
