import type { LedgerMonth, Reconciliation } from '../../../domain/arrears/index.ts'
import { formatPounds, toDecimal, type Pence } from '../../../domain/shared/pence.ts'
import { formatDate, formatYearMonth, parseDate, Temporal } from '../../../domain/shared/plain-date.ts'
import { text } from '../../i18n.ts'

/** The discrepancy schedule's column headings and evidence words (also in the CSV). */
const csvText = (key: string): string => text(`arrearsPage.csv.${key}`)

/** "2025-03" → "March 2025" */
export const monthName = formatYearMonth

export const money = (p: Pence | number | null): string => (p === null ? '–' : formatPounds(p as Pence))
export const isoToText = (iso: string): string => formatDate(parseDate(iso))

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export interface ChartCopy {
  readonly title: string
  readonly description: string
  readonly evidenceLabel: string
  readonly cmsLabel: string
}

/**
 * The balance over time as an SVG line chart, drawn on the server (no script): arrears on the
 * parent's evidence, and on the CMS's records where there are any, at the end of each month. It is
 * an image with a title and description; the ledger table beside it is the full text alternative.
 */
export function balanceChart(months: readonly LedgerMonth[], copy: ChartCopy): string {
  const W = 640
  const H = 300
  const pad = { l: 76, r: 16, t: 20, b: 48 }
  const series: { label: string; values: number[]; stroke: string; dash: string }[] = [
    {
      label: copy.evidenceLabel,
      values: months.map((m) => m.balanceOnEvidence),
      stroke: '#0b6e4f',
      dash: '',
    },
  ]
  if (months.some((m) => m.balanceOnCmsRecords !== null))
    series.push({
      label: copy.cmsLabel,
      values: months.map((m) => m.balanceOnCmsRecords ?? 0),
      stroke: '#b58840',
      dash: '6 4',
    })
  const all = series.flatMap((s) => s.values).concat(0)
  const lo = Math.min(...all)
  const hi = Math.max(...all)
  const span = hi - lo || 100
  const x = (i: number) =>
    pad.l + (months.length <= 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (months.length - 1))
  const y = (v: number) => pad.t + ((hi - v) * (H - pad.t - pad.b)) / span
  const parts: string[] = []
  parts.push(
    `<svg class="rd-arrears-chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="arrears-chart-title arrears-chart-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="arrears-chart-title">${esc(copy.title)}</title>`,
    `<desc id="arrears-chart-desc">${esc(copy.description)}</desc>`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`,
  )
  for (const v of [hi, (hi + lo) / 2, lo, 0].filter((v, i, a) => a.indexOf(v) === i)) {
    const yy = y(v).toFixed(1)
    parts.push(
      `<line x1="${pad.l}" x2="${W - pad.r}" y1="${yy}" y2="${yy}" stroke="${v === 0 ? '#505a5f' : '#d8dcde'}" stroke-width="1"/>`,
      `<text x="${pad.l - 6}" y="${yy}" dy="4" text-anchor="end" font-size="12" fill="#0b0c0c">${esc(formatPounds(Math.round(v) as Pence))}</text>`,
    )
  }
  const step = Math.max(1, Math.ceil(months.length / 8))
  months.forEach((m, i) => {
    if (i % step !== 0 && i !== months.length - 1) return
    const [month, year] = formatYearMonth(m.month).split(' ')
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${H - pad.b + 18}" text-anchor="middle" font-size="12" fill="#0b0c0c">${month!.slice(0, 3)} ${year!.slice(2)}</text>`,
    )
  })
  for (const s of series) {
    const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
    parts.push(
      `<polyline points="${pts}" fill="none" stroke="${s.stroke}" stroke-width="3"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
    )
    s.values.forEach((v, i) =>
      parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${s.stroke}"/>`),
    )
  }
  series.forEach((s, i) => {
    const lx = pad.l + i * 240
    parts.push(
      `<line x1="${lx}" x2="${lx + 28}" y1="${H - 12}" y2="${H - 12}" stroke="${s.stroke}" stroke-width="3"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
      `<text x="${lx + 34}" y="${H - 8}" font-size="12" fill="#0b0c0c">${esc(s.label)}</text>`,
    )
  })
  parts.push('</svg>')
  return parts.join('')
}

/** The discrepancy schedule as rows (for the page, the CSV and the letters). */
export interface DiscrepancyRow {
  readonly date: string
  readonly what: string
  readonly amount: string
  readonly evidence: string
}

export function discrepancyRows(r: Reconciliation, evidenceText: (id: string) => string): DiscrepancyRow[] {
  const rows: DiscrepancyRow[] = []
  for (const p of r.parts)
    rows.push({
      date: formatDate(r.asOf),
      what: text(p.text),
      amount: toDecimal(p.amount),
      evidence: p.evidence.map(evidenceText).join('; '),
    })
  for (const f of r.dueFindings)
    rows.push({
      date: f.date ? formatDate(f.date) : formatDate(r.asOf),
      what: text(f.text),
      amount: toDecimal(f.amount),
      evidence: csvText('scheduleAndDecisions'),
    })
  return rows
}

const csvCell = (s: string): string => {
  // Cells starting with = + - @ are quoted with a leading apostrophe so a spreadsheet never runs them.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-\d/.test(s) ? `'${s}` : s
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The discrepancy schedule and the month-by-month ledger as CSV (UTF-8 with a byte-order mark, for spreadsheets). */
export function scheduleCsv(r: Reconciliation, rows: readonly DiscrepancyRow[]): string {
  const lines = [['date', 'difference', 'amount', 'evidence'].map(csvText).map(csvCell).join(',')]
  for (const d of rows) lines.push([d.date, d.what, d.amount, d.evidence].map(csvCell).join(','))
  lines.push('')
  lines.push(
    ['month', 'dueSchedule', 'dueDecisions', 'paid', 'cmsRecorded', 'balance', 'cmsBalance']
      .map(csvText)
      .map(csvCell)
      .join(','),
  )
  for (const m of r.months)
    lines.push(
      [
        monthName(m.month),
        toDecimal(m.scheduledDue),
        m.liabilityDue === null ? '' : toDecimal(m.liabilityDue),
        toDecimal(m.paid),
        m.cmsRecorded === null ? '' : toDecimal(m.cmsRecorded),
        toDecimal(m.balanceOnEvidence),
        m.balanceOnCmsRecords === null ? '' : toDecimal(m.balanceOnCmsRecords),
      ]
        .map(csvCell)
        .join(','),
    )
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** A GOV.UK date input's items for an ISO date (or what was typed). */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  if (!iso) return { day: '', month: '', year: '' }
  try {
    const d = Temporal.PlainDate.from(iso)
    return { day: String(d.day), month: String(d.month), year: String(d.year) }
  } catch {
    const [year = '', month = '', day = ''] = iso.split('-')
    return { day, month, year }
  }
}
