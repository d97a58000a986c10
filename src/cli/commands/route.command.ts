import type { Command } from 'commander'
import type { Route, RouteDeadline } from '../../domain/remedies/route.ts'
import { formatLongDate } from '../../domain/shared/plain-date.ts'
import { adviseOnInput, routeInputSchema, type RouteAnswer } from '../../services/route.service.ts'
import { action, output, parseOrBadInput, readStdinJson } from '../io.ts'
import { cliClock } from '../clock.ts'

const INPUT_HELP = `
Input (JSON on standard input; unknown fields are refused):
  {
    "today": "2025-03-18",             optional; default: today in the UK
    "role": "paying" | "receiving",
    "nation": "england" | "wales" | "scotland" | "northern-ireland",
    "keepContactDetailsPrivate": true,  optional
    "residentAbroad": false,            optional (longer earnings-order appeal time)
    "calls": [ { "on": "2025-02-10", "spokeTo": "Kelly", "summary": "...",
                 "confirmedInWriting": false } ],          optional
    "problems": [ one or more of the objects below ]
  }
  Dates are "YYYY-MM-DD" or "unknown". Money is pounds as a string, e.g. "612.00".

  { "kind": "wrongCalculation", "errors": ["income"|"numberOfChildren"|"nights"|"otherChildren"|"other"],
    "decisionLetterDate", "reconsideration": "notAsked"|"waiting"|"refused"|"revisedStillWrong"|
    "tribunalDecided"|"unknown", "reconsiderationAskedOn", "mrNoticeDate",
    "tribunalReasonsDate", "permissionRefusedDate"   (after the tribunal: onward appeal),
    "lateReason": "seriousIllness"|"bereavement"|"hospitalStay"|"awayFromHome"|"postalDisruption"|
                  "domesticAbuse"|"cmsMisdirection"|"disability"|"didNotKnowTimeLimit"|"other"|"none",
    "cmsHadTheRightInformation": "yes"|"no"|"unknown" }
  { "kind": "changeOfCircumstances", "change": "childLeftEducation"|"childTurned20"|"movedAbroad"|
    "childInCareOrAdopted"|"dayToDayCareStopped"|"death"|"incomeChange"|"movedHouse"|"overnightCareChanged"|
    "newEmployer"|"benefitsChanged"|"newChildInHousehold"|"newQualifyingChild",
    "changeDate", "expected", "reportedOn", "person": "child"|"receivingParent"|"payingParent",
    "incomeDirection": "increase"|"decrease", "atLeast25Percent", "nightsDirection": "more"|"fewer",
    "earningsOrderInPlace" }
  { "kind": "undeclaredIncome", "incomeKinds": ["unearnedIncome"|"diversionOfIncome"|"assets"|
    "incomeWhileOnBenefitRate"|"hiddenEarnings"|"notSure"], "yearlyAmount", "decisionLetterDate", "haveEvidence" }
  { "kind": "specialExpenses", "expenses": ["contactCosts"|"relevantOtherChildDisability"|"priorDebts"|
    "boardingSchool"|"formerHomeMortgage"], "weeklyAmount", "decisionLetterDate",
    "onBenefitRate": "yes"|"no"|"unknown"   (flat or nil rate because of a benefit: reg 57) }
  { "kind": "poorService", "complaints": ["lostDocuments"|"longDelay"|"badAdvice"|"arrearsNotExplained"|
    "enforcementDelay"|"hardToContact"|"noTranslator"|"discrimination"|"otherMistake"],
    "stage": "notYetComplained"|"complained"|"escalated"|"finalResponse"|"iceDecided",
    "complainedOn", "finalResponseReceivedOn", "becameAwareOn",
    "costs": [{ "description": "Phone calls", "amount": "38.40" }], "lostMaintenance" }
  { "kind": "arrearsWrong", "cause": "paymentNotRecorded"|"directPayDispute"|"wrongCalculation"|
    "wrongEffectiveDate"|"unknown", "amount", "decisionLetterDate", "complainedOn" }
  { "kind": "enforcement", "action": "deductionFromEarningsOrder"|"regularDeductionOrder"|
    "lumpSumDeductionOrder"|"liabilityOrder"|"notEnforcing", "actionDate",
    "grounds": ["orderDefective"|"notEarnings"|"goodReasonRefused"|"calculationWrong"|"cannotAfford"|
    "alreadyPaid"|"unknown"], "hearingDate", "goodReasonDecisionDate" }
  { "kind": "parentage", "calculationMade": "yes"|"no"|"unknown", "assumedBecause":
    "marriedOrCivilPartner"|"birthCertificate"|"dnaTest"|"adopted"|"courtOrder"|"none"|"unknown",
    "firstDeniedOn", "decisionLetterDate"   (the court appeal runs from it) }
  { "kind": "overpayment", "cause": "calculationReduced"|"paidMoreThanDue"|"caseShouldHaveEnded"|
    "voluntaryPaymentsIgnored"|"unknown", "amount" }
  { "kind": "legacyArrears", "amount", "writeOffNoticeReceived": "yes"|"no"|"unknown" }

Output (--json): { today, routes: [{ id, rank, problem, problemKind, fit, title, whyItFits, deadlines,
  gather, howToSend, whatHappensNext, letterKind, noAppeal, cautions, citations, effect }], noAppeal,
  help, assumptions, contact }. Exit codes: 0 ok, 2 bad input (the message names the field), 1 failure.

Example:
  echo '{"role":"paying","nation":"scotland","problems":[{"kind":"wrongCalculation","errors":["nights"],
    "reconsideration":"refused","mrNoticeDate":"2025-03-14"}]}' | redress route --json
`

