import { message, type Message } from '../shared/message.ts'
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
  readonly text: Message
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
    readonly text: Message
    readonly cite: Citation
  }
  /** Present when a move date was given: when the new address must reach the CMS. */
  readonly address: RouteDeadline | null
}

/** Each duty's words: remedies.duties.item.<id>. */
const dutyText = (id: DutyId): Message => message(`remedies.duties.item.${id}`)

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
      text: d.within
        ? message('remedies.duties.within', { duty: dutyText(d.id), within: d.within })
        : dutyText(d.id),
      within: d.within ?? null,
      offence: d.offence === true && input.role === 'paying',
      cite: duties.cite(d.provision),
    }))
  const maximum = offence.value['maximum-fine']
  const limit = offence.value['prosecution-time-limit']
  const fine = {
    maximum,
    prosecutionTimeLimit: limit,
    text: message('remedies.duties.fine', { maximum, limit }),
    cite: offence.cite(),
  }
  let address: RouteDeadline | null = null
  if (input.movedOn !== undefined && deadline) {
    address = askDeadline({ deadline, today: input.on }, input.nation, {
      kind: 'changeOfAddressNotice',
      from: input.movedOn,
      label: message('remedies.duties.address.label'),
      ifUnknown: message('remedies.duties.address.ifUnknown'),
    })
  }
  return { items, fine, address }
}
