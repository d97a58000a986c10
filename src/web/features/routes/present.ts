import type { ContactFact, Contacts } from '../../../domain/remedies/contacts.ts'
import type { Route, RouteDeadline } from '../../../domain/remedies/route.ts'
import { formatDate, formatLongDate } from '../../../domain/shared/plain-date.ts'
import { adviceInWords, type RouteAnswer, type RouteInWords } from '../../../services/route.service.ts'
import { translate } from '../../i18n.ts'
import { paths } from '../../paths.ts'
import { advisorLetterWords, documentKindsFor } from '../../../services/letter-kinds.ts'
import {
  confidenceView,
  dateView,
  presentDeadline,
  statusView,
  type ConfidenceView,
  type DateView,
  type DeadlineView,
  type StatusView,
} from '../deadlines/present.ts'

/** The route advisor's answer as the "What you can do" page shows it. Presentation only. */

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

export interface RouteDeadlineView {
  readonly label: string
  readonly view: DeadlineView | null
  readonly note: string | null
  readonly status: StatusView | null
  readonly target: boolean
  readonly icsHref: string | null
}

export interface RouteView {
  readonly rank: number
  readonly id: string
  readonly anchor: string
  readonly title: string
  readonly fit: { readonly key: string; readonly text: string; readonly tagClass: string }
  readonly about: string | null
  readonly whyItFits: string
  readonly noAppeal: string | null
  readonly deadlines: readonly RouteDeadlineView[]
  readonly effect: {
    readonly text: string
    readonly backdated: boolean
    readonly date: DateView | null
    readonly source: { instrument: string; provision: string; url: string; rule: string } | null
    readonly confidence: ConfidenceView | null
  } | null
  readonly gather: readonly string[]
  readonly howToSend: readonly string[]
  readonly whatHappensNext: string
  readonly letter: {
    readonly kind: string
    readonly text: string
    /** True when the case file writes this letter (the advisor's kind maps to documents Redress writes). */
    readonly written: boolean
  } | null
  readonly cautions: readonly string[]
  readonly citations: readonly {
    readonly instrument: string
    readonly provision: string
    readonly url: string
    readonly rule: string
    readonly confidence: ConfidenceView
  }[]
}

export interface ContactView {
  readonly label: string
  readonly value: string
  readonly lines: readonly string[]
  readonly isLink: boolean
  readonly note: string | null
  readonly confidence: ConfidenceView
  readonly checkedOn: string
  readonly sources: readonly { readonly title: string; readonly url: string }[]
}

export interface OptionsView {
  readonly today: string
  readonly routes: readonly RouteView[]
  readonly noAppeal: readonly {
    readonly text: string
    readonly anchor: string | null
    readonly rank: number | null
    readonly title: string | null
  }[]
  readonly contacts: readonly ContactView[]
  readonly paidWarning: {
    readonly text: string
    readonly checkedOn: string
    readonly sources: readonly { title: string; url: string }[]
  }
  readonly help: { readonly organisations: readonly string[]; readonly notLegalAdvice: string }
  readonly assumptions: readonly string[]
  readonly hasCalendar: boolean
}

const FIT_TAG: Record<Route['fit'], string> = {
  main: 'govuk-tag--blue',
  alongside: 'govuk-tag--turquoise',
  support: 'govuk-tag--grey',
  fallback: 'govuk-tag--purple',
}

/** The link to download one route deadline as a calendar file (route rank and deadline number, nothing personal). */
export const calendarHref = (rank: number, index: number): string =>
  paths.routesCalendarItem.replace(':route', String(rank)).replace(':deadline', String(index + 1))

function routeStatus(d: Pick<RouteDeadline, 'result' | 'status' | 'target'>): StatusView | null {
  if (!d.result) return null
  switch (d.status) {
    case 'open':
      return statusView('open')
    case 'passed':
      return statusView(d.target ? 'target-passed' : 'passed')
    case 'late-but-possible':
      return statusView('late-but-possible', {
        date: d.result.outerLimit ? formatLongDate(d.result.outerLimit) : '',
      })
    case 'unknown':
      return null
  }
}

