import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import { deadlineNation, isKnown, type EnforcementProblem, type ProblemFacts } from '../facts.ts'
import type { Fit } from '../route.ts'
import { courtFor, deductionOrderAppealRule, liabilityOrderRule } from '../rules.ts'
import { PRIVACY_CAUTION, contactCms, isNI, on, referenceNumber } from '../text.ts'
import { askDeadline } from '../timing.ts'
import { statementOfAccountRoute } from './arrears.ts'
import { complaintLadderRoutes } from './complaint.ts'

/** Enforcement: earnings and bank deduction orders, liability orders, and a CMS that will not enforce. */

export const CALCULATION_NOT_IN_COURT =
  'The court cannot look again at the maintenance calculation or the arrears figure. If the amount is wrong, challenge the calculation with the CMS (mandatory reconsideration, then appeal, or a revision at any time for a CMS mistake) and ask for a statement of account.'

export const LIABILITY_NO_APPEAL =
  'There is no appeal here against the calculation: the court must not question it, and only checks that the payments were due and unpaid. If the amount is wrong, challenge the calculation with the CMS (mandatory reconsideration, then appeal, or a revision at any time for a CMS mistake) and ask for a statement of account.'

const HARDSHIP_NO_APPEAL =
  'Not being able to afford the deductions is not a ground for appealing the order to a court. Ask the CMS to review the deductions instead; an MP can press the CMS for you.'

function earningsOrderRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: EnforcementProblem): RouteDraft[] {
  const rule = deductionOrderAppealRule(ctx.book, ctx.today)
  const court = courtFor(rule.value.court, deadlineNation(facts.nation))
  const grounds = p.grounds ?? []
  const narrow = grounds.includes('orderDefective') || grounds.includes('notEarnings')
  const goodReason = grounds.includes('goodReasonRefused')
  const unsure = grounds.length === 0 || grounds.includes('unknown')
  const fit: Fit = narrow ? 'main' : unsure ? 'alongside' : 'fallback'
  const cautions: string[] = []
  if (!narrow && !unsure && !goodReason)
    cautions.push(
      'The reasons you gave are not grounds for this appeal, so the court would be likely to refuse it.',
    )
  if (facts.nation === 'northern-ireland')
    cautions.push(
      'The Northern Ireland rule for these appeals was not found in our research. The court and the 28 days are believed to be the same as in Great Britain, so the date shown is the earliest it could be; ask the court office or an adviser straight away.',
    )
  if (facts.keepContactDetailsPrivate) cautions.push(PRIVACY_CAUTION)
  const routes: RouteDraft[] = [
    draft({
      id: 'earnings-order-appeal',
      fit,
      title: `Appeal against the earnings order to ${court} (narrow grounds only)`,
      whyItFits:
        `An appeal against a deduction from earnings order can only argue that the order is defective (for example it was not made properly or has the wrong details) or that what is being deducted from is not earnings. ${facts.residentAbroad ? 'Because you live outside the UK, you have longer to appeal.' : ''}`.trim(),
      deadlines: [
        askDeadline(ctx, facts.nation, {
          kind: 'deoAppeal',
          from: p.actionDate,
          label: `Your appeal must be made to ${court} by`,
          ifUnknown:
            'Find the date on the order (or the date the matter arose): the appeal has a short time limit counted from it.',
          residentAbroad: facts.residentAbroad ?? false,
        }),
      ],
      gather: [
        'The deduction from earnings order and any letter that came with it.',
        'Payslips showing the deductions.',
        'Evidence for your ground: what is wrong with the order, or why the money is not earnings.',
        referenceNumber(ctx, facts.nation),
      ],
      howToSend: [
        facts.nation === 'scotland'
          ? 'Apply to the sheriff court for the sheriffdom where you live; the sheriff clerk’s office can tell you how.'
          : `Make a complaint (an application) to ${court} for the area where you live; the court office can tell you how.`,
        'Tell the CMS in writing that you have appealed.',
      ],
      whatHappensNext:
        'The court can cancel a defective order or decide which payments are not earnings. Your employer must keep making the deductions until then.',
      letterKind: null,
      noAppeal: CALCULATION_NOT_IN_COURT,
      cautions,
      citations: [rule.cite()],
    }),
  ]
  if (grounds.includes('goodReasonRefused')) {
    const g = rule.value['good-reason-exclusion']
    routes.push(
      draft({
        id: 'good-reason-appeal',
        fit: 'main',
        title: `Appeal to ${court} against the decision that your “good reason” does not apply`,
        whyItFits:
          'The CMS must not take maintenance from your wages where there is a good reason not to. You told it there was one, and it decided your reason does not apply. You can appeal that decision to the court, separately from the narrow grounds against the order itself.',
        deadlines: [
          askDeadline(ctx, facts.nation, {
            kind: 'deoAppeal',
            from: p.goodReasonDecisionDate ?? p.actionDate,
            label: `Your appeal must be made to ${court} by`,
            ifUnknown:
              'Find the date the CMS gave or sent its decision about your reason: the appeal has a short time limit counted from it.',
            residentAbroad: facts.residentAbroad ?? false,
          }),
        ],
        gather: [
          'The CMS’s decision that your reason does not apply, and what you told it.',
          'Evidence of the reason (for example, why taking money from your wages would cause you a particular problem).',
          referenceNumber(ctx, facts.nation),
        ],
        howToSend: [
          facts.nation === 'scotland'
            ? 'Apply to the sheriff court for the sheriffdom where you live; the sheriff clerk’s office can tell you how.'
            : `Make a complaint (an application) to ${court} for the area where you live; the court office can tell you how.`,
          'Tell the CMS in writing that you have appealed.',
        ],
        whatHappensNext:
          'The court decides whether your reason applies. It cannot look at the maintenance calculation.',
        letterKind: null,
        noAppeal: CALCULATION_NOT_IN_COURT,
        cautions: isKnown(p.goodReasonDecisionDate)
          ? cautions
          : [
              ...cautions,
              'The time counts from the date the CMS gave or sent its decision about your reason; if you only know the date of the order, that is used, which may be later.',
            ],
        citations: [rule.cite(g.provision), rule.cite(g['decision-provision'])],
      }),
    )
  }
  if (grounds.includes('cannotAfford'))
    routes.push(
      draft({
        id: 'deduction-hardship',
        fit: 'main',
        title: 'Ask the CMS to review deductions you cannot afford',
        whyItFits:
          'If the deductions leave you unable to pay for essentials, tell the CMS, show your income and outgoings, and ask it to reduce the rate. An MP can also press the CMS about hardship.',
        gather: ['Your payslips, and a list of your essential outgoings with bills or statements.'],
        howToSend: [
          ...contactCms(ctx, facts.nation),
          'Explain the hardship in writing and ask for a review of the deduction rate.',
        ],
        whatHappensNext:
          'The CMS decides whether to change the rate. If it will not, you can complain and ask your MP for help.',
        noAppeal: HARDSHIP_NO_APPEAL,
      }),
    )
  if (grounds.includes('alreadyPaid') || grounds.includes('calculationWrong'))
    routes.push(
      statementOfAccountRoute(ctx, facts, {
        why: 'You think the amount being collected is wrong.',
        fit: 'alongside',
        noAppeal: CALCULATION_NOT_IN_COURT,
      }),
    )
  return routes
}

function bankOrderRoute(ctx: AdvisorContext, facts: ProblemFacts, p: EnforcementProblem): RouteDraft {
  const lump = p.action === 'lumpSumDeductionOrder'
  return draft({
    id: 'deduction-order-appeal',
    fit: 'main',
    title: `Appeal against the ${lump ? 'lump sum' : 'regular'} deduction order on your bank account`,
    whyItFits:
      'The CMS can take money from a bank account without going to court, but you can appeal to a court. Our research could not confirm which court or the time limit, so treat it as urgent and get advice straight away.',
    deadlines: [],
    gather: [
      'The deduction order and the CMS letter about it.',
      'Bank statements for the account.',
      'Evidence that the account holds money that is not yours, or that the order is wrong.',
      referenceNumber(ctx, facts.nation),
    ],
    howToSend: [
      'Ask the court office or an adviser which court hears the appeal and what form to use (one advice charity says form N161 is used for a lump sum order).',
      'Tell the CMS in writing that you are appealing.',
    ],
    whatHappensNext:
      'The court decides the appeal. Going to court can carry a risk of paying costs; ask an adviser first.',
    noAppeal:
      'Do not expect the court to look again at the maintenance calculation itself; that is for a reconsideration and appeal through the CMS.',
    cautions: [
      'The court, the time limit and the grounds for appealing a bank deduction order were not confirmed in our research.',
      ...(isKnown(p.actionDate) ? [`The order is dated ${on(p.actionDate)}: act now.`] : []),
    ],
  })
}

function liabilityOrderRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: EnforcementProblem): RouteDraft[] {
  const rule = liabilityOrderRule(ctx.book, ctx.today)
  const court = courtFor(rule.value.court, deadlineNation(facts.nation))
  const hearing = isKnown(p.hearingDate) ? ` The hearing is on ${on(p.hearingDate)}.` : ''
  return [
    draft({
      id: 'liability-order-hearing',
      fit: 'main',
      title: `Go to the liability order hearing at ${court}`,
      whyItFits: `The CMS has asked ${court} for a liability order, which opens the way to stronger enforcement.${hearing} At the hearing the court only checks that the payments were due and have not been paid.`,
      gather: [
        'The court papers and the CMS’s letters.',
        'Proof of any payments the CMS says were not made (bank statements, receipts).',
      ],
      howToSend: [
        'Go to the hearing, or contact the court before the date if you cannot. Bring your proof of payments.',
      ],
      whatHappensNext:
        'If the court makes the order, the CMS can use bailiffs (sheriff officers in Scotland) and other enforcement. Keep paying what you can and talk to the CMS about the arrears.',
      noAppeal: LIABILITY_NO_APPEAL,
      cautions: [
        isNI(facts.nation)
          ? 'A 2025 Northern Ireland Act will let the Department make liability orders itself without a court; it has been passed but is not yet in force, so the court route still applies.'
          : 'A 2023 Act will let the CMS make liability orders itself without a court; it has been passed but is not yet in force, so the court route still applies.',
      ],
      citations: [rule.cite()],
    }),
    statementOfAccountRoute(ctx, facts, {
      why: 'Before the hearing, check the arrears the CMS is relying on.',
      fit: 'alongside',
      noAppeal: CALCULATION_NOT_IN_COURT,
    }),
  ]
}

function notEnforcingRoutes(ctx: AdvisorContext, facts: ProblemFacts, p: EnforcementProblem): RouteDraft[] {
  const routes = complaintLadderRoutes(ctx, facts, {
    stage: 'notYetComplained',
    about: 'You say the CMS is not taking action to collect missed payments',
    offerCompensation: true,
    lostMaintenance: true,
    offerRecords: false,
  })
  routes.push(
    draft({
      id: 'judicial-review',
      fit: 'fallback',
      title: 'Judicial review, as a last resort',
      whyItFits:
        'Only the CMS can enforce child maintenance; you cannot take the paying parent to court for it yourself. If the CMS refuses or fails to act and the complaint steps do not work, a court can be asked to review its decision. This needs a solicitor, must be started promptly and within a strict time limit, and can be costly.',
      deadlines: [
        askDeadline(ctx, facts.nation, {
          kind: 'judicialReview',
          from: p.actionDate,
          label: 'The outer limit for starting judicial review (it must also be prompt)',
          ifUnknown:
            'The time limit runs from when the decision or failure you challenge happened; get advice quickly.',
        }),
      ],
      gather: [
        'Every letter showing what the CMS decided or failed to do, with dates.',
        'Your complaint and its replies.',
      ],
      howToSend: ['Talk to a solicitor or law centre; they will send a letter before claim.'],
      whatHappensNext: 'The court can order the CMS to reconsider, but it cannot collect the money itself.',
      noAppeal:
        'There is no tribunal appeal about enforcement. Complain first; judicial review is the last resort.',
    }),
  )
  return routes
}

export function enforcementRoutes(
  ctx: AdvisorContext,
  facts: ProblemFacts,
  p: EnforcementProblem,
): RouteDraft[] {
  switch (p.action) {
    case 'deductionFromEarningsOrder':
      return earningsOrderRoutes(ctx, facts, p)
    case 'regularDeductionOrder':
    case 'lumpSumDeductionOrder':
      return [bankOrderRoute(ctx, facts, p)]
    case 'liabilityOrder':
      return liabilityOrderRoutes(ctx, facts, p)
    case 'notEnforcing':
      return notEnforcingRoutes(ctx, facts, p)
  }
}