function deadlineLine(d: RouteDeadline): string {
  if (!d.result) return `${d.label}: ${d.note ?? 'unknown'}`
  const r = d.result
  const time = r.timeOfDay ? ` (${r.timeOfDay})` : ''
  const actBy = r.actBy.equals(r.deadline) ? '' : `; aim for ${formatLongDate(r.actBy)}`
  const state =
    d.status === 'passed'
      ? ' [passed]'
      : d.status === 'late-but-possible'
        ? ' [passed: late application possible]'
        : ''
  const target = d.target ? ' [CMS target, not a legal limit]' : ''
  return `${d.label} ${formatLongDate(r.deadline)}${time}${actBy}${state}${target}`
}

function routeText(r: Route): string {
  const lines = [`${r.rank}. ${r.title}  [${r.fit}]`, `   Why: ${r.whyItFits}`]
  for (const d of r.deadlines) lines.push(`   Date: ${deadlineLine(d)}`)
  if (r.effect) lines.push(`   Takes effect: ${r.effect.text}`)
  if (r.noAppeal) lines.push(`   No appeal: ${r.noAppeal}`)
  if (r.gather.length) lines.push('   Gather:', ...r.gather.map((g) => `     - ${g}`))
  if (r.howToSend.length) lines.push('   How to send it:', ...r.howToSend.map((h) => `     - ${h}`))
  lines.push(`   What happens next: ${r.whatHappensNext}`)
  if (r.letterKind) lines.push(`   Letter: ${r.letterKind}`)
  for (const c of r.cautions) lines.push(`   Watch out: ${c}`)
  return lines.join('\n')
}

export function routeAnswerText(a: RouteAnswer): string {
  const parts = [`What you can do (as at ${formatLongDate(a.today)}), most urgent first:`, '']
  parts.push(a.routes.map(routeText).join('\n\n'), '')
  if (a.noAppeal.length)
    parts.push('Where there is no right of appeal:', ...a.noAppeal.map((n) => `  - ${n.text}`), '')
  parts.push(`Free help: ${a.help.organisations.join(', ')}.`, a.help.notLegalAdvice)
  parts.push(a.contact.paidNumberWarning)
  return parts.join('\n')
}

/** `redress route`: reads the facts of a problem as JSON and answers with the routes that fit, ranked. */
export function registerRoute(program: Command): void {
  program
    .command('route')
    .description('find the ways to challenge, report or complain that fit your problem, most urgent first')
    .option('--json', 'machine-readable output')
    .addHelpText('after', INPUT_HELP)
    .action(
      action(async (opts: { json?: boolean }) => {
        const input = parseOrBadInput(routeInputSchema, await readStdinJson())
        const answer = adviseOnInput(input, { today: cliClock().today() })
        output(Boolean(opts.json), answer, () => routeAnswerText(answer))
      }),
    )
}
