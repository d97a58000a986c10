import type { RuleBook } from '../shared/rule-book.ts'
import type { PlainDate } from '../shared/plain-date.ts'
import type { Citation } from '../shared/traced.ts'
import type { DateFact, Nation, Role } from './facts.ts'
import type { DeadlineFn, RouteDeadline } from './route.ts'
import { reportingDutiesRule, reportingOffenceRule, type DutyId } from './rules.ts'
import { askDeadline } from './timing.ts'

/** The changes a parent must report, as a checklist with citations, and the fine for not giving information. */

export interface DutyItem {
  readonly id: DutyId
  /** Whose duty it is: both parents, or only the paying or receiving parent. */
  readonly who: 'either' | 'paying' | 'receiving'
  readonly text: string
  /** The time allowed, where a source sets one ("7 days"). */
  readonly within: string | null
  /** Failing to report this can itself be an offence. */
  readonly offence: boolean
  readonly cite: Citation
}

export interface DutiesChecklist {
  readonly items: readonly DutyItem[]
  readonly fine: {
    readonly maximum: string
    readonly prosecutionTimeLimit: string
    readonly text: string
    readonly cite: Citation
  }
  /** Present when a move date was given: when the new address must reach the CMS. */
  readonly address: RouteDeadline | null
}

const TEXT: Record<DutyId, string> = {
  address: 'You move house: give the CMS your new address.',
  'overnight-care': 'The number of nights the children stay with the paying parent changes.',
  'main-carer': 'Someone else becomes the children’s main day-to-day carer.',
  'child-leaves-education': 'A child leaves full-time (non-advanced) education or approved training.',
  'child-turns-20': 'A child reaches 20.',
  'child-adopted-or-in-care': 'A child is adopted or goes into local authority care.',
  'leaves-uk': 'You, the other parent or a child goes to live outside the UK.',
  death: 'Someone in the case dies.',
  'child-added': 'Another child needs to be added to the case.',
  'payment-or-contact-details': 'Your payment method, bank details or phone number change.',
  'missed-or-voluntary-payments': 'A payment is missed, or a payment is made outside the arrangement.',
  'income-change': 'Your income goes up or down by 25% or more, or stops.',
  'work-or-benefits': 'You start or stop work, self-employment or a benefit.',
  'job-change-with-earnings-order':
    'You leave or start a job while paying by deduction from earnings: give the leaving date, the new employer, expected pay and payroll number.',
  'contact-costs':
    'Your costs of travelling for contact with the children change (if they were counted in a variation).',
}

export interface DutiesInput {
  readonly role: Role
  readonly nation: Nation
  /** The date the duties are read for (normally today). */
  readonly on: PlainDate
  /** If the parent has moved, when: gives the date the new address must reach the CMS. */
  readonly movedOn?: DateFact
}

/** The reporting duties that apply to this parent, each with its source. Pure. */
export function reportingDuties(book: RuleBook, input: DutiesInput, deadline?: DeadlineFn): DutiesChecklist {
  const duties = reportingDutiesRule(book, input.on)
  const offence = reportingOffenceRule(book, input.on)
  const items: DutyItem[] = duties.value
    .filter((d) => d.who === 'either' || d.who === input.role)
    .map((d) => ({
      id: d.id,
      who: d.who,
      text: d.within ? `${TEXT[d.id]} Do it within ${d.within}.` : TEXT[d.id],
      within: d.within ?? null,
      offence: d.offence === true && input.role === 'paying',
      cite: duties.cite(d.provision),
    }))
  const maximum = offence.value['maximum-fine']
  const limit = offence.value['prosecution-time-limit']
  const fine = {
    maximum,
    prosecutionTimeLimit: limit,
    text: `It is a criminal offence not to give the CMS information it asks for, to give information you know is false, or (for a paying parent) not to report a change of address when required. A court can fine you up to ${maximum}; the CMS has ${limit} from the offence to take you to court.`,
    cite: offence.cite(),
  }
  let address: RouteDeadline | null = null
  if (input.movedOn !== undefined && deadline) {
    address = askDeadline({ deadline, today: input.on }, input.nation, {
      kind: 'changeOfAddressNotice',
      from: input.movedOn,
      label: 'Tell the CMS your new address by',
      ifUnknown: 'Tell the CMS your new address within 7 days of moving.',
    })
  }
  return { items, fine, address }
}
