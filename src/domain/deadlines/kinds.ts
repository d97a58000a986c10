import type { DeadlineKind, Nation } from './types.ts'

/** Great Britain (England and Wales, Scotland) answered by one rule, Northern Ireland by another. */
const gbNi = (gb: string, ni: string): Readonly<Record<Nation, string>> => ({
  'england-and-wales': gb,
  scotland: gb,
  'northern-ireland': ni,
})

/** Which rule answers each kind of deadline, by nation where the nations differ. */
const RULE_FOR_KIND: Readonly<Record<DeadlineKind, string | Readonly<Record<Nation, string>>>> = {
  mandatoryReconsideration: 'deadlines.mandatory-reconsideration',
  lateMandatoryReconsiderationLimit: 'deadlines.late-mandatory-reconsideration-limit',
  tribunalAppeal: gbNi('deadlines.tribunal-appeal', 'deadlines.ni-appeal'),
  tribunalAppealAbsoluteLimit: gbNi(
    'deadlines.tribunal-appeal-absolute-limit',
    'deadlines.ni-appeal-absolute-limit',
  ),
  /** Permission to appeal from the tribunal that decided (NI: leave from a legally qualified panel member). */
  tribunalPermission: gbNi('deadlines.tribunal-permission', 'deadlines.ni-lqpm-leave'),
  /** After a refusal: the Upper Tribunal (NI: a Child Support Commissioner). */
  upperTribunalPermission: gbNi(
    'deadlines.upper-tribunal-permission',
    'deadlines.ni-commissioner-application',
  ),
  /** Onward to the Court of Appeal or Court of Session (NI: the Court of Appeal in Northern Ireland). */
  courtOfAppealPermission: gbNi('deadlines.court-of-appeal-permission', 'deadlines.ni-court-of-appeal-leave'),
  deoAppeal: gbNi('deadlines.deo-appeal', 'deadlines.ni-deo-appeal'),
  parentageAppeal: gbNi('deadlines.parentage-appeal', 'deadlines.ni-parentage-appeal'),
  iceReferral: 'deadlines.ice-referral',
  /** The last step of a complaint: through an MP to the PHSO (NI: straight to the NI Public Services Ombudsman). */
  phsoViaMp: gbNi('deadlines.phso-via-mp', 'deadlines.nipso-complaint'),
  judicialReview: 'deadlines.judicial-review',
  complaintAcknowledgementTarget: 'deadlines.complaint-acknowledgement-target',
  complaintResponseTarget: 'deadlines.complaint-response-target',
  changeOfAddressNotice: 'deadlines.change-of-address-notice',
  annualReview: 'deadlines.annual-review',
  dwpAppealResponse: 'deadlines.dwp-appeal-response',
}

/** Every deadline kind, in a stable order (for schemas, menus and tests). */
export const DEADLINE_KINDS = Object.keys(RULE_FOR_KIND) as readonly DeadlineKind[]

export const NATIONS: readonly Nation[] = ['england-and-wales', 'scotland', 'northern-ireland']

export const isDeadlineKind = (value: string): value is DeadlineKind => Object.hasOwn(RULE_FOR_KIND, value)

/** The rule id that answers `kind` in `nation`. */
export function ruleIdFor(kind: DeadlineKind, nation: Nation): string {
  const entry = RULE_FOR_KIND[kind]
  return typeof entry === 'string' ? entry : entry[nation]
}

/** Every rule id the engine may use (for rule-health checks). */
export function deadlineRuleIds(): string[] {
  const ids = new Set<string>()
  for (const entry of Object.values(RULE_FOR_KIND)) {
    if (typeof entry === 'string') ids.add(entry)
    else for (const id of Object.values(entry)) ids.add(id)
  }
  return [...ids].sort()
}
