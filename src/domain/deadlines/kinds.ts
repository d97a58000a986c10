import type { DeadlineKind, Nation } from './types.ts'

/** Which rule answers each kind of deadline, by nation where the nations differ. */
const RULE_FOR_KIND: Readonly<Record<DeadlineKind, string | Readonly<Record<Nation, string>>>> = {
  mandatoryReconsideration: 'deadlines.mandatory-reconsideration',
  lateMandatoryReconsiderationLimit: 'deadlines.late-mandatory-reconsideration-limit',
  tribunalAppeal: {
    'england-and-wales': 'deadlines.tribunal-appeal',
    scotland: 'deadlines.tribunal-appeal',
    'northern-ireland': 'deadlines.ni-appeal',
  },
  tribunalAppealAbsoluteLimit: {
    'england-and-wales': 'deadlines.tribunal-appeal-absolute-limit',
    scotland: 'deadlines.tribunal-appeal-absolute-limit',
    'northern-ireland': 'deadlines.ni-appeal-absolute-limit',
  },
  upperTribunalPermission: 'deadlines.upper-tribunal-permission',
  courtOfAppealPermission: 'deadlines.court-of-appeal-permission',
  deoAppeal: 'deadlines.deo-appeal',
  iceReferral: 'deadlines.ice-referral',
  phsoViaMp: 'deadlines.phso-via-mp',
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
