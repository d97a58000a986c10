import type { BundleReport, FoundDetail, PageToCheck } from './types.ts'
import type { RedactionKind } from './redact.ts'
import { listInWords } from '../letters/common.ts'

const KIND: Record<RedactionKind, string> = {
  address: 'address',
  postcode: 'postcode',
  phone: 'phone number',
  email: 'email address',
}

/** "3", "3–5", "3–5, 9" */
export function pageList(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b)
  const runs: string[] = []
  let start = sorted[0]
  let prev = start
  for (const p of [...sorted.slice(1), Number.NaN]) {
    if (start === undefined || prev === undefined) break
    if (p === prev + 1) {
      prev = p
      continue
    }
    runs.push(start === prev ? `${start}` : `${start}–${prev}`)
    start = p
    prev = p
  }
  return runs.join(', ')
}

const groupBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>()
  for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), i])
  return m
}

/** The report's findings in plain English, the ones needing action first. */
export function describeFindings(
  report: Omit<BundleReport, 'messages'>,
  unreadable: readonly string[],
  redacting: boolean,
): string[] {
  const out: string[] = report.problems.map((p) => p.message)
  for (const [, list] of groupBy<FoundDetail>(report.redaction.found, (f) => `${f.id}|${f.whose}`)) {
    const f = list[0]!
    const kinds = listInWords([...new Set(list.map((x) => KIND[x.kind]))])
    const pages = new Set(list.map((x) => x.page))
    out.push(
      `“${f.title}” (${f.fileName}) shows ${f.whose}’s ${kinds} on page${pages.size > 1 ? 's' : ''} ${pageList([...pages])} of the bundle. ` +
        'Redress cannot change your own files: cover the details and scan the page again, or leave the page out, before you share the bundle.',
    )
  }
  for (const [, list] of groupBy<PageToCheck>(report.redaction.pagesToCheck, (p) => p.id)) {
    const p = list[0]!
    out.push(
      `Page${list.length > 1 ? 's' : ''} ${pageList(list.map((x) => x.page))} (“${p.title}”) ${list.length > 1 ? 'are' : 'is a'} ` +
        `scan${list.length > 1 ? 's' : ''} with no text Redress can read` +
        (redacting
          ? ', so Redress could not check them for contact details. Please look at them yourself.'
          : '.'),
    )
  }
  for (const name of unreadable)
    out.push(`Redress could not read the text of “${name}”; its pages are listed to check by eye.`)
  for (const [, list] of groupBy(report.redaction.removed, (r) => r.whose)) {
    const total = list.reduce((a, r) => a + r.count, 0)
    out.push(
      `Redress removed ${list[0]!.whose}’s contact details from the pages it made (${total} place${total === 1 ? '' : 's'}).`,
    )
  }
  return out
}