function presentRoute(r: RouteInWords, problemText: (i: number | null) => string | null): RouteView {
  return {
    rank: r.rank,
    id: r.id,
    anchor: `route-${r.rank}`,
    title: r.title,
    fit: { key: r.fit, text: copy(`routes.options.fit.${r.fit}`), tagClass: FIT_TAG[r.fit] },
    about: problemText(r.problem),
    whyItFits: r.whyItFits,
    noAppeal: r.noAppeal,
    deadlines: r.deadlines.map((d, i) => ({
      label: d.label,
      view: d.result ? presentDeadline(d.result) : null,
      note: d.note,
      status: routeStatus(d),
      target: d.target,
      icsHref: d.result ? calendarHref(r.rank, i) : null,
    })),
    effect: r.effect
      ? {
          text: r.effect.text,
          backdated: r.effect.backdated,
          date: r.effect.date ? dateView(r.effect.date) : null,
          source: r.effect.cite
            ? {
                instrument: r.effect.cite.instrument,
                provision: r.effect.cite.provision,
                url: r.effect.cite.url,
                rule: r.effect.cite.ruleId,
              }
            : null,
          confidence: r.effect.cite ? confidenceView(r.effect.cite.confidence) : null,
        }
      : null,
    gather: r.gather,
    howToSend: r.howToSend,
    whatHappensNext: r.whatHappensNext,
    letter: r.letterKind
      ? {
          kind: r.letterKind,
          text: String(translate(advisorLetterWords(r.letterKind))),
          written: documentKindsFor(r.letterKind).length > 0,
        }
      : null,
    cautions: r.cautions,
    citations: r.citations.map((c) => ({
      instrument: c.instrument,
      provision: c.provision,
      url: c.url,
      rule: c.ruleId,
      confidence: confidenceView(c.confidence),
    })),
  }
}

function contactView(f: ContactFact, isLink = false): ContactView {
  return {
    label: f.label,
    value: f.value,
    lines: f.value.split('\n'),
    isLink,
    note: f.note,
    confidence: confidenceView(f.confidence),
    checkedOn: formatDate(f.checkedOn),
    sources: f.sources,
  }
}

/** The contact facts that fit the parent's nation, each with its source. */
export function contactsFor(nation: string, contacts: Contacts): ContactView[] {
  if (nation === 'northern-ireland')
    return [
      contactView(contacts.northernIreland.cms, true),
      contactView(contacts.northernIreland.appealsService, true),
      contactView(contacts.northernIreland.ombudsman),
      contactView(contacts.northernIreland.records),
    ]
  return [
    contactView(contacts.cms.phone),
    contactView(contacts.cms.relayUk),
    contactView(contacts.cms.openingHours),
    contactView(contacts.cms.postalAddress),
    ...(nation === 'wales' ? [contactView(contacts.cms.welshLanguageLine)] : []),
  ]
}

/** Everything the "What you can do" page shows. `problems` are the chosen problem kinds, in the advisor's order. */
export function presentOptions(
  advice: RouteAnswer,
  nation: string,
  problems: readonly string[],
  contacts: Contacts,
): OptionsView {
  const answer = adviceInWords(advice)
  const problemText = (i: number | null): string | null => {
    if (i === null || problems.length < 2) return null
    const kind = problems[i]
    return kind ? copy(`routes.q.problems.options.${kind}.text`) : null
  }
  const routes = answer.routes.map((r) => presentRoute(r, problemText))
  return {
    today: formatLongDate(answer.today),
    routes,
    noAppeal: answer.noAppeal.map((n) => {
      const r = answer.routes.find((x) => x.id === n.route && x.problem === n.problem)
      return {
        text: n.text,
        anchor: r ? `route-${r.rank}` : null,
        rank: r?.rank ?? null,
        title: r?.title ?? null,
      }
    }),
    contacts: contactsFor(nation, contacts),
    paidWarning: {
      text: contacts.paidNumberWarning.text,
      checkedOn: formatDate(contacts.paidNumberWarning.checkedOn),
      sources: contacts.paidNumberWarning.sources,
    },
    help: answer.help,
    assumptions: answer.assumptions,
    hasCalendar: routes.some((r) => r.deadlines.some((d) => d.icsHref)),
  }
}
