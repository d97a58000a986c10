import { listInWords } from '../letters/common.ts'
import { possessive, type RedactionKind } from './redact.ts'
import type { BundleEntry, BundleInput, BundleReport, FoundDetail, PageToCheck } from './types.ts'

const KIND: Record<RedactionKind, string> = {
  address: 'address',
  postcode: 'postcode',
  phone: 'phone number',
  email: 'email address',
  text: 'other details you listed',
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

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many)

/** The core documents a tribunal expects in an appeal bundle, and which are missing. */
export function missingCoreDocuments(input: BundleInput, entries: readonly BundleEntry[]): string[] {
  if (input.purpose === 'other') return []
  const present = new Set(entries.map((e) => e.id))
  const has = (role: 'decision' | 'reconsideration-notice'): boolean =>
    input.documents.some((d) => d.role === role && present.has(d.id))
  const out: string[] = []
  if (!has('reconsideration-notice'))
    out.push(
      'There is no mandatory reconsideration notice in this bundle. The tribunal needs it to accept an appeal: ' +
        'add the notice to your case (upload it and link it to the decision), then build the bundle again.',
    )
  if (!has('decision') && !entries.some((e) => e.section === 'decision'))
    out.push(
      'There is no decision letter in this bundle. Add the letter with the decision you are appealing against.',
    )
  return out
}

/** The report's findings in plain English, the ones needing action first. */
export function describeFindings(report: Omit<BundleReport, 'messages'>, redacting: boolean): string[] {
  const out: string[] = [...report.warnings, ...report.problems.map((p) => p.message)]
  for (const [, list] of groupBy<FoundDetail>(report.redaction.found, (f) => `${f.id}|${f.whose}`)) {
    const f = list[0]!
    const kinds = listInWords([...new Set(list.map((x) => KIND[x.kind]))])
    const pages = new Set(list.map((x) => x.page))
    out.push(
      `“${f.title}” (${f.fileName}) still shows ${possessive(f.whose)} ${kinds} on ` +
        `${plural(pages.size, 'page', 'pages')} ${pageList([...pages])} of the bundle after Redress tried to remove ${plural(list.length, 'it', 'them')}. ` +
        'Leave the page out, or cover the details and scan the page again, before you share the bundle.',
    )
  }
  for (const [, list] of groupBy<PageToCheck>(report.redaction.pagesToCheck, (p) => p.id)) {
    const p = list[0]!
    const n = list.length
    out.push(
      `${plural(n, 'Page', 'Pages')} ${pageList(list.map((x) => x.page))} (“${p.title}”) ${plural(n, 'is a picture', 'are pictures')} ` +
        'with no text Redress can search' +
        (redacting
          ? `, so Redress could not remove anything from ${plural(n, 'it', 'them')}. Look at ${plural(n, 'it', 'them')} yourself before you share the bundle.`
          : '.'),
    )
  }
  for (const [, list] of groupBy<PageToCheck>(report.redaction.notesLeftOut, (p) => p.id)) {
    const p = list[0]!
    out.push(
      `Redress left out ${plural(list.length, 'page', 'pages')} ${pageList(list.map((x) => x.page))} of “${p.title}” (${p.fileName}): ` +
        `${list.length === 1 ? 'it is a page' : 'they are pages'} of notes for you, not for sending.`,
    )
  }
  for (const [, list] of groupBy(report.redaction.removed, (r) => r.whose)) {
    const total = list.reduce((a, r) => a + r.count, 0)
    out.push(
      `Redress removed ${possessive(list[0]!.whose)} details from the bundle (${total} ${plural(total, 'place', 'places')}). ` +
        'The redaction log lists every page changed.',
    )
  }
  return out
}
