import { message, type Message } from '../../shared/message.ts'
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
import { PROOF_OF_POSTAGE, PUT_IT_IN_WRITING, contactCms, isNI, referenceNumber } from '../text.ts'
import { askDeadline } from '../timing.ts'

/** Changes of circumstances: report them, and know from when the new amount starts (SI 2012/2677 reg 18). */

type Category = BackdatedCategory | 'default' | 'new-child' | 'ends' | 'none'

interface ChangeInfo {
  readonly what: (p: ChangeOfCircumstancesProblem) => Message
  readonly category: (p: ChangeOfCircumstancesProblem) => Category
  readonly proof: Message
}

/** Who, at the start of a sentence. */
const PERSON = {
  child: message('remedies.change.person.child'),
  receivingParent: message('remedies.change.person.receivingParent'),
  payingParent: message('remedies.change.person.payingParent'),
} as const

const CHANGES: Record<ChangeKind, ChangeInfo> = {
  childLeftEducation: {
    what: () => message('remedies.change.changes.childLeftEducation.what'),
    category: () => 'child-stops-qualifying',
    proof: message('remedies.change.changes.childLeftEducation.proof'),
  },
  childTurned20: {
    what: () => message('remedies.change.changes.childTurned20.what'),
    category: () => 'child-stops-qualifying',
    proof: message('remedies.change.changes.childTurned20.proof'),
  },
  movedAbroad: {
    what: (p) => message('remedies.change.changes.movedAbroad.what', { person: PERSON[p.person ?? 'child'] }),
    category: () => 'leaves-uk',
    proof: message('remedies.change.changes.movedAbroad.proof'),
  },
  childInCareOrAdopted: {
    what: () => message('remedies.change.changes.childInCareOrAdopted.what'),
    category: () => 'child-stops-qualifying',
    proof: message('remedies.change.changes.childInCareOrAdopted.proof'),
  },
  dayToDayCareStopped: {
    what: () => message('remedies.change.changes.dayToDayCareStopped.what'),
    category: () => 'person-with-care-stops',
    proof: message('remedies.change.changes.dayToDayCareStopped.proof'),
  },
  death: {
    what: (p) => message('remedies.change.changes.death.what', { person: PERSON[p.person ?? 'child'] }),
    category: (p) =>
      p.person === 'payingParent'
        ? 'ends'
        : p.person === 'receivingParent'
          ? 'person-with-care-stops'
          : 'child-stops-qualifying',
    proof: message('remedies.change.changes.death.proof'),
  },
  incomeChange: {
    what: (p) =>
      message('remedies.change.changes.incomeChange.what', {
        direction:
          p.incomeDirection === 'decrease'
            ? message('remedies.change.changes.incomeChange.down')
            : p.incomeDirection === 'increase'
              ? message('remedies.change.changes.incomeChange.up')
              : message('remedies.change.changes.incomeChange.changed'),
      }),
    category: (p) =>
      p.atLeast25Percent === 'no'
        ? 'none'
        : p.incomeDirection === 'increase'
          ? 'reportable-income-increase'
          : 'default',
    proof: message('remedies.change.changes.incomeChange.proof'),
  },
  movedHouse: {
    what: () => message('remedies.change.changes.movedHouse.what'),
    category: () => 'none',
    proof: message('remedies.change.changes.movedHouse.proof'),
  },
  overnightCareChanged: {
    what: (p) =>
      message('remedies.change.changes.overnightCareChanged.what', {
        howMany:
          p.nightsDirection === 'fewer'
            ? message('remedies.change.changes.overnightCareChanged.fewer')
            : p.nightsDirection === 'more'
              ? message('remedies.change.changes.overnightCareChanged.more')
              : message('remedies.change.changes.overnightCareChanged.differentNumber'),
      }),
    category: () => 'default',
    proof: message('remedies.change.changes.overnightCareChanged.proof'),
  },
  newEmployer: {
    what: () => message('remedies.change.changes.newEmployer.what'),
    category: () => 'default',
    proof: message('remedies.change.changes.newEmployer.proof'),
  },
  benefitsChanged: {
    what: () => message('remedies.change.changes.benefitsChanged.what'),
    category: () => 'flat-rate-benefit',
    proof: message('remedies.change.changes.benefitsChanged.proof'),
  },
  newChildInHousehold: {
    what: () => message('remedies.change.changes.newChildInHousehold.what'),
    category: () => 'default',
    proof: message('remedies.change.changes.newChildInHousehold.proof'),
  },
  newQualifyingChild: {
    what: () => message('remedies.change.changes.newQualifyingChild.what'),
    category: () => 'new-child',
    proof: message('remedies.change.changes.newQualifyingChild.proof'),
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
      text: message('remedies.change.effect.expected', { when: when ? ` (${when})` : '' }),
      cite: rule.cite(rule.value.expected.provision),
    }
  switch (category) {
    case 'none':
      return p.change === 'incomeChange'
        ? {
            rule: 'noChangeToAmount',
            backdated: false,
            date: null,
            text: message('remedies.change.effect.incomeChangeBelow25Percent'),
            cite: rule.cite(rule.value.default.provision),
          }
        : {
            rule: 'noChangeToAmount',
            backdated: false,
            date: null,
            text: message('remedies.change.effect.noChangeToAmount'),
            cite: null,
          }
    case 'ends':
      return {
        rule: 'calculationEnds',
        backdated: true,
        date: changeDate,
        text: message('remedies.change.effect.calculationEnds', { when: when ? ` (${when})` : '' }),
        cite: null,
      }
    case 'new-child':
      return {
        rule: 'newChildInitialDate',
        backdated: false,
        date: null,
        text: message('remedies.change.effect.newChild'),
        cite: rule.cite(rule.value['new-qualifying-child'].provision),
      }
    case 'default': {
      const reported = isKnown(p.reportedOn) ? p.reportedOn : null
      return {
        rule: 'dateReported',
        backdated: false,
        date: reported,
        text: reported
          ? message('remedies.change.effect.fromReported', { reportedOn: formatDate(reported) })
          : message('remedies.change.effect.fromWhenTold'),
        cite: rule.cite(rule.value.default.provision),
      }
    }
    default: {
      const b = rule.value.backdated.find((x) => x.id === category)
      const condition =
        category === 'reportable-income-increase'
          ? message('remedies.change.effect.incomeIncreaseCondition')
          : ''
      return {
        rule: 'dateOfChange',
        backdated: true,
        date: changeDate,
        text: message('remedies.change.effect.backdated', {
          when: when ? ` (${when})` : '',
          condition,
        }),
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

  const cautions: Message[] = []
  const deadlines: RouteDeadline[] = []
  if (p.change === 'movedHouse')
    deadlines.push(
      askDeadline(ctx, n, {
        kind: 'changeOfAddressNotice',
        from: p.changeDate,
        label: message('remedies.change.changeRoutes.label'),
        ifUnknown: message('remedies.change.changeRoutes.ifUnknown'),
      }),
    )
  if (p.change === 'newEmployer' && p.earningsOrderInPlace) {
    const dated = duties.value.find((d) => d.id === 'job-change-with-earnings-order')
    if (dated?.within) {
      const days = parseDays(dated.within, 'remedies.reporting-duties')
      const by = isKnown(p.changeDate)
        ? message('remedies.change.changeRoutes.by.byIfThe', {
            by: formatDate(p.changeDate.add({ days })),
            changed: formatDate(p.changeDate),
          })
        : ''
      cautions.push(message('remedies.change.changeRoutes.becauseAnEarnings', { within: dated.within, by }))
      citations.push(duties.cite(dated.provision))
    }
  }
  if (p.change === 'movedHouse' && facts.keepContactDetailsPrivate)
    cautions.push(message('remedies.change.changeRoutes.tellTheCms'))
  if (p.change === 'childLeftEducation') cautions.push(message('remedies.change.changeRoutes.theCmsDecides'))
  if (p.change === 'incomeChange' && p.atLeast25Percent !== 'no')
    cautions.push(message('remedies.change.changeRoutes.betweenAnnualReviews'))
  if (effect.rule === 'dateReported') cautions.push(message('remedies.change.changeRoutes.weUnderstandThese'))
  if (effect.backdated && effect.rule === 'dateOfChange')
    cautions.push(message('remedies.change.changeRoutes.becauseTheChange'))
  const must = duty && (duty.who === 'either' || duty.who === facts.role)
  if (must)
    cautions.push(
      message('remedies.change.changeRoutes.thisIsA', { maximumFine: offence.value['maximum-fine'] }),
    )
  if (must) citations.push(offence.cite())

  const amountChanges = effect.rule !== 'noChangeToAmount'
  const why = message('remedies.change.changeRoutes.why', { what: info.what(p), effect: effect.text })
  return [
    draft({
      id: amountChanges ? 'supersession' : 'report-change',
      fit: p.change === 'incomeChange' && p.atLeast25Percent === 'no' ? 'fallback' : 'main',
      title: amountChanges
        ? message('remedies.change.changeRoutes.title.reportTheChange')
        : p.change === 'movedHouse'
          ? message('remedies.change.changeRoutes.title.address')
          : message('remedies.change.changeRoutes.title.other'),
      whyItFits: isKnown(p.reportedOn)
        ? message('remedies.change.changeRoutes.whyItFits.youToldThe', {
            why,
            reportedOn: formatDate(p.reportedOn),
          })
        : why,
      deadlines,
      gather: [referenceNumber(ctx, n), info.proof],
      howToSend: [
        ...contactCms(ctx, n),
        ...(isNI(n) ? [] : [message('remedies.change.changeRoutes.howToSend.youCanAlso')]),
        message('remedies.change.changeRoutes.howToSend.sayWhatChanged'),
        PUT_IT_IN_WRITING,
        PROOF_OF_POSTAGE,
      ],
      whatHappensNext: amountChanges
        ? message('remedies.change.changeRoutes.whatHappensNext.theCmsChecks')
        : message('remedies.change.changeRoutes.whatHappensNext.theCmsUpdates'),
      letterKind: 'changeOfCircumstances',
      cautions,
      citations,
      effect,
    }),
  ]
}
