import { formatPounds, pence, toDecimal } from '../../../domain/shared/pence.ts'
import { formatDate, formatLongDate, parseDate } from '../../../domain/shared/plain-date.ts'
import { formatBytes, formatCmsReference, type Entity } from '../../../domain/case/index.ts'
import { translate } from '../../i18n.ts'

/** Formatting for the case-file templates (registered as nunjucks globals by the routes). */

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

/** Made once: a formatter costs far more to make than to use (a history page formats a hundred). */
const WHEN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

export const present = {
  date: (iso: string | null | undefined): string => (iso ? formatDate(parseDate(iso)) : ''),
  longDate: (iso: string | null | undefined): string => (iso ? formatLongDate(parseDate(iso)) : ''),
  /** An instant (ISO) as a UK date and time: "3 February 2025, 10:15". */
  when: (instant: string | null | undefined): string => {
    if (!instant) return ''
    const parts = WHEN.formatToParts(new Date(instant))
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
    return `${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`
  },
  money: (p: number | null | undefined): string =>
    p === null || p === undefined ? '' : formatPounds(pence(p)),
  /** Pence as the pounds a form shows ("82.06"). */
  pounds: (p: number | null | undefined): string =>
    p === null || p === undefined ? '' : toDecimal(pence(p)),
  bytes: (n: number): string => formatBytes(n),
  reference: (r: string | null | undefined): string => (r ? formatCmsReference(r) : ''),
  /** "in 3 days", "today", "2 days ago". */
  daysLeft: (n: number): string =>
    n === 0
      ? copy('case.days.today')
      : n === 1
        ? copy('case.days.tomorrow')
        : n > 0
          ? copy('case.days.left', { n })
          : n === -1
            ? copy('case.days.yesterday')
            : copy('case.days.ago', { n: -n }),
  label: (group: string, value: string | null | undefined): string =>
    value ? copy(`case.labels.${group}.${value}`) : '',
}

/** Where each kind of record is shown, for links and redirects. */
export function recordPath(caseId: string, entity: Entity, id: string): string {
  const base = `/cases/${caseId}`
  switch (entity) {
    case 'case':
      return base
    case 'decision':
      return `${base}/decisions/${id}`
    case 'event':
      return `${base}/events/${id}`
    case 'evidence':
      return `${base}/evidence/${id}`
    case 'task':
      return `${base}/tasks/${id}`
    case 'link':
      return `${base}/bin`
  }
}
